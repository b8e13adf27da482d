"""The system of record: typed SQLAlchemy models for the whole product.

Who writes what:
- the bot writes ``InboxUpdate`` (raw Telegram updates), ``Citizen``,
  ``Conversation``, ``Submission`` (+ themes, attachments), ``CaseMessage``
  from citizens, ``WatchSignup``, and sends ``OutboxMessage`` rows;
- the console writes ``AuditEntry`` for every officer action, ``Note``,
  ``Redaction``, ``Correction``, ``CaseMessage`` from officers and the
  ``OutboxMessage`` that carries a reply;
- the export writes ``ExportRun``.

Personal data is confined to ``Citizen`` (Telegram identity), ``WatchSignup``
contact fields, free texts and ``InboxUpdate.payload``; erasure and retention
(``storage.usecases.privacy``) know each of these places.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import text as sql_text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware UTC datetimes on both SQLite (which has no tz) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use storage.clock.utcnow()")
        value = value.astimezone(dt.UTC)
        # SQLite stores text; drop tzinfo so ordering by the text is chronological.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[Any]: JSON(),
    }


class Citizen(Base):
    """A Telegram user, pseudonymous to officers unless they agreed to contact."""

    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Telegram identity: kept only to reply; nulled by /forget.
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    username: Mapped[str | None] = mapped_column(String(64))
    display_name: Mapped[str | None] = mapped_column(String(128))
    pseudonym: Mapped[str] = mapped_column(String(32))  # "Medborgare 4F2A", shown to officers
    language: Mapped[str] = mapped_column(String(8), default="sv")
    language_chosen: Mapped[bool] = mapped_column(Boolean, default=False)  # set by /language
    created_at: Mapped[dt.datetime]
    last_seen_at: Mapped[dt.datetime]
    blocked_at: Mapped[dt.datetime | None]
    blocked_by: Mapped[str | None] = mapped_column(String(64))
    blocked_reason: Mapped[str | None] = mapped_column(Text)
    erased_at: Mapped[dt.datetime | None]
    # Rate limiting (profile limits): a fixed one-minute and one-day window.
    rate_minute_start: Mapped[dt.datetime | None]
    rate_minute_count: Mapped[int] = mapped_column(Integer, default=0)
    rate_day: Mapped[str | None] = mapped_column(String(10))
    rate_day_count: Mapped[int] = mapped_column(Integer, default=0)
    rate_notified_at: Mapped[dt.datetime | None]


class Conversation(Base):
    """Where a citizen is in a multi-step flow; survives restarts (no pickle)."""

    __tablename__ = "conversations"

    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id", ondelete="CASCADE"), primary_key=True)
    flow: Mapped[str] = mapped_column(String(32))  # "tip", "feedback", "watch", "forget", ...
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime]


class Submission(Base):
    """One thing a citizen told us: a tip, a synpunkt, a sign-up, a question."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(24), unique=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    text: Mapped[str] = mapped_column(Text, default="")
    # Officer redactions: `text` keeps the original, this is what is shown.
    text_redacted: Mapped[str | None] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8), default="und")
    intent: Mapped[str] = mapped_column(String(24))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    explain: Mapped[dict[str, Any]] = mapped_column(default=dict)
    classified_by: Mapped[str] = mapped_column(String(32), default="classifier")  # or "officer"
    place: Mapped[str | None] = mapped_column(String(32))  # profile place id
    place_text: Mapped[str | None] = mapped_column(String(200))  # free-text "where" when no place matched
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    occurred: Mapped[str | None] = mapped_column(String(16))  # just_now / today / earlier
    occurred_at: Mapped[dt.datetime | None]
    anonymous: Mapped[bool] = mapped_column(Boolean, default=True)  # hide identity from officers
    contact_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="new")
    priority: Mapped[int] = mapped_column(Integer, default=0)
    assignee: Mapped[str | None] = mapped_column(String(64))
    from_blocked: Mapped[bool] = mapped_column(Boolean, default=False)  # kept, marked, not queued
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"))
    # Telegram natural key for deduplication (chat message id); nulled on erasure.
    source_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    source_message_id: Mapped[int | None] = mapped_column(BigInteger)
    anonymised_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    first_response_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    version: Mapped[int] = mapped_column(Integer, default=1)

    themes: Mapped[list[SubmissionTheme]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", lazy="selectin", order_by="SubmissionTheme.theme"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        UniqueConstraint("source_chat_id", "source_message_id", name="uq_submissions_source"),
        # The queue's default order and its keyset pagination.
        Index("ix_submissions_queue", "priority", "created_at", "id"),
        Index("ix_submissions_status_queue", "status", "priority", "created_at", "id"),
        Index("ix_submissions_created", "created_at"),
        Index("ix_submissions_place_created", "place", "created_at"),
        Index("ix_submissions_intent_created", "intent", "created_at"),
        # The console's place and intent filters in queue order (no sort of a whole place at 1M rows).
        Index("ix_submissions_place_queue", "place", "priority", "created_at", "id"),
        Index("ix_submissions_intent_queue", "intent", "priority", "created_at", "id"),
        # "Merged here" in the detail screen. Partial: almost every row has no merge, and a
        # full index would tempt SQLite to serve the queue's "merged_into_id IS NULL" from it.
        Index("ix_submissions_merged_into", "merged_into_id",
              sqlite_where=sql_text("merged_into_id IS NOT NULL"),
              postgresql_where=sql_text("merged_into_id IS NOT NULL")),
        Index("ix_submissions_assignee", "assignee", "status"),
        # Closed per week (export and statistics screen) without a full scan.
        Index("ix_submissions_closed", "closed_at"),
    )

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(t.theme for t in self.themes)

    @property
    def visible_text(self) -> str:
        return self.text_redacted if self.text_redacted is not None else self.text


