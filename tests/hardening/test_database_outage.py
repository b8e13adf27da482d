"""The database away for 30 seconds while citizens write: updates wait in Telegram, nothing is lost.

Two outages, run at the same time so the suite pays 30 s once rather than twice:

* SQLite: another process holds ``BEGIN EXCLUSIVE`` on the database file for
  30 s (as a backup tool or a stuck console might). The bot's writers wait in
  SQLite's busy handler and then retry; readers still work (WAL).
* PostgreSQL: the shared server is not stopped (other suites use it). The bot
  reaches it through a loopback TCP proxy written here, which for 30 s
  refuses new connections and has cut the open ones: to the bot that is a
  stopped server. (Runs when TRYGG_TEST_POSTGRES_URL is set, as in CI.)

Throughout, a monitor reads the inbox directly (the file, or the real
server port) and the fake Telegram's getUpdates offset: no update may be
confirmed to Telegram that is not in the inbox. Afterwards every message is
stored exactly once and answered, and the bot got there by itself.

The bot's database backoff is capped at 1 s here (``backoff_max``; 30 s in
production) so recovery is measured in seconds, not in the last backoff step.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.localapi import LocalBotApi
from storage.db import open_database
from storage.models import InboxUpdate, OutboxMessage, Submission
from storage.profile import Profile
from tests.bot.conftest import TEST_OPTIONS, Harness, roomy
from tests.hardening.support import REF, record_figures

OUTAGE = 30.0
CHATS, PER_CHAT = 5, 4  # 20 messages written during the outage
OPTIONS = dataclasses.replace(TEST_OPTIONS, backoff_max=1.0)


class CuttableProxy:
    """127.0.0.1:<port> -> target; ``cut()`` refuses and drops connections until ``restore()``."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        """Stop listening (new connections are refused) and abort every open connection."""
        assert self._server is not None
        self._server.close()
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()
        await self._server.wait_closed()
        self._server = None

    async def restore(self) -> None:
        await self.start()  # the same port again

    async def close(self) -> None:
        if self._server is not None:
            await self.cut()

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        self._open.update((client_writer, server_writer))
        await asyncio.gather(self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.transport.abort()
        self._open.discard(writer)


LOCK_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()  # until the test says the outage is over
connection.execute("COMMIT")
"""


async def run_outage(name: str, api: LocalBotApi, harness: Harness, monitor_url: str,
                     begin: Any, end: Any) -> dict[str, Any]:
    """Warm up, take the database away for OUTAGE seconds while 20 messages arrive, bring it back."""
    users = [api.add_user(f"{name}{i}") for i in range(CHATS)]
    await api.send_text(users[0], "Innan avbrottet: cykelstöld vid stationen")
    first_update = api.last_update_id or 0
    await api.wait_for_messages(users[0].id, 1, timeout=30)
    await harness.settle()
    monitor = open_database(monitor_url)
    violations: list[str] = []
    confirmed_during: list[int] = []
    outage_on = False

    async def watch() -> None:
        while True:
            confirmed = api.updates_confirmed_upto  # first: the bot commits before it confirms
            async with monitor.read() as session:
                stored = set((await session.execute(select(InboxUpdate.update_id))).scalars())
            missing = [u for u in range(first_update, confirmed) if u not in stored]
            if missing:
                violations.append(f"confirmed up to {confirmed} but {missing[:5]} not in the inbox")
            if outage_on:
                confirmed_during.append(confirmed)
            await asyncio.sleep(0.25)

    await begin()
    outage_on = True
    began = time.monotonic()
    first_during = (api.last_update_id or 0) + 1
    watcher = asyncio.create_task(watch())
    texts: list[tuple[int, str]] = []
    for n in range(PER_CHAT):
        for i, user in enumerate(users):
            text = f"Under avbrottet {n} från {user.first_name}: inbrott i bilar på parkeringen"
            await api.send_text(user, text)
            texts.append((user.id, text))
        await asyncio.sleep((OUTAGE - 2) / PER_CHAT)
    await asyncio.sleep(max(0.0, OUTAGE - (time.monotonic() - began)))
    unanswered = sum(len(api.messages_to(u.id)) for u in users) - 1
    confirmed_at_end = api.updates_confirmed_upto
    outage_on = False
    await end()
    ended = time.monotonic()

    def answered() -> bool:
        return all(len(api.messages_to(u.id)) >= PER_CHAT + (1 if u is users[0] else 0) for u in users)

    await api.wait_until(answered, timeout=60, description=f"{name}: a receipt for every message after the outage")
    recovered = time.monotonic() - ended
    await harness.settle()
    if watcher.done():
        watcher.result()  # the monitor itself failed: say why
    watcher.cancel()
    await asyncio.gather(watcher, return_exceptions=True)
    async with monitor.read() as session:
        stored = (await session.execute(select(Submission.source_chat_id, Submission.text))).all()
        inbox = Counter((await session.execute(select(InboxUpdate.status))).scalars())
        outbox = Counter((await session.execute(select(OutboxMessage.status))).scalars())
    await monitor.close()

    assert not violations, f"{name}: {violations[:3]}"
    assert unanswered == 0, f"{name}: answered during the outage"
    assert confirmed_at_end <= first_during, f"{name}: the offset moved past updates that could not be stored"
    assert max(confirmed_during) <= first_during, name
    written = Counter(texts) + Counter({(users[0].id, "Innan avbrottet: cykelstöld vid stationen"): 1})
    assert Counter(stored) == written, f"{name}: every message stored exactly once"
    assert set(inbox) == {"done"} and set(outbox) == {"delivered"}, (name, inbox, outbox)
    for user in users:
        assert all(REF.search(m.text or "") for m in api.messages_to(user.id)), name
    return {"outage_s": round(ended - began, 1), "messages_during_outage": len(texts),
            "stored": len(stored) - 1, "lost": sum((written - Counter(stored)).values()),
            "duplicated": len(stored) - len(set(stored)), "offset_confirmed_during_outage": max(confirmed_during),
            "first_update_of_outage": first_during, "answered_all_within_s_after_outage": round(recovered, 2)}


