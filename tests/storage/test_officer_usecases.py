"""Every officer use case on both backends, each test rolled back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from storage.errors import ActionRefused, ConflictError, NotFound
from storage.models import AuditEntry, CaseMessage, Correction, Note, OutboxMessage, Submission
from storage.queries import QueueFilter, count_queue
from storage.usecases import officer
from storage.usecases.intake import NewSubmission, TelegramIdentity, submit
from storage.vocabulary import Priority


async def new_tip(db, profile, *, user_id=100, text="Knark säljs vid skolan i Grebbestad", contact=True, **kw):
    who = TelegramIdentity(user_id=user_id, chat_id=user_id, username="kalle_k", display_name="Kalle")
    fields = dict(kind="tip", text=text, intent="tip", themes={"drugs": 0.9}, place="grebbestad",
                  contact_allowed=contact, anonymous=not contact)
    fields.update(kw)
    return await submit(db, profile, NewSubmission(**fields), who)


async def audit(db, submission_id):
    async with db.read() as s:
        return list((await s.execute(
            select(AuditEntry).where(AuditEntry.submission_id == submission_id).order_by(AuditEntry.id)
        )).scalars())


async def test_claim_assign_release(db, profile):
    sub = await new_tip(db, profile)
    claimed = await officer.claim(db, "anna", sub.id, expected_version=sub.version)
    assert claimed.assignee == "anna" and claimed.version == sub.version + 1
    handed = await officer.assign(db, "anna", sub.id, "erik", expected_version=claimed.version)
    released = await officer.assign(db, "erik", sub.id, None, expected_version=handed.version)
    assert released.assignee is None
    assert [(e.officer, e.action, e.after) for e in await audit(db, sub.id)] == [
        ("anna", "claim", {"assignee": "anna"}),
        ("anna", "assign", {"assignee": "erik"}),
        ("erik", "release", {"assignee": None}),
    ]


async def test_status_flow_and_refused_transition(db, profile):
    sub = await new_tip(db, profile)
    sub = await officer.change_status(db, "anna", sub.id, "triaged")
    sub = await officer.change_status(db, "anna", sub.id, "in_progress")
    sub = await officer.change_status(db, "anna", sub.id, "closed", reason="åtgärdat")
    assert sub.status == "closed" and sub.closed_at is not None
    with pytest.raises(ActionRefused, match="cannot go from closed to spam"):
        await officer.change_status(db, "anna", sub.id, "spam")
    spam = await officer.mark_spam(db, "anna", (await new_tip(db, profile, user_id=5)).id)
    assert spam.status == "spam"
    async with db.read() as s:
        assert await count_queue(s, QueueFilter(statuses=("closed",))) == 1


async def test_priority(db, profile):
    sub = await new_tip(db, profile)
    sub = await officer.set_priority(db, "anna", sub.id, Priority.HIGH)
    assert sub.priority == Priority.HIGH
    with pytest.raises(ActionRefused):
        await officer.set_priority(db, "anna", sub.id, 7)


async def test_reclassify_keeps_a_correction(db, profile):
    sub = await new_tip(db, profile)
    sub = await officer.reclassify(db, "anna", sub.id, profile=profile, intent="feedback",
                                   themes=["public_space", "drugs"], place="fjallbacka")
    assert (sub.intent, sub.theme_ids, sub.place, sub.classified_by) == (
        "feedback", ("drugs", "public_space"), "fjallbacka", "officer")
    async with db.read() as s:
        correction = (await s.execute(select(Correction))).scalar_one()
    assert correction.intent == "feedback" and correction.place == "fjallbacka" and correction.text == sub.text
    with pytest.raises(ActionRefused, match="Unknown place"):
        await officer.reclassify(db, "anna", sub.id, profile=profile, place="oslo")
    with pytest.raises(ActionRefused, match="Unknown theme"):
        await officer.reclassify(db, "anna", sub.id, profile=profile, themes=["weather"])


async def test_note_is_not_a_conflicting_change(db, profile):
    sub = await new_tip(db, profile)
    await officer.add_note(db, "anna", sub.id, "Kolla med skolan")
    # A note does not bump the version: someone holding the old version can still save.
    await officer.claim(db, "erik", sub.id, expected_version=sub.version)
    async with db.read() as s:
        assert (await s.execute(select(Note.text))).scalar_one() == "Kolla med skolan"
    with pytest.raises(ActionRefused):
        await officer.add_note(db, "anna", sub.id, "   ")


async def test_reply_goes_to_outbox_with_escaped_text(db, profile):
    sub = await new_tip(db, profile)
    msg = await officer.reply(db, "anna", sub.id, "Tack! <b>Vi</b> & kollegor åker dit.", profile=profile)
    async with db.read() as s:
        outbox = (await s.execute(select(OutboxMessage))).scalar_one()
        thread = (await s.execute(select(CaseMessage))).scalar_one()
        stored = await s.get(Submission, sub.id)
    assert outbox.chat_id == 100 and outbox.kind == "officer_reply" and outbox.status == "pending"
    assert "&lt;b&gt;Vi&lt;/b&gt; &amp; kollegor" in outbox.text and sub.ref in outbox.text
    assert thread.id == msg.id and thread.outbox_id == outbox.id and thread.direction == "out"
    assert stored.first_response_at is not None


async def test_reply_refused_without_contact_or_after_erasure(db, profile):
    quiet = await new_tip(db, profile, contact=False)
    with pytest.raises(ActionRefused, match="chose not to be contacted"):
        await officer.reply(db, "anna", quiet.id, "Hej", profile=profile)
    from storage.models import Citizen
    from storage.usecases.privacy import erase_citizen

    sub = await new_tip(db, profile, user_id=200)
    async with db.write() as s:
        citizen = (await s.execute(select(Citizen).where(Citizen.telegram_user_id == 200))).scalar_one()
        await erase_citizen(s, citizen)
    with pytest.raises(ActionRefused, match="erased"):
        await officer.reply(db, "anna", sub.id, "Hej", profile=profile)


async def test_merge_leaves_the_queue(db, profile):
    first = await new_tip(db, profile)
    dup = await new_tip(db, profile, user_id=300)
    merged = await officer.merge(db, "anna", dup.id, first.ref.lower())
    assert merged.merged_into_id == first.id and merged.status == "closed"
    async with db.read() as s:
        assert await count_queue(s, QueueFilter()) == 1
    with pytest.raises(ActionRefused):
        await officer.merge(db, "anna", first.id, dup.ref)
    with pytest.raises(NotFound):
        await officer.merge(db, "anna", first.id, "TAN-0000-0000")


async def test_redaction_keeps_the_original(db, profile):
    sub = await new_tip(db, profile, text="Han heter Kalle och bor på Storgatan 5")
    redacted = await officer.redact(db, "anna", sub.id, 10, 15, reason="namn")
    assert redacted.visible_text == "Han heter █████ och bor på Storgatan 5"
    assert redacted.text == "Han heter Kalle och bor på Storgatan 5"
    with pytest.raises(ActionRefused):
        await officer.original_text(db, "anna", sub.id, profile=profile)
    with pytest.raises(ActionRefused):
        await officer.redact(db, "anna", sub.id, 30, 99)


async def test_block_marks_later_messages(db, profile):
    sub = await new_tip(db, profile)
    await officer.block_citizen(db, "anna", sub.id, "hot mot personal")
    later = await new_tip(db, profile, text="spam spam")
    assert later.from_blocked
    async with db.read() as s:
        assert await count_queue(s, QueueFilter()) == 1
        assert await count_queue(s, QueueFilter(include_blocked=True)) == 2
    assert [e.action for e in await audit(db, sub.id)] == ["block"]


async def test_identity_only_with_consent_and_audited(db, profile):
    anonymous = await new_tip(db, profile, contact=False)
    with pytest.raises(ActionRefused, match="anonymous"):
        await officer.reveal_identity(db, "anna", anonymous.id)
    open_ = await new_tip(db, profile, user_id=400)
    identity = await officer.reveal_identity(db, "anna", open_.id)
    assert identity.username == "kalle_k"
    assert [e.action for e in await audit(db, open_.id)] == ["view_identity"]


async def test_two_officers_conflict_keeps_the_first_change(db, profile):
    sub = await new_tip(db, profile)
    seen_by_both = sub.version
    await officer.change_status(db, "anna", sub.id, "triaged", expected_version=seen_by_both)
    with pytest.raises(ConflictError) as conflict:
        await officer.change_status(db, "erik", sub.id, "spam", expected_version=seen_by_both)
    assert "anna" in str(conflict.value)
    assert [(c["officer"], c["after"]) for c in conflict.value.changes] == [("anna", {"status": "triaged"})]
    async with db.read() as s:
        assert (await s.get(Submission, sub.id)).status == "triaged"
        entries = (await s.execute(select(func.count()).select_from(AuditEntry))).scalar_one()
    assert entries == 1


async def test_audit_log_is_append_only(db, profile):
    sub = await new_tip(db, profile)
    await officer.claim(db, "anna", sub.id)
    with pytest.raises(Exception, match="append-only"):
        async with db.write() as s:
            await s.execute(AuditEntry.__table__.update().values(officer="mallory"))
    with pytest.raises(Exception, match="append-only"):
        async with db.write() as s:
            await s.execute(AuditEntry.__table__.delete())
