"""Erasure (/forget) and retention (``trygg db purge``, daily in the bot).

What a citizen gave the police stays as anonymised statistics (labels, place,
dates) so the kartläggning does not change after the fact; what identifies
the citizen goes: Telegram identity, contact details, the conversation, raw
updates, and personal data inside texts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.db import Database
from storage.models import (
    Attachment,
    CaseMessage,
    Citizen,
    Conversation,
    Correction,
    InboxUpdate,
    Note,
    OutboxMessage,
    Submission,
    WatchSignup,
)
from storage.pii import TAGS, Redactor
from storage.profile import Profile
from storage.vocabulary import Status

ERASED_OUTBOX_TEXT = "[raderat]"


def redact_personal_data(text: str) -> str:
    """Mask personal data in a text that stays after its author is erased."""
    return Redactor()(text)


def redactor_for(citizen: Citizen) -> Callable[[str], str]:
    """``redact_personal_data`` plus the citizen's own Telegram name and username, wherever they wrote them.

    The patterns cannot know that "Hälsningar Zlatanina" is a name; at erasure we
    still know what the citizen is called, so their own name goes too.
    """
    names = set(re.findall(r"\w{3,}", citizen.display_name or ""))
    own = [(rf"@?\b{re.escape(citizen.username)}\b", TAGS["username"])] if citizen.username else []
    own += [(rf"\b{re.escape(name)}\b", TAGS["name"]) for name in sorted(names, key=len, reverse=True)]
    patterns = [(re.compile(pattern, re.IGNORECASE), tag) for pattern, tag in own]

    def redact(text: str) -> str:
        for pattern, tag in patterns:
            text = pattern.sub(tag, text)
        return redact_personal_data(text)

    return redact


@dataclass
class ErasureReport:
    """What /forget removed and kept, in the citizen's language, for the bot to show."""

    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    submissions: int = 0


_ERASURE_TEXTS = {
    "sv": {
        "identity": "ditt Telegram-id, chatt-id, användarnamn och namn",
        "conversation": "en påbörjad dialog med boten",
        "outbox": "{n} meddelanden som ännu inte skickats till dig",
        "inbox": "{n} råa meddelanden från Telegram",
        "watch": "dina kontaktuppgifter för grannsamverkan",
        "submissions": "{n} ärenden, utan koppling till dig och med personuppgifter bortmaskade i texten "
                       "(de kan vara allmänna handlingar och behövs för statistiken)",
        "photos": "{n} bilder som hör till ärendena",
    },
    "en": {
        "identity": "your Telegram id, chat id, username and name",
        "conversation": "an unfinished conversation with the bot",
        "outbox": "{n} messages not yet sent to you",
        "inbox": "{n} raw messages from Telegram",
        "watch": "your neighbourhood watch contact details",
        "submissions": "{n} cases, no longer linked to you and with personal data masked in the text "
                       "(they may be public records and are needed for the statistics)",
        "photos": "{n} photos belonging to the cases",
    },
}


