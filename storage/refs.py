"""Human reference numbers: ``TAN-2611-0042`` is Tanum's 42nd submission of November 2026.

The counter is one row per prefix and month, incremented with an upsert in
the caller's write transaction, so two bot workers never hand out the same
number and the sequence has no gaps from rolled-back transactions.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import RefCounter

REF_PATTERN = re.compile(r"^([A-Z]{2,5})-(\d{4})-(\d{4,})$")


def ref_period(prefix: str, when: dt.datetime, tz: ZoneInfo) -> str:
    local = when.astimezone(tz)
    return f"{prefix}-{local:%y%m}"


def format_ref(period: str, number: int) -> str:
    return f"{period}-{number:04d}"


def parse_ref(text: str) -> str | None:
    """Normalise what a citizen typed ("tan-2611-42" -> "TAN-2611-0042"); None if it is no reference."""
    candidate = text.strip().upper()
    parts = candidate.split("-")
    if len(parts) == 3 and parts[2].isdigit() and len(parts[2]) < 4:
        candidate = f"{parts[0]}-{parts[1]}-{int(parts[2]):04d}"
    return candidate if REF_PATTERN.match(candidate) and len(candidate) <= 24 else None


async def next_ref(session: AsyncSession, prefix: str, when: dt.datetime, tz: ZoneInfo) -> str:
    period = ref_period(prefix, when, tz)
    # On the session's connection: a Core statement through the session would flush every changed object first.
    connection = await session.connection()
    number = (await connection.execute(_increment(connection.dialect.name), {"period": period})).scalar_one()
    return format_ref(period, number)


@functools.cache
def _increment(dialect: str) -> ReturningInsert[tuple[int]]:
    """The counter upsert, built once per dialect: every submission runs it (Core: no ORM bookkeeping)."""
    table = RefCounter.__table__
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return (
        insert(table)
        .values(period=bindparam("period"), last=1)
        .on_conflict_do_update(index_elements=[table.c.period], set_={"last": table.c.last + 1})
        .returning(table.c.last)
    )


async def reserve_refs(session: AsyncSession, period: str, count: int) -> int:
    """Reserve ``count`` consecutive numbers in ``period`` (bulk seeding); returns the first."""
    row = await session.get(RefCounter, period)
    if row is None:
        row = RefCounter(period=period, last=0)
        session.add(row)
    first = row.last + 1
    row.last += count
    await session.flush()
    return first


async def current_counter(session: AsyncSession, period: str) -> int:
    return (await session.execute(select(RefCounter.last).where(RefCounter.period == period))).scalar() or 0
