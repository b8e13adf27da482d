"""Benchmark: the weekly export on 1,000,000 submissions against the bare SQL aggregate, same run.

    /work/venv/bin/python bench/export_bench.py [--db /tmp/trygg-bench-1m.db] [--count 1000000] [--weeks 52]

The database is seeded once with ``storage.seed`` (the same code as
``trygg seed``) and kept, so reruns only measure. 52 weeks, because closed
submissions are kept for a year (the profile's retention), so a database in
use holds about a year: about 19,000 submissions a week at 1M.

Measured, each the median of ``--repeat`` runs after one warm-up:
- bare: the week × place × theme × intent GROUP BY over the 12 weeks the
  export reads, as one SQL statement, rows fetched, nothing else;
- export: ``export_week`` for the last complete week of the data, every
  format (summary CSV/JSON, submissions.csv with redacted text, xlsx,
  report.html, GeoJSON, manifest), into a temporary folder.
- summary-only: the same export limited to the files made from the
  aggregates (summary.csv/json, report.html, places.geojson), to show what
  the per-submission files (redaction of every text, the xlsx) add.
Targets (issue #6): export under 5 s and within 2× the bare query.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from moderation.export.publication import window_for  # noqa: E402
from moderation.export.run import export_week  # noqa: E402
from storage.db import Database, open_database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Submission, SubmissionTheme  # noqa: E402
from storage.profile import load_profile  # noqa: E402
from storage.seed import seed  # noqa: E402
from storage.stats import counted, week_bucket  # noqa: E402
from storage.weeks import IsoWeek, boundaries  # noqa: E402


# The files made from the aggregates alone (no per-submission listing, redaction or xlsx).
SUMMARY_FORMATS = ("csv", "json", "html", "geojson")


async def ensure_seeded(path: Path, count: int, weeks: int) -> Database:
    db = open_database(f"sqlite+aiosqlite:///{path}")
    await upgrade(db)
    async with db.read() as session:
        have = (await session.execute(select(func.count()).select_from(Submission))).scalar_one()
    if have < count:
        print(f"seeding {count - have:,} submissions over {weeks} weeks into {path} (once) ...", flush=True)
        started = time.perf_counter()
        await seed(db, load_profile(), count - have, weeks=weeks)
        print(f"  seeded in {time.perf_counter() - started:.1f} s", flush=True)
    return db


async def bare_query(db: Database, weeks: list[IsoWeek], tz) -> int:  # noqa: ANN001
    edges = boundaries(weeks, tz)
    bucket = week_bucket(Submission.created_at, edges).label("bucket")
    stmt = (
        select(bucket, Submission.place, SubmissionTheme.theme, Submission.intent, func.count())
        .outerjoin(SubmissionTheme, SubmissionTheme.submission_id == Submission.id)
        .where(Submission.created_at >= edges[0], Submission.created_at < edges[-1], counted())
        .group_by(bucket, Submission.place, SubmissionTheme.theme, Submission.intent)
    )
    async with db.read() as session:
        return len((await session.execute(stmt)).all())


async def timed(repeat: int, make) -> tuple[float, list[float], object]:  # noqa: ANN001
    await make()  # warm-up: page cache, statement cache
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = await make()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times, result


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/trygg-bench-1m.db"))
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    profile = load_profile()
    db = await ensure_seeded(args.db, args.count, args.weeks)
    try:
        async with db.read() as session:
            total = (await session.execute(select(func.count()).select_from(Submission))).scalar_one()
            newest = (await session.execute(select(func.max(Submission.created_at)))).scalar_one()
        week = IsoWeek.containing(newest, profile.tz).shift(-1)  # the last complete week of the data
        window = window_for(week, week)

        bare, bare_runs, groups = await timed(args.repeat, lambda: bare_query(db, window, profile.tz))
        with tempfile.TemporaryDirectory(prefix="trygg-export-bench-") as tmp:
            export, export_runs, result = await timed(
                args.repeat, lambda: export_week(db, profile, week, Path(tmp))
            )
            sizes = {p.name: p.stat().st_size for p in result.files}  # type: ignore[union-attr]
            summary, summary_runs, _ = await timed(
                args.repeat, lambda: export_week(db, profile, week, Path(tmp), formats=SUMMARY_FORMATS)
            )
    finally:
        await db.close()

    print(f"database: {args.db} ({total:,} submissions, SQLite)")
    print(f"week: {week}, {result.submissions:,} submissions in it; window read: {window[0]}..{window[-1]}")  # type: ignore[union-attr]
    print(f"bare SQL aggregate: {bare:.3f} s median of {[round(t, 3) for t in bare_runs]} ({groups} groups)")
    print(f"weekly export:      {export:.3f} s median of {[round(t, 3) for t in export_runs]}")
    print(f"ratio export / bare: {export / bare:.2f}x   (targets: export < 5 s, ratio <= 2x)")
    print(f"summary-only export ({','.join(SUMMARY_FORMATS)}): {summary:.3f} s median of "
          f"{[round(t, 3) for t in summary_runs]}, ratio {summary / bare:.2f}x")
    print("files: " + ", ".join(f"{name} {size / 1024:.0f} KiB" for name, size in sizes.items()))


if __name__ == "__main__":
    asyncio.run(main())