class SubmissionTheme(Base):
    """A theme label of a submission, one row per theme so SQL can filter and count."""

    __tablename__ = "submission_themes"

    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True)
    theme: Mapped[str] = mapped_column(String(24), primary_key=True)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)

    submission: Mapped[Submission] = relationship(back_populates="themes")

    __table_args__ = (Index("ix_submission_themes_theme", "theme", "submission_id"),)


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="photo")
    mime_type: Mapped[str | None] = mapped_column(String(64))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    storage_path: Mapped[str | None] = mapped_column(String(400))  # relative to the attachment store
    telegram_file_id: Mapped[str | None] = mapped_column(String(200))
    # stored / too_large / failed: the submission says when the photo is missing.
    state: Mapped[str] = mapped_column(String(16), default="stored")
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class CaseMessage(Base):
    """The case thread: citizen <-> officer messages about one submission."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    direction: Mapped[str] = mapped_column(String(8))  # "in" from citizen, "out" from officer
    author: Mapped[str] = mapped_column(String(64))  # officer name, or the citizen's pseudonym
    text: Mapped[str] = mapped_column(Text)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime]


class OutboxMessage(Base):
    """A message to a citizen, sent by the bot. Receipts and officer replies alike.

    Written in the same transaction as what caused it, delivered by the bot's
    outbox sender, so nothing is sent for a change that was rolled back and
    nothing is forgotten when the bot restarts.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)  # nulled by erasure
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id", ondelete="SET NULL"), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(24))  # reply / receipt / notice / officer_reply
    text: Mapped[str] = mapped_column(Text)  # Telegram HTML, already escaped
    reply_markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Makes a retried producer idempotent, e.g. "receipt:<update_id>".
    dedup_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending/delivered/failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[dt.datetime]
    created_at: Mapped[dt.datetime]
    delivered_at: Mapped[dt.datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_by: Mapped[str | None] = mapped_column(String(64))  # officer for officer replies

    __table_args__ = (Index("ix_outbox_pending", "status", "next_attempt_at"),)


class InboxUpdate(Base):
    """A raw Telegram update, committed before the getUpdates offset moves past it."""

    __tablename__ = "inbox"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    # e.g. "msg:<chat>:<message_id>" or "cbq:<id>": a redelivered update is skipped.
    natural_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # nulled after processing + retention
    received_at: Mapped[dt.datetime]
    processed_at: Mapped[dt.datetime | None]
    status: Mapped[str] = mapped_column(String(12), default="pending")  # pending/done/failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_inbox_pending", "status", "update_id"),
        Index("ix_inbox_chat", "chat_id", "update_id"),
    )


