"""The whole system on one screen, without Telegram: a local Bot API, the real bot, a citizen's phone
on the left and the officers' console on the right, on an SQLite file of its own.

Type as the citizen on the left (F3 shares a place, F2 switches between a Swedish and an English
citizen), then work the tip on the right (Enter opens it, r replies). F6 switches sides; q or
Ctrl+C ends the demo and says where its database is.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import dataclasses
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=Path("trygg-demo.db"),
                        help="the demo's SQLite file (default trygg-demo.db; reused if it exists)")
    parser.add_argument("--empty", action="store_true", help="do not seed example submissions")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("PTB_TIMEDELTA", "true")  # PTB 22's opt-in, as in `trygg bot`
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from storage.errors import ConfigError
    from trygg.demo.run import Demo, prepare_database
    from trygg.runtime import log_to_file, settings_and_profile

    path: Path = args.db.resolve()
    if path.is_dir():
        raise ConfigError(f"--db {path} is a folder; give a file name such as trygg-demo.db")
    settings, profile = settings_and_profile()
    settings = dataclasses.replace(settings, database_url=f"sqlite+aiosqlite:///{path}",
                                   attachments_dir=path.parent / "trygg-demo-attachments")
    log_to_file(path.with_suffix(".log"))
    db = await prepare_database(path, profile, empty=args.empty)
    try:
        async with Demo(settings, profile, db, officer=settings.officer) as app:
            await app.run_async()
    finally:
        await db.close()
    print(f"trygg demo: ended. The demo database is {path} (log: {path.with_suffix('.log')}); "
          f"open it again with: TRYGG_DATABASE_URL=sqlite+aiosqlite:///{path} trygg triage", file=sys.stderr)
    return 0
