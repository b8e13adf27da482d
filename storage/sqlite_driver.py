"""aiosqlite with one trip to the connection's thread per statement, and no rollback after a commit.

aiosqlite runs each sqlite3 call on the connection's own thread, and every
call is a trip: a queue put, a thread wake-up, and the event loop woken
again through its self-pipe. SQLAlchemy's adapter makes four of them for
one statement (``cursor()``, ``execute``, ``fetchall``, ``close``), and the
pool adds a fifth, a ``rollback`` when the connection goes back after a
commit, when nothing is left to roll back. A statement itself takes tens
of microseconds; the trips cost more than the work, and the bot's round of
updates makes a dozen statements while citizens wait for their replies.

``OneTripConnection`` is an ``aiosqlite.Connection`` whose cursors do the
whole statement in one trip: execute, then read the result and the
cursor's ``description``, ``rowcount`` and ``lastrowid`` on the thread.
``cursor()`` and ``close()`` make no trip. Rows are read whole at once,
as SQLAlchemy's adapter already does for every non-streaming cursor.

``reset_only_open_transactions`` replaces the pool's rollback-on-return:
it rolls back only a connection that still has a transaction open (a
session abandoned mid-way), which ``sqlite3.Connection.in_transaction``
tells without a trip.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager
from sqlalchemy import event
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry, PoolResetState

_Result = tuple[list[Any] | None, Any, int, int | None]


class OneTripCursor(aiosqlite.Cursor):
    """A cursor whose ``execute`` runs and reads the statement in one trip to the thread."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.iter_chunk_size = conn._iter_chunk_size
        self._conn = conn
        self._sqlite: sqlite3.Cursor | None = None  # made on the thread at the first statement
        self._rows: collections.deque[Any] = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None
        self._arraysize = 1

    async def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> OneTripCursor:
        self._take(await self._conn._execute(self._run, "execute", sql, [] if parameters is None else parameters))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Iterable[Any]]) -> OneTripCursor:
        self._take(await self._conn._execute(self._run, "executemany", sql, parameters))
        return self

    def _run(self, how: str, sql: str, parameters: Any) -> _Result:
        """On the connection's thread: the statement, then everything the caller will ask of it."""
        if self._sqlite is None:
            self._sqlite = self._conn._conn.cursor()
        cursor = self._sqlite
        getattr(cursor, how)(sql, parameters)
        rows = cursor.fetchall() if cursor.description else None
        return rows, cursor.description, cursor.rowcount, cursor.lastrowid

    def _take(self, result: _Result) -> None:
        rows, self._description, self._rowcount, self._lastrowid = result
        self._rows = collections.deque(rows or ())

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = min(self._arraysize if size is None else size, len(self._rows))
        return [self._rows.popleft() for _ in range(count)]

    async def fetchall(self) -> list[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    async def close(self) -> None:
        """No trip: the statement was read to its end on the thread, which resets it."""
        self._rows.clear()
        self._sqlite = None

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def description(self) -> Any:
        return self._description

    @property
    def arraysize(self) -> int:
        return self._arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._arraysize = value


class OneTripConnection(aiosqlite.Connection):
    @contextmanager  # aiosqlite's: the result is awaitable and an async context manager, as SQLAlchemy expects
    async def cursor(self) -> OneTripCursor:
        return OneTripCursor(self)


def connector(url: URL, **overrides: Any) -> Callable[[], Awaitable[OneTripConnection]]:
    """``create_async_engine``'s ``async_creator`` for an ``sqlite+aiosqlite`` URL, with the URL's own arguments."""
    from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite

    args, kwargs = SQLiteDialect_aiosqlite().create_connect_args(url)
    kwargs.update(overrides)

    async def connect() -> OneTripConnection:
        connection = OneTripConnection(lambda: sqlite3.connect(*args, **kwargs), iter_chunk_size=64)
        connection._thread.daemon = True  # as SQLAlchemy does: a forgotten connection must not keep the process alive
        return await connection

    return connect


def reset_only_open_transactions(engine: AsyncEngine) -> None:
    """Roll back on return only a connection still in a transaction (needs ``pool_reset_on_return=None``)."""

    @event.listens_for(engine.sync_engine, "reset")
    def _reset(dbapi_connection: Any, record: ConnectionPoolEntry, state: PoolResetState) -> None:
        if state.terminate_only or not state.asyncio_safe:
            return  # being discarded, or garbage-collected outside the event loop: nothing can be awaited
        if record.driver_connection is not None and record.driver_connection.in_transaction:
            dbapi_connection.rollback()