async def erase_citizen(
    session: AsyncSession, citizen: Citizen, *, lang: str | None = None, now: dt.datetime | None = None
) -> ErasureReport:
    """Erase a citizen's personal data in the caller's transaction (one transaction with /forget)."""
    now = now or utcnow()
    texts = _ERASURE_TEXTS.get(lang or citizen.language, _ERASURE_TEXTS["sv"])
    report = ErasureReport()
    chat_id = citizen.chat_id

    report.removed.append(texts["identity"])
    if (await session.execute(delete(Conversation).where(Conversation.citizen_id == citizen.id))).rowcount:
        report.removed.append(texts["conversation"])

    cancelled = (await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.citizen_id == citizen.id, OutboxMessage.status == "pending")
        .values(status="failed", last_error="the citizen erased their data")
    )).rowcount
    await session.execute(
        update(OutboxMessage)
        .where(or_(OutboxMessage.citizen_id == citizen.id, OutboxMessage.chat_id == chat_id) if chat_id else OutboxMessage.citizen_id == citizen.id)
        .values(chat_id=None, citizen_id=None, text=ERASED_OUTBOX_TEXT, reply_markup=None)
    )
    if cancelled:
        report.removed.append(texts["outbox"].format(n=cancelled))
    if chat_id is not None:
        cleared = (await session.execute(
            update(InboxUpdate).where(InboxUpdate.chat_id == chat_id)
            .values(payload=None, chat_id=None, natural_key=None)
        )).rowcount
        if cleared:
            report.removed.append(texts["inbox"].format(n=cleared))

    redact = redactor_for(citizen)
    signups = list((await session.execute(select(WatchSignup).where(WatchSignup.citizen_id == citizen.id))).scalars())
    for signup in signups:  # the area stays for the statistics, without a name or house number in it
        signup.citizen_id, signup.contact_ok, signup.contact_method, signup.contact_value = None, False, None, None
        signup.area = redact(signup.area)
    if signups:
        report.removed.append(texts["watch"])

    submissions = list((await session.execute(select(Submission).where(Submission.citizen_id == citizen.id))).scalars())
    for submission in submissions:
        _anonymise_submission(submission, now, redact)
    ids = [s.id for s in submissions]
    if ids:
        for message in (await session.execute(
            select(CaseMessage).where(CaseMessage.submission_id.in_(ids), CaseMessage.direction == "in")
        )).scalars():
            message.text = redact(message.text)
            message.author = "anonym"
        for correction in (await session.execute(select(Correction).where(Correction.submission_id.in_(ids)))).scalars():
            correction.text = redact(correction.text)
        report.kept.append(texts["submissions"].format(n=len(ids)))
        photos = (await session.execute(
            select(func.count()).select_from(Attachment).where(Attachment.submission_id.in_(ids))
        )).scalar_one()
        if photos:
            report.kept.append(texts["photos"].format(n=photos))
    report.submissions = len(ids)

    citizen.telegram_user_id = citizen.chat_id = None
    citizen.username = citizen.display_name = None
    citizen.erased_at = now
    citizen.rate_minute_start = citizen.rate_notified_at = None
    citizen.rate_minute_count = citizen.rate_day_count = 0
    citizen.rate_day = None
    await session.flush()
    return report


def _anonymise_submission(submission: Submission, now: dt.datetime, redact: Callable[[str], str]) -> None:
    submission.citizen_id = None
    submission.source_chat_id = submission.source_message_id = None
    submission.text = redact(submission.text)
    if submission.text_redacted is not None:
        submission.text_redacted = redact(submission.text_redacted)
    submission.anonymous = True
    submission.contact_allowed = False
    submission.anonymised_at = now
    submission.updated_at = now


@dataclass
class PurgeReport:
    closed_anonymised: int = 0
    spam_deleted: int = 0
    watch_contacts_removed: int = 0
    inbox_deleted: int = 0
    outbox_deleted: int = 0
    citizens_deleted: int = 0
    files_deleted: int = 0

    def describe(self, *, dry_run: bool) -> str:
        verb = "would" if dry_run else "did"
        return (
            f"purge {verb}: anonymise {self.closed_anonymised} closed submissions, "
            f"delete {self.spam_deleted} spam submissions, remove {self.watch_contacts_removed} grannsamverkan contacts, "
            f"delete {self.inbox_deleted} processed Telegram updates, {self.outbox_deleted} sent messages, "
            f"{self.citizens_deleted} erased citizens and {self.files_deleted} photo files"
        )


