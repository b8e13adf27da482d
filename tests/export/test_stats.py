"""The aggregate queries: ISO weeks in Stockholm time, counts equal to the database's, on both backends."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlalchemy import select

from storage.models import Submission
from storage.stats import (
    NO_THEME,
    mobile_office_questions,
    theme_trends,
    watch_interest,
    weekly_counts,
    weekly_flow,
)
from storage.weeks import IsoWeek, week_range
from tests.export.conftest import STOCKHOLM, local


def test_iso_week_parsing_and_errors() -> None:
    assert IsoWeek.parse("2026-W47") == IsoWeek(2026, 47)
    assert IsoWeek.parse("2026w7") == IsoWeek(2026, 7)
    assert str(IsoWeek(2026, 7)) == "2026-W07"
    assert IsoWeek.parse("2026-W53") == IsoWeek(2026, 53)  # 2026 has 53 ISO weeks
    for bad in ("2026-47", "W47", "2026-W", "2025-W53", "2026-W00", "hello", ""):
        with pytest.raises(ValueError):
            IsoWeek.parse(bad)


def test_week_boundaries_follow_daylight_saving() -> None:
    spring = IsoWeek(2026, 13)  # 23-29 March 2026; clocks go forward on Sunday the 29th
    autumn = IsoWeek(2026, 44)  # 26 Oct - 1 Nov 2026; clocks went back on Sunday 25 Oct (week 43)
    assert spring.end(STOCKHOLM) - spring.start(STOCKHOLM) == dt.timedelta(hours=167)
    assert IsoWeek(2026, 43).end(STOCKHOLM) - IsoWeek(2026, 43).start(STOCKHOLM) == dt.timedelta(hours=169)
    assert autumn.end(STOCKHOLM) - autumn.start(STOCKHOLM) == dt.timedelta(hours=168)
    assert spring.start(STOCKHOLM) == dt.datetime(2026, 3, 22, 23, tzinfo=dt.UTC)  # Monday 00:00 CET
    assert spring.end(STOCKHOLM) == dt.datetime(2026, 3, 29, 22, tzinfo=dt.UTC)  # Monday 00:00 CEST


def test_last_complete_week_in_local_time() -> None:
    # Sunday 23:30 in Stockholm is still week 47 there (but already Monday in no zone east of it).
    sunday_night = local(2026, 11, 22, 23, 30)
    assert IsoWeek.last_complete(sunday_night, STOCKHOLM) == IsoWeek(2026, 46)
    monday_early = local(2026, 11, 23, 0, 30)  # Sunday 23:30 UTC
    assert IsoWeek.last_complete(monday_early, STOCKHOLM) == IsoWeek(2026, 47)


async def test_counts_equal_the_database(db, profile, maker) -> None:
    weeks = week_range(IsoWeek(2026, 12), IsoWeek(2026, 14))
    # Edges of week 13 in local time, across the spring DST change.
    await maker.add(local(2026, 3, 22, 23, 59), place="lur", themes=("traffic",))  # Sunday of week 12
    await maker.add(local(2026, 3, 23, 0, 0), place="lur", themes=("traffic",))  # Monday 00:00, week 13
    await maker.add(local(2026, 3, 29, 23, 59), place="hede", intent="feedback", themes=("public_space", "violence"))
    await maker.add(local(2026, 3, 30, 0, 1), place=None, intent="question", themes=())  # week 14
    await maker.add(local(2026, 3, 25), place="grebbestad", count=4)
    await maker.add(local(2026, 3, 25), place="grebbestad", intent="emergency", themes=("violence",))
    # Not counted: spam, from a blocked citizen, merged into another.
    await maker.add(local(2026, 3, 25), status="spam")
    await maker.add(local(2026, 3, 25), from_blocked=True)
    [duplicate] = await maker.add(local(2026, 3, 26))
    async with db.write() as session:
        target = (await session.execute(select(Submission).where(Submission.place == "hede"))).scalar_one()
        (await session.get(Submission, duplicate.id)).merged_into_id = target.id
    # Outside the range.
    await maker.add(local(2026, 3, 15))
    await maker.add(local(2026, 4, 6))

    async with db.read() as session:
        counts = await weekly_counts(session, weeks, profile.tz)
        rows = (await session.execute(select(Submission))).scalars().all()

    expected: dict[IsoWeek, Counter] = {w: Counter() for w in weeks}
    for s in rows:
        week = IsoWeek.containing(s.created_at, STOCKHOLM)
        if week not in expected or s.status == "spam" or s.from_blocked or s.merged_into_id:
            continue
        expected[week][("total",)] += 1
        expected[week][("place", s.place)] += 1
        expected[week][("intent", s.intent)] += 1
        for theme in s.theme_ids or (NO_THEME,):
            expected[week][("theme", theme)] += 1
            expected[week][("cell", s.place, theme, s.intent)] += 1
    for c in counts:
        got = Counter({("total",): c.total})
        got.update({("place", k): v for k, v in c.by_place.items()})
        got.update({("intent", k): v for k, v in c.by_intent.items()})
        got.update({("theme", k): v for k, v in c.by_theme.items()})
        got.update({("cell", *k): v for k, v in c.cells.items()})
        assert +got == +expected[c.week], c.week
    assert [c.total for c in counts] == [1, 7, 1]
    assert counts[1].by_theme["violence"] == 2 and counts[1].by_theme["drugs"] == 4  # the two-theme one counts twice
    assert counts[2].by_place[None] == 1 and counts[2].by_theme[NO_THEME] == 1


async def test_flow_mobile_office_and_watch(db, profile, maker) -> None:
    week = IsoWeek(2026, 13)
    created = local(2026, 3, 24, 9)
    for hours in (1, 2, 10, 30):  # median of 2 and 10 hours = 6
        await maker.add(created, first_response_at=created + dt.timedelta(hours=hours))
    await maker.add(created)  # no answer yet
    await maker.add(local(2026, 3, 10), status="closed", closed_at=local(2026, 3, 26))  # closed in week 13
    await maker.add(local(2026, 3, 10), status="closed", closed_at=local(2026, 3, 12))  # closed before
    await maker.add(local(2026, 3, 10), status="spam", closed_at=local(2026, 3, 26))  # spam is not "closed"
    await maker.add(created, intent="question", themes=(), text="När kommer mobila polisen till Hede?")
    await maker.add(created, intent="question", themes=(), text="When is the MOBILE POLICE office in Lur?")
    await maker.add(created, intent="question", themes=(), text="Hur anmäler jag en stöld?")
    await maker.watch(created, "hede", households=4, new_group=True)
    await maker.watch(created, "hede", households=2, info_meeting=True)
    await maker.watch(created, None, households=1)
    await maker.watch(local(2026, 4, 8), "hede")  # a later week

    async with db.read() as session:
        [flow] = await weekly_flow(session, [week], profile.tz)
        [mobile] = await mobile_office_questions(session, [week], profile.tz)
        areas = await watch_interest(session, week.start(profile.tz), week.end(profile.tz))
    assert (flow.opened, flow.closed, flow.responded) == (8, 1, 4)
    assert flow.median_hours_to_first_response == pytest.approx(6.0)
    assert mobile == 2
    assert [(a.place, a.signups, a.households, a.wants_new_group, a.wants_info_meeting) for a in areas] == [
        ("hede", 2, 6, 1, 1), (None, 1, 1, 0, 0)
    ]


def test_theme_trend_uses_the_four_weeks_before() -> None:
    from storage.stats import WeekCounts

    counts = []
    for i, n in enumerate([9, 1, 2, 3, 4, 10]):
        c = WeekCounts(IsoWeek(2026, 10 + i))
        c.add("lur", "tip", ["drugs"], n)
        counts.append(c)
    [trend] = theme_trends(counts, ["drugs"])
    assert trend.this_week == 10 and trend.previous == (1, 2, 3, 4) and trend.previous_average == 2.5
