"""Read-side queries for one submission: everything the console's detail screen shows.

Session-taking and never committing, like ``storage.queries``. The result is
a frozen snapshot (plain dataclasses, no ORM objects), so the console can
render it after the session is gone and nothing lazy-loads behind its back.
Officers never get the citizen's Telegram identity from here; that is the
audited ``reveal_identity`` use case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, utils
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    Attachment,
    CaseMessage,
    Citizen,
    Note,
    OutboxMessage,
    Redaction,
    Submission,
    SubmissionTheme,
)
from storage.usecases.officer import REDACTION_MARK, Change, history

DUPLICATE_WINDOW = dt.timedelta(days=3)
DUPLICATE_CANDIDATES = 400
DUPLICATE_TEXT_SCORE = 75.0
DUPLICATE_CLOSE_IN_TIME = dt.timedelta(hours=6)


@dataclass(frozen=True)
class ThreadMessage:
    """One message of the case thread; officer replies carry their outbox delivery state."""

    direction: str  # "in" from the citizen, "out" from an officer
    author: str
    text: str
    created_at: dt.datetime
    delivery: str | None = None  # pending / delivered / failed, for "out"
    delivered_at: dt.datetime | None = None
    attempts: int = 0
    last_error: str | None = None


@dataclass(frozen=True)
class NoteView:
    officer: str
    text: str
    created_at: dt.datetime


@dataclass(frozen=True)
class AttachmentView:
    id: int
    kind: str
    mime_type: str | None
    size_bytes: int | None
    state: str  # stored / too_large / failed
    error: str | None
    stored: bool  # a file exists in the attachment store
    created_at: dt.datetime


@dataclass(frozen=True)
class RedactionView:
    officer: str
    start: int
    end: int
    reason: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class DuplicateCandidate:
    """A submission that may report the same thing, and why we think so."""

    id: int
    ref: str
    created_at: dt.datetime
    place: str | None
    status: str
    snippet: str
    text_score: float  # 0-100, rapidfuzz token set ratio
    same_place: bool
    same_citizen: bool
    hours_apart: float


@dataclass(frozen=True)
class SubmissionDetail:
    id: int
    ref: str
    version: int
    kind: str
    intent: str
    status: str
    priority: int
    assignee: str | None
    lang: str
    confidence: float
    explain: dict[str, Any]
    classified_by: str
    themes: tuple[tuple[str, float], ...]
    place: str | None
    place_text: str | None
    latitude: float | None
    longitude: float | None
    occurred: str | None
    occurred_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    first_response_at: dt.datetime | None
    closed_at: dt.datetime | None
    text: str  # what officers see: the redacted text when there are redactions
    text_length: int  # of the original, for mapping a selection back to it
    redactions: tuple[RedactionView, ...]
    anonymous: bool
    contact_allowed: bool
    citizen_pseudonym: str | None
    citizen_blocked: bool
    citizen_erased: bool
    citizen_reachable: bool  # a chat to deliver a reply to
    from_blocked: bool
    merged_into_ref: str | None
    thread: tuple[ThreadMessage, ...]
    notes: tuple[NoteView, ...]
    attachments: tuple[AttachmentView, ...]
    history: tuple[Change, ...]
    duplicates: tuple[DuplicateCandidate, ...]

    @property
    def theme_ids(self) -> tuple[str, ...]:
        return tuple(theme for theme, _ in self.themes)

    @property
    def reply_refusal(self) -> str | None:
        """Why a reply cannot be delivered ("erased" / "no_contact"), or None when it can."""
        if self.citizen_erased or not self.citizen_reachable:
            return "erased"
        if not self.contact_allowed:
            return "no_contact"
        return None


async def load_detail(session: AsyncSession, submission_id: int) -> SubmissionDetail | None:
    submission = await session.get(Submission, submission_id, populate_existing=True)
    if submission is None:
        return None
    citizen = await session.get(Citizen, submission.citizen_id) if submission.citizen_id else None
    merged_into = await session.get(Submission, submission.merged_into_id) if submission.merged_into_id else None
    return SubmissionDetail(
        id=submission.id, ref=submission.ref, version=submission.version, kind=submission.kind,
        intent=submission.intent, status=submission.status, priority=submission.priority,
        assignee=submission.assignee, lang=submission.lang, confidence=submission.confidence,
        explain=dict(submission.explain or {}), classified_by=submission.classified_by,
        themes=tuple((t.theme, t.confidence) for t in submission.themes),
        place=submission.place, place_text=submission.place_text,
        latitude=submission.latitude, longitude=submission.longitude,
        occurred=submission.occurred, occurred_at=submission.occurred_at,
        created_at=submission.created_at, updated_at=submission.updated_at,
        first_response_at=submission.first_response_at, closed_at=submission.closed_at,
        text=submission.visible_text, text_length=len(submission.text),
        redactions=tuple(await redactions(session, submission.id)),
        anonymous=submission.anonymous, contact_allowed=submission.contact_allowed,
        citizen_pseudonym=citizen.pseudonym if citizen else None,
        citizen_blocked=bool(citizen and citizen.blocked_at),
        citizen_erased=citizen is None or citizen.erased_at is not None,
        citizen_reachable=bool(citizen and citizen.erased_at is None and citizen.chat_id is not None),
        from_blocked=submission.from_blocked,
        merged_into_ref=merged_into.ref if merged_into else None,
        thread=tuple(await thread(session, submission.id)),
        notes=tuple(await notes(session, submission.id)),
        attachments=tuple(await attachments(session, submission.id)),
        history=tuple(await history(session, submission.id)),
        duplicates=tuple(await possible_duplicates(session, submission)),
    )


async def thread(session: AsyncSession, submission_id: int) -> list[ThreadMessage]:
    rows = await session.execute(
        select(CaseMessage, OutboxMessage)
        .outerjoin(OutboxMessage, OutboxMessage.id == CaseMessage.outbox_id)
        .where(CaseMessage.submission_id == submission_id)
        .order_by(CaseMessage.created_at, CaseMessage.id)
    )
    return [
        ThreadMessage(
            direction=message.direction, author=message.author, text=message.text, created_at=message.created_at,
            delivery=outbox.status if outbox else None, delivered_at=outbox.delivered_at if outbox else None,
            attempts=outbox.attempts if outbox else 0, last_error=outbox.last_error if outbox else None,
        )
        for message, outbox in rows.all()
    ]


async def notes(session: AsyncSession, submission_id: int) -> list[NoteView]:
    rows = await session.execute(select(Note).where(Note.submission_id == submission_id).order_by(Note.id))
    return [NoteView(n.officer, n.text, n.created_at) for n in rows.scalars()]


async def attachments(session: AsyncSession, submission_id: int) -> list[AttachmentView]:
    rows = await session.execute(
        select(Attachment).where(Attachment.submission_id == submission_id).order_by(Attachment.id)
    )
    return [
        AttachmentView(a.id, a.kind, a.mime_type, a.size_bytes, a.state, a.error,
                       a.state == "stored" and bool(a.storage_path), a.created_at)
        for a in rows.scalars()
    ]


async def redactions(session: AsyncSession, submission_id: int) -> list[RedactionView]:
    rows = await session.execute(
        select(Redaction).where(Redaction.submission_id == submission_id).order_by(Redaction.start, Redaction.id)
    )
    return [RedactionView(r.officer, r.start, r.end, r.reason, r.created_at) for r in rows.scalars()]


async def possible_duplicates(
    session: AsyncSession, submission: Submission, *, limit: int = 5
) -> list[DuplicateCandidate]:
    """Submissions close in time that may report the same thing, ranked by text similarity.

    Candidates come from SQL on the created_at index, a few hundred at most:
    everything in the time window from the same place or sender, plus the
    ones nearest in time that share a theme (or the intent), wherever they
    are (a place can be misrecognised). rapidfuzz scores them, so this stays
    fast at a million submissions.
    """
    columns = (Submission.id, Submission.ref, Submission.created_at, Submission.place, Submission.status,
               Submission.citizen_id, Submission.text, Submission.text_redacted)
    window = (
        Submission.id != submission.id,
        Submission.merged_into_id.is_(None),
        Submission.created_at >= submission.created_at - DUPLICATE_WINDOW,
        Submission.created_at <= submission.created_at + DUPLICATE_WINDOW,
    )
    # One statement per index: (place, created_at), citizen_id, and created_at for the theme walk.
    same_place = Submission.place == submission.place if submission.place else Submission.place.is_(None)
    statements = [select(*columns).where(*window, same_place)
                  .order_by(Submission.created_at.desc()).limit(DUPLICATE_CANDIDATES)]
    if submission.citizen_id is not None:
        statements.append(select(*columns).where(*window, Submission.citizen_id == submission.citizen_id)
                          .order_by(Submission.created_at.desc()).limit(DUPLICATE_CANDIDATES))
    themes = submission.theme_ids
    alike = (exists().where(SubmissionTheme.submission_id == Submission.id, SubmissionTheme.theme.in_(themes))
             if themes else Submission.intent == submission.intent)
    for before in (True, False):
        side = Submission.created_at <= submission.created_at if before else Submission.created_at > submission.created_at
        order = Submission.created_at.desc() if before else Submission.created_at.asc()
        statements.append(select(*columns).where(*window, alike, side).order_by(order)
                          .limit(DUPLICATE_CANDIDATES // 4))
    rows = {row.id: row for stmt in statements for row in (await session.execute(stmt)).all()}

    query = utils.default_process(submission.visible_text)
    found: list[DuplicateCandidate] = []
    for row in rows.values():
        visible = row.text_redacted if row.text_redacted is not None else row.text
        score = fuzz.token_set_ratio(query, utils.default_process(visible)) if query else 0.0
        apart = abs(row.created_at - submission.created_at)
        same_place = submission.place is not None and row.place == submission.place
        same_citizen = submission.citizen_id is not None and row.citizen_id == submission.citizen_id
        if score >= DUPLICATE_TEXT_SCORE or (apart <= DUPLICATE_CLOSE_IN_TIME and (same_place or same_citizen)):
            found.append(DuplicateCandidate(
                id=row.id, ref=row.ref, created_at=row.created_at, place=row.place, status=row.status,
                snippet=visible[:160], text_score=round(score, 1), same_place=same_place,
                same_citizen=same_citizen, hours_apart=round(apart.total_seconds() / 3600, 1),
            ))
    found.sort(key=lambda c: (-_rank(c), c.hours_apart, c.id))
    return found[:limit]


def _rank(candidate: DuplicateCandidate) -> float:
    return (candidate.text_score + 20 * candidate.same_place + 15 * candidate.same_citizen
            + max(0.0, 20 - candidate.hours_apart))


def visible_to_original(text_length: int, spans: Iterable[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Map a selection in the visible (redacted) text back to offsets in the original.

    The visible text replaces each redacted span with ``REDACTION_MARK``
    (``storage.usecases.officer.apply_redactions``); a selection that touches a
    mark is widened to the whole hidden span, which is already hidden anyway.
    """
    segments = _segments(text_length, spans)
    return _to_original(segments, start, is_end=False), _to_original(segments, end, is_end=True)