class WatchSignup(Base):
    """Interest in grannsamverkan (neighbourhood watch)."""

    __tablename__ = "watch_signups"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"), index=True)
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id", ondelete="SET NULL"), index=True)
    area: Mapped[str] = mapped_column(String(200))  # area or street, as the citizen wrote it
    place: Mapped[str | None] = mapped_column(String(32))
    households: Mapped[int | None] = mapped_column(Integer)
    wants_new_group: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_info_meeting: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_method: Mapped[str | None] = mapped_column(String(16))  # "telegram", "phone", "email"
    contact_value: Mapped[str | None] = mapped_column(String(200))  # phone/e-mail; nulled by retention
    group_started_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime]


class AuditEntry(Base):
    """Append-only log of every officer action (who, what, when, before/after).

    Database triggers refuse UPDATE and DELETE. ``before``/``after`` hold labels,
    statuses and officer names, never the citizen's free text, so the log can be
    kept after a submission is erased.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    officer: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    submission_id: Mapped[int | None] = mapped_column(Integer)  # no FK: outlives the submission
    citizen_id: Mapped[int | None] = mapped_column(Integer)
    version: Mapped[int | None] = mapped_column(Integer)  # the submission version this action produced
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (Index("ix_audit_submission", "submission_id", "id"),)


class Note(Base):
    """An internal note by an officer; never shown to the citizen."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    officer: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class Redaction(Base):
    """A passage an officer hid; the original stays in ``Submission.text``."""

    __tablename__ = "redactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    officer: Mapped[str] = mapped_column(String(64))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]


class Correction(Base):
    """An officer's reclassification, kept so the classifier can learn from it."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="SET NULL"), index=True)
    officer: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)  # the text as classified; anonymised with the submission
    intent: Mapped[str | None] = mapped_column(String(24))
    themes: Mapped[list[Any] | None] = mapped_column(JSON)
    place: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime]


class RefCounter(Base):
    """Next reference number per month: TAN-2611-0042 is the 42nd of Nov 2026."""

    __tablename__ = "ref_counters"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)  # "TAN-2611"
    last: Mapped[int] = mapped_column(Integer, default=0)


class ExportRun(Base):
    """One row per exported ISO week: the unique key makes the schedule run once."""

    __tablename__ = "export_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    iso_week: Mapped[str] = mapped_column(String(10), unique=True)  # "2026-W47"
    trigger: Mapped[str] = mapped_column(String(16))  # schedule / console / cli
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    status: Mapped[str] = mapped_column(String(12), default="running")  # running/done/failed
    out_dir: Mapped[str | None] = mapped_column(String(400))
    runner: Mapped[str | None] = mapped_column(String(120))  # host:pid, for a stuck run
    error: Mapped[str | None] = mapped_column(Text)


class JobRun(Base):
    """Once-per-period jobs (daily purge) shared by several bot processes."""

    __tablename__ = "job_runs"

    job: Mapped[str] = mapped_column(String(32), primary_key=True)
    period: Mapped[str] = mapped_column(String(16), primary_key=True)  # e.g. "2026-11-25"
    started_at: Mapped[dt.datetime]
    finished_at: Mapped[dt.datetime | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
