"""Helpers for the export tests: submissions at chosen times, places and labels, on either backend."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage.db import Database
from storage.models import Citizen, Submission, SubmissionTheme, WatchSignup
from storage.profile import Profile
from storage.refs import next_ref

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> dt.datetime:
    """A Stockholm wall-clock time as an aware UTC datetime."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM).astimezone(dt.UTC)


class Maker:
    """Writes submissions (and optionally a citizen / watch sign-up) in one transaction per call."""

    def __init__(self, db: Database, profile: Profile) -> None:
        self.db = db
        self.profile = profile

    async def add(
        self,
        when: dt.datetime,
        *,
        place: str | None = "grebbestad",
        intent: str = "tip",
        themes: Sequence[str] = ("drugs",),
        text: str = "Det langas vid hamnen.",
        status: str = "new",
        lang: str = "sv",
        from_blocked: bool = False,
        closed_at: dt.datetime | None = None,
        first_response_at: dt.datetime | None = None,
        citizen: Citizen | None = None,
        count: int = 1,
    ) -> list[Submission]:
        made = []
        async with self.db.write() as session:
            for _ in range(count):
                submission = Submission(
                    ref=await next_ref(session, self.profile.ref_prefix, when, self.profile.tz),
                    citizen_id=citizen.id if citizen else None,
                    kind="tip", text=text, lang=lang, intent=intent, place=place, status=status,
                    from_blocked=from_blocked, created_at=when, updated_at=when, closed_at=closed_at,
                    first_response_at=first_response_at,
                    themes=[SubmissionTheme(theme=t, confidence=0.9) for t in sorted(themes)],
                )
                session.add(submission)
                made.append(submission)
            await session.flush()
        return made

    async def citizen(self, telegram_id: int, *, username: str | None = None, name: str | None = None) -> Citizen:
        async with self.db.write() as session:
            now = dt.datetime.now(dt.UTC)
            citizen = Citizen(telegram_user_id=telegram_id, chat_id=telegram_id, username=username,
                              display_name=name, pseudonym="Medborgare T1", created_at=now, last_seen_at=now)
            session.add(citizen)
            await session.flush()
        return citizen

    async def watch(self, when: dt.datetime, place: str | None, *, households: int = 3, new_group: bool = False,
                    info_meeting: bool = False, area: str = "", contact: str | None = None) -> None:
        async with self.db.write() as session:
            session.add(WatchSignup(area=area or (place or "okänt"), place=place, households=households,
                                    wants_new_group=new_group, wants_info_meeting=info_meeting,
                                    contact_ok=contact is not None, contact_method="phone" if contact else None,
                                    contact_value=contact, created_at=when))


@pytest.fixture
def maker(db: Database, profile: Profile) -> Maker:
    return Maker(db, profile)


def all_text_of_export(folder: Path) -> str:
    """Every file of an export as text, the xlsx unzipped (its XML parts, entities resolved)."""
    import html

    parts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    parts.append(html.unescape(archive.read(name).decode("utf-8")))
        else:
            parts.append(path.read_text("utf-8"))
    return "\n".join(parts)
