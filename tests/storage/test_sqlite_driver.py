"""The SQLite driver (storage.sqlite_driver) and background checkpoints (Database.checkpoint), on real files."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import bindparam, func, insert, select, update

from storage.db import open_database
from storage.models import RefCounter
from storage.sqlite_driver import OneTripConnection

REF = RefCounter.__table__


async def _trips(db, work) -> int:  # type: ignore[no-untyped-def]
    """How many trips to the connection's thread ``work(connection)`` makes."""
    async with db.engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
        assert isinstance(raw, OneTripConnection)
        trips = 0
        original = raw._execute

        async def counted(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
            nonlocal trips
            trips += 1
            return await original(fn, *args, **kwargs)

        raw._execute = counted  # type: ignore[method-assign]
        try:
            await work(connection)
        finally:
            del raw._execute
            await connection.rollback()
        return trips


async def test_a_statement_is_one_trip_and_reads_like_aiosqlite(sqlite_url):
    db = open_database(sqlite_url)
    try:
        async def work(connection) -> None:  # type: ignore[no-untyped-def]
            await connection.execute(insert(REF), [{"period": f"P{i}", "last": i} for i in range(5)])
            changed = await connection.execute(update(REF).where(REF.c.last >= 3).values(last=REF.c.last + 10))
            assert changed.rowcount == 2
            many = await connection.execute(update(REF).where(REF.c.period == bindparam("p")).values(last=0),
                                            [{"p": "P0"}, {"p": "P1"}, {"p": "nobody"}])
            assert many.rowcount == 2  # executemany: the rows it matched, as SQLAlchemy's version checks need
            rows = (await connection.execute(select(REF.c.period, REF.c.last).order_by(REF.c.period))).all()
            assert rows == [("P0", 0), ("P1", 0), ("P2", 2), ("P3", 13), ("P4", 14)]
            assert (await connection.execute(select(func.count()).select_from(REF))).scalar_one() == 5

        # 5 statements (the insert is one executemany) + BEGIN: six trips, where aiosqlite's cursor makes 3-4 each
        assert await _trips(db, work) == 6
    finally:
        await db.close()


async def test_a_failing_statement_raises_and_the_connection_goes_on(sqlite_url):
    db = open_database(sqlite_url)
    try:
        async with db.write() as session:
            await session.execute(insert(REF).values(period="X", last=1))
        try:
            async with db.write() as session:
                await session.execute(insert(REF).values(period="X", last=2))  # the primary key again
        except Exception as exc:
            assert "UNIQUE" in str(exc)
        else:
            raise AssertionError("a duplicate key must raise")
        async with db.read() as session:
            assert (await session.execute(select(REF.c.last).where(REF.c.period == "X"))).scalar_one() == 1
    finally:
        await db.close()


async def test_a_connection_returned_inside_a_transaction_is_rolled_back(sqlite_url):
    """The pool no longer rolls back after every commit; one left in a write transaction still is,
    or it would keep SQLite's only write lock and every later writer would wait for it."""
    db = open_database(sqlite_url, pool_size=1, max_overflow=0)
    try:
        async with db.engine.connect() as connection:
            raw = (await connection.get_raw_connection()).driver_connection
            await raw.execute("BEGIN IMMEDIATE")  # behind SQLAlchemy's back: only the pool can notice
            await raw.execute("INSERT INTO ref_counters (period, last) VALUES ('lost', 1)")
            assert raw.in_transaction
        async with db.write() as session:  # the same (only) connection: it must not be in that transaction
            await session.execute(insert(REF).values(period="kept", last=1))
        async with db.read() as session:
            periods = (await session.execute(select(REF.c.period))).scalars().all()
        assert periods == ["kept"]
    finally:
        await db.close()


def _pages(path: Path) -> int:
    return path.stat().st_size // 4096 if path.exists() else 0


async def _write_pages(db, rows: int) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, rows, 100):
        async with db.write() as session:
            await session.execute(insert(REF), [{"period": f"{i:06d}" + "x" * 200, "last": i}
                                                for i in range(start, start + 100)])


async def test_background_checkpoints_leave_the_log_to_checkpoint(sqlite_url):
    db = open_database(sqlite_url, background_checkpoints=True)
    path = Path(db.engine.url.database)
    log = path.with_name(path.name + "-wal")
    try:
        assert db.background_checkpoints
        before = _pages(path)
        await _write_pages(db, 6000)
        assert _pages(log) > 1200  # past SQLite's 1,000-page automatic checkpoint: no commit copied the log
        assert _pages(path) == before
        await db.checkpoint()
        assert _pages(path) > before + 500  # the log's pages are in the database file now
    finally:
        await db.close()


async def test_by_default_commits_checkpoint_as_sqlite_does(sqlite_url):
    db = open_database(sqlite_url)
    path = Path(db.engine.url.database)
    try:
        assert not db.background_checkpoints
        before = _pages(path)
        await _write_pages(db, 6000)
        assert _pages(path.with_name(path.name + "-wal")) < 1100  # reused from the start after each checkpoint
        assert _pages(path) > before + 500  # a commit past 1,000 pages copied the log
    finally:
        await db.close()