async def sqlite_outage(url: str, profile: Profile, tmp: Path) -> dict[str, Any]:
    path = make_url(url).database
    holder: asyncio.subprocess.Process | None = None

    async def begin() -> None:
        nonlocal holder
        holder = await asyncio.create_subprocess_exec(sys.executable, "-c", LOCK_HOLDER, path,
                                                      stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
        assert holder.stdout is not None
        assert (await holder.stdout.readline()).strip() == b"locked"

    async def end() -> None:
        assert holder is not None and holder.stdin is not None
        holder.stdin.write(b"release\n")  # it commits and lets go
        await holder.stdin.drain()
        assert await holder.wait() == 0

    db = open_database(url)
    try:
        async with LocalBotApi() as api:
            harness = Harness(api=api, db=db, profile=profile, tmp=tmp, url=url, options=OPTIONS)
            await harness.start()
            try:
                return await run_outage("Lite", api, harness, url, begin, end)
            finally:
                await harness.stop()
                if holder is not None and holder.returncode is None:
                    holder.kill()
    finally:
        await db.close()


async def postgres_outage(url: str, profile: Profile, tmp: Path) -> dict[str, Any]:
    real = make_url(url)
    proxy = CuttableProxy(real.host or "127.0.0.1", real.port or 5432)
    await proxy.start()
    through = real.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    db = open_database(through)
    try:
        async with LocalBotApi() as api:
            harness = Harness(api=api, db=db, profile=profile, tmp=tmp, url=through, options=OPTIONS)
            await harness.start()
            try:
                return await run_outage("Pg", api, harness, url, proxy.cut, proxy.restore)
            finally:
                await harness.stop()
    finally:
        await db.close()
        await proxy.close()


@pytest.fixture
def optional_postgres_url(request: pytest.FixtureRequest) -> str | None:
    """The session's PostgreSQL database, or None without TRYGG_TEST_POSTGRES_URL (the SQLite half still runs)."""
    try:
        return request.getfixturevalue("postgres_url")
    except pytest.skip.Exception:
        return None


@pytest.mark.slow
async def test_the_database_away_for_30_seconds_loses_nothing_and_recovers_by_itself(
        sqlite_url: str, optional_postgres_url: str | None, profile: Profile, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="trygg")
    for folder in ("sqlite", "pg"):
        (tmp_path / folder).mkdir()
    outages = {"sqlite_locked": sqlite_outage(sqlite_url, roomy(profile), tmp_path / "sqlite")}
    if optional_postgres_url is not None:
        outages["postgres_stopped"] = postgres_outage(optional_postgres_url, roomy(profile), tmp_path / "pg")
    started = time.monotonic()
    try:
        results = dict(zip(outages, await asyncio.gather(*outages.values())))
    finally:
        if optional_postgres_url is not None:
            from tests.conftest import truncate_all

            db = open_database(optional_postgres_url)
            await truncate_all(db)
            await db.close()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("trygg") and r.levelno >= logging.WARNING]
    outage_lines = [line for line in lines if "unavailable" in line or "working again" in line]
    # One line when a part of the bot loses the database and one when it has it back, not one per retry.
    assert len(outage_lines) <= 8 * len(results), outage_lines
    results["log_lines"] = sorted(set(outage_lines))
    results["wall_seconds"] = round(time.monotonic() - started, 1)
    record_figures("database_outage", results)
