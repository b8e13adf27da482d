"""Everything an export publishes, after the small-cell rule: the one input of every file writer.

``build_publication`` is pure: it takes the statistics read from the
database and returns frozen data, so every file (CSV, JSON, XLSX, HTML,
GeoJSON) shows the same protected numbers and the same data gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from moderation.export.disclosure import ProtectedWeek, Published, protect_count, protect_week
from storage.export_rows import ExportRow
from storage.profile import Place, Profile, Promise
from storage.stats import NO_THEME, WatchArea, WeekCounts, WeekFlow
from storage.vocabulary import INTENTS, THEMES
from storage.weeks import IsoWeek, week_range

CHART_WEEKS = 12
TREND_WEEKS = 4
UNKNOWN_PLACE = "unknown"  # place id in files for "no place recognised"
OTHER_AREAS = "other"  # grannsamverkan areas with too few sign-ups, together


@dataclass(frozen=True)
class Keys:
    """The fixed rows and columns of every week's tables (independent of the data)."""

    places: tuple[str | None, ...]
    themes: tuple[str, ...]
    intents: tuple[str, ...]


@dataclass(frozen=True)
class TrendRow:
    week: IsoWeek
    theme: str
    this_week: Published
    previous: tuple[Published, ...]
    previous_average: float | None  # only when every previous week is shown as a number
    change_percent: float | None


@dataclass(frozen=True)
class FlowRow:
    week: IsoWeek
    opened: Published
    closed: Published
    responded: Published
    median_hours_to_first_response: float | None  # only when at least `threshold` were answered


@dataclass(frozen=True)
class WatchRow:
    place: str  # place id, UNKNOWN_PLACE or OTHER_AREAS
    signups: Published
    households: int | None  # None where the sign-ups are too few to show
    wants_new_group: Published
    wants_info_meeting: Published


@dataclass(frozen=True)
class SubmissionLine:
    ref: str
    date: str  # local date, no time of day
    week: str
    place: str
    themes: str  # "drugs;traffic"
    intent: str
    lang: str
    status: str
    text: str | None  # redacted; None with --no-text


@dataclass(frozen=True)
class Publication:
    municipality: str
    timezone: str
    threshold: int
    weeks: tuple[IsoWeek, ...]  # the exported weeks
    chart_weeks: tuple[IsoWeek, ...]  # the 12 weeks the report charts, ending with the last exported
    protected: dict[IsoWeek, ProtectedWeek]
    keys: Keys
    trends: tuple[TrendRow, ...]
    flow: tuple[FlowRow, ...]
    mobile_office_questions: dict[IsoWeek, Published]
    watch: tuple[WatchRow, ...]
    submissions: tuple[SubmissionLine, ...] | None  # None when no file needs them
    include_text: bool
    places: tuple[Place, ...]
    promises: tuple[Promise, ...]

    @property
    def name(self) -> str:
        """``kartlaggning-2026-W47`` or ``kartlaggning-2026-W40_2026-W47``."""
        first, last = self.weeks[0], self.weeks[-1]
        return f"kartlaggning-{first}" if first == last else f"kartlaggning-{first}_{last}"

    @property
    def period_label(self) -> str:
        first, last = self.weeks[0], self.weeks[-1]
        return str(first) if first == last else f"{first}..{last}"

    @property
    def first_day(self) -> dt.date:
        return self.weeks[0].monday

    @property
    def last_day(self) -> dt.date:
        return self.weeks[-1].sunday

    @property
    def empty(self) -> bool:
        return all(self.protected[w].empty for w in self.weeks)

    @cached_property
    def _place_names(self) -> dict[str | None, str]:
        names: dict[str | None, str] = {None: "Okänd plats", UNKNOWN_PLACE: "Okänd plats", OTHER_AREAS: "Övriga områden"}
        names.update((p.id, p.name) for p in self.places)
        return names

    def place_name(self, place: str | None) -> str:
        return self._place_names.get(place, place or "")


