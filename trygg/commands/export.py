"""Write the weekly kartläggning export: counts by week, place, theme and intent, free of personal data.

Writes DIR/kartlaggning-2026-W47/ with summary.csv, summary.json,
submissions.csv, kartlaggning-2026-W47.xlsx, report.html, places.geojson and
manifest.json. Without --week (or --from/--to) it exports the last complete
ISO week in the profile's time zone.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from storage.weeks import IsoWeek

FORMAT_HELP = "csv (summary.csv), json (summary.json), submissions (submissions.csv), xlsx, html (report.html), geojson"


def iso_week(value: str) -> IsoWeek:
    try:
        return IsoWeek.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--week", type=iso_week, metavar="YYYY-Www",
                       help="the ISO week to export, e.g. 2026-W47 (default: the last complete week)")
    which.add_argument("--from", dest="first", type=iso_week, metavar="YYYY-Www",
                       help="first week of a range (with --to; default --to is the last complete week)")
    parser.add_argument("--to", dest="last", type=iso_week, metavar="YYYY-Www", help="last week of a range")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="folder to write into (default: the profile's export directory)")
    parser.add_argument("--format", dest="formats", action="append", metavar="LIST",
                        help=f"only these files, comma-separated or repeated: {FORMAT_HELP}")
    parser.add_argument("--no-text", action="store_true", help="leave the citizens' text out of submissions.csv and the xlsx")


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from moderation.export.run import ALL_FORMATS, ExportError, check_weeks, parse_formats
    from storage.clock import utcnow
    from trygg.runtime import open_migrated_database, settings_and_profile

    if args.last is not None and args.first is None:
        raise ExportError("--to needs --from (or use --week for one week)")
    settings, profile = settings_and_profile()
    complete = IsoWeek.last_complete(utcnow(), profile.tz)
    first = args.week or args.first or complete
    last = args.week or args.last or complete
    formats = parse_formats(args.formats) if args.formats else ALL_FORMATS
    check_weeks(first, last, profile, now=utcnow())
    out_dir = args.out if args.out is not None else Path(profile.export.directory)
    db = await open_migrated_database(settings)
    try:
        result = await _export_with_progress(db, profile, first, last, out_dir, formats, not args.no_text)
    finally:
        await db.close()
    period = str(first) if first == last else f"{first}..{last}"
    if result.empty:
        print(f"{period}: no submissions; wrote empty tables to {result.out_dir}")
    else:
        print(f"{period}: {result.submissions} submissions; wrote {len(result.files)} files to {result.out_dir}")
    return 0


async def _export_with_progress(db, profile, first, last, out_dir, formats, include_text):  # noqa: ANN001, ANN202
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from moderation.export.run import export_weeks

    # On stderr, so stdout carries only the one-line result for scripts.
    with Progress(TextColumn("{task.description:<28}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn(),
                  transient=True, disable=not sys.stderr.isatty(), console=Console(stderr=True)) as bar:
        task = bar.add_task("export", total=None)

        def report(done: float, total: float, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        return await export_weeks(db, profile, first, last, out_dir, formats=formats, include_text=include_text,
                                  progress=report)
