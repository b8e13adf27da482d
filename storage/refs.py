"""Human reference numbers: ``TAN-2611-0042`` is Tanum's 42nd submission of November 2026.

The counter is one row per prefix and month, incremented with an upsert in
the caller's write transaction, so two bot workers never hand out the same
number and the sequence has no gaps from rolled-back transactions.

A transaction that will store many submissions (the bot's round of
updates) says so with ``expect_refs``: ``next_ref`` then reserves a block of
numbers with one upsert, and ``release_unused_refs`` gives back what is left
before the commit, so the sequence stays without gaps.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import bindparam, select, update
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


_EXPECTED = "trygg.refs_expected"
_BLOCKS = "trygg.ref_blocks"


@dataclass
class _Block:
    """Numbers this transaction reserved in one period and has not handed out yet: ``next`` to ``last``."""

    next: int
    last: int


def expect_refs(session: AsyncSession, count: int) -> None:
    """Up to ``count`` submissions may follow in this transaction: reserve that many numbers at a time.

    Call ``release_unused_refs`` before the commit, or the numbers not handed out are lost (gaps)."""
    session.info[_EXPECTED] = max(1, count)


async def next_ref(session: AsyncSession, prefix: str, when: dt.datetime, tz: ZoneInfo) -> str:
    period = ref_period(prefix, when, tz)
    blocks: dict[str, _Block] = session.info.setdefault(_BLOCKS, {})
    block = blocks.get(period)
    if block is None or block.next > block.last:
        count = session.info.get(_EXPECTED, 1)
        first = await reserve_refs(session, period, count)
        block = blocks[period] = _Block(next=first, last=first + count - 1)
    number, block.next = block.next, block.next + 1
    return format_ref(period, number)


async def release_unused_refs(session: AsyncSession) -> None:
    """Give back the reserved numbers no submission took (the counter row is this transaction's until it ends)."""
    table = RefCounter.__table__
    for period, block in session.info.pop(_BLOCKS, {}).items():
        if block.next <= block.last:
            connection = await session.connection()
            await connection.execute(update(table).where(table.c.period == period)
                                     .values(last=table.c.last - (block.last - block.next + 1)))


@functools.cache
def _increment(dialect: str) -> ReturningInsert[tuple[int]]:
    """The counter upsert, built once per dialect: every block of numbers runs it (Core: no ORM bookkeeping)."""
    table = RefCounter.__table__
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return (
        insert(table)
        .values(period=bindparam("period"), last=bindparam("count"))
        .on_conflict_do_update(index_elements=[table.c.period], set_={"last": table.c.last + bindparam("count")})
        .returning(table.c.last)
    )


async def reserve_refs(session: AsyncSession, period: str, count: int) -> int:
    """Reserve ``count`` consecutive numbers in ``period`` (a block, bulk seeding); returns the first."""
    # On the session's connection: a Core statement through the session would flush every changed object first.
    connection = await session.connection()
    last = (await connection.execute(_increment(connection.dialect.name), {"period": period, "count": count})
            ).scalar_one()
    return int(last) - count + 1


async def current_counter(session: AsyncSession, period: str) -> int:
    return (await session.execute(select(RefCounter.last).where(RefCounter.period == period))).scalar() or 0
