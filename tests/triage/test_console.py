"""Help, command palette, language switch, grannsamverkan screen, statistics and the export from the console."""

from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from sqlalchemy import select
from textual.command import CommandPalette

from moderation.triage import TriagePanel
from moderation.triage.dialogs import HelpDialog, TextDialog
from moderation.triage.i18n import TEXTS
from storage.models import AuditEntry, WatchSignup
from tests.triage.helpers import FROZEN, RecordingApp, add_submission, dialog, make_context, screen_text, settle

TRIAGE = Path(__file__).resolve().parents[2] / "moderation" / "triage"


def test_every_text_key_exists_in_both_languages():
    assert set(TEXTS["sv"]) == set(TEXTS["en"])
    used: set[str] = set()
    for source in TRIAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text())):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                value = node.args[0].value
                if name in ("t", "strings", "self.strings") and isinstance(value, str) and re.fullmatch(r"[a-z_]+\.[\w.]+|yes|no", value):
                    used.add(value)
    missing = {key for key in used if key not in TEXTS["sv"]}
    assert not missing
    assert len(used) > 100


async def test_help_lists_every_key_and_palette_runs_actions(committed_db, profile, tmp_path):
    await add_submission(committed_db, profile, "Något hände")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await dialog(pilot, HelpDialog)
        shown = screen_text(app)
        for words in ("Ta", "Tilldela", "Status", "Prioritet", "Omklassa", "Anteckna", "Svara", "Slå ihop",
                      "Maskera", "Blockera", "Vy: Akut", "Grannsamverkan", "Statistik", "English"):
            assert words in shown, words
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await dialog(pilot, CommandPalette)
        await pilot.press(*"anteckn")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await dialog(pilot, TextDialog)
        assert "Intern anteckning" in screen_text(app)


async def test_language_switch(committed_db, profile, tmp_path):
    await add_submission(committed_db, profile, "Något hände")
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert "1 ärenden · Öppna" in screen_text(app) and "Anteckna" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        shown = screen_text(app)
        assert "1 submissions · Open" in shown and "Note" in shown and "Signed in: anna.k" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert "Classification" in screen_text(app)
        await pilot.press("l")
        await settle(pilot)
        assert "Klassificering" in screen_text(app)


async def test_grannsamverkan_grouped_by_area(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Grannsamverkan?", intent="neighbourhood_watch")
    async with committed_db.write() as session:
        for area, place, households, group, meeting in (
            ("Sannäs hamn", "sannas", 4, True, False), ("sannas hamn", "sannas", 2, False, True),
            ("Kyrkvägen", "grebbestad", 6, True, True), ("någonstans", None, None, False, False),
        ):
            session.add(WatchSignup(submission_id=sub.id, citizen_id=sub.citizen_id, area=area, place=place,
                                    households=households, wants_new_group=group, wants_info_meeting=meeting,
                                    contact_ok=False, created_at=sub.created_at))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        rows = {" ".join(line.split()) for line in screen_text(app).splitlines()}
    assert "Grebbestad 1 6 1 1 0" in rows
    assert "Kyrkvägen 1 6 1 1 0" in rows
    assert "Sannäs 2 6 1 1 0" in rows
    assert "Sannäs hamn 2 6 1 1 0" in rows  # "sannas hamn" folded into the same area
    assert "Utan känd plats 1 0 0 0 0" in rows


async def test_statistics_screen_counts(committed_db, profile, tmp_path):
    for hours, theme in ((2, "drugs"), (3, "drugs"), (30, "traffic")):
        await add_submission(committed_db, profile, "x", themes=(theme,), age=dt.timedelta(hours=hours), user=hours)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        rows = {" ".join(line.split()[:1] + line.split()[-2:]) for line in screen_text(app).splitlines() if line.strip()}
    assert "Narkotika 2 2" in rows and "Trafik 1 1" in rows and "Inbrott/stöld 0 0" in rows
    assert "Inkom 3 3" in rows


async def test_run_the_weekly_export_from_the_console(committed_db, profile, tmp_path):
    await add_submission(committed_db, profile, "Inbrott förra veckan", created=FROZEN - dt.timedelta(days=7))
    app = RecordingApp(make_context(committed_db, profile, tmp_path, export_dir=tmp_path / "exports"))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("E")
        await dialog(pilot, TextDialog)
        assert "2026-W47" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Exporten är klar" in app.said_text()
        await pilot.press("E")
        box = await dialog(pilot, TextDialog)
        from textual.widgets import Input

        box.query_one(Input).value = "2026-W60"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextDialog)  # refused in the dialog, one clear line
        assert "ÅÅÅÅ-Vnn" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
    folder = tmp_path / "exports" / "kartlaggning-2026-W47"
    assert (folder / "summary.csv").exists() and (folder / "manifest.json").exists()


async def test_invitation_list_is_audited_even_when_empty(committed_db, profile, tmp_path):
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("x")
        await dialog(pilot, TextDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert "(0 rader)" in app.said_text()
    written = list(tmp_path.glob("grannsamverkan-inbjudan-*.csv"))
    assert len(written) == 1
    async with committed_db.read() as session:
        actions = (await session.execute(select(AuditEntry.action))).scalars().all()
    assert actions == ["export_contacts"]


async def test_panel_embeds_in_another_app(committed_db, profile, tmp_path):
    """The demo puts the console on half the screen: the panel works inside any App."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Static

    sub = await add_submission(committed_db, profile, "Tips från demot")
    context = make_context(committed_db, profile, tmp_path)

    class SplitApp(App[None]):
        def compose(self) -> ComposeResult:
            with Horizontal():
                yield Static("telefon", id="phone")
                yield TriagePanel(context)

    app = SplitApp()
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        panel = app.query_one(TriagePanel)
        assert panel.queue_list.current.ref == sub.ref
        await pilot.press("c")
        await settle(pilot)
        assert panel.queue_list.current.assignee == "anna.k"
