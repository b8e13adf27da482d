"""Read-side queries for grannsamverkan (neighbourhood watch) sign-ups.

Session-taking, never committing. Counts only: the contact details leave the
database through the audited ``storage.usecases.invitations`` use case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Integer, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import WatchSignup
from storage.profile import fold


@dataclass(frozen=True)
class WatchArea:
    """Sign-ups for one area as citizens wrote it, folded so "Sannäs" and "sannas" meet."""

    area: str
    signups: int
    households: int
    wants_new_group: int
    wants_info_meeting: int
    contact_ok: int
    latest: dt.datetime


@dataclass(frozen=True)
class WatchPlace:
    """The sign-ups of one profile place (``None``: no place recognised)."""

    place: str | None
    areas: tuple[WatchArea, ...] = field(default_factory=tuple)

    @property
    def signups(self) -> int:
        return sum(a.signups for a in self.areas)

    @property
    def households(self) -> int:
        return sum(a.households for a in self.areas)

    @property
    def wants_new_group(self) -> int:
        return sum(a.wants_new_group for a in self.areas)

    @property
    def wants_info_meeting(self) -> int:
        return sum(a.wants_info_meeting for a in self.areas)

    @property
    def contact_ok(self) -> int:
        return sum(a.contact_ok for a in self.areas)


async def watch_overview(session: AsyncSession, *, since: dt.datetime | None = None) -> list[WatchPlace]:
    """Sign-ups grouped by place and area, the places with most households first."""
    as_int = lambda column: func.sum(func.cast(column, Integer))  # noqa: E731 - booleans summed on both backends
    stmt = select(
        WatchSignup.place,
        WatchSignup.area,
        func.count().label("signups"),
        func.coalesce(func.sum(WatchSignup.households), 0).label("households"),
        as_int(WatchSignup.wants_new_group).label("new_group"),
        as_int(WatchSignup.wants_info_meeting).label("info_meeting"),
        as_int(WatchSignup.contact_ok).label("contact_ok"),
        func.max(WatchSignup.created_at).label("latest"),
    ).group_by(WatchSignup.place, WatchSignup.area)
    if since is not None:
        stmt = stmt.where(WatchSignup.created_at >= since)
    merged: dict[tuple[str | None, str], list[WatchArea]] = {}
    for row in (await session.execute(stmt)).all():
        area = " ".join(row.area.split()) or "?"
        merged.setdefault((row.place, fold(area)), []).append(WatchArea(
            area=area, signups=row.signups, households=int(row.households or 0),
            wants_new_group=int(row.new_group or 0), wants_info_meeting=int(row.info_meeting or 0),
            contact_ok=int(row.contact_ok or 0), latest=_aware(row.latest),
        ))
    by_place: dict[str | None, list[WatchArea]] = {}
    for (place, _), parts in merged.items():
        by_place.setdefault(place, []).append(_combine(parts))
    places = [
        WatchPlace(place, tuple(sorted(areas, key=lambda a: (-a.households, -a.signups, a.area))))
        for place, areas in by_place.items()
    ]
    places.sort(key=lambda p: (p.place is None, -p.households, -p.signups, p.place or ""))
    return places


def _combine(parts: list[WatchArea]) -> WatchArea:
    name = max(parts, key=lambda a: a.signups).area  # the most common spelling
    return WatchArea(
        area=name,
        signups=sum(a.signups for a in parts),
        households=sum(a.households for a in parts),
        wants_new_group=sum(a.wants_new_group for a in parts),
        wants_info_meeting=sum(a.wants_info_meeting for a in parts),
        contact_ok=sum(a.contact_ok for a in parts),
        latest=max(a.latest for a in parts),
    )


def _aware(value: dt.datetime | str) -> dt.datetime:
    """max() over a UTCDateTime column comes back untyped on SQLite (text); normalise it."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
