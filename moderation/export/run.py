"""Run an export: read the statistics in one transaction, protect them, write the files atomically.

The CLI (``trygg export``), the console and the schedule all call
``export_week`` / ``export_weeks``. Reading is async; building and writing
the files is CPU work and runs in a worker thread, so a bot or console
calling this keeps answering. The files are written into a hidden
temporary folder beside the destination and renamed into place at the end:
readers never see half an export, and a re-run replaces the old one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from moderation.export.geojson import places_geojson
from moderation.export.manifest import WrittenFile, manifest_json
from storage.pii import Redactor
from moderation.export.publication import (
    Publication,
    SubmissionLine,
    build_publication,
    submission_lines,
    window_for,
)
from moderation.export.report import render_report
from moderation.export.submissions import submissions_csv
from moderation.export.summary import summary_csv, summary_json
from moderation.export.workbook import write_workbook
from storage.clock import utcnow
from storage.db import Database
from storage.errors import TryggError
from storage.export_rows import export_rows
from storage.profile import Profile
from storage.stats import (
    WatchArea,
    WeekCounts,
    WeekFlow,
    mobile_office_questions,
    watch_interest,
    weekly_counts,
    weekly_flow,
)
from storage.weeks import IsoWeek, week_range

# Format key -> what it writes. "xlsx" is named after the export (kartlaggning-2026-W47.xlsx).
FORMATS: dict[str, str] = {
    "csv": "summary.csv",
    "json": "summary.json",
    "submissions": "submissions.csv",
    "xlsx": "kartlaggning-*.xlsx",
    "html": "report.html",
    "geojson": "places.geojson",
}
ALL_FORMATS: tuple[str, ...] = tuple(FORMATS)
MAX_WEEKS = 106  # two years per export is plenty, and bounds the work

Progress = Callable[[float, float, str], None]  # (completed, total, what is being done)


class ExportError(TryggError):
    """The export cannot run as asked (a week that is not over, an unknown format, a folder we cannot write)."""


@dataclass(frozen=True)
class ExportResult:
    out_dir: Path  # the export's own folder, e.g. DIR/kartlaggning-2026-W47
    weeks: tuple[IsoWeek, ...]
    files: tuple[Path, ...]
    submissions: int  # counted submissions in the period
    empty: bool


def parse_formats(values: Sequence[str]) -> tuple[str, ...]:
    """Format keys from "csv,xlsx" style values; file names (summary.csv) are accepted too."""
    by_name = {name: key for key, name in FORMATS.items()} | {"xlsx": "xlsx", "kartlaggning.xlsx": "xlsx"}
    chosen: list[str] = []
    for value in values:
        for part in (p.strip().lower() for p in value.split(",")):
            if not part:
                continue
            key = part if part in FORMATS else by_name.get(part)
            if key is None:
                raise ExportError(f"unknown format {part!r}; choose from {', '.join(FORMATS)}")
            if key not in chosen:
                chosen.append(key)
    if not chosen:
        raise ExportError(f"no format given; choose from {', '.join(FORMATS)}")
    return tuple(k for k in ALL_FORMATS if k in chosen)


async def export_week(
    db: Database,
    profile: Profile,
    week: IsoWeek,
    out_dir: Path,
    *,
    formats: Sequence[str] = ALL_FORMATS,
    include_text: bool = True,
    progress: Progress | None = None,
) -> ExportResult:
    """Export one ISO week into ``out_dir/kartlaggning-<week>/``."""
    return await export_weeks(db, profile, week, week, out_dir, formats=formats, include_text=include_text,
                              progress=progress)


async def export_weeks(
    db: Database,
    profile: Profile,
    first: IsoWeek,
    last: IsoWeek,
    out_dir: Path,
    *,
    formats: Sequence[str] = ALL_FORMATS,
    include_text: bool = True,
    progress: Progress | None = None,
    now: dt.datetime | None = None,
) -> ExportResult:
    """Export the weeks first..last (inclusive) into one folder under ``out_dir``.

    ``now`` (default: the clock) only decides which weeks are over and may be exported.
    """
    formats = parse_formats(formats)
    check_weeks(first, last, profile, now=utcnow() if now is None else now)
    tracker = _Tracker(progress)
    read = await _read(db, profile, first, last, formats, include_text, tracker)
    return await asyncio.to_thread(_build_and_write, profile, first, last, out_dir, formats, include_text, read,
                                   tracker)


@dataclass(frozen=True)
class _Read:
    """What one export reads from the database (and the redacted listing made meanwhile)."""

    counts: list[WeekCounts]
    flow: list[WeekFlow]
    mobile_office: list[int]
    watch: list[WatchArea]
    lines: tuple[SubmissionLine, ...] | None


async def _read(db: Database, profile: Profile, first: IsoWeek, last: IsoWeek, formats: Sequence[str],
                include_text: bool, tracker: _Tracker) -> _Read:
    """All queries in one read transaction; the texts are redacted in a thread meanwhile.

    SQLite and asyncpg do not hold the GIL while the database works, so on
    two cores the redaction runs beside the aggregate queries.
    """
    tz, weeks = profile.tz, week_range(first, last)
    start, end = first.start(tz), last.end(tz)
    tracker.add(5)
    tracker.step(0, "läser databasen")
    lines_job = None
    async with db.read() as session:
        if "submissions" in formats or "xlsx" in formats:
            rows = await export_rows(session, start, end)
            tracker.add(len(rows) * (2 if "xlsx" in formats else 1))
            redact = Redactor.for_places(p.name for p in profile.places)
            lines_job = asyncio.create_task(asyncio.to_thread(
                submission_lines, rows, tz, redact, include_text, lambda n: tracker.step(n, "tar bort personuppgifter")
            ))
        tracker.step(1, "läser databasen")
        try:
            counts = await weekly_counts(session, window_for(first, last), tz)
            tracker.step(2, "läser databasen")
            flow = await weekly_flow(session, weeks, tz)
            mobile = await mobile_office_questions(session, weeks, tz)
            watch = await watch_interest(session, start, end)
        except BaseException:
            if lines_job is not None:
                lines_job.cancel()
            raise
    lines = await lines_job if lines_job is not None else None
    tracker.step(2, "skriver filerna")
    return _Read(counts, flow, mobile, watch, lines)


def check_weeks(first: IsoWeek, last: IsoWeek, profile: Profile, *, now: dt.datetime) -> None:
    """Refuse a reversed or too long range, and weeks that are not over yet in the profile's time zone."""
    if last < first:
        raise ExportError(f"--from {first} is after --to {last}")
    if len(week_range(first, last)) > MAX_WEEKS:
        raise ExportError(f"{first}..{last} is more than {MAX_WEEKS} weeks; export it in parts")
    complete = IsoWeek.last_complete(now, profile.tz)
    if last > complete:
        raise ExportError(f"{last} is not over yet (it ends {last.sunday.isoformat()}); "
                          f"the last complete week is {complete}")


