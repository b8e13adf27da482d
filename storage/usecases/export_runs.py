"""Claiming the weekly export: one ``export_runs`` row per ISO week makes it run once.

Several bot processes may try the same week at the same time. Whoever
inserts the week's row first owns the run (``INSERT ... ON CONFLICT DO
NOTHING``, so the loser sees no error, only no row). A run left ``running``
by a process that died, or one that ``failed``, may be taken over after
``retake_after``; a ``done`` week is never run again by the schedule.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from storage.db import Database
from storage.models import ExportRun

RETAKE_AFTER = dt.timedelta(hours=1)
RUNNING, DONE, FAILED = "running", "done", "failed"


async def claim_export_run(
    db: Database,
    iso_week: str,
    *,
    runner: str,
    now: dt.datetime,
    trigger: str = "schedule",
    retake_after: dt.timedelta = RETAKE_AFTER,
) -> bool:
    """Take the run of ``iso_week`` for ``runner``; False if someone else has it or it is done."""
    insert = pg_insert if db.dialect == "postgresql" else sqlite_insert
    async with db.write() as session:
        inserted = (
            await session.execute(
                insert(ExportRun)
                .values(iso_week=iso_week, trigger=trigger, started_at=now, status=RUNNING, runner=runner)
                .on_conflict_do_nothing(index_elements=[ExportRun.iso_week])
                .returning(ExportRun.id)
            )
        ).scalar()
        if inserted is not None:
            return True
        cutoff = now - retake_after
        retaken = await session.execute(
            update(ExportRun)
            .where(
                ExportRun.iso_week == iso_week,
                or_(
                    and_(ExportRun.status == RUNNING, ExportRun.started_at < cutoff),
                    and_(ExportRun.status == FAILED, ExportRun.finished_at < cutoff),
                ),
            )
            .values(status=RUNNING, started_at=now, finished_at=None, runner=runner, trigger=trigger, error=None)
            .execution_options(synchronize_session=False)
        )
        return retaken.rowcount == 1


async def finish_export_run(
    db: Database, iso_week: str, *, runner: str, now: dt.datetime, out_dir: str | None, error: str | None = None
) -> None:
    """Mark the run done (or failed, with ``error``); only the runner that holds it can."""
    async with db.write() as session:
        await session.execute(
            update(ExportRun)
            .where(ExportRun.iso_week == iso_week, ExportRun.runner == runner)
            .values(status=FAILED if error else DONE, finished_at=now, out_dir=out_dir, error=error)
            .execution_options(synchronize_session=False)
        )


async def latest_done_week(db: Database) -> str | None:
    """The newest week the schedule exported ("2026-W47" sorts correctly as text)."""
    async with db.read() as session:
        return (
            await session.execute(select(ExportRun.iso_week).where(ExportRun.status == DONE)
                                  .order_by(ExportRun.iso_week.desc()).limit(1))
        ).scalar()


async def run_statuses(db: Database, iso_weeks: list[str]) -> dict[str, str]:
    async with db.read() as session:
        rows = await session.execute(select(ExportRun.iso_week, ExportRun.status).where(ExportRun.iso_week.in_(iso_weeks)))
        return dict(rows.all())
