"""The bot under test: the real PTB Application over real HTTP against the local Bot API.

``harness`` starts a ``TryggBot`` on a migrated database (an SQLite file, or
PostgreSQL through ``backend_url`` where a test asks for it) pointed at a
``LocalBotApi``; ``phone(user)`` acts as a citizen and returns the bot's new
messages, waiting on the server's events, never on a sleep.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.localapi import LocalBotApi, LocalUser, StoredMessage
from bot.options import BotOptions
from bot.runner import TryggBot
from storage.config import load_settings
from storage.db import Database, open_database
from storage.profile import Limits, Profile

TEST_OPTIONS = dataclasses.replace(BotOptions().without_rate_limits(), poll_timeout=1, inbox_retry_base=0.01,
                                   outbox_retry_base=0.05, outbox_poll_interval=0.2)


class Phone:
    """One citizen's Telegram client."""

    def __init__(self, api: LocalBotApi, user: LocalUser) -> None:
        self.api, self.user, self.seen = api, user, 0

    async def expect(self, count: int = 1, timeout: float = 10.0) -> list[StoredMessage]:
        messages = await self.api.wait_for_messages(self.user.id, self.seen + count, timeout=timeout)
        new, self.seen = messages[self.seen:], len(messages)
        return new

    async def send(self, text: str, count: int = 1, **kw: Any) -> list[StoredMessage]:
        await self.api.send_text(self.user, text, **kw)
        return await self.expect(count) if count else []

    async def press(self, message: StoredMessage, data: str, count: int = 1) -> list[StoredMessage]:
        await self.api.press_button(self.user, message, data)
        return await self.expect(count) if count else []

    def all(self) -> list[StoredMessage]:
        return self.api.messages_to(self.user.id)


@dataclasses.dataclass
class Harness:
    api: LocalBotApi
    db: Database
    profile: Profile
    tmp: Path
    url: str
    bot: TryggBot | None = None
    options: BotOptions = TEST_OPTIONS

    @property
    def settings(self):  # type: ignore[no-untyped-def]
        return load_settings({
            "TRYGG_DATABASE_URL": self.url, "TRYGG_TELEGRAM_TOKEN": self.api.token,
            "TRYGG_TELEGRAM_API_URL": self.api.base_url, "TRYGG_ATTACHMENTS_DIR": str(self.tmp / "attachments"),
        })

    async def start(self) -> TryggBot:
        self.bot = TryggBot(self.settings, self.profile, self.db, options=self.options)
        await self.bot.start()
        return self.bot

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.stop()
            self.bot = None

    async def restart(self) -> TryggBot:
        await self.stop()
        return await self.start()

    async def settle(self) -> None:
        """Until the bot has fetched, processed and answered everything sent so far."""
        assert self.bot is not None
        if self.api.last_update_id is not None:
            await self.api.wait_for_confirmation(self.api.last_update_id, timeout=10)
        await self.bot.settle()

    def phone(self, name: str = "Anna", language_code: str | None = "sv") -> Phone:
        return Phone(self.api, self.api.add_user(name, language_code=language_code))


def roomy(profile: Profile) -> Profile:
    """The profile with rate limits high enough for bursts."""
    return dataclasses.replace(profile, limits=Limits(messages_per_minute=100_000, messages_per_day=1_000_000,
                                                      photo_max_bytes=profile.limits.photo_max_bytes))


async def _harness(url: str, profile: Profile, tmp: Path) -> AsyncIterator[Harness]:
    db = open_database(url, background_checkpoints=True)  # as `trygg bot` opens it
    async with LocalBotApi() as api:
        harness = Harness(api=api, db=db, profile=profile, tmp=tmp, url=url)
        await harness.start()
        try:
            yield harness
        finally:
            await harness.stop()
    await db.close()


@pytest.fixture
async def harness(sqlite_url: str, profile: Profile, tmp_path: Path) -> AsyncIterator[Harness]:
    async for h in _harness(sqlite_url, roomy(profile), tmp_path):
        yield h


@pytest.fixture
async def any_harness(backend_url: str, profile: Profile, tmp_path: Path) -> AsyncIterator[Harness]:
    """The same on SQLite and on PostgreSQL (tables truncated afterwards)."""
    async for h in _harness(backend_url, roomy(profile), tmp_path):
        yield h
    if "postgresql" in backend_url:
        from tests.conftest import truncate_all

        db = open_database(backend_url)
        await truncate_all(db)
        await db.close()
