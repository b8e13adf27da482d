"""The statistics screen: the last 12 weeks by theme and place, open vs closed, time to first response.

Counting happens in SQL (``storage.stats``, shared with the weekly export);
the charts are plain Rich renderables (block-character sparklines and
``rich.bar.Bar``), so they need no extra dependency and fit 80 columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rich.bar import Bar
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from moderation.triage.back import BackToQueue
from moderation.triage.i18n import Strings
from moderation.triage.safe import clean
from moderation.triage.saved_views import OPEN
from storage.db import Database
from storage.profile import Profile
from storage.queries import QueueFilter, count_queue
from storage.stats import NO_THEME, WeekCounts, WeekFlow, weekly_counts, weekly_flow
from storage.vocabulary import THEMES, Status
from storage.weeks import IsoWeek, week_range

WEEKS = 12
TOP_PLACES = 8
BLOCKS = "▁▂▃▄▅▆▇█"
LABEL_WIDTH = 18


@dataclass(frozen=True)
class StatsData:
    weeks: tuple[IsoWeek, ...]
    counts: tuple[WeekCounts, ...]
    flow: tuple[WeekFlow, ...]
    open_now: int
    closed_now: int


async def fetch_stats(db: Database, profile: Profile, now: dt.datetime, weeks: int = WEEKS) -> StatsData:
    """The last ``weeks`` ISO weeks up to and including the current one, in one read transaction."""
    current = IsoWeek.containing(now, profile.tz)
    span = week_range(current.shift(-(weeks - 1)), current)
    async with db.read() as session:
        counts = await weekly_counts(session, span, profile.tz)
        flow = await weekly_flow(session, span, profile.tz)
        open_now = await count_queue(session, QueueFilter(statuses=OPEN))
        closed_now = await count_queue(session, QueueFilter(statuses=(Status.CLOSED.value,)))
    return StatsData(tuple(span), tuple(counts), tuple(flow), open_now, closed_now)


def sparkline(values: Sequence[float | None], cell: int = 2) -> Text:
    """Block characters scaled to the largest value; ``None`` (no data) is a blank cell."""
    top = max((v for v in values if v is not None), default=0) or 1
    line = Text()
    for value in values:
        if value is None:
            line.append(" " * cell)
            continue
        level = 0 if value <= 0 else max(1, round(value / top * (len(BLOCKS) - 1)))
        line.append((BLOCKS[level] if value > 0 else " ") * cell)
    return line


def number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class StatsView(Vertical, BackToQueue):
    DEFAULT_CSS = """
    StatsView { height: 1fr; }
    StatsView > #stats-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    StatsView > #stats-scroll { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    """

    def __init__(self, strings: Strings, profile: Profile, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strings = strings
        self.profile = profile
        self.data: StatsData | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(self.strings("stats.title", weeks=WEEKS)), id="stats-title")
        with VerticalScroll(id="stats-scroll", can_focus=True):
            yield Static(Text(self.strings("stats.loading")), id="stats-body")

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#stats-scroll", VerticalScroll)

    async def fetch(self, db: Database, now: dt.datetime) -> StatsData:
        return await fetch_stats(db, self.profile, now)

    def show(self, data: StatsData | None) -> None:
        self.data = data
        body = self.render_stats(data) if data is not None else Text(self.strings("stats.loading"))
        self.query_one("#stats-body", Static).update(body)

    def relabel(self, strings: Strings) -> None:
        self.strings = strings
        self.query_one("#stats-title", Static).update(Text(strings("stats.title", weeks=WEEKS)))
        self.show(self.data)

    def render_stats(self, data: StatsData) -> RenderableType:
        t = self.strings
        first, last = data.weeks[0], data.weeks[-1]
        w = t("stats.week_short")
        gap = " " * (WEEKS * 2 - len(f"{w}{first.week}{w}{last.week}"))
        span = Text(f"{w}{first.week}{gap}{w}{last.week}", style="dim")

        chart = Table.grid(padding=(0, 1))
        chart.add_column(no_wrap=True, width=LABEL_WIDTH, overflow="ellipsis")
        chart.add_column(no_wrap=True)
        chart.add_column(justify="right", no_wrap=True, min_width=6)
        chart.add_column(justify="right", no_wrap=True, min_width=5)

        def heading(key: str) -> None:
            chart.add_row(Text(t(key), style="bold underline"), span,
                          Text(t("stats.total"), style="dim"), Text(f"{w}{last.week}", style="dim"))

        heading("stats.by_theme")
        for theme in (*THEMES, NO_THEME):
            series = [c.by_theme.get(theme, 0) for c in data.counts]
            if theme == NO_THEME and not any(series):
                continue
            label = t.label(theme) if theme != NO_THEME else "–"
            chart.add_row(Text(label), sparkline(series), Text(number(sum(series))), Text(number(series[-1])))
        chart.add_row(Text(""), Text(""), Text(""), Text(""))
        heading("stats.open_closed")
        opened = [f.opened for f in data.flow]
        closed = [f.closed for f in data.flow]
        chart.add_row(Text(t("detail.created")), sparkline(opened), Text(number(sum(opened))), Text(number(opened[-1])))
        chart.add_row(Text(t("stats.closed")), sparkline(closed), Text(number(sum(closed))), Text(number(closed[-1])))
        medians = [f.median_hours_to_first_response for f in data.flow]
        latest = medians[-1]
        chart.add_row(Text(t("stats.median")), sparkline(medians), Text(""),
                      Text(self._duration(latest) if latest is not None else t("stats.no_response")))
        backlog = Text(f"{t('stats.open')}: {number(data.open_now)} · {t('stats.closed')}: {number(data.closed_now)}")

        places = Table.grid(padding=(0, 1), expand=True)
        places.add_column(no_wrap=True, width=LABEL_WIDTH, overflow="ellipsis")
        places.add_column(ratio=1)
        places.add_column(justify="right", no_wrap=True)
        totals: dict[str | None, int] = {}
        for week in data.counts:
            for place, n in week.by_place.items():
                totals[place] = totals.get(place, 0) + n
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0] or ""))[:TOP_PLACES]
        top = ranked[0][1] if ranked else 1
        places.add_row(Text(t("stats.by_place"), style="bold underline"), Text(""), Text(""))
        for place_id, n in ranked:
            place = self.profile.place(place_id)
            name = place.name if place else (clean(place_id, one_line=True) if place_id else "–")
            places.add_row(Text(name), Bar(size=top, begin=0, end=n, color="cyan"), Text(number(n)))
        return Group(chart, backlog, Text(""), places)

    def _duration(self, hours: float) -> str:
        t = self.strings
        return t("stats.hours", n=round(hours)) if hours < 48 else t("stats.days", n=round(hours / 24, 1))
