"""Inbox rows: insert a fetched batch (deduplicated), list what is pending, mark outcomes.

Session-taking helpers; the caller owns the transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.models import InboxUpdate

NATURAL_KEY_MAX = 80
_MESSAGE_KINDS = ("message", "edited_message", "channel_post", "edited_channel_post",
                  "business_message", "edited_business_message")


@dataclass(frozen=True)
class PendingUpdate:
    update_id: int
    chat_id: int | None
    payload: dict[str, Any] | None
    attempts: int = 0

    @property
    def order_key(self) -> int | str:
        """Updates with the same key are processed strictly in order; different keys concurrently."""
        return order_key(self.chat_id, self.update_id)


def order_key(chat_id: int | None, update_id: int) -> int | str:
    """The chat, or for an update of no chat the update alone (see ``PendingUpdate.order_key``)."""
    return chat_id if chat_id is not None else f"update:{update_id}"


def chat_and_natural_key(payload: dict[str, Any]) -> tuple[int | None, str | None]:
    """The chat an update belongs to, and the key that recognises it if Telegram re-sends it."""
    for kind in _MESSAGE_KINDS:
        message = payload.get(kind)
        if isinstance(message, dict):
            chat_id = _chat_id(message)
            message_id = message.get("message_id")
            if chat_id is None or not isinstance(message_id, int):
                return chat_id, None
            if kind.startswith("edited"):
                return chat_id, _bounded(f"edit:{chat_id}:{message_id}:{message.get('edit_date', 0)}")
            return chat_id, _bounded(f"{'msg' if kind == 'message' else kind}:{chat_id}:{message_id}")
    query = payload.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        chat_id = _chat_id(message) if isinstance(message, dict) else None
        if chat_id is None and isinstance(query.get("from"), dict):
            chat_id = _int(query["from"].get("id"))  # private chat id == user id
        query_id = query.get("id")
        return chat_id, _bounded(f"cbq:{query_id}") if isinstance(query_id, str) and query_id else None
    for kind in ("my_chat_member", "chat_member"):
        member = payload.get(kind)
        if isinstance(member, dict):
            return _chat_id(member), None
    return None, None


def _chat_id(holder: dict[str, Any]) -> int | None:
    chat = holder.get("chat")
    return _int(chat.get("id")) if isinstance(chat, dict) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _bounded(key: str) -> str:
    if len(key) <= NATURAL_KEY_MAX:
        return key
    return f"h:{hashlib.sha256(key.encode()).hexdigest()}"


async def insert_batch(
    session: AsyncSession, payloads: list[dict[str, Any]], *, handled: frozenset[int] = frozenset(),
    now: dt.datetime | None = None,
) -> list[PendingUpdate]:
    """Store raw updates; returns the ones that were new (not seen by update id or natural key).

    ``handled``: update ids the caller handles in this same transaction; they are stored done (one attempt),
    so a new one is done exactly when its effects commit, and a re-sent one is not handled again.
    """
    if not payloads:
        return []
    now = now or utcnow()
    rows: dict[int, dict[str, Any]] = {}
    keys: set[str] = set()
    for payload in payloads:
        chat_id, key = chat_and_natural_key(payload)
        if key is not None:
            if key in keys:
                continue  # Telegram sent the same message twice in one batch
            keys.add(key)
        done = payload["update_id"] in handled
        rows[payload["update_id"]] = {
            "update_id": payload["update_id"], "chat_id": chat_id, "natural_key": key, "payload": payload,
            "received_at": now, "status": "done" if done else "pending", "attempts": 1 if done else 0,
            "processed_at": now if done else None,
        }
    new_ids = set((await session.execute(_insert_new(session.bind.dialect.name), list(rows.values()))).scalars())
    return [
        PendingUpdate(row["update_id"], row["chat_id"], row["payload"])
        for row in sorted(rows.values(), key=lambda r: r["update_id"])
        if row["update_id"] in new_ids
    ]


@functools.cache
def _insert_new(dialect: str) -> Any:
    """Built once; run as an executemany, which SQLAlchemy sends as multi-row INSERTs returning the new ids."""
    table = InboxUpdate.__table__
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing().returning(table.c.update_id)


async def pending(session: AsyncSession) -> list[PendingUpdate]:
    """Every update not yet done or failed, oldest first (what a restart must finish)."""
    result = await session.execute(
        select(InboxUpdate.update_id, InboxUpdate.chat_id, InboxUpdate.payload, InboxUpdate.attempts)
        .where(InboxUpdate.status == "pending")
        .order_by(InboxUpdate.update_id)
    )
    return [PendingUpdate(u, c, p, a) for u, c, p, a in result.all()]


async def mark_done(
    session: AsyncSession, done: Sequence[tuple[int, int]], *, now: dt.datetime | None = None
) -> None:
    """Mark ``(update_id, attempts)`` rows done: one executemany (Core, no ORM bookkeeping per row)."""
    if not done:
        return
    table = InboxUpdate.__table__
    await session.execute(
        update(table).where(table.c.update_id == bindparam("done_id"))
        .values(status="done", processed_at=now or utcnow(), attempts=bindparam("done_attempts"), error=None),
        [{"done_id": update_id, "done_attempts": attempts} for update_id, attempts in done],
    )


async def mark_attempt_failed(
    session: AsyncSession, update_id: int, attempts: int, error: str, *, final: bool, now: dt.datetime | None = None
) -> None:
    await session.execute(
        update(InboxUpdate)
        .where(InboxUpdate.update_id == update_id)
        .values(status="failed" if final else "pending", attempts=attempts, error=error[:2000],
                processed_at=(now or utcnow()) if final else None)
    )
