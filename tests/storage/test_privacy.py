"""Erasure (/forget) and retention (purge) read back from every table."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from storage.models import (
    Base,
    CaseMessage,
    Citizen,
    Conversation,
    InboxUpdate,
    OutboxMessage,
    Submission,
    WatchSignup,
)
from storage.usecases import officer
from storage.usecases.intake import (
    NewSubmission,
    TelegramIdentity,
    add_citizen_message,
    add_watch_signup,
    create_submission,
    enqueue_message,
    upsert_citizen,
)
from storage.usecases.privacy import erase_citizen, purge

USER_ID, CHAT_ID, USERNAME, NAME, PHONE = 987654321, 987654321, "secret_handle", "Greta Gustafsson", "070-123 45 67"


async def test_forget_leaves_nothing_that_finds_the_citizen(db, profile):
    now = dt.datetime.now(dt.UTC)
    async with db.write() as s:
        citizen = await upsert_citizen(s, TelegramIdentity(USER_ID, CHAT_ID, USERNAME, NAME, "sv"))
        s.add(Conversation(citizen_id=citizen.id, flow="tip", step="place", data={"text": "x"}, updated_at=now))
        sub = await create_submission(s, profile, citizen, NewSubmission(
            kind="tip", text=f"Ring mig på {PHONE}, jag heter {NAME}", intent="tip",
            source_chat_id=CHAT_ID, source_message_id=5, contact_allowed=True))
        await add_citizen_message(s, sub, citizen, f"Mitt nummer är {PHONE}")
        await add_watch_signup(s, sub, citizen, area="Norra hamnen", place="grebbestad", households=4,
                               wants_new_group=True, wants_info_meeting=True, contact_ok=True,
                               contact_method="phone", contact_value=PHONE)
        await enqueue_message(s, chat_id=CHAT_ID, citizen_id=citizen.id, text=f"Hej {NAME}", dedup_key="r1")
        s.add(InboxUpdate(update_id=1, chat_id=CHAT_ID, natural_key=f"msg:{CHAT_ID}:5",
                          payload={"message": {"from": {"username": USERNAME}}}, received_at=now, status="done"))
    async with db.write() as s:
        citizen = (await s.execute(select(Citizen))).scalar_one()
        report = await erase_citizen(s, citizen)
    assert report.submissions == 1 and any("Telegram-id" in r for r in report.removed)

    needles = [str(USER_ID), USERNAME, NAME, "Greta", PHONE, "070-123"]
    async with db.read() as s:
        for table in Base.metadata.sorted_tables:
            for row in (await s.execute(select(table))).all():
                flat = repr(tuple(row))
                for needle in needles:
                    assert needle not in flat, f"{needle!r} left in {table.name}: {flat}"
        sub = (await s.execute(select(Submission))).scalar_one()
        assert sub.citizen_id is None and sub.intent == "tip" and "[telefon]" in sub.text
        assert (await s.execute(select(OutboxMessage.status))).scalar_one() == "failed"
        assert (await s.execute(select(WatchSignup.households))).scalar_one() == 4
        assert (await s.execute(select(CaseMessage.author))).scalar_one() == "anonym"


async def test_purge_follows_the_retention_periods(db, profile, tmp_path):
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    async with db.write() as s:
        citizen = await upsert_citizen(s, TelegramIdentity(1, 1))
        closed = await create_submission(s, profile, citizen, NewSubmission(
            kind="tip", text="gammalt tips", intent="tip", themes={"burglary": 1.0}, place="lur"), now=old)
        spam = await create_submission(s, profile, citizen, NewSubmission(
            kind="message", text="köp billigt", intent="feedback"), now=old)
        fresh = await create_submission(s, profile, citizen, NewSubmission(kind="tip", text="nytt", intent="tip"))
        await add_watch_signup(s, fresh, citizen, area="x", place=None, households=2, wants_new_group=False,
                               wants_info_meeting=False, contact_ok=True, contact_method="phone",
                               contact_value="070-1", now=old - dt.timedelta(days=400))
        s.add(InboxUpdate(update_id=9, chat_id=1, payload={}, received_at=old, status="done"))
    await officer.change_status(db, "anna", closed.id, "closed")
    await officer.mark_spam(db, "anna", spam.id)
    async with db.write() as s:  # pretend they were closed long ago
        for sid in (closed.id, spam.id):
            (await s.get(Submission, sid)).closed_at = old

    dry = await purge(db, profile, dry_run=True)
    assert (dry.closed_anonymised, dry.spam_deleted, dry.watch_contacts_removed, dry.inbox_deleted) == (1, 1, 1, 1)
    async with db.read() as s:
        assert (await s.get(Submission, spam.id)) is not None  # a dry run changes nothing

    done = await purge(db, profile, attachments_dir=tmp_path)
    assert done.closed_anonymised == 1
    async with db.read() as s:
        kept = await s.get(Submission, closed.id)
        assert kept.text == "" and kept.theme_ids == ("burglary",) and kept.place == "lur"
        assert await s.get(Submission, spam.id) is None
        assert (await s.get(Submission, fresh.id)).text == "nytt"
        assert (await s.execute(select(WatchSignup.contact_value))).scalar_one() is None
        assert (await s.execute(select(InboxUpdate))).first() is None
    again = await purge(db, profile)
    assert (again.closed_anonymised, again.spam_deleted) == (0, 0)
