"""The scheduled export: due on Monday morning, once per week across processes, missed weeks caught up."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from moderation.export.schedule import due_at, run_due_export
from storage.db import open_database
from storage.models import ExportRun
from storage.usecases.export_runs import claim_export_run, finish_export_run
from storage.weeks import IsoWeek
from tests.export.conftest import Maker, local


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "exports"  # beside, not around, the test's SQLite file


async def runs(db) -> dict[str, tuple[str, str | None]]:  # noqa: ANN001
    async with db.read() as session:
        rows = (await session.execute(select(ExportRun))).scalars().all()
    return {r.iso_week: (r.status, r.error) for r in rows}


async def test_due_on_the_profile_weekday_and_time(profile) -> None:  # noqa: ANN001
    assert due_at(IsoWeek(2026, 13), profile) == local(2026, 3, 30, 6, 0)  # Monday after, 06:00 local (CEST)
    assert due_at(IsoWeek(2026, 44), profile) == local(2026, 11, 2, 6, 0)  # (CET)


async def test_two_processes_export_a_week_once(committed_db, backend_url, profile, out: Path) -> None:
    await Maker(committed_db, profile).add(local(2026, 3, 24), count=4)
    other_process = open_database(backend_url)  # its own engine and connections, like a second bot
    now = local(2026, 3, 30, 6, 30)
    try:
        results = await asyncio.gather(
            run_due_export(committed_db, profile, out, now),
            run_due_export(other_process, profile, out, now),
            run_due_export(committed_db, profile, out, now),
        )
    finally:
        await other_process.close()
    written = [r for r in results if r is not None]
    assert written == [str(out / "kartlaggning-2026-W13")]
    assert await runs(committed_db) == {"2026-W13": ("done", None)}
    assert [p.name for p in out.iterdir()] == ["kartlaggning-2026-W13"]
    # Later the same week (a restart, the next tick): nothing to do.
    assert await run_due_export(committed_db, profile, out, now + dt.timedelta(days=2)) is None


async def test_not_before_monday_morning_then_once(committed_db, profile, out: Path) -> None:
    early = local(2026, 3, 30, 5, 30)  # week 13 is over, but its export is due at 06:00
    assert await run_due_export(committed_db, profile, out, early) == str(out / "kartlaggning-2026-W12")
    assert await run_due_export(committed_db, profile, out, early) is None
    assert await run_due_export(committed_db, profile, out, local(2026, 3, 30, 6, 1)) == str(
        out / "kartlaggning-2026-W13")
    assert set(await runs(committed_db)) == {"2026-W12", "2026-W13"}


async def test_missed_weeks_are_caught_up_at_start(committed_db, profile, out: Path) -> None:
    runner = "old-bot"
    assert await claim_export_run(committed_db, "2026-W10", runner=runner, now=local(2026, 3, 9, 6))
    await finish_export_run(committed_db, "2026-W10", runner=runner, now=local(2026, 3, 9, 6, 1), out_dir="x")
    await Maker(committed_db, profile).add(local(2026, 3, 18), count=3)  # week 12
    newest = await run_due_export(committed_db, profile, out, local(2026, 4, 6, 7))  # Monday of week 15
    assert newest == str(out / "kartlaggning-2026-W14")
    assert sorted(p.name for p in out.iterdir()) == [f"kartlaggning-2026-W{w}" for w in (11, 12, 13, 14)]
    assert {w: s for w, (s, _) in (await runs(committed_db)).items()} == {
        f"2026-W{w}": "done" for w in (10, 11, 12, 13, 14)}


async def test_a_stuck_run_is_taken_over_after_an_hour(committed_db, profile, out: Path) -> None:
    now = local(2026, 3, 30, 9)
    assert await claim_export_run(committed_db, "2026-W13", runner="crashed", now=now - dt.timedelta(minutes=20))
    assert await run_due_export(committed_db, profile, out, now) is None  # still running elsewhere
    assert await run_due_export(committed_db, profile, out, now + dt.timedelta(hours=1)) == str(
        out / "kartlaggning-2026-W13")
    assert (await runs(committed_db))["2026-W13"] == ("done", None)


async def test_a_failed_export_is_recorded_and_retried(committed_db, profile, out: Path) -> None:
    blocked = out.parent / "not-a-folder"
    blocked.write_text("a file where the export folder should be")
    now = local(2026, 3, 30, 7)
    assert await run_due_export(committed_db, profile, blocked, now) is None  # logged, not raised
    status, error = (await runs(committed_db))["2026-W13"]
    assert status == "failed" and "cannot write the export" in error
    assert await run_due_export(committed_db, profile, out, now + dt.timedelta(minutes=10)) is None
    assert await run_due_export(committed_db, profile, out, now + dt.timedelta(hours=2)) == str(
        out / "kartlaggning-2026-W13")


RUN_IN_PROCESS = """
import asyncio, sys, datetime as dt
from pathlib import Path
from storage.db import open_database
from storage.profile import load_profile
from moderation.export.schedule import run_due_export

async def main():
    db = open_database(sys.argv[1])
    try:
        print(await run_due_export(db, load_profile(), Path(sys.argv[2]), dt.datetime.fromisoformat(sys.argv[3])))
    finally:
        await db.close()

asyncio.run(main())
"""


async def test_two_os_processes_export_once(sqlite_url: str, profile, out: Path) -> None:  # noqa: ANN001
    import sys

    db = open_database(sqlite_url)
    await Maker(db, profile).add(local(2026, 3, 24), count=3)
    await db.close()
    now = local(2026, 3, 30, 6, 30).isoformat()
    root = Path(__file__).parents[2]
    procs = [
        await asyncio.create_subprocess_exec(sys.executable, "-c", RUN_IN_PROCESS, sqlite_url, str(out), now,
                                             cwd=root, stdout=asyncio.subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [(await p.communicate())[0].decode().strip() for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    assert sorted(outputs) == sorted(["None", str(out / "kartlaggning-2026-W13")])
