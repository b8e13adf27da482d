"""Start the whole system in one process: local Bot API, the real bot, the demo screen."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.localapi import LocalBotApi
from bot.options import BotOptions
from bot.runner import TryggBot
from moderation.triage import TriageContext
from storage.config import Settings
from storage.db import Database, open_database
from storage.migrate import upgrade
from storage.profile import Profile
from storage.queries import QueueFilter, count_queue
from storage.seed import seed
from trygg.demo.app import DemoApp

# A made-up token: the local Bot API accepts it, Telegram never sees it.
DEMO_TOKEN = "1000000001:trygg-demo-local-token"
SEED_COUNT = 400
SEED_WEEKS = 4


async def prepare_database(path: Path, profile: Profile, *, empty: bool) -> Database:
    """Create or migrate the demo's own SQLite file; seed it once unless ``empty``."""
    db = open_database(f"sqlite+aiosqlite:///{path}")
    await upgrade(db)
    async with db.read() as session:
        has_data = await count_queue(session, QueueFilter(include_blocked=True, include_merged=True)) > 0
    if not empty and not has_data:
        await seed(db, profile, SEED_COUNT, weeks=SEED_WEEKS)
    return db


class Demo:
    """The demo's parts, started and stopped together (used by ``trygg demo`` and its test)."""

    def __init__(self, settings: Settings, profile: Profile, db: Database, *, officer: str) -> None:
        self.settings = settings
        self.profile = profile
        self.db = db
        self.officer = officer
        self.api = LocalBotApi(token=DEMO_TOKEN, bot_username="trygg_demo_bot", bot_first_name="Trygg Tanum")
        self.bot: TryggBot | None = None

    async def __aenter__(self) -> DemoApp:
        await self.api.start()
        settings = dataclasses.replace(
            self.settings, telegram_token=DEMO_TOKEN, telegram_api_url=self.api.base_url,
            telegram_file_url=self.api.base_file_url,
        )
        self.bot = TryggBot(settings, self.profile, self.db, options=BotOptions().without_rate_limits())
        await self.bot.start()
        citizens = [
            self.api.add_user("Anna", "sv", username="anna_demo"),
            self.api.add_user("Alex", "en", username="alex_demo"),
        ]
        context = TriageContext(db=self.db, profile=self.profile, officer=self.officer,
                                attachments_dir=settings.attachments_dir, poll_interval=0.5)
        await self.api.send_text(citizens[0], "/start")
        return DemoApp(self.api, citizens, context)

    async def __aexit__(self, *exc: object) -> None:
        if self.bot is not None:
            await self.bot.stop()
        await self.api.stop()
