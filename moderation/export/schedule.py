"""The scheduled weekly export: the bot calls ``run_due_export`` from its job queue.

A week's export is *due* at the profile's export weekday and time (default
Monday 06:00, local) after the week ends. Each call exports every due week
that the schedule has not exported yet, oldest first: normally just the week
that ended, after downtime the missed weeks too (at most ``CATCH_UP_WEEKS``;
on a new installation only the latest). Calling it often is cheap and safe:
a week is claimed by inserting its ``export_runs`` row, so with two bot
processes, or a restart in the middle, each week is exported once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import uuid
from pathlib import Path

from moderation.export.run import export_weeks
from storage.db import Database
from storage.profile import Profile
from storage.usecases.export_runs import DONE, claim_export_run, finish_export_run, latest_done_week, run_statuses
from storage.weeks import IsoWeek, week_range

CATCH_UP_WEEKS = 8
log = logging.getLogger(__name__)


def due_at(week: IsoWeek, profile: Profile) -> dt.datetime:
    """When the export of ``week`` is due, as an aware UTC datetime."""
    day = week.monday + dt.timedelta(days=7 + profile.export.weekday)
    return dt.datetime.combine(day, profile.export.time, tzinfo=profile.tz).astimezone(dt.UTC)


def latest_due_week(profile: Profile, now: dt.datetime) -> IsoWeek:
    week = IsoWeek.last_complete(now, profile.tz)
    return week if due_at(week, profile) <= now else week.shift(-1)


async def due_weeks(db: Database, profile: Profile, now: dt.datetime) -> list[IsoWeek]:
    """The due weeks the schedule has not finished, oldest first."""
    last = latest_due_week(profile, now)
    done = await latest_done_week(db)
    first = last if done is None else max(IsoWeek.parse(done).shift(1), last.shift(-(CATCH_UP_WEEKS - 1)))
    candidates = week_range(first, last) if first <= last else []
    statuses = await run_statuses(db, [str(w) for w in candidates])
    return [w for w in candidates if statuses.get(str(w)) != DONE]


async def run_due_export(db: Database, profile: Profile, out_root: Path, now: dt.datetime) -> str | None:
    """Export every due week not exported yet; the newest export's folder, or None if nothing was written.

    Never raises for a failed export: the failure is logged and stored on the
    week's run row (retried after an hour), and the bot carries on.
    """
    runner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    newest: str | None = None
    for week in await due_weeks(db, profile, now):
        if not await claim_export_run(db, str(week), runner=runner, now=now):
            continue
        try:
            result = await export_weeks(db, profile, week, week, Path(out_root), now=now)
        except Exception as exc:  # a broken export must not stop the bot; the row records it
            log.exception("weekly export of %s failed", week)
            await finish_export_run(db, str(week), runner=runner, now=now, out_dir=None,
                                    error=f"{type(exc).__name__}: {exc}"[:1000])
            continue
        await finish_export_run(db, str(week), runner=runner, now=now, out_dir=str(result.out_dir))
        log.info("weekly export of %s written to %s (%d submissions)", week, result.out_dir, result.submissions)
        newest = str(result.out_dir)
    return newest
