"""Aggregate statistics, computed in SQL: the weekly export and the console's statistics screen.

What is counted: every submission except those from a blocked citizen
(``from_blocked``), duplicates merged into another submission
(``merged_into_id``; the one they were merged into counts once) and spam
(status ``spam``). Emergencies count under their intent. Erased citizens'
submissions still count; counts carry no personal data.

Themes: a submission with two themes counts once under each of them; one with
none counts under ``NO_THEME``. Totals by place, intent and week count
submissions, so they are not the sum of the theme rows.

Weeks are ISO weeks in the profile's time zone. SQLite cannot convert time
zones, so the UTC boundary of every week is computed in Python
(``storage.weeks``) and each row is bucketed with a nested ``CASE`` on the
indexed ``created_at`` column: exact across daylight-saving changes, the same
SQL on SQLite and PostgreSQL, and one range scan for the whole window.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, case, extract, func, literal_column, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Submission, SubmissionTheme, WatchSignup
from storage.vocabulary import Intent, Status
from storage.weeks import IsoWeek, boundaries

NO_THEME = "none"
# Questions about the mobile police office, in the languages citizens write in.
# ASCII patterns on purpose: SQLite's lower() folds ASCII only.
MOBILE_OFFICE_PATTERNS = ("%mobil%polis%", "%mobil%politi%", "%mobile police%", "%mobil%polizei%", "%polisbuss%")


@dataclass
class WeekCounts:
    """One ISO week: submissions by place × theme × intent, and the totals."""

    week: IsoWeek
    total: int = 0
    by_theme: Counter[str] = field(default_factory=Counter)  # submissions having the theme
    by_place: Counter[str | None] = field(default_factory=Counter)  # None: no place recognised
    by_intent: Counter[str] = field(default_factory=Counter)
    cells: Counter[tuple[str | None, str, str]] = field(default_factory=Counter)  # (place, theme, intent)

    def add(self, place: str | None, intent: str, themes: Sequence[str], n: int) -> None:
        self.total += n
        self.by_place[place] += n
        self.by_intent[intent] += n
        for theme in themes or (NO_THEME,):
            self.by_theme[theme] += n
            self.cells[(place, theme, intent)] += n


@dataclass(frozen=True)
class WeekFlow:
    """Opened and closed in a week, and how fast officers first answered."""

    week: IsoWeek
    opened: int
    closed: int
    responded: int  # of those opened in the week, how many got a first response
    median_hours_to_first_response: float | None


@dataclass(frozen=True)
class WatchArea:
    """Grannsamverkan interest in one place (``None``: no place recognised)."""

    place: str | None
    signups: int
    households: int
    wants_new_group: int
    wants_info_meeting: int


@dataclass(frozen=True)
class ThemeTrend:
    theme: str
    this_week: int
    previous: tuple[int, ...]  # the weeks before, oldest first

    @property
    def previous_average(self) -> float:
        return sum(self.previous) / len(self.previous) if self.previous else 0.0


def counted() -> ColumnElement[bool]:
    """The submissions the statistics count (see the module docstring)."""
    return and_(
        Submission.from_blocked.is_(False),
        Submission.merged_into_id.is_(None),
        Submission.status != Status.SPAM.value,
    )


def week_bucket(column: Any, edges: Sequence[dt.datetime]) -> ColumnElement[int]:
    """The index of the week ``column`` falls in, given sorted week ``edges``.

    A balanced tree of ``CASE`` expressions, so a row needs log2(weeks)
    comparisons even for a two-year range. Rows outside the edges must be
    filtered out by the caller's WHERE clause.
    """

    def node(lo: int, hi: int) -> Any:  # weeks lo..hi-1
        if hi - lo == 1:
            return literal_column(str(lo))
        mid = (lo + hi) // 2
        return case((column < edges[mid], node(lo, mid)), else_=node(mid, hi))

    if len(edges) == 2:  # one week: still an expression, since "GROUP BY 0" would mean a column position
        return case((column.is_not(None), literal_column("0")))
    return node(0, len(edges) - 1)


def themes_of_submission(dialect: str) -> Any:
    """The submission's themes as one comma-separated string (order not guaranteed)."""
    if dialect == "postgresql":
        agg = func.string_agg(SubmissionTheme.theme, literal_column("','"))
    else:
        agg = func.group_concat(SubmissionTheme.theme, ",")
    return select(agg).where(SubmissionTheme.submission_id == Submission.id).scalar_subquery()


async def weekly_counts(session: AsyncSession, weeks: Sequence[IsoWeek], tz: ZoneInfo) -> list[WeekCounts]:
    """Counts for each of ``weeks`` (consecutive, oldest first) in one GROUP BY.

    Grouping by the submission's whole theme set (a handful of distinct
    values) rather than joining one row per theme lets one query give both
    the theme rows and the submission totals.
    """
    if not weeks:
        return []
    edges = boundaries(list(weeks), tz)
    bucket = week_bucket(Submission.created_at, edges).label("bucket")
    themes = themes_of_submission(session.bind.dialect.name).label("themes")
    stmt = (
        select(bucket, Submission.place, Submission.intent, themes, func.count().label("n"))
        .where(Submission.created_at >= edges[0], Submission.created_at < edges[-1], counted())
        .group_by(bucket, Submission.place, Submission.intent, themes)
    )
    result = [WeekCounts(week) for week in weeks]
    for index, place, intent, theme_list, n in (await session.execute(stmt)).all():
        theme_set = sorted(set(theme_list.split(","))) if theme_list else []
        result[index].add(place, intent, theme_set, n)
    return result


