"""Shared start-up steps of the entry points: settings, profile, database."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from storage.config import Settings, load_settings
from storage.db import Database, open_database
from storage.migrate import ensure_migrated
from storage.profile import Profile, load_profile


def settings_and_profile() -> tuple[Settings, Profile]:
    settings = load_settings()
    return settings, load_profile(settings.profile_path)


async def open_migrated_database(settings: Settings, *, background_checkpoints: bool = False) -> Database:
    """Open the configured database and refuse an un-migrated or missing one."""
    db = open_database(settings.database_url, create_sqlite_file=False, background_checkpoints=background_checkpoints)
    try:
        await ensure_migrated(db)
    except BaseException:
        await db.close()
        raise
    return db


def log_to_file(log_file: Path) -> Path:
    """A full-screen program owns the terminal: log lines go to a file instead.

    Without this, a warning logged while Textual draws (or a pool notice at
    exit) would be printed over the screen or left behind in the terminal.
    """
    log_file.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return log_file


def default_log_file(command: str) -> Path:
    """TRYGG_LOG_FILE, else $XDG_STATE_HOME/trygg/<command>.log (~/.local/state/trygg/...)."""
    explicit = os.environ.get("TRYGG_LOG_FILE")
    if explicit:
        return Path(explicit)
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return state / "trygg" / f"{command}.log"
