"""The grannsamverkan invitation list: contact details of those who agreed, audited.

This is the only way sign-up contact details leave the database through the
console. Each export is one audit entry (how many rows, which place; never the
details themselves), written in the same transaction as the read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database
from storage.models import Citizen, Submission, WatchSignup
from storage.usecases.officer import record


@dataclass(frozen=True)
class Invitee:
    ref: str | None  # the sign-up's submission, so the console can reply through the bot
    place: str | None
    area: str
    households: int | None
    wants_new_group: bool
    wants_info_meeting: bool
    contact_method: str | None
    contact_value: str | None
    signed_up_at: dt.datetime


async def invitees(session: AsyncSession, *, place: str | None = None) -> list[Invitee]:
    """Sign-ups with consent to contact, from citizens who have not erased their data."""
    stmt = (
        select(WatchSignup, Submission.ref)
        .outerjoin(Submission, Submission.id == WatchSignup.submission_id)
        .outerjoin(Citizen, Citizen.id == WatchSignup.citizen_id)
        .where(WatchSignup.contact_ok.is_(True), Citizen.erased_at.is_(None))
        .order_by(WatchSignup.place, WatchSignup.area, WatchSignup.id)
    )
    if place is not None:
        stmt = stmt.where(WatchSignup.place == place)
    return [
        Invitee(ref=ref, place=s.place, area=s.area, households=s.households, wants_new_group=s.wants_new_group,
                wants_info_meeting=s.wants_info_meeting, contact_method=s.contact_method,
                contact_value=s.contact_value, signed_up_at=s.created_at)
        for s, ref in (await session.execute(stmt)).all()
    ]


async def invitation_list(
    db: Database, officer: str, *, place: str | None = None, destination: str | None = None
) -> list[Invitee]:
    """The invitation list for the coordinator; the export itself is audited."""
    async with db.write() as session:
        rows = await invitees(session, place=place)
        await record(session, officer, "export_contacts", versioned=False,
                     after={"rows": len(rows), "place": place}, reason=destination)
        return rows
