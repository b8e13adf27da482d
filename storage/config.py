"""Settings from the environment, read once by each entry point's composition root.

| variable | meaning | default |
|---|---|---|
| TRYGG_DATABASE_URL | SQLAlchemy URL: sqlite+aiosqlite:///path or postgresql+asyncpg://... | sqlite file trygg.db in the current directory |
| TRYGG_TELEGRAM_TOKEN | the bot token from @BotFather | none (the bot refuses to start) |
| TRYGG_TELEGRAM_API_URL | Bot API base URL, PTB base_url form (token appended) | https://api.telegram.org/bot |
| TRYGG_TELEGRAM_FILE_URL | Bot API file URL | derived from the API URL |
| TRYGG_PROFILE | path to a municipality profile (TOML) | the built-in Tanum profile |
| TRYGG_OFFICER | who is acting at the terminal (audit log) | the OS user |
| TRYGG_ATTACHMENTS_DIR | where photos are stored | "attachments" beside an SQLite database, else ./attachments |
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from storage.errors import ConfigError

TELEGRAM_API_URL = "https://api.telegram.org/bot"
SUPPORTED_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


@dataclass(frozen=True)
class Settings:
    database_url: str
    telegram_token: str | None
    telegram_api_url: str
    telegram_file_url: str
    profile_path: Path | None
    officer: str
    attachments_dir: Path


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    database_url = normalise_database_url(env.get("TRYGG_DATABASE_URL") or "sqlite+aiosqlite:///trygg.db")
    api_url = (env.get("TRYGG_TELEGRAM_API_URL") or TELEGRAM_API_URL).rstrip("/")
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"TRYGG_TELEGRAM_API_URL must start with http:// or https://, got {api_url!r}")
    file_url = env.get("TRYGG_TELEGRAM_FILE_URL") or derive_file_url(api_url)
    profile = env.get("TRYGG_PROFILE")
    officer = (env.get("TRYGG_OFFICER") or _os_user()).strip()
    if not officer or len(officer) > 64:
        raise ConfigError("TRYGG_OFFICER must be a name of 1-64 characters")
    attachments = env.get("TRYGG_ATTACHMENTS_DIR")
    return Settings(
        database_url=database_url,
        telegram_token=(env.get("TRYGG_TELEGRAM_TOKEN") or "").strip() or None,
        telegram_api_url=api_url,
        telegram_file_url=file_url,
        profile_path=Path(profile) if profile else None,
        officer=officer,
        attachments_dir=Path(attachments) if attachments else default_attachments_dir(database_url),
    )


def normalise_database_url(raw: str) -> str:
    """Accept the usual spellings and pin the async driver; refuse anything else in one line."""
    try:
        url: URL = make_url(raw.strip())
    except ArgumentError:
        raise ConfigError(
            f"TRYGG_DATABASE_URL is not a database URL: {raw!r} "
            "(expected e.g. sqlite+aiosqlite:///trygg.db or postgresql+asyncpg://user@host/db)"
        ) from None
    backend = url.get_backend_name()
    if backend not in SUPPORTED_DRIVERS:
        raise ConfigError(f"TRYGG_DATABASE_URL: unsupported database {backend!r}; use sqlite or postgresql")
    driver = url.get_driver_name()
    expected = SUPPORTED_DRIVERS[backend].split("+")[1]
    if driver not in (expected, "pysqlite", "psycopg2", "asyncpg", "aiosqlite") or (backend == "sqlite" and driver == "asyncpg"):
        raise ConfigError(f"TRYGG_DATABASE_URL: driver {driver!r} is not supported; use {SUPPORTED_DRIVERS[backend]}")
    url = url.set(drivername=SUPPORTED_DRIVERS[backend])
    if backend == "sqlite" and not url.database:
        raise ConfigError("TRYGG_DATABASE_URL: an SQLite URL needs a file path, e.g. sqlite+aiosqlite:///trygg.db")
    return url.render_as_string(hide_password=False)


def derive_file_url(api_url: str) -> str:
    """PTB's convention: https://host/bot -> https://host/file/bot."""
    head, sep, tail = api_url.rpartition("/")
    return f"{head}/file/{tail}" if sep else f"{api_url}/file"


def default_attachments_dir(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).resolve().parent / "attachments"
    return Path("attachments").resolve()


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "officer"
