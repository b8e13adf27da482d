"""Migrations from empty to head on both backends; a model change without a migration fails."""

from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage.db import open_database
from storage.errors import DatabaseError, DatabaseNotMigrated
from storage.migrate import current_revision, ensure_migrated, head_revision, include_object, upgrade
from storage.models import Base
from tests.conftest import drop_postgres_database, postgres_admin_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
        return
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("TRYGG_TEST_POSTGRES_URL is not set")
    import asyncio

    import asyncpg
    from sqlalchemy.engine import make_url

    name = f"trygg_empty_{uuid.uuid4().hex[:8]}"
    parsed = make_url(admin)

    async def create():
        conn = await asyncpg.connect(host=parsed.host, port=parsed.port or 5432, user=parsed.username,
                                     database=parsed.database)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()

    asyncio.run(create())
    yield parsed.set(database=name).render_as_string(hide_password=False)
    drop_postgres_database(admin, name)


async def test_empty_to_head_and_refusal_before(empty_url):
    db = open_database(empty_url)
    try:
        with pytest.raises(DatabaseNotMigrated, match="trygg db upgrade"):
            await ensure_migrated(db)
        await upgrade(db)
        assert await current_revision(db) == head_revision()
        await ensure_migrated(db)
        await upgrade(db)  # idempotent
    finally:
        await db.close()


async def test_models_match_migrations(backend_url):
    """Fails when someone changes storage/models.py without a migration."""
    db = open_database(backend_url)
    try:
        async with db.engine.connect() as conn:
            def diff(sync_conn):
                context = MigrationContext.configure(
                    sync_conn, opts={"include_object": include_object, "compare_type": True}
                )
                return compare_metadata(context, Base.metadata)

            differences = await conn.run_sync(diff)
            tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await db.close()
    assert differences == []
    assert {t.name for t in Base.metadata.sorted_tables} <= tables


async def test_missing_sqlite_file_is_not_created(tmp_path):
    path = tmp_path / "nope.db"
    with pytest.raises(DatabaseError, match="trygg db upgrade"):
        open_database(f"sqlite+aiosqlite:///{path}", create_sqlite_file=False)
    assert not path.exists()
