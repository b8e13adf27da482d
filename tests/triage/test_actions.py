"""Every officer action, one key each, driven through the real console on SQLite and PostgreSQL.

Each test checks what the officer sees, what the database holds afterwards,
and the audit entry the action left (who, what).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select
from textual.widgets import Input, Select, SelectionList, TextArea
from textual.widgets.text_area import Selection

from moderation.triage.dialogs import (
    AttachmentsDialog,
    ChoiceDialog,
    MessageDialog,
    ReclassifyDialog,
    RedactDialog,
    TextDialog,
)
from storage.models import (
    Attachment,
    AuditEntry,
    CaseMessage,
    Citizen,
    Correction,
    Note,
    OutboxMessage,
    Redaction,
    Submission,
)
from storage.usecases.officer import REDACTION_MARK
from tests.triage.helpers import OFFICER, RecordingApp, add_submission, dialog, make_context, screen_text, settle


async def audit_of(db, submission_id: int) -> list[tuple[str, str]]:
    async with db.read() as session:
        rows = await session.execute(
            select(AuditEntry.officer, AuditEntry.action).where(AuditEntry.submission_id == submission_id)
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in rows.all()]


async def fetch(db, model, key):
    async with db.read() as session:
        return await session.get(model, key, populate_existing=True)


async def open_first(pilot) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_claim_from_the_queue(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Inbrott i boden i natt")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert f"Du har tagit {sub.ref}" in app.said_text()
        assert OFFICER in screen_text(app)  # the queue row shows the new assignee
    assert (await fetch(committed_db, Submission, sub.id)).assignee == OFFICER
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "claim")]


async def test_assign_and_release(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Cykel stulen")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("a")
        box = await dialog(pilot, TextDialog)
        box.query_one(Input).value = "erik.l"
        await pilot.press("enter")
        await settle(pilot)
        assert (await fetch(committed_db, Submission, sub.id)).assignee == "erik.l"
        await pilot.press("a")
        box = await dialog(pilot, TextDialog)
        box.query_one(Input).value = ""
        await pilot.press("enter")
        await settle(pilot)
    assert (await fetch(committed_db, Submission, sub.id)).assignee is None
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "assign"), (OFFICER, "release")]


async def test_change_status(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Knark vid skolan")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("s")
        await dialog(pilot, ChoiceDialog)
        await pilot.press("down", "down", "enter")  # Ny -> Sorterad -> Pågår
        await settle(pilot)
        assert "Pågår" in screen_text(app)
    assert (await fetch(committed_db, Submission, sub.id)).status == "in_progress"
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "status")]


async def test_set_priority(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Fortkörning varje kväll")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("p")
        await dialog(pilot, ChoiceDialog)
        await pilot.press("home", "enter")  # Akut is first
        await settle(pilot)
        assert "!!" in screen_text(app)  # urgent rows are marked
    assert (await fetch(committed_db, Submission, sub.id)).priority == 2
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "priority")]


async def test_reclassify_keeps_a_correction(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Gatlampan är trasig", intent="tip", themes=("burglary",))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("e")
        box = await dialog(pilot, ReclassifyDialog)
        box.query_one("#intent", Select).value = "feedback"
        box.query_one("#place", Select).value = "fjallbacka"
        themes = box.query_one("#themes", SelectionList)
        themes.deselect("burglary")
        themes.select("public_space")
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = await fetch(committed_db, Submission, sub.id)
    assert (stored.intent, stored.theme_ids, stored.place, stored.classified_by) == (
        "feedback", ("public_space",), "fjallbacka", "officer")
    async with committed_db.read() as session:
        correction = (await session.execute(select(Correction))).scalar_one()
    assert (correction.intent, correction.themes, correction.place) == ("feedback", ["public_space"], "fjallbacka")
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "reclassify")]


async def test_add_note(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Misstänkt bil")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 50)) as pilot:
        await open_first(pilot)
        await pilot.press("n")
        box = await dialog(pilot, TextDialog)
        box.query_one(TextArea).text = "Ringde grannen, bilen är deras."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ringde grannen, bilen är deras." in screen_text(app)  # the detail shows the note
    async with committed_db.read() as session:
        note = (await session.execute(select(Note))).scalar_one()
    assert (note.officer, note.text) == (OFFICER, "Ringde grannen, bilen är deras.")
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "note")]


async def test_reply_goes_to_the_outbox_and_shows_delivery(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Har ni fått mitt tips?", contact=True)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first(pilot)
        await pilot.press("r")
        box = await dialog(pilot, TextDialog)
        box.query_one(TextArea).text = "Tack, vi tittar på det <i>i dag</i>."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "väntar på leverans" in screen_text(app)
        async with committed_db.write() as session:  # the bot delivers it
            outbox = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "officer_reply"))).scalar_one()
            outbox.status, outbox.delivered_at = "delivered", dt.datetime(2026, 11, 25, 11, 30, tzinfo=dt.UTC)
        await pilot.press("f5")
        await settle(pilot)
        assert "levererat 2026-11-25 12:30" in screen_text(app)
    assert "&lt;i&gt;i dag&lt;/i&gt;" in outbox.text  # Telegram HTML escaped by the use case
    async with committed_db.read() as session:
        message = (await session.execute(select(CaseMessage).where(CaseMessage.direction == "out"))).scalar_one()
    assert message.author == OFFICER
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "reply")]


async def test_reply_refused_when_the_citizen_chose_no_contact(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Anonymt tips", contact=False)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert not isinstance(app.screen, TextDialog)
        assert "valt att inte bli kontaktad" in app.said_text()
    async with committed_db.read() as session:
        assert (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "officer_reply"))).first() is None
    assert await audit_of(committed_db, sub.id) == []


async def test_reply_refused_after_erasure_with_the_use_cases_message(committed_db, profile, tmp_path):
    """The citizen erases their data while the officer writes: the use case refuses, the console says why."""
    sub = await add_submission(committed_db, profile, "Tips som sedan raderas", contact=True)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("r")
        box = await dialog(pilot, TextDialog)
        box.query_one(TextArea).text = "Hej!"
        async with committed_db.write() as session:
            citizen = await session.get(Citizen, sub.citizen_id)
            citizen.erased_at, citizen.chat_id = dt.datetime.now(dt.UTC), None
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "erased their data" in app.said_text()
        await pilot.press("r")
        await settle(pilot)
        assert "raderat sina uppgifter" in app.said_text()  # the console now knows before asking
    async with committed_db.read() as session:
        assert (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "officer_reply"))).first() is None


async def test_merge_into_another_submission(committed_db, profile, tmp_path):
    first = await add_submission(committed_db, profile, "Inbrott i bod på Sannäsvägen", age=dt.timedelta(hours=3))
    duplicate = await add_submission(committed_db, profile, "Inbrott i boden på Sannäsvägen", user=2)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first(pilot)  # the newest: the duplicate
        assert first.ref in screen_text(app)  # listed among possible duplicates
        await pilot.press("m")
        box = await dialog(pilot, TextDialog)
        box.query_one(Input).value = first.ref.lower()
        await pilot.press("enter")
        await settle(pilot)
        assert f"Sammanslaget med {first.ref}" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert duplicate.ref not in screen_text(app)  # merged submissions leave the queue
    stored = await fetch(committed_db, Submission, duplicate.id)
    assert (stored.merged_into_id, stored.status) == (first.id, "closed")
    assert await audit_of(committed_db, duplicate.id) == [(OFFICER, "merge")]


async def test_redact_a_selected_passage(committed_db, profile, tmp_path):
    text = "Min granne Sven Svensson på Storgatan 4 säljer knark."
    sub = await add_submission(committed_db, profile, text)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("d")
        box = await dialog(pilot, RedactDialog)
        area = box.query_one(TextArea)
        start = text.index("Sven")
        area.selection = Selection((0, start), (0, start + len("Sven Svensson")))
        box.query_one("#reason", Input).value = "namn på tredje person"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = screen_text(app)
        assert "Sven Svensson" not in shown and REDACTION_MARK in shown
        # a second passage, selected in the redacted text, maps back to the original
        await pilot.press("d")
        box = await dialog(pilot, RedactDialog)
        area = box.query_one(TextArea)
        visible = area.text
        at = visible.index("Storgatan 4")
        area.selection = Selection((0, at), (0, at + len("Storgatan 4")))
        await pilot.press("ctrl+s")
        await settle(pilot)
    stored = await fetch(committed_db, Submission, sub.id)
    assert stored.text == text  # the original is kept
    assert stored.text_redacted == f"Min granne {REDACTION_MARK} på {REDACTION_MARK} säljer knark."
    async with committed_db.read() as session:
        spans = [(r.start, r.end, r.reason) for r in (await session.execute(select(Redaction).order_by(Redaction.id))).scalars()]
    assert spans == [(11, 24, "namn på tredje person"), (28, 39, None)]
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "redact"), (OFFICER, "redact")]


async def test_original_text_only_for_redaction_readers(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Hemligt namn här")
    reader_profile = dataclasses.replace(profile, redaction_readers=(OFFICER,))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("O")
        await settle(pilot)
        assert "redaction_readers" in app.said_text()
    app = RecordingApp(make_context(committed_db, reader_profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("O")
        box = await dialog(pilot, MessageDialog)
        assert "Hemligt namn här" in screen_text(app)
        box.dismiss(True)
        await settle(pilot)
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "read_original")]


async def test_block_the_sender(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Ni är värdelösa idioter")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await open_first(pilot)
        await pilot.press("b")
        box = await dialog(pilot, TextDialog)
        box.query_one(Input).value = "hot och trakasserier"
        await pilot.press("enter")
        await settle(pilot)
        assert "blockerad" in screen_text(app)
    citizen = await fetch(committed_db, Citizen, sub.citizen_id)
    assert (citizen.blocked_by, citizen.blocked_reason) == (OFFICER, "hot och trakasserier")
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "block")]


async def test_identity_only_with_consent_and_audited(committed_db, profile, tmp_path):
    hidden = await add_submission(committed_db, profile, "Anonym", anonymous=True, contact=False, user=1,
                                  age=dt.timedelta(hours=2))
    named = await add_submission(committed_db, profile, "Ring mig gärna", anonymous=False, contact=True, user=2,
                                 pseudonym="Medborgare B2")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("I")  # the newest: named
        box = await dialog(pilot, MessageDialog)
        assert "user2" in screen_text(app) and "Namn 2" in screen_text(app)
        box.dismiss(True)
        await settle(pilot)
        await pilot.press("down", "I")
        await settle(pilot)
        assert "chose to stay anonymous" in app.said_text()
    assert await audit_of(committed_db, named.id) == [(OFFICER, "view_identity")]
    assert await audit_of(committed_db, hidden.id) == []


async def test_attachment_saved_as_a_copy_and_audited(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Foto på bilen")
    store = tmp_path / "attachments"
    (store / "2026").mkdir(parents=True)
    (store / "2026" / "photo.jpg").write_bytes(b"\xff\xd8\xff jpeg")
    async with committed_db.write() as session:
        session.add(Attachment(submission_id=sub.id, kind="photo", mime_type="image/jpeg", size_bytes=2048,
                               storage_path="2026/photo.jpg", state="stored", created_at=sub.created_at))
        session.add(Attachment(submission_id=sub.id, kind="photo", mime_type="image/jpeg", size_bytes=20_000_000,
                               state="too_large", created_at=sub.created_at))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await open_first(pilot)
        assert "image/jpeg 2.0 kB (sparad)" in screen_text(app)
        assert "(för stor)" in screen_text(app)
        await pilot.press("v")
        await dialog(pilot, AttachmentsDialog)
        await pilot.click("#save")
        await settle(pilot)
    copy = tmp_path / f"{sub.ref}-1.jpg"
    assert copy.read_bytes() == b"\xff\xd8\xff jpeg"
    assert await audit_of(committed_db, sub.id) == [(OFFICER, "attachment")]


async def test_attachment_path_outside_the_store_is_refused(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Foto")
    (tmp_path / "secret.txt").write_text("not a photo")
    async with committed_db.write() as session:
        session.add(Attachment(submission_id=sub.id, kind="photo", mime_type="image/jpeg", size_bytes=1,
                               storage_path="../secret.txt", state="stored", created_at=sub.created_at))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("v")
        await dialog(pilot, AttachmentsDialog)
        await pilot.click("#save")
        await settle(pilot)
        assert "outside the attachment store" in app.said_text()
    assert not any(p.name.startswith(sub.ref) for p in tmp_path.iterdir())
