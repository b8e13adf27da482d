"""Citizen-side operations: what the bot does when a citizen writes.

These take the session of the caller's unit of work and never commit: the
bot processes inbox updates in write transactions (several chats' updates
in one), and everything an update causes (citizen row, submission, receipt
in the outbox, the inbox row marked done) commits together or not at all.
``submit`` is the stand-alone use case (own transaction) for the CLI,
seeding and tests.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.dml import ReturningInsert

from storage.clock import utcnow
from storage.db import Database
from storage.models import CaseMessage, Citizen, Conversation, OutboxMessage, Submission, SubmissionTheme, WatchSignup
from storage.profile import Profile
from storage.refs import next_ref, parse_ref
from storage.textsafety import storable, storable_or_none
from storage.usecases.batch import current_batch, insert_themes, write_waiting_async
from storage.vocabulary import Intent, Priority

T = TypeVar("T")


@dataclass(frozen=True)
class TelegramIdentity:
    user_id: int
    chat_id: int
    username: str | None = None
    display_name: str | None = None
    language_code: str | None = None


@dataclass(frozen=True)
class NewSubmission:
    """Everything the bot knows about a new submission, labels included."""

    kind: str
    text: str
    intent: str
    lang: str = "und"
    themes: Mapping[str, float] = field(default_factory=dict)  # theme -> confidence
    confidence: float = 0.0
    explain: Mapping[str, Any] = field(default_factory=dict)
    place: str | None = None
    place_text: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    occurred: str | None = None
    occurred_at: dt.datetime | None = None
    anonymous: bool = True
    contact_allowed: bool = False
    source_chat_id: int | None = None
    source_message_id: int | None = None
    urgent: bool = False  # to the top of the queue even when the intent is not emergency


def new_pseudonym() -> str:
    return f"Medborgare {secrets.token_hex(3).upper()}"


async def upsert_citizen(session: AsyncSession, who: TelegramIdentity, *, now: dt.datetime | None = None) -> Citizen:
    """Find the citizen by Telegram user id, or register them; refresh what Telegram says."""
    now = now or utcnow()
    citizen = (
        await session.execute(select(Citizen).where(Citizen.telegram_user_id == who.user_id))
    ).scalar_one_or_none()
    if citizen is None:
        [citizen] = await register_citizens(session, [who], now=now)
        return citizen
    refresh_citizen(citizen, who, now)
    await session.flush()
    return citizen


async def register_citizens(session: AsyncSession, new: Sequence[TelegramIdentity], *,
                            now: dt.datetime | None = None) -> list[Citizen]:
    """Register people the bot has not met (one INSERT for them all); the caller knows they are new."""
    now = now or utcnow()
    citizens = []
    for who in new:
        citizen = Citizen(telegram_user_id=who.user_id, chat_id=who.chat_id, pseudonym=new_pseudonym(),
                          language=_ui_language(who.language_code), created_at=now, last_seen_at=now)
        refresh_citizen(citizen, who, now)
        citizens.append(citizen)
    session.add_all(citizens)
    await session.flush()
    return citizens


async def citizens_by_user_id(
    session: AsyncSession, user_ids: Collection[int]
) -> dict[int, tuple[Citizen, Conversation | None]]:
    """The registered citizens among ``user_ids`` and where each is in a conversation (None: in none).

    One query for a whole batch (the bot loads a round's citizens at once)."""
    if not user_ids:
        return {}
    rows = await session.execute(
        select(Citizen, Conversation).outerjoin(Conversation, Conversation.citizen_id == Citizen.id)
        .where(Citizen.telegram_user_id.in_(set(user_ids))))
    return {citizen.telegram_user_id: (citizen, conversation) for citizen, conversation in rows}


def refresh_citizen(citizen: Citizen, who: TelegramIdentity, now: dt.datetime) -> None:
    """Refresh what Telegram says about a known citizen; written with the session's next flush."""
    citizen.chat_id = who.chat_id
    citizen.username = storable_or_none(who.username)
    citizen.display_name = storable_or_none(who.display_name)
    citizen.last_seen_at = now
    if not citizen.language_chosen and who.language_code:
        citizen.language = _ui_language(who.language_code)


def _ui_language(language_code: str | None) -> str:
    """Swedish unless Telegram says English (the bot answers only sv and en)."""
    return "en" if (language_code or "").lower().startswith("en") else "sv"


async def create_submission(
    session: AsyncSession,
    profile: Profile,
    citizen: Citizen | None,
    new: NewSubmission,
    *,
    now: dt.datetime | None = None,
) -> Submission:
    """Store a new submission and return it as a persistent ORM object.

    Written with two Core INSERTs (the row, returning its id, then its themes)
    rather than an ORM flush: the bot stores one submission per message
    inside a round of many, and a unit-of-work flush per message cost more
    than everything else the message needed. Inside a batch (the bot's
    round, see ``storage.usecases.batch``) the rows wait to be written with
    the round's others, before anything could see the database without
    them. The returned object is made persistent without SQL
    (``make_transient_to_detached``), so later changes to it (priority,
    place, photo) are tracked and flushed as usual.
    """
    now = now or utcnow()
    values: dict[str, Any] = {
        "ref": await next_ref(session, profile.ref_prefix, now, profile.tz),
        "citizen_id": citizen.id if citizen else None,
        "kind": new.kind, "text": storable(new.text), "text_redacted": None, "lang": new.lang,
        "intent": new.intent, "confidence": new.confidence, "explain": dict(new.explain),
        "classified_by": "classifier", "place": new.place, "place_text": storable_or_none(new.place_text),
        "latitude": new.latitude, "longitude": new.longitude,
        "occurred": new.occurred, "occurred_at": new.occurred_at,
        "anonymous": new.anonymous, "contact_allowed": new.contact_allowed,
        "status": "new", "priority": Priority.URGENT if new.urgent or new.intent == Intent.EMERGENCY else Priority.NORMAL,
        "assignee": None, "from_blocked": citizen is not None and citizen.blocked_at is not None,
        "merged_into_id": None, "source_chat_id": new.source_chat_id, "source_message_id": new.source_message_id,
        "anonymised_at": None, "created_at": now, "updated_at": now, "first_response_at": None, "closed_at": None,
        "version": 1,
    }
    batch = current_batch(session)
    if batch is not None:  # written with the round's others (see storage.usecases.batch)
        submission_id = await batch.take_id(session)
        themes = _theme_rows(submission_id, new.themes)
        batch.add({"id": submission_id, **values}, themes)
    else:
        connection = await _core_connection(session)
        submission_id = (await connection.execute(_insert_submission(), values)).scalar_one()
        themes = _theme_rows(submission_id, new.themes)
        if themes:
            await connection.execute(insert_themes(), themes)
    submission = _loaded(Submission, {"id": submission_id, **values})
    set_committed_value(submission, "themes", [_loaded(SubmissionTheme, row) for row in themes])
    session.add(submission)
    return submission


def _theme_rows(submission_id: int, themes: Mapping[str, float]) -> list[dict[str, Any]]:
    return [{"submission_id": submission_id, "theme": t, "confidence": c} for t, c in sorted(themes.items())]


async def _core_connection(session: AsyncSession) -> AsyncConnection:
    """The session's connection, for Core statements that skip the session's autoflush.

    Objects not yet written (a citizen just registered, a batch's submissions) are
    written first, as the rows may refer to them; objects that only changed (a
    citizen's last-seen time) wait for the commit, which writes a whole round's
    changes in one flush.
    """
    if session.new:
        await session.flush()  # writes a batch's waiting submissions first (see storage.usecases.batch)
    else:
        await write_waiting_async(session)
    return await session.connection()


def _loaded(model: type[T], row: dict[str, Any]) -> T:
    """An ORM object for a row just written with Core: persistent once added, as if it had been loaded.

    Built the way the ORM loads a row (its values put in the instance's ``__dict__``, no ``__init__``):
    the constructor's per-attribute change events cost five times as much, for changes
    ``make_transient_to_detached`` then discards.
    """
    instance = model.__mapper__.class_manager.new_instance()
    instance.__dict__.update(row)
    make_transient_to_detached(instance)
    return instance


@functools.cache
def _insert_submission() -> ReturningInsert[tuple[int]]:
    table = Submission.__table__
    return insert(table).returning(table.c.id)


async def find_by_source(session: AsyncSession, chat_id: int, message_id: int) -> Submission | None:
    """The submission a Telegram message already produced (deduplication by natural key)."""
    return (
        await session.execute(
            select(Submission).where(
                Submission.source_chat_id == chat_id, Submission.source_message_id == message_id
            )
        )
    ).scalar_one_or_none()


async def citizen_submission(session: AsyncSession, citizen: Citizen, ref_text: str) -> Submission | None:
    """A citizen's own submission by reference; another chat's reference is simply not found."""
    ref = parse_ref(ref_text)
    if ref is None:
        return None
    return (
        await session.execute(select(Submission).where(Submission.ref == ref, Submission.citizen_id == citizen.id))
    ).scalar_one_or_none()


async def citizen_submissions(session: AsyncSession, citizen: Citizen, limit: int = 10) -> list[Submission]:
    return list(
        (
            await session.execute(
                select(Submission)
                .where(Submission.citizen_id == citizen.id)
                .order_by(Submission.created_at.desc(), Submission.id.desc())
                .limit(limit)
            )
        ).scalars()
    )


async def enqueue_message(
    session: AsyncSession,
    *,
    chat_id: int,
    text: str,
    kind: str = "reply",
    citizen_id: int | None = None,
    submission_id: int | None = None,
    reply_markup: dict[str, Any] | None = None,
    dedup_key: str | None = None,
    created_by: str | None = None,
    now: dt.datetime | None = None,
) -> OutboxMessage:
    """Queue a message (Telegram HTML, already escaped) for the bot's outbox sender."""
    message = OutboxMessage(**outbox_row(chat_id, text, kind, citizen_id, submission_id, reply_markup, dedup_key,
                                          created_by, now or utcnow()))
    session.add(message)
    await session.flush()
    return message


async def enqueue_messages(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Queue many outbox rows (each built with ``outbox_row`` and its own dedup key) in one INSERT; their ids.

    The bot queues a whole round of replies this way: one statement
    ("insertmanyvalues") instead of one per reply. The ids are matched back
    by dedup key, as neither SQLite nor PostgreSQL promises RETURNING rows
    in the order of the VALUES. Objects added to the session and not yet
    written (a citizen the rows refer to) are flushed first.
    """
    if not rows:
        return []
    connection = await _core_connection(session)
    ids = {key: row_id for row_id, key in await connection.execute(_insert_outbox(), list(rows))}
    return [ids[row["dedup_key"]] for row in rows]


def outbox_row(
    chat_id: int, text: str, kind: str, citizen_id: int | None, submission_id: int | None,
    reply_markup: dict[str, Any] | None, dedup_key: str | None, created_by: str | None, now: dt.datetime,
) -> dict[str, Any]:
    """An outbox row's values (for ``enqueue_messages``): pending, due now."""
    return {
        "chat_id": chat_id, "citizen_id": citizen_id, "submission_id": submission_id, "kind": kind, "text": text,
        "reply_markup": reply_markup, "dedup_key": dedup_key, "status": "pending", "attempts": 0,
        "next_attempt_at": now, "created_at": now, "created_by": created_by,
    }


@functools.cache
def _insert_outbox() -> ReturningInsert[tuple[int, str]]:
    table = OutboxMessage.__table__
    return insert(table).returning(table.c.id, table.c.dedup_key)


async def add_citizen_message(
    session: AsyncSession, submission: Submission, citizen: Citizen, text: str, *, now: dt.datetime | None = None
) -> CaseMessage:
    """The citizen's answer joins the case thread of their submission."""
    now = now or utcnow()
    message = CaseMessage(
        submission_id=submission.id, direction="in", author=citizen.pseudonym, text=storable(text), created_at=now
    )
    session.add(message)
    submission.updated_at = now
    await session.flush()
    return message


async def add_watch_signup(
    session: AsyncSession,
    submission: Submission,
    citizen: Citizen | None,
    *,
    area: str,
    place: str | None,
    households: int | None,
    wants_new_group: bool,
    wants_info_meeting: bool,
    contact_ok: bool,
    contact_method: str | None = None,
    contact_value: str | None = None,
    now: dt.datetime | None = None,
) -> WatchSignup:
    signup = WatchSignup(
        submission_id=submission.id,
        citizen_id=citizen.id if citizen else None,
        area=storable(area),
        place=place,
        households=households,
        wants_new_group=wants_new_group,
        wants_info_meeting=wants_info_meeting,
        contact_ok=contact_ok,
        contact_method=contact_method if contact_ok else None,
        contact_value=storable_or_none(contact_value) if contact_ok else None,
        created_at=now or utcnow(),
    )
    session.add(signup)
    await session.flush()
    return signup


async def submit(
    db: Database, profile: Profile, new: NewSubmission, who: TelegramIdentity | None = None
) -> Submission:
    """Stand-alone use case: store one submission in its own transaction."""
    async with db.write() as session:
        citizen = await upsert_citizen(session, who) if who else None
        return await create_submission(session, profile, citizen, new)