async def purge(
    db: Database,
    profile: Profile,
    *,
    dry_run: bool = False,
    now: dt.datetime | None = None,
    attachments_dir: Path | None = None,
) -> PurgeReport:
    """Apply the profile's retention periods in one transaction; ``dry_run`` only counts."""
    now = now or utcnow()
    days = profile.retention
    closed_before = now - dt.timedelta(days=days.closed_days)
    spam_before = now - dt.timedelta(days=days.spam_days)
    watch_before = now - dt.timedelta(days=days.watch_contact_days)
    inbox_before = now - dt.timedelta(days=days.inbox_days)
    erased_before = now - dt.timedelta(days=days.erased_citizen_days)
    report = PurgeReport()

    closed = (Submission.status == Status.CLOSED) & (Submission.closed_at < closed_before) & Submission.anonymised_at.is_(None)
    spam = (Submission.status == Status.SPAM) & (func.coalesce(Submission.closed_at, Submission.created_at) < spam_before)
    watch = WatchSignup.contact_value.is_not(None) | WatchSignup.contact_ok.is_(True)
    watch_due = watch & (WatchSignup.group_started_at.is_not(None) | (WatchSignup.created_at < watch_before))
    inbox_due = InboxUpdate.status.in_(("done", "failed")) & (InboxUpdate.received_at < inbox_before)
    outbox_due = OutboxMessage.status.in_(("delivered", "failed")) & (OutboxMessage.created_at < closed_before)
    citizens_due = Citizen.erased_at.is_not(None) & (Citizen.erased_at <= erased_before)

    async with db.write() as session:
        closed_ids = list((await session.execute(select(Submission.id).where(closed))).scalars())
        spam_ids = list((await session.execute(select(Submission.id).where(spam))).scalars())
        files = list((await session.execute(
            select(Attachment.storage_path).where(Attachment.submission_id.in_(closed_ids + spam_ids),
                                                  Attachment.storage_path.is_not(None))
        )).scalars())
        report.closed_anonymised, report.spam_deleted, report.files_deleted = len(closed_ids), len(spam_ids), len(files)
        report.watch_contacts_removed = await _count(session, WatchSignup, watch_due)
        report.inbox_deleted = await _count(session, InboxUpdate, inbox_due)
        report.outbox_deleted = await _count(session, OutboxMessage, outbox_due)
        report.citizens_deleted = await _count(session, Citizen, citizens_due)
        if dry_run:
            return report

        for chunk in _chunks(closed_ids):
            # Statistics stay (labels, place, dates); the text and the thread go.
            await session.execute(update(Submission).where(Submission.id.in_(chunk)).values(
                text="", text_redacted=None, citizen_id=None, source_chat_id=None, source_message_id=None,
                anonymised_at=now, contact_allowed=False, latitude=None, longitude=None, place_text=None,
            ))
            await session.execute(delete(CaseMessage).where(CaseMessage.submission_id.in_(chunk)))
            await session.execute(delete(Note).where(Note.submission_id.in_(chunk)))
            await session.execute(delete(Attachment).where(Attachment.submission_id.in_(chunk)))
            await session.execute(update(Correction).where(Correction.submission_id.in_(chunk)).values(text=""))
        for chunk in _chunks(spam_ids):
            await session.execute(delete(Submission).where(Submission.id.in_(chunk)))
        await session.execute(update(WatchSignup).where(watch_due).values(
            contact_ok=False, contact_method=None, contact_value=None, citizen_id=None))
        await session.execute(delete(InboxUpdate).where(inbox_due))
        await session.execute(delete(OutboxMessage).where(outbox_due))
        await session.execute(delete(Citizen).where(citizens_due))
    _delete_files(attachments_dir, files)
    return report


async def _count(session: AsyncSession, model: type, condition: object) -> int:
    return (await session.execute(select(func.count()).select_from(model).where(condition))).scalar_one()


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _delete_files(root: Path | None, relative_paths: list[str]) -> None:
    """Delete photo files after the commit; a file already gone is fine."""
    if root is None:
        return
    base = root.resolve()
    for rel in relative_paths:
        path = (base / rel).resolve()
        if base in path.parents:  # never outside the attachment store
            path.unlink(missing_ok=True)
