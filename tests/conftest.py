"""Shared fixtures: the profile, and databases on both backends.

- ``db``: a migrated database on SQLite and on PostgreSQL (parametrised),
  every use case's transaction joined to an outer one that is rolled back
  after the test.
- ``committed_db``: the same, but data is really committed (for tests with
  several connections or processes); PostgreSQL tables are truncated after.
PostgreSQL runs when TRYGG_TEST_POSTGRES_URL is set (CI sets it) and is
skipped otherwise.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from storage.db import Database, open_database
from storage.migrate import upgrade
from storage.profile import Profile, load_profile

POSTGRES_ENV = "TRYGG_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None



@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB 22's opt-in, as ``trygg bot`` and ``trygg demo`` make it: durations (``RetryAfter.retry_after``,
    ``Voice.duration``) are timedeltas, so PTB raises no deprecation warning."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")

@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL database for this test session, migrated to head."""
    admin = postgres_admin_url()
    if admin is None:
        if os.environ.get("TRYGG_REQUIRE_POSTGRES"):
            pytest.fail(f"TRYGG_REQUIRE_POSTGRES is set but {POSTGRES_ENV} is not")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    name = f"trygg_test_{uuid.uuid4().hex[:10]}"
    url = create_postgres_database(admin, name)
    yield url
    drop_postgres_database(admin, name)


def create_postgres_database(admin_url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    async def _create() -> str:
        import asyncpg

        admin = make_url(admin_url)
        conn = await asyncpg.connect(host=admin.host, port=admin.port or 5432, user=admin.username,
                                     password=admin.password, database=admin.database)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        url = admin.set(database=name).render_as_string(hide_password=False)
        db = open_database(url)
        await upgrade(db)
        await db.close()
        return url

    return asyncio.run(_create())


def drop_postgres_database(admin_url: str, name: str) -> None:
    from sqlalchemy.engine import make_url

    async def _drop() -> None:
        import asyncpg

        admin = make_url(admin_url)
        conn = await asyncpg.connect(host=admin.host, port=admin.port or 5432, user=admin.username,
                                     password=admin.password, database=admin.database)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    asyncio.run(_drop())


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'trygg.db'}"
    db = open_database(url)
    await upgrade(db)
    await db.close()
    return url


@pytest.fixture(params=BACKENDS)
def backend_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("postgres_url")


@pytest.fixture
async def db(backend_url: str) -> AsyncIterator[Database]:
    database = open_database(backend_url)
    async with database.engine.connect() as conn:
        outer = await conn.begin()
        yield database.bound_to(conn)
        await outer.rollback()
    await database.close()


@pytest.fixture
async def committed_db(backend_url: str) -> AsyncIterator[Database]:
    database = open_database(backend_url)
    yield database
    if database.dialect == "postgresql":
        await truncate_all(database)
    await database.close()


async def truncate_all(database: Database) -> None:
    from sqlalchemy import text

    from storage.models import Base

    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    async with database.engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
