"""Open the officers' triage console (a keyboard-driven terminal UI) on the configured database."""

from __future__ import annotations

import argparse
import asyncio


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("sv", "en"), default="sv", help="user interface language (default sv)")
    parser.add_argument("--poll", type=_seconds, default=1.5,
                        help="seconds between looks for new submissions (default 1.5; 0 switches it off)")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not 0 <= seconds <= 3600:
        raise argparse.ArgumentTypeError("must be between 0 and 3600")
    return seconds


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from moderation.triage import TriageApp, TriageContext
    from trygg.runtime import default_log_file, log_to_file, open_migrated_database, settings_and_profile

    settings, profile = settings_and_profile()
    db = await open_migrated_database(settings)
    log_to_file(default_log_file("triage"))
    try:
        context = TriageContext(db=db, profile=profile, officer=settings.officer,
                                attachments_dir=settings.attachments_dir, lang=args.lang,
                                poll_interval=args.poll or None)
        await TriageApp(context, freeze_gc=True).run_async()
    finally:
        await db.close()
    return 0
