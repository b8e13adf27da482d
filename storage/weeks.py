"""ISO weeks in the municipality's time zone: the unit the kartläggning counts in.

A week runs from Monday 00:00 to the next Monday 00:00 *local* time, so its
length in UTC is 167, 168 or 169 hours around daylight-saving changes. Every
query that buckets by week gets the exact UTC boundaries from here instead of
doing time-zone arithmetic in SQL (which SQLite cannot do).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    def __post_init__(self) -> None:
        try:
            dt.date.fromisocalendar(self.year, self.week, 1)
        except ValueError:
            raise ValueError(f"{self.year} has no ISO week {self.week}") from None

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """``2026-W47`` (also ``2026W47``, ``2026-w7``); ValueError with a readable message otherwise."""
        match = _WEEK.match(text.strip())
        if not match:
            raise ValueError(f"expected an ISO week like 2026-W47, got {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def containing(cls, instant: dt.datetime, tz: ZoneInfo) -> IsoWeek:
        return cls.of(instant.astimezone(tz).date())

    @classmethod
    def last_complete(cls, now: dt.datetime, tz: ZoneInfo) -> IsoWeek:
        """The most recent week that has ended in ``tz`` at ``now``."""
        return cls.containing(now, tz).shift(-1)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def sunday(self) -> dt.date:
        return self.monday + dt.timedelta(days=6)

    def shift(self, weeks: int) -> IsoWeek:
        return IsoWeek.of(self.monday + dt.timedelta(weeks=weeks))

    def start(self, tz: ZoneInfo) -> dt.datetime:
        """Monday 00:00 local time, as an aware UTC datetime."""
        return local_midnight(self.monday, tz)

    def end(self, tz: ZoneInfo) -> dt.datetime:
        """The next Monday 00:00 local time (exclusive), as an aware UTC datetime."""
        return local_midnight(self.monday + dt.timedelta(days=7), tz)


def local_midnight(day: dt.date, tz: ZoneInfo) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(dt.UTC)


def week_range(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    """Every week from ``first`` to ``last`` inclusive, oldest first."""
    weeks, current = [], first
    while current <= last:
        weeks.append(current)
        current = current.shift(1)
    return weeks


def boundaries(weeks: list[IsoWeek], tz: ZoneInfo) -> list[dt.datetime]:
    """The UTC start of each of ``weeks`` (consecutive) plus the end of the last one."""
    return [w.start(tz) for w in weeks] + [weeks[-1].end(tz)] if weeks else []