def _segments(text_length: int, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """(visible start, visible end, original start, original end) pieces, as apply_redactions builds them."""
    pieces: list[tuple[int, int, int, int]] = []
    pos = vis = 0
    for span_start, span_end in sorted(spans):
        span_start, span_end = max(span_start, pos), min(span_end, text_length)
        if span_start >= span_end:
            continue
        if span_start > pos:
            pieces.append((vis, vis + span_start - pos, pos, span_start))
            vis += span_start - pos
        pieces.append((vis, vis + len(REDACTION_MARK), span_start, span_end))
        vis += len(REDACTION_MARK)
        pos = span_end
    pieces.append((vis, vis + text_length - pos, pos, text_length))
    return pieces


def _to_original(segments: Sequence[tuple[int, int, int, int]], offset: int, *, is_end: bool) -> int:
    for vis_start, vis_end, orig_start, orig_end in segments:
        # A start belongs to the piece it begins, an end to the piece it closes.
        inside = vis_start < offset <= vis_end if is_end else vis_start <= offset < vis_end
        if inside:
            if vis_end - vis_start == orig_end - orig_start:  # plain text: one to one
                return orig_start + offset - vis_start
            return orig_end if is_end else orig_start  # inside a mark: the whole hidden span
    return segments[-1][3] if offset > 0 else 0


__all__ = [
    "AttachmentView", "DuplicateCandidate", "NoteView", "RedactionView", "SubmissionDetail", "ThreadMessage",
    "load_detail", "possible_duplicates", "visible_to_original",
]