def window_for(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    """The weeks whose counts an export of first..last needs: the trend and chart weeks too."""
    return week_range(min(first.shift(-TREND_WEEKS), last.shift(-(CHART_WEEKS - 1))), last)


def keys_for(profile: Profile, counts: Sequence[WeekCounts]) -> Keys:
    """Profile places, themes and intents, plus any stored id the profile no longer has."""
    known_places = [p.id for p in profile.places]
    seen_places = {p for c in counts for p in c.by_place if p is not None and p not in known_places}
    seen_themes = {t for c in counts for t in c.by_theme if t not in THEMES and t != NO_THEME}
    seen_intents = {i for c in counts for i in c.by_intent if i not in INTENTS}
    return Keys(
        places=(*known_places, *sorted(seen_places), None),
        themes=(*THEMES, *sorted(seen_themes), NO_THEME),
        intents=(*INTENTS, *sorted(seen_intents)),
    )


def build_publication(
    profile: Profile,
    first: IsoWeek,
    last: IsoWeek,
    *,
    counts: Sequence[WeekCounts],
    flow: Sequence[WeekFlow],
    mobile_office: Sequence[int],
    watch: Sequence[WatchArea],
    lines: Sequence[SubmissionLine] | None,
    include_text: bool,
) -> Publication:
    """Protect every week of the window once, then derive all published tables from that."""
    threshold = profile.export.small_cell_threshold
    keys = keys_for(profile, counts)
    protected = {
        c.week: protect_week(c, places=keys.places, themes=keys.themes, intents=keys.intents, threshold=threshold)
        for c in counts
    }
    weeks = tuple(week_range(first, last))
    chart_weeks = tuple(week_range(last.shift(-(CHART_WEEKS - 1)), last))
    flow_by_week = {f.week: f for f in flow}
    return Publication(
        municipality=profile.municipality,
        timezone=profile.timezone,
        threshold=threshold,
        weeks=weeks,
        chart_weeks=chart_weeks,
        protected=protected,
        keys=keys,
        trends=tuple(t for w in weeks for t in _trends(protected, w, keys.themes)),
        flow=tuple(_flow(protected[w], flow_by_week[w], threshold) for w in weeks),
        mobile_office_questions={w: protect_count(n, threshold) for w, n in zip(weeks, mobile_office, strict=True)},
        watch=_watch_rows(watch, threshold),
        submissions=None if lines is None else tuple(lines),
        include_text=include_text,
        places=profile.places,
        promises=profile.promises,
    )


def _trends(protected: dict[IsoWeek, ProtectedWeek], week: IsoWeek, themes: Sequence[str]) -> list[TrendRow]:
    before = [week.shift(-i) for i in range(TREND_WEEKS, 0, -1)]
    rows = []
    for theme in themes:
        now = protected[week].by_theme[theme]
        previous = tuple(protected[w].by_theme[theme] for w in before)
        average = sum(previous) / len(previous) if all(isinstance(v, int) for v in previous) else None  # type: ignore[arg-type]
        change = None
        if isinstance(now, int) and average:
            change = round((now - average) / average * 100, 1)
        rows.append(TrendRow(week, theme, now, previous, None if average is None else round(average, 2), change))
    return rows


def _flow(week: ProtectedWeek, flow: WeekFlow, threshold: int) -> FlowRow:
    median = flow.median_hours_to_first_response if flow.responded >= threshold else None
    return FlowRow(
        week=week.week,
        opened=week.total,  # the same figure as the week's total, protected once
        closed=protect_count(flow.closed, threshold),
        responded=protect_count(flow.responded, threshold),
        median_hours_to_first_response=median,
    )


def _watch_rows(areas: Sequence[WatchArea], threshold: int) -> tuple[WatchRow, ...]:
    """Areas with enough sign-ups on their own row; the rest together as "other areas"; no total row.

    Recoding the small areas into one row (instead of suppressing them beside
    a total) leaves nothing to subtract: no published figure covers a single
    small area.
    """
    shown = [a for a in areas if a.signups >= threshold]
    small = [a for a in areas if a.signups < threshold]
    rows = [
        WatchRow(a.place or UNKNOWN_PLACE, a.signups, a.households,
                 protect_count(a.wants_new_group, threshold), protect_count(a.wants_info_meeting, threshold))
        for a in shown
    ]
    if small:
        signups = sum(a.signups for a in small)
        if signups >= threshold:
            rows.append(WatchRow(
                OTHER_AREAS, signups, sum(a.households for a in small),
                protect_count(sum(a.wants_new_group for a in small), threshold),
                protect_count(sum(a.wants_info_meeting for a in small), threshold),
            ))
        else:
            label = protect_count(signups, threshold)
            rows.append(WatchRow(OTHER_AREAS, label, None, label, label))
    return tuple(rows)


def submission_lines(
    rows: Sequence[ExportRow],
    tz: ZoneInfo,
    redact: Callable[[str], str],
    include_text: bool,
    on_row: Callable[[int], None] | None = None,
) -> tuple[SubmissionLine, ...]:
    """The listed submissions with local dates and redacted text (the per-row work of an export)."""
    lines = []
    for i, row in enumerate(rows, 1):
        local = row.created_at.astimezone(tz).date()
        year, week, _ = local.isocalendar()
        lines.append(SubmissionLine(
            ref=row.ref,
            date=local.isoformat(),
            week=f"{year}-W{week:02d}",
            place=row.place or UNKNOWN_PLACE,
            themes=";".join(row.themes),
            intent=row.intent,
            lang=row.lang,
            status=row.status,
            text=redact(row.text) if include_text else None,
        ))
        if on_row and i % 1000 == 0:
            on_row(1000)
    if on_row and len(rows) % 1000:
        on_row(len(rows) % 1000)
    return tuple(lines)
