"""Once-per-period jobs shared by several bot processes (the daily retention purge).

A job run is claimed by inserting its (job, period) row; the primary key makes
the claim atomic on SQLite and PostgreSQL alike, so two bot workers never both
run the purge of the same day, and a day missed while no bot ran is simply
done at the next start.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.clock import utcnow
from storage.db import Database
from storage.models import JobRun
from storage.profile import Profile
from storage.usecases.privacy import PurgeReport, purge


async def claim_job(db: Database, job: str, period: str, *, now: dt.datetime | None = None) -> bool:
    """True if this process claimed ``job`` for ``period``; False if someone already had it."""
    insert = pg_insert if db.dialect == "postgresql" else sqlite_insert
    async with db.write() as session:
        result = await session.execute(
            insert(JobRun).values(job=job, period=period, started_at=now or utcnow()).on_conflict_do_nothing()
        )
        return result.rowcount == 1


async def finish_job(db: Database, job: str, period: str, result: dict) -> None:
    async with db.write() as session:
        run = await session.get(JobRun, (job, period))
        if run is not None:
            run.finished_at, run.result = utcnow(), result


async def run_daily_purge(
    db: Database, profile: Profile, *, attachments_dir: Path | None, now: dt.datetime | None = None
) -> PurgeReport | None:
    """Apply retention once per local day; None when another process already did today."""
    now = now or utcnow()
    day = now.astimezone(profile.tz).date().isoformat()
    if not await claim_job(db, "purge", day, now=now):
        return None
    report = await purge(db, profile, now=now, attachments_dir=attachments_dir)
    await finish_job(db, "purge", day, report.__dict__)
    return report
