"""Engines and sessions: SQLite done right, PostgreSQL through asyncpg, same code.

``Database`` is created by each entry point's composition root (never at
import time) and closed with it. Use cases open one session per task:

    async with db.write() as session:      # BEGIN IMMEDIATE on SQLite
        ...                                # commits on success, rolls back on error
    async with db.read() as session:       # plain BEGIN; WAL lets readers run beside a writer
        ...
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.errors import DatabaseError
from storage.sqlite_driver import connector, reset_only_open_transactions

SQLITE_BUSY_TIMEOUT_MS = 30_000
_WRITE_OPTION = "trygg_write"


@dataclass
class Database:
    engine: AsyncEngine
    _read: async_sessionmaker[AsyncSession]
    _write: async_sessionmaker[AsyncSession]
    # SQLite: commits never copy the WAL into the database file; the owner calls checkpoint() instead.
    background_checkpoints: bool = False

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextlib.asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncSession]:
        """A session in a write transaction that commits when the block ends."""
        async with self._write() as session, session.begin():
            yield session

    @contextlib.asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncSession]:
        async with self._read() as session, session.begin():
            yield session

    async def close(self) -> None:
        await self.engine.dispose()

    async def checkpoint(self) -> None:
        """Copy SQLite's write-ahead log into the database file (PASSIVE: blocks no reader or writer).

        SQLite does this itself in the commit that grows the log past 1,000 pages, and that commit
        then waits for the copy and its fsync: every few hundred messages one round of the bot, and
        the citizens waiting on it, took 8-70 ms longer. A database opened with
        ``background_checkpoints`` leaves it to whoever calls this, on its own connection's thread.
        No-op on PostgreSQL.
        """
        if self.dialect != "sqlite":
            return
        async with self.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            async with raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)"):
                pass

    def bound_to(self, connection: AsyncConnection) -> Database:
        """The same database, with every session joined to ``connection``'s transaction.

        SQLAlchemy's "join a session into an external transaction" recipe: each
        use case's commit becomes a savepoint release, and rolling back the
        outer transaction undoes everything. Tests use it for isolation.
        """
        factory = async_sessionmaker(bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint")
        return Database(engine=self.engine, _read=factory, _write=factory)


def open_database(url: str, *, echo: bool = False, create_sqlite_file: bool = True,
                  background_checkpoints: bool = False, **engine_kw: Any) -> Database:
    """Build the engine for ``url``; no connection is made until first use.

    ``background_checkpoints`` (SQLite): commits leave the write-ahead log to ``Database.checkpoint``.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database or ""
        if path and path != ":memory:" and not create_sqlite_file and not Path(path).exists():
            raise DatabaseError(f"No database file at {path}. Create it with: trygg db upgrade")
        # One trip to aiosqlite's thread per statement and no rollback after a commit (storage.sqlite_driver).
        engine_kw.setdefault("pool_reset_on_return", None)
        engine = create_async_engine(
            url, echo=echo, async_creator=connector(parsed, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000), **engine_kw
        )
        reset_only_open_transactions(engine)
        _configure_sqlite(engine, autocheckpoint=not background_checkpoints)
    else:
        engine_kw.setdefault("pool_pre_ping", True)
        engine = create_async_engine(url, echo=echo, **engine_kw)
    write_engine = engine.execution_options(**{_WRITE_OPTION: True})
    return Database(
        engine=engine,
        _read=async_sessionmaker(engine, expire_on_commit=False),
        _write=async_sessionmaker(write_engine, expire_on_commit=False),
        background_checkpoints=background_checkpoints and engine.dialect.name == "sqlite",
    )


def _configure_sqlite(engine: AsyncEngine, *, autocheckpoint: bool = True) -> None:
    """WAL, synchronous=NORMAL, busy timeout, foreign keys, and BEGIN IMMEDIATE for writers.

    pysqlite's own transaction handling begins lazily with a deferred BEGIN,
    so two writers can both read and then deadlock on upgrade ("database is
    locked" without waiting). We switch it off and emit BEGIN ourselves: writers
    take the write lock when they begin and wait for it under busy_timeout.
    """

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if not autocheckpoint:
            cursor.execute("PRAGMA wal_autocheckpoint=0")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
