"""Run the citizen Telegram bot: long polling into a durable inbox, replies through the outbox.

Reads TRYGG_TELEGRAM_TOKEN and TRYGG_TELEGRAM_API_URL (a local Bot API server
works too; set TRYGG_TELEGRAM_RATE_LIMITS=off for one you run yourself).
Stops cleanly on Ctrl+C or SIGTERM: nothing received is lost, unsent replies
go out at the next start. Also runs the daily retention purge and the weekly
export.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from storage.config import Settings
from storage.db import Database
from storage.profile import Profile


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                        help="how much to log on standard error (default INFO)")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # PTB 22's opt-in: durations as timedelta, no warnings
    logging.basicConfig(level=args.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "telegram.ext.Application", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(args.log_level)))
    return asyncio.run(_run())


async def _run() -> int:
    from bot.options import options_from_env
    from bot.runner import TryggBot
    from storage.errors import ConfigError
    from trygg.runtime import open_migrated_database, settings_and_profile

    settings, profile = settings_and_profile()
    if not settings.telegram_token:
        raise ConfigError("TRYGG_TELEGRAM_TOKEN is not set; get a token from @BotFather and export it")
    options = options_from_env()
    db = await open_migrated_database(settings, background_checkpoints=True)  # off the rounds' path (TryggBot)
    try:
        bot = TryggBot(settings, profile, db, options=options, extra_jobs=scheduled_jobs(settings, profile, db))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        asked = asyncio.create_task(stop.wait())
        starting = asyncio.create_task(bot.start())  # may wait for an unreachable Bot API; Ctrl+C still works
        await asyncio.wait({starting, asked}, return_when=asyncio.FIRST_COMPLETED)
        if not starting.done():
            starting.cancel()
            await asyncio.gather(starting, return_exceptions=True)
            await bot.stop()
            print("trygg bot: stopped before it was running", file=sys.stderr, flush=True)
            return 0
        await starting  # a rejected token: one line, exit 2
        # What is loaded now lives as long as the process, the classifier's lexicons and models above all
        # (hundreds of thousands of objects): out of the collector's sight, its full collections stop walking
        # them again and again while messages come in (about a tenth of the bot's CPU in a burst).
        gc.freeze()
        print(f"trygg bot: running (database {db.url}); Ctrl+C stops", file=sys.stderr, flush=True)
        stopped = asyncio.create_task(bot.wait())
        await asyncio.wait({stopped, asked}, return_when=asyncio.FIRST_COMPLETED)
        if asked.done() and not stopped.done():
            await bot.stop()
            print("trygg bot: stopped", file=sys.stderr, flush=True)
        asked.cancel()
        await stopped  # re-raises a fatal error (e.g. the token was revoked) as one line
        return 0
    finally:
        await db.close()


def scheduled_jobs(settings: Settings, profile: Profile, db: Database) -> Sequence[object]:
    """The composition root's periodic jobs; the bot runs them without knowing what they are."""
    from bot.runner import ScheduledJob
    from storage.usecases.jobs import run_daily_purge

    async def purge() -> None:
        report = await run_daily_purge(db, profile, attachments_dir=settings.attachments_dir)
        if report is not None:
            logging.getLogger("trygg.jobs").info("%s", report.describe(dry_run=False))

    jobs = [ScheduledJob("daily-purge", purge, interval=dt.timedelta(hours=1))]
    jobs.append(ScheduledJob("weekly-export", _weekly_export_job(settings, profile, db),
                             interval=dt.timedelta(minutes=15)))
    return jobs


def _weekly_export_job(settings: Settings, profile: Profile, db: Database):  # type: ignore[no-untyped-def]
    """The weekly kartläggning export (issue #6), into the profile's export directory."""
    from moderation.export.schedule import run_due_export
    from storage.clock import utcnow

    out_root = Path(profile.export.directory).resolve()

    async def export() -> None:
        folder = await run_due_export(db, profile, out_root, utcnow())
        if folder is not None:
            logging.getLogger("trygg.jobs").info("weekly export written to %s", folder)

    return export