class _Tracker:
    """Turns the export's steps into (completed, total) calls; safe to call from the writer thread."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.total = 0.0
        self.done = 0.0
        self.lock = threading.Lock()

    def add(self, units: float) -> None:
        with self.lock:
            self.total += units

    def step(self, units: float, what: str) -> None:
        with self.lock:
            self.done += units
            done, total = self.done, self.total
        if self.progress:
            self.progress(done, total, what)


def _build_and_write(profile: Profile, first: IsoWeek, last: IsoWeek, out_dir: Path, formats: Sequence[str],
                     include_text: bool, read: _Read, tracker: _Tracker) -> ExportResult:
    tracker.add(len(formats))
    pub = build_publication(
        profile, first, last, counts=read.counts, flow=read.flow, mobile_office=read.mobile_office,
        watch=read.watch, lines=read.lines, include_text=include_text,
    )
    folder = out_dir / pub.name
    staging = out_dir / f".{pub.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        written = _write_files(pub, staging, formats, tracker)
        (staging / "manifest.json").write_bytes(
            manifest_json(pub, profile, staging, written, formats=list(formats), include_text=include_text)
        )
        _replace_folder(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExportError(f"cannot write the export into {out_dir}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = tuple(folder / f.name for f in written) + (folder / "manifest.json",)
    submissions = sum(c.total for c in read.counts if c.week in pub.weeks)
    return ExportResult(folder, pub.weeks, files, submissions, pub.empty)


def _write_files(pub: Publication, folder: Path, formats: Sequence[str], tracker: _Tracker) -> list[WrittenFile]:
    written: list[WrittenFile] = []

    def put(name: str, content: bytes, rows: int | None) -> None:
        (folder / name).write_bytes(content)
        written.append(WrittenFile(name, rows))
        tracker.step(1, f"skriver {name}")

    if "csv" in formats:
        put("summary.csv", *summary_csv(pub))
    if "json" in formats:
        put("summary.json", summary_json(pub), None)
    if "submissions" in formats:
        put("submissions.csv", *submissions_csv(pub))
    if "xlsx" in formats:
        name = f"{pub.name}.xlsx"
        rows = write_workbook(pub, folder / name, on_rows=lambda n: tracker.step(n, f"skriver {name}"))
        written.append(WrittenFile(name, sum(rows.values())))
        tracker.step(1, f"skriver {name}")
    if "html" in formats:
        put("report.html", render_report(pub), None)
    if "geojson" in formats:
        put("places.geojson", *places_geojson(pub))
    return written


def _replace_folder(staging: Path, folder: Path) -> None:
    """Move the finished export into place; an older export of the same weeks is replaced."""
    try:
        staging.rename(folder)
        return
    except OSError:
        if not folder.exists():
            raise
    retired = folder.with_name(f".{folder.name}.{uuid.uuid4().hex[:8]}.old")
    folder.rename(retired)
    staging.rename(folder)
    shutil.rmtree(retired, ignore_errors=True)
