"""Create or migrate the database (upgrade), show its revision (current), or purge by retention (purge)."""

from __future__ import annotations

import argparse
import asyncio
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("upgrade", help="create the tables or migrate them to this version")
    actions.add_parser("current", help="print the schema revision of the database")
    purge = actions.add_parser("purge", help="remove or anonymise data past the profile's retention periods")
    purge.add_argument("--dry-run", action="store_true", help="print what would go, change nothing")


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from storage import migrate
    from storage.db import open_database
    from trygg.runtime import open_migrated_database, settings_and_profile

    settings, profile = settings_and_profile()
    if args.action == "upgrade":
        db = open_database(settings.database_url)
        try:
            before = await migrate.current_revision(db)
            await migrate.upgrade(db)
            after = await migrate.current_revision(db)
        finally:
            await db.close()
        print(f"{db.url}: {'already at' if before == after else 'migrated to'} revision {after}")
        return 0
    if args.action == "current":
        db = open_database(settings.database_url, create_sqlite_file=False)
        try:
            print(await migrate.current_revision(db) or "empty (run: trygg db upgrade)")
        finally:
            await db.close()
        return 0
    from storage.usecases.privacy import purge

    db = await open_migrated_database(settings)
    try:
        report = await purge(db, profile, dry_run=args.dry_run, attachments_dir=settings.attachments_dir)
    finally:
        await db.close()
    print(report.describe(dry_run=args.dry_run), file=sys.stdout)
    return 0
