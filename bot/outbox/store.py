"""Outbox rows as the sender sees them: claim what is due, record what happened.

Session-taking helpers; the caller owns the transaction.

A row is ``pending`` until claimed; claiming sets ``sending``, counts the
attempt and leases the row (``next_attempt_at`` = lease end), so two senders
never take the same row. The sender then records ``delivered`` (with the
Telegram message id), puts it back to ``pending`` with a later
``next_attempt_at`` (retry), or ``failed`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import OutboxMessage
from storage.usecases.intake import enqueue_messages

LEASE = dt.timedelta(minutes=2)  # how long a claimed row is left to its sender
INTERRUPTED = "interrupted: the bot stopped while sending, so this message may have been delivered twice"
ERASE_AFTER_DELIVERY = frozenset({"forget_report"})  # sent to a citizen who just erased their data


@dataclass(frozen=True)
class OutboxRow:
    id: int
    chat_id: int
    kind: str
    text: str
    reply_markup: dict[str, Any] | None
    attempts: int  # including the one just claimed


@dataclass(frozen=True)
class Delivery:
    row_id: int
    telegram_message_id: int
    kind: str
    at: dt.datetime | None = None  # when Telegram accepted it; None: now


async def release_interrupted(session: AsyncSession, *, now: dt.datetime | None = None) -> int:
    """At start-up: rows a killed sender had claimed are due again (at-least-once)."""
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "sending")
        .values(status="pending", next_attempt_at=now or utcnow(), last_error=INTERRUPTED)
    )
    return result.rowcount or 0


async def claim_due(
    session: AsyncSession, *, busy: set[int], lease: dt.timedelta, max_chats: int = 200, per_chat: int = 1,
    now: dt.datetime | None = None,
) -> dict[int, list[OutboxRow]]:
    """Claim, per chat, the due rows at the head of its queue, in id order.

    A chat whose oldest waiting row is not due yet (a retry later) sends
    nothing, so messages to one citizen never overtake each other.
    """
    now = now or utcnow()
    waiting = OutboxMessage.status.in_(("pending", "sending"))
    due_chats = (
        select(OutboxMessage.chat_id)
        .where(waiting, OutboxMessage.next_attempt_at <= now)
        .group_by(OutboxMessage.chat_id)
        .order_by(OutboxMessage.chat_id.is_(None).desc(), _min_id())
        .limit(max_chats + len(busy))
    )
    chats = [c for c in (await session.execute(due_chats)).scalars()]
    orphans = [c for c in chats if c is None]
    if orphans:  # erased before it was sent: nobody to send to
        await session.execute(
            update(OutboxMessage).where(waiting, OutboxMessage.chat_id.is_(None))
            .values(status="failed", last_error="no chat to send to (the citizen erased their data)")
        )
    chats = [c for c in chats if c is not None and c not in busy][:max_chats]
    if not chats:
        return {}
    rows = (await session.execute(
        select(OutboxMessage.id, OutboxMessage.chat_id, OutboxMessage.kind, OutboxMessage.text,
               OutboxMessage.reply_markup, OutboxMessage.attempts, OutboxMessage.next_attempt_at)
        .where(waiting, OutboxMessage.chat_id.in_(chats))
        .order_by(OutboxMessage.chat_id, OutboxMessage.id)
    )).all()
    claimed: dict[int, list[OutboxRow]] = defaultdict(list)
    stopped: set[int] = set()
    for row_id, chat_id, kind, text, markup, attempts, next_at in rows:
        if chat_id in stopped or len(claimed[chat_id]) >= per_chat:
            continue
        if next_at > now:
            stopped.add(chat_id)
            continue
        claimed[chat_id].append(OutboxRow(row_id, chat_id, kind, text, markup, attempts + 1))
    ids = [r.id for rows_ in claimed.values() for r in rows_]
    if not ids:
        return {}
    # The WHERE repeats "due": a sender in another process that claimed a row first wins it.
    got = set((await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(ids), waiting, OutboxMessage.next_attempt_at <= now)
        .values(status="sending", attempts=OutboxMessage.attempts + 1, next_attempt_at=now + lease)
        .returning(OutboxMessage.id)
    )).scalars())
    result: dict[int, list[OutboxRow]] = {}
    for chat, rows_ in claimed.items():
        if all(r.id in got for r in rows_):
            result[chat] = rows_
        else:  # someone else is sending to this chat: leave all of it to them
            await release(session, [r for r in rows_ if r.id in got], now + lease)
    return result


async def queue_replies(
    session: AsyncSession, rows: Sequence[dict[str, Any]], *, lease: dt.timedelta | None,
    now: dt.datetime | None = None,
) -> list[OutboxRow | None]:
    """Queue a round's replies in one INSERT, claimed at birth for this sender (``lease``; None: not claimed).

    A chat with an older row still pending (an officer's reply, a retry
    waiting) gets its new rows pending too, behind it, so messages to one
    citizen never overtake each other. Returns, row by row, what was claimed.
    """
    if not rows:
        return []
    waiting: set[int] = set()
    if lease is not None:
        waiting = set((await session.execute(_chats_waiting(), {"chats": list({r["chat_id"] for r in rows})})).scalars())
        lease_end = (now or utcnow()) + lease
        for row in rows:
            if row["chat_id"] not in waiting:
                row.update(status="sending", attempts=1, next_attempt_at=lease_end)
    ids = await enqueue_messages(session, rows)
    return [OutboxRow(row_id, r["chat_id"], r["kind"], r["text"], r["reply_markup"], 1) if r["status"] == "sending"
            else None for row_id, r in zip(ids, rows, strict=True)]


@functools.cache
def _chats_waiting() -> Any:
    """Built once (Core, expanding ``chats``): the inbox processor runs it for every round of updates."""
    table = OutboxMessage.__table__
    return (select(table.c.chat_id).distinct()
            .where(table.c.chat_id.in_(bindparam("chats", expanding=True)), table.c.status == "pending"))


def _min_id() -> Any:
    from sqlalchemy import func

    return func.min(OutboxMessage.id)


async def record_deliveries(session: AsyncSession, deliveries: list[Delivery], *, now: dt.datetime | None = None,
                            replayed: bool = False) -> None:
    """Mark sent rows delivered: one executemany (Core, not the ORM's per-row bookkeeping).

    ``replayed``: from a killed run's delivery journal, which may repeat what that run had already
    committed; only rows still ``sending`` change."""
    now = now or utcnow()
    plain = [d for d in deliveries if d.kind not in ERASE_AFTER_DELIVERY]
    erased = [d for d in deliveries if d.kind in ERASE_AFTER_DELIVERY]
    for batch, erase in ((plain, False), (erased, True)):
        if batch:
            await session.execute(
                _mark_delivered(erase, replayed),
                [{"row_id": d.row_id, "message_id": d.telegram_message_id, "delivered_at": d.at or now}
                 for d in batch],
            )


@functools.cache
def _mark_delivered(erase: bool, only_sending: bool) -> Any:
    """Built once per kind: the delivery log runs it for every group of sent messages."""
    table = OutboxMessage.__table__
    extra = {"chat_id": None, "text": "[raderat]"} if erase else {}
    where = [table.c.id == bindparam("row_id")] + ([table.c.status == "sending"] if only_sending else [])
    return (update(table).where(*where)
            .values(status="delivered", delivered_at=bindparam("delivered_at"),
                    telegram_message_id=bindparam("message_id"), **extra))


async def record_retry(
    session: AsyncSession, row: OutboxRow, error: str, retry_at: dt.datetime, *, counts: bool,
    unsent: list[OutboxRow],
) -> None:
    """Put ``row`` back for later; the rows claimed behind it wait with it (order within the chat)."""
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id == row.id).values(
            status="pending", next_attempt_at=retry_at, last_error=error[:2000],
            **({} if counts else {"attempts": OutboxMessage.attempts - 1}),
        )
    )
    await release(session, unsent, retry_at)


async def record_failure(session: AsyncSession, row: OutboxRow, error: str) -> None:
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id == row.id).values(status="failed", last_error=error[:2000])
    )


async def release(session: AsyncSession, rows: list[OutboxRow], when: dt.datetime | None = None) -> None:
    """Claimed but not attempted (stopping, or behind a retry): pending again, attempt not counted."""
    if not rows:
        return
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id.in_([r.id for r in rows]), OutboxMessage.status == "sending")
        .values(status="pending", attempts=OutboxMessage.attempts - 1, next_attempt_at=when or utcnow())
    )