async def weekly_flow(session: AsyncSession, weeks: Sequence[IsoWeek], tz: ZoneInfo) -> list[WeekFlow]:
    """Opened, closed and first-response figures for each of ``weeks`` (consecutive)."""
    if not weeks:
        return []
    edges = boundaries(list(weeks), tz)
    opened_bucket = week_bucket(Submission.created_at, edges).label("bucket")
    in_window = and_(Submission.created_at >= edges[0], Submission.created_at < edges[-1], counted())
    opened = dict(
        (await session.execute(
            select(opened_bucket, func.count()).where(in_window).group_by(opened_bucket)
        )).all()
    )
    closed_bucket = week_bucket(Submission.closed_at, edges).label("bucket")
    closed = dict(
        (await session.execute(
            select(closed_bucket, func.count())
            # closed_at is set only while a submission is closed or spam (or merged, which
            # counted() excludes with spam), so no status test: it would steer SQLite to the
            # status index instead of the closed_at range.
            .where(Submission.closed_at >= edges[0], Submission.closed_at < edges[-1], counted())
            .group_by(closed_bucket)
        )).all()
    )
    medians = await _median_response_hours(session, edges, in_window, opened_bucket)
    return [
        WeekFlow(week, opened.get(i, 0), closed.get(i, 0), *medians.get(i, (0, None)))
        for i, week in enumerate(weeks)
    ]


async def _median_response_hours(
    session: AsyncSession, edges: Sequence[dt.datetime], in_window: Any, bucket: Any
) -> dict[int, tuple[int, float | None]]:
    """Per week: (how many got a first response, the median hours until it), by window functions."""
    if session.bind.dialect.name == "postgresql":
        hours = extract("epoch", Submission.first_response_at - Submission.created_at) / 3600.0
    else:
        hours = (func.julianday(Submission.first_response_at) - func.julianday(Submission.created_at)) * 24.0
    ranked = (
        select(
            bucket,
            hours.label("hours"),
            func.row_number().over(partition_by=bucket, order_by=hours).label("rn"),
            func.count().over(partition_by=bucket).label("cnt"),
        )
        .where(in_window, Submission.first_response_at.is_not(None))
        .subquery()
    )
    middle = or_(ranked.c.rn == (ranked.c.cnt + 1) // 2, ranked.c.rn == (ranked.c.cnt + 2) // 2)
    stmt = (
        select(ranked.c.bucket, func.max(ranked.c.cnt), func.avg(ranked.c.hours))
        .where(middle)
        .group_by(ranked.c.bucket)
    )
    return {
        bucket_index: (int(count), round(float(median), 2))
        for bucket_index, count, median in (await session.execute(stmt)).all()
    }


async def mobile_office_questions(session: AsyncSession, weeks: Sequence[IsoWeek], tz: ZoneInfo) -> list[int]:
    """Per week, the questions that ask about the mobile police office."""
    if not weeks:
        return []
    edges = boundaries(list(weeks), tz)
    bucket = week_bucket(Submission.created_at, edges).label("bucket")
    text = func.lower(Submission.text)
    stmt = (
        select(bucket, func.count())
        .where(
            Submission.intent == Intent.QUESTION.value,
            Submission.created_at >= edges[0],
            Submission.created_at < edges[-1],
            counted(),
            or_(*(text.like(pattern) for pattern in MOBILE_OFFICE_PATTERNS)),
        )
        .group_by(bucket)
    )
    found = dict((await session.execute(stmt)).all())
    return [found.get(i, 0) for i in range(len(weeks))]


async def watch_interest(session: AsyncSession, start: dt.datetime, end: dt.datetime) -> list[WatchArea]:
    """Grannsamverkan sign-ups made in [start, end), grouped by recognised place.

    Grouped by the profile's place, never by the free-text area a citizen
    typed (that can be a street address).
    """
    stmt = (
        select(
            WatchSignup.place,
            func.count(),
            func.coalesce(func.sum(WatchSignup.households), 0),
            func.sum(case((WatchSignup.wants_new_group.is_(True), 1), else_=0)),
            func.sum(case((WatchSignup.wants_info_meeting.is_(True), 1), else_=0)),
        )
        .outerjoin(Submission, Submission.id == WatchSignup.submission_id)
        .where(
            WatchSignup.created_at >= start,
            WatchSignup.created_at < end,
            or_(Submission.id.is_(None), counted()),
        )
        .group_by(WatchSignup.place)
    )
    rows = [WatchArea(place, int(n), int(h), int(g), int(m)) for place, n, h, g, m in (await session.execute(stmt)).all()]
    return sorted(rows, key=lambda a: (a.place is None, a.place or ""))


def theme_trends(counts: Sequence[WeekCounts], themes: Sequence[str], previous: int = 4) -> list[ThemeTrend]:
    """Each theme's last week in ``counts`` against the ``previous`` weeks before it."""
    if not counts:
        return []
    last, before = counts[-1], counts[-1 - previous:-1] if len(counts) > 1 else []
    return [
        ThemeTrend(theme, last.by_theme.get(theme, 0), tuple(c.by_theme.get(theme, 0) for c in before))
        for theme in themes
    ]
