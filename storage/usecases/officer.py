"""Officer use cases: each owns its transaction and appends to the audit log.

Every change to a submission is checked against the version the officer saw
(optimistic locking). If someone else saved in between, ``ConflictError``
says who changed what and when, and nothing is overwritten. PostgreSQL also
locks the row for the duration (``FOR UPDATE``); SQLite's ``BEGIN IMMEDIATE``
already serialises writers.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.db import Database
from storage.errors import ActionRefused, ConflictError, NotFound
from storage.models import AuditEntry, CaseMessage, Citizen, Correction, Note, Redaction, Submission, SubmissionTheme
from storage.profile import Profile
from storage.usecases.intake import enqueue_message
from storage.vocabulary import INTENTS, STATUS_TRANSITIONS, THEMES, Priority, Status

REDACTION_MARK = "█████"


@dataclass(frozen=True)
class Change:
    """One audit entry, as shown in a conflict dialog or the detail history."""

    at: dt.datetime
    officer: str
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None

    def describe(self) -> str:
        fields = sorted(set(self.before or {}) | set(self.after or {}))
        parts = [f"{f}: {(self.before or {}).get(f)!s} → {(self.after or {}).get(f)!s}" for f in fields]
        return f"{self.officer} {self.action} ({', '.join(parts)})" if parts else f"{self.officer} {self.action}"


async def record(
    session: AsyncSession,
    officer: str,
    action: str,
    *,
    submission: Submission | None = None,
    citizen_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str | None = None,
    versioned: bool = True,
    now: dt.datetime | None = None,
) -> AuditEntry:
    """Append one audit entry. Never the citizen's free text: labels, statuses and names only.

    ``versioned`` entries record the submission version the change produced;
    appends that do not change the submission (notes, looks) record none, so
    they never count as a conflicting edit.
    """
    if submission is not None:
        await session.flush()  # the version the change produced
    entry = AuditEntry(
        at=now or utcnow(),
        officer=officer,
        action=action,
        submission_id=submission.id if submission else None,
        citizen_id=citizen_id if citizen_id is not None else (submission.citizen_id if submission else None),
        version=submission.version if submission is not None and versioned else None,
        before=before,
        after=after,
        reason=reason,
    )
    session.add(entry)
    await session.flush()
    return entry


async def changes_since(session: AsyncSession, submission_id: int, version: int) -> list[Change]:
    rows = await session.execute(
        select(AuditEntry)
        .where(AuditEntry.submission_id == submission_id, AuditEntry.version > version)
        .order_by(AuditEntry.id)
    )
    return [Change(e.at, e.officer, e.action, e.before, e.after, e.reason) for e in rows.scalars()]


async def history(session: AsyncSession, submission_id: int) -> list[Change]:
    """Every audit entry about a submission, oldest first (the detail screen's history)."""
    rows = await session.execute(
        select(AuditEntry).where(AuditEntry.submission_id == submission_id).order_by(AuditEntry.id)
    )
    return [Change(e.at, e.officer, e.action, e.before, e.after, e.reason) for e in rows.scalars()]


async def load_for_change(session: AsyncSession, submission_id: int, expected_version: int | None) -> Submission:
    submission = await session.get(Submission, submission_id, with_for_update=True, populate_existing=True)
    if submission is None:
        raise NotFound(f"Submission {submission_id} does not exist")
    if expected_version is not None and submission.version != expected_version:
        changes = await changes_since(session, submission_id, expected_version)
        who = ", ".join(sorted({c.officer for c in changes})) or "someone"
        raise ConflictError(
            f"{submission.ref} was changed by {who} after you opened it; reload to see the changes",
            [c.__dict__ for c in changes],
        )
    return submission


def _touch(submission: Submission, now: dt.datetime) -> None:
    submission.updated_at = now


async def assign(
    db: Database, officer: str, submission_id: int, assignee: str | None, *, expected_version: int | None = None
) -> Submission:
    """Claim (assignee == officer), hand over, or release (None)."""
    async with db.write() as session:
        submission = await load_for_change(session, submission_id, expected_version)
        before = {"assignee": submission.assignee}
        submission.assignee = assignee
        _touch(submission, utcnow())
        action = "claim" if assignee == officer else ("release" if assignee is None else "assign")
        await record(session, officer, action, submission=submission, before=before, after={"assignee": assignee})
        return submission


async def claim(db: Database, officer: str, submission_id: int, *, expected_version: int | None = None) -> Submission:
    return await assign(db, officer, submission_id, officer, expected_version=expected_version)


async def change_status(
    db: Database,
    officer: str,
    submission_id: int,
    status: str,
    *,
    expected_version: int | None = None,
    reason: str | None = None,
) -> Submission:
    if status not in STATUS_TRANSITIONS:
        raise ActionRefused(f"Unknown status {status!r}")
    async with db.write() as session:
        submission = await load_for_change(session, submission_id, expected_version)
        if status == submission.status:
            return submission
        if status not in STATUS_TRANSITIONS[submission.status]:
            raise ActionRefused(f"{submission.ref} cannot go from {submission.status} to {status}")
        now = utcnow()
        before = {"status": submission.status}
        submission.status = status
        submission.closed_at = now if status in (Status.CLOSED, Status.SPAM) else None
        _touch(submission, now)
        await record(session, officer, "status", submission=submission, before=before,
                     after={"status": status}, reason=reason)
        return submission


async def mark_spam(
    db: Database, officer: str, submission_id: int, *, expected_version: int | None = None, reason: str | None = None
) -> Submission:
    return await change_status(db, officer, submission_id, Status.SPAM, expected_version=expected_version, reason=reason)


async def set_priority(
    db: Database, officer: str, submission_id: int, priority: int, *, expected_version: int | None = None
) -> Submission:
    if not Priority.LOW <= priority <= Priority.URGENT:
        raise ActionRefused(f"Priority must be between {Priority.LOW} and {Priority.URGENT}")
    async with db.write() as session:
        submission = await load_for_change(session, submission_id, expected_version)
        before = {"priority": submission.priority}
        submission.priority = priority
        _touch(submission, utcnow())
        await record(session, officer, "priority", submission=submission, before=before, after={"priority": priority})
        return submission


async def reclassify(
    db: Database,
    officer: str,
    submission_id: int,
    *,
    profile: Profile,
    intent: str | None = None,
    themes: Iterable[str] | None = None,
    place: str | None | type[Ellipsis] = ...,
    expected_version: int | None = None,
) -> Submission:
    """Correct the labels; the correction is kept so the classifier can learn from it."""
    new_themes = tuple(sorted(set(themes))) if themes is not None else None
    if intent is not None and intent not in INTENTS:
        raise ActionRefused(f"Unknown intent {intent!r}")
    if new_themes is not None and not set(new_themes) <= set(THEMES):
        raise ActionRefused(f"Unknown theme in {', '.join(new_themes)}")
    if place not in (..., None) and profile.place(place) is None:  # type: ignore[arg-type]
        raise ActionRefused(f"Unknown place {place!r}")
    async with db.write() as session:
        submission = await load_for_change(session, submission_id, expected_version)
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if intent is not None and intent != submission.intent:
            before["intent"], after["intent"] = submission.intent, intent
            submission.intent = intent
        if new_themes is not None and new_themes != submission.theme_ids:
            before["themes"], after["themes"] = list(submission.theme_ids), list(new_themes)
            submission.themes = [SubmissionTheme(theme=t, confidence=1.0) for t in new_themes]
        if place is not ... and place != submission.place:
            before["place"], after["place"] = submission.place, place
            chosen = profile.place(place)  # type: ignore[arg-type]
            submission.place = place  # type: ignore[assignment]
            if chosen is not None:
                submission.latitude, submission.longitude = chosen.lat, chosen.lon
        if not after:
            return submission
        submission.classified_by = "officer"
        _touch(submission, utcnow())
        session.add(
            Correction(
                submission_id=submission.id,
                officer=officer,
                text=submission.text,
                intent=after.get("intent"),
                themes=after.get("themes"),
                place=after.get("place"),
                created_at=utcnow(),
            )
        )
        await record(session, officer, "reclassify", submission=submission, before=before, after=after)
        return submission


async def add_note(db: Database, officer: str, submission_id: int, text: str) -> Note:
    text = text.strip()
    if not text:
        raise ActionRefused("An empty note was not saved")
    async with db.write() as session:
        submission = await session.get(Submission, submission_id)
        if submission is None:
            raise NotFound(f"Submission {submission_id} does not exist")
        note = Note(submission_id=submission_id, officer=officer, text=text, created_at=utcnow())
        session.add(note)
        await record(session, officer, "note", submission=submission, versioned=False,
                     after={"note_chars": len(text)})
        return note


REPLY_HEADER = {
    "sv": "<b>Svar från {municipality} om ditt ärende {ref}</b>",
    "en": "<b>Reply from {municipality} about your case {ref}</b>",
}
REPLY_FOOTER = {
    "sv": "<i>Svara på det här meddelandet om du vill skriva mer om ärendet.</i>",
    "en": "<i>Reply to this message if you want to add something to the case.</i>",
}


async def reply(db: Database, officer: str, submission_id: int, text: str, *, profile: Profile) -> CaseMessage:
    """Write to the citizen: a case message plus an outbox row the bot delivers."""
    text = text.strip()
    if not text:
        raise ActionRefused("An empty reply was not sent")
    async with db.write() as session:
        submission = await session.get(Submission, submission_id, with_for_update=True)
        if submission is None:
            raise NotFound(f"Submission {submission_id} does not exist")
        citizen = await session.get(Citizen, submission.citizen_id) if submission.citizen_id else None
        if citizen is None or citizen.erased_at is not None or citizen.chat_id is None:
            raise ActionRefused(f"{submission.ref}: the citizen has erased their data; a reply cannot be delivered")
        if not submission.contact_allowed:
            raise ActionRefused(f"{submission.ref}: the citizen chose not to be contacted")
        now = utcnow()
        lang = citizen.language if citizen.language in REPLY_HEADER else "sv"
        body = "\n\n".join(
            [
                REPLY_HEADER[lang].format(municipality=html.escape(profile.municipality), ref=submission.ref),
                html.escape(text),
                REPLY_FOOTER[lang],
            ]
        )
        outbox = await enqueue_message(
            session, chat_id=citizen.chat_id, citizen_id=citizen.id, submission_id=submission.id,
            text=body, kind="officer_reply", created_by=officer, now=now,
        )
        message = CaseMessage(submission_id=submission.id, direction="out", author=officer, text=text,
                              outbox_id=outbox.id, created_at=now)
        session.add(message)
        if submission.first_response_at is None:
            submission.first_response_at = now
        _touch(submission, now)
        await record(session, officer, "reply", submission=submission, after={"reply_chars": len(text)})
        return message


async def merge(
    db: Database, officer: str, submission_id: int, into_ref: str, *, expected_version: int | None = None
) -> Submission:
    """Mark a duplicate: it leaves the queue and points at the submission it belongs to."""
    async with db.write() as session:
        submission = await load_for_change(session, submission_id, expected_version)
        target = (await session.execute(select(Submission).where(Submission.ref == into_ref.strip().upper()))).scalar_one_or_none()
        if target is None:
            raise NotFound(f"No submission {into_ref!r} to merge into")
        if target.id == submission.id or target.merged_into_id == submission.id:
            raise ActionRefused(f"{submission.ref} cannot be merged into {target.ref}")
        while target.merged_into_id is not None:  # merge into the root of a chain
            target = await session.get(Submission, target.merged_into_id)
        before = {"merged_into": None, "status": submission.status}
        submission.merged_into_id = target.id
        submission.status = Status.CLOSED
        submission.closed_at = utcnow()
        _touch(submission, utcnow())
        await record(session, officer, "merge", submission=submission, before=before,
                     after={"merged_into": target.ref, "status": Status.CLOSED})
        return submission


def apply_redactions(original: str, spans: Iterable[tuple[int, int]]) -> str:
    """The visible text: each redacted span replaced by a mark, the original untouched."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, len(original))
        if start >= end:
            continue
        out.append(original[pos:start])
        out.append(REDACTION_MARK)
        pos = end
    out.append(original[pos:])
    return "".join(out)


async def redact(
    db: Database, officer: str, submission_id: int, start: int, end: int, *,
    reason: str | None = None, expected_version: int | None = None,
) -> Submission:
    async with db.write() as session:
        submission = await load_for_change(session, submission_id, expected_version)
        if not (0 <= start < end <= len(submission.text)):
            raise ActionRefused(f"The passage {start}-{end} is outside the text (0-{len(submission.text)})")
        session.add(Redaction(submission_id=submission.id, officer=officer, start=start, end=end,
                              reason=reason, created_at=utcnow()))
        await session.flush()
        spans = (await session.execute(
            select(Redaction.start, Redaction.end).where(Redaction.submission_id == submission.id)
        )).all()
        submission.text_redacted = apply_redactions(submission.text, [(s, e) for s, e in spans])
        _touch(submission, utcnow())
        await record(session, officer, "redact", submission=submission,
                     after={"start": start, "end": end}, reason=reason)
        return submission


async def original_text(db: Database, officer: str, submission_id: int, *, profile: Profile) -> str:
    """The unredacted text, for the officers the profile allows; the look is audited."""
    if officer not in profile.redaction_readers:
        raise ActionRefused("You are not among the profile's redaction_readers")
    async with db.write() as session:
        submission = await session.get(Submission, submission_id)
        if submission is None:
            raise NotFound(f"Submission {submission_id} does not exist")
        await record(session, officer, "read_original", submission=submission, versioned=False)
        return submission.text


async def block_citizen(db: Database, officer: str, submission_id: int, reason: str) -> Citizen:
    """Block the sender of a submission: later messages are kept and marked, not queued."""
    reason = reason.strip()
    if not reason:
        raise ActionRefused("A block needs a reason")
    async with db.write() as session:
        submission = await session.get(Submission, submission_id)
        if submission is None or submission.citizen_id is None:
            raise ActionRefused("This submission has no citizen to block (erased or anonymised)")
        citizen = await session.get(Citizen, submission.citizen_id)
        if citizen is None:
            raise NotFound("Citizen not found")
        citizen.blocked_at, citizen.blocked_by, citizen.blocked_reason = utcnow(), officer, reason
        await record(session, officer, "block", submission=submission, versioned=False,
                     after={"blocked": True}, reason=reason)
        return citizen


async def unblock_citizen(db: Database, officer: str, citizen_id: int, reason: str | None = None) -> Citizen:
    async with db.write() as session:
        citizen = await session.get(Citizen, citizen_id)
        if citizen is None:
            raise NotFound("Citizen not found")
        citizen.blocked_at = citizen.blocked_by = citizen.blocked_reason = None
        await record(session, officer, "unblock", citizen_id=citizen.id, after={"blocked": False}, reason=reason)
        return citizen


@dataclass(frozen=True)
class CitizenIdentity:
    pseudonym: str
    username: str | None
    display_name: str | None


async def reveal_identity(db: Database, officer: str, submission_id: int) -> CitizenIdentity:
    """A citizen's Telegram identity, only if they agreed to be contacted; who looked is audited."""
    async with db.write() as session:
        submission = await session.get(Submission, submission_id)
        if submission is None:
            raise NotFound(f"Submission {submission_id} does not exist")
        citizen = await session.get(Citizen, submission.citizen_id) if submission.citizen_id else None
        if citizen is None or citizen.erased_at is not None:
            raise ActionRefused(f"{submission.ref}: the citizen's data has been erased")
        if submission.anonymous or not submission.contact_allowed:
            raise ActionRefused(f"{submission.ref}: the citizen chose to stay anonymous")
        await record(session, officer, "view_identity", submission=submission, versioned=False)
        return CitizenIdentity(citizen.pseudonym, citizen.username, citizen.display_name)
