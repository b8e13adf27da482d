"""Shared start-up steps of the entry points: settings, profile, database."""

from __future__ import annotations

from storage.config import Settings, load_settings
from storage.db import Database, open_database
from storage.migrate import ensure_migrated
from storage.profile import Profile, load_profile


def settings_and_profile() -> tuple[Settings, Profile]:
    settings = load_settings()
    return settings, load_profile(settings.profile_path)


async def open_migrated_database(settings: Settings) -> Database:
    """Open the configured database and refuse an un-migrated or missing one."""
    db = open_database(settings.database_url, create_sqlite_file=False)
    try:
        await ensure_migrated(db)
    except BaseException:
        await db.close()
        raise
    return db
