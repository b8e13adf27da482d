"""The bot's access to the database: one in-process writer at a time on SQLite.

SQLite allows one writer. Its busy handler makes waiting writers sleep and
retry (1, 2, 5, ... 100 ms), which wastes most of the time when the inbox
processor, the outbox sender and the fetcher all write at once. Inside the
bot they queue on an asyncio lock instead and never meet the busy handler;
other processes (the console) still wait on SQLite's own lock as usual.
PostgreSQL needs no gate.

``is_transient`` tells a database that is away (locked past the busy timeout,
server stopped, connection dropped) from a bug: the bot waits out the first
and keeps everything, and records the second.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
from collections.abc import AsyncIterator

from sqlalchemy import exc as sa_exc
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database


class WriteGate:
    """A FIFO lock with a fast lane: recording what Telegram already accepted goes first.

    The shorter the time between Telegram accepting a message and the commit
    that marks it delivered, the fewer messages a crash can make us send twice.
    """

    def __init__(self) -> None:
        self._held = False
        self._queues: tuple[collections.deque[asyncio.Future[None]], ...] = (collections.deque(), collections.deque())

    async def acquire(self, urgent: bool) -> None:
        if not self._held and not any(self._queues):
            self._held = True
            return
        waiter = asyncio.get_running_loop().create_future()
        queue = self._queues[0 if urgent else 1]
        queue.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # granted just as we were cancelled: pass it on
            else:
                queue.remove(waiter)
            raise

    def release(self) -> None:
        for queue in self._queues:
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_result(None)  # ownership passes on; stays held
                    return
        self._held = False


class BotDatabase:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._gate: WriteGate | None = WriteGate() if db.dialect == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.db.dialect

    @contextlib.asynccontextmanager
    async def write(self, *, urgent: bool = False) -> AsyncIterator[AsyncSession]:
        """One write transaction, committed when the block ends; ``urgent`` writers go first."""
        if self._gate is None:
            async with self.db.write() as session:
                yield session
            return
        await self._gate.acquire(urgent)
        try:
            async with self.db.write() as session:
                yield session
        finally:
            self._gate.release()

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        async with self.db.read() as session:
            yield session


def is_transient(error: BaseException) -> bool:
    """True when the database (not our code) failed: wait and retry, never give up the data."""
    if isinstance(error, (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError,
                          sa_exc.DisconnectionError, ConnectionError, TimeoutError)):
        return True
    if isinstance(error, sa_exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, OSError) and not isinstance(error, FileNotFoundError):
        # asyncpg raises OSError/ConnectionRefusedError when PostgreSQL is down.
        return True
    return False
