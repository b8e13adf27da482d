"""Two officers, one submission: the second save meets a dialog, nothing is overwritten."""

from __future__ import annotations

from sqlalchemy import select

from moderation.triage.dialogs import ChoiceDialog, ConflictDialog
from storage.models import AuditEntry, Submission
from tests.triage.helpers import (
    OFFICER,
    OTHER_OFFICER,
    RecordingApp,
    add_submission,
    dialog,
    make_context,
    screen_text,
    settle,
)


async def audit_of(db, submission_id):
    async with db.read() as session:
        rows = await session.execute(select(AuditEntry.officer, AuditEntry.action)
                                     .where(AuditEntry.submission_id == submission_id).order_by(AuditEntry.id))
        return [tuple(r) for r in rows.all()]


async def test_two_consoles_second_save_gets_who_changed_what(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Inbrott i förrådet")
    anna = RecordingApp(make_context(committed_db, profile, tmp_path, officer=OFFICER))
    erik = RecordingApp(make_context(committed_db, profile, tmp_path, officer=OTHER_OFFICER))
    async with anna.run_test(size=(100, 40)) as anna_pilot, erik.run_test(size=(100, 40)) as erik_pilot:
        await settle(anna_pilot)
        await settle(erik_pilot)
        await anna_pilot.press("enter")  # Anna opens it (version 1) ...
        await settle(anna_pilot)
        await erik_pilot.press("c")  # ... Erik claims it and raises the priority
        await settle(erik_pilot)
        await erik_pilot.press("p")
        await dialog(erik_pilot, ChoiceDialog)
        await erik_pilot.press("up", "enter")  # Normal -> Hög
        await settle(erik_pilot)

        await anna_pilot.press("s")  # Anna, still on version 1, sets a status
        await dialog(anna_pilot, ChoiceDialog)
        await anna_pilot.press("down", "enter")
        await dialog(anna_pilot, ConflictDialog)
        shown = screen_text(anna)
        assert "Någon annan hann före" in shown
        assert f"{OTHER_OFFICER} tog ärendet (assignee: – → {OTHER_OFFICER})" in shown
        assert f"{OTHER_OFFICER} ändrade prioritet (priority: Normal → Hög)" in shown
        await anna_pilot.press("enter")  # reload
        await settle(anna_pilot)
        assert f"Handläggare: {OTHER_OFFICER}" in screen_text(anna) and "version 3" in screen_text(anna)

        stored = await _get(committed_db, sub.id)
        assert (stored.status, stored.assignee, stored.priority) == ("new", OTHER_OFFICER, 1)
        assert await audit_of(committed_db, sub.id) == [(OTHER_OFFICER, "claim"), (OTHER_OFFICER, "priority")]

        await anna_pilot.press("s")  # after the reload her change goes through
        await dialog(anna_pilot, ChoiceDialog)
        await anna_pilot.press("down", "enter")
        await settle(anna_pilot)
    stored = await _get(committed_db, sub.id)
    assert (stored.status, stored.assignee, stored.priority) == ("triaged", OTHER_OFFICER, 1)
    assert await audit_of(committed_db, sub.id) == [
        (OTHER_OFFICER, "claim"), (OTHER_OFFICER, "priority"), (OFFICER, "status")]


async def _get(db, submission_id):
    async with db.read() as session:
        return await session.get(Submission, submission_id, populate_existing=True)
