"""Fill the database with realistic synthetic submissions across the profile's places, themes and languages."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=positive_int, default=1000, help="how many submissions (default 1000)")
    parser.add_argument("--weeks", type=positive_int, default=12, help="spread over the last W weeks (default 12)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from storage.seed import seed
    from trygg.runtime import open_migrated_database, settings_and_profile

    settings, profile = settings_and_profile()
    db = await open_migrated_database(settings)
    started = time.perf_counter()
    try:
        with Progress(TextColumn("seed"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("seed", total=args.count)
            report = await seed(db, profile, args.count, weeks=args.weeks, rng_seed=args.seed,
                                progress=lambda n: bar.advance(task, n))
    finally:
        await db.close()
    elapsed = time.perf_counter() - started
    themes = ", ".join(f"{t} {n}" for t, n in sorted(report.by_theme.items()))
    print(f"seeded {report.submissions} submissions, {report.citizens} citizens, "
          f"{report.watch_signups} grannsamverkan sign-ups in {elapsed:.1f} s ({themes})")
    return 0
