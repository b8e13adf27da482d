"""Schema migrations (Alembic), run programmatically on the async engine."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.exc import DBAPIError, OperationalError

from storage.db import Database
from storage.errors import DatabaseError, DatabaseNotMigrated


# Objects created by hand in migrations (full-text search, triggers) are not in
# the models; autogenerate must not report them as drift.
HAND_MADE_PREFIXES = ("submissions_fts", "ix_submissions_text_fts")


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (name or "").startswith(HAND_MADE_PREFIXES)


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "storage:migrations")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "storage/migrations has no revisions"
    return head


async def current_revision(db: Database) -> str | None:
    def _current(sync_conn: Any) -> str | None:
        return MigrationContext.configure(sync_conn).get_current_revision()

    try:
        async with db.engine.connect() as conn:
            return await conn.run_sync(_current)
    except (OSError, DBAPIError, OperationalError) as exc:
        raise DatabaseError(f"Cannot open the database at {db.url}: {_first_line(exc)}") from None


async def upgrade(db: Database, revision: str = "head") -> None:
    config = alembic_config()

    def _upgrade(sync_conn: Any) -> None:
        config.attributes["connection"] = sync_conn
        command.upgrade(config, revision)

    try:
        async with db.engine.execution_options(trygg_write=True).begin() as conn:
            await conn.run_sync(_upgrade)
    except (OSError, DBAPIError, OperationalError) as exc:
        raise DatabaseError(f"Cannot migrate the database at {db.url}: {_first_line(exc)}") from None


async def ensure_migrated(db: Database) -> None:
    """Refuse to run on a database that is missing tables or behind this code."""
    current = await current_revision(db)
    head = head_revision()
    if current is None:
        raise DatabaseNotMigrated(f"The database at {db.url} has no Trygg tables. Run: trygg db upgrade")
    if current != head:
        raise DatabaseNotMigrated(
            f"The database at {db.url} is at revision {current}, this Trygg needs {head}. Run: trygg db upgrade"
        )


def _first_line(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0]
