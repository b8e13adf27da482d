"""The delivery journal: what Telegram accepted, written down before the database knows it.

Telegram has no idempotency key, so a message Telegram accepted but the
database does not yet show as delivered is sent again after a crash. On
SQLite that window was long: the commit that marks a message delivered
waits for the one writer, which the inbox processor holds for a whole round
of updates, so a SIGKILL in a burst caught a message in nearly every busy
chat (measured: 16 of 20 chats per kill).

The journal shortens the window to the time between the answer arriving and
one ``write()`` system call: the sender appends a line per accepted message
to a small file beside the database, and the delivery log commits the lines
to the database in groups, whenever the writer is free. The file is not
synced: a killed process's writes are already in the kernel and survive it;
a power cut may lose the last lines, and those messages are sent again, as
they were before the journal. At start-up the bot applies what the previous
run journaled, before it sends anything again, and empties the file.

The file is also a lock (``flock``): a second ``trygg bot`` on the same
SQLite database is refused with one line. Two senders on one SQLite file
could only queue for its single writer, and would each replay the other's
journal. PostgreSQL has no single writer, records deliveries at once and
needs no journal.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from pathlib import Path

from bot.outbox.store import Delivery
from storage.db import Database
from storage.errors import TryggError


class BotAlreadyRunning(TryggError):
    """Another ``trygg bot`` holds this SQLite database's delivery journal."""


class DeliveryJournal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def for_database(cls, db: Database) -> DeliveryJournal | None:
        """The journal beside an SQLite file (``trygg.db-deliveries``); None for PostgreSQL or in-memory SQLite."""
        if db.dialect != "sqlite":
            return None
        name = db.engine.url.database
        if not name or name == ":memory:" or name.startswith("file:"):
            return None
        path = Path(name)
        return cls(path.with_name(path.name + "-deliveries"))

    def open(self) -> list[Delivery]:
        """Lock the journal and return what a previous run wrote and did not commit."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError as exc:
            raise TryggError(f"cannot open the delivery journal {self.path} beside the database: "
                             f"{exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BotAlreadyRunning(f"another trygg bot is already running on this database ({self.path} is locked); "
                                    "stop it first") from None
        self._fd = fd
        with open(fd, "rb", closefd=False) as handle:
            handle.seek(0)
            return _parse(handle.read())

    def append(self, delivery: Delivery) -> None:
        assert self._fd is not None, "open() the journal first"
        os.write(self._fd, _line(delivery))

    def keep_only(self, uncommitted: list[Delivery]) -> None:
        """The rest is committed to the database: the journal shrinks to ``uncommitted``.

        Between the two system calls a kill would lose those lines, and their messages would be sent
        again after the restart, as without a journal: a window of microseconds, once per commit.
        """
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            if uncommitted:
                os.write(self._fd, b"".join(_line(d) for d in uncommitted))

    def clear(self) -> None:
        self.keep_only([])

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # releases the lock
            self._fd = None


def _line(delivery: Delivery) -> bytes:
    """Outbox row id, Telegram message id, kind, and when (Unix time) Telegram accepted it."""
    at = (delivery.at or dt.datetime.now(dt.UTC)).timestamp()
    return f"{delivery.row_id} {delivery.telegram_message_id} {delivery.kind} {at:.3f}\n".encode()


def _parse(data: bytes) -> list[Delivery]:
    """The journal's lines; a torn or foreign line is skipped (its message is at worst sent again)."""
    deliveries = []
    for line in data.decode("utf-8", "replace").splitlines():
        parts = line.split(" ")
        if len(parts) != 4 or not (parts[0].isdigit() and parts[1].isdigit() and parts[2]):
            continue
        try:
            at = dt.datetime.fromtimestamp(float(parts[3]), dt.UTC)
        except (ValueError, OverflowError, OSError):
            continue
        deliveries.append(Delivery(int(parts[0]), int(parts[1]), parts[2], at))
    return deliveries
