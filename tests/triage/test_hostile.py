"""Citizen text is shown literally: no markup runs, no terminal control reaches the screen, layout holds."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.cells import cell_len
from sqlalchemy import select

from moderation.triage.dialogs import TextDialog
from moderation.triage.invitations_csv import neutralise
from moderation.triage.safe import clean
from storage.models import AuditEntry, Submission, WatchSignup
from storage.usecases import officer as uc
from tests.triage.helpers import (
    OFFICER,
    RecordingApp,
    add_submission,
    dialog,
    make_context,
    screen_text,
    settle,
)

MARKUP = "[@click=app.quit]klicka[/] [/] [link=http://x]länk [b]fet"
ANSI = "röd\x1b[31mtext\x1b[0m \x1b]8;;http://evil\x07osc\x1b]8;;\x07 pip\x07\x08"
RTL = "faktura\u202eexe.pdf slut"
EMOJI = "👨‍👩‍👧‍👦🚓" * 30


def assert_screen_is_clean(app: RecordingApp) -> str:
    shown = screen_text(app)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    for line in shown.splitlines():
        assert cell_len(line) <= app.size.width, line
    assert len(shown.splitlines()) == app.size.height
    return shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_hostile_texts_in_queue_and_detail(committed_db, profile, tmp_path, size):
    subs = [
        await add_submission(committed_db, profile, MARKUP, age=dt.timedelta(hours=5)),
        await add_submission(committed_db, profile, ANSI, age=dt.timedelta(hours=4), user=2),
        await add_submission(committed_db, profile, RTL, age=dt.timedelta(hours=3), user=3),
        await add_submission(committed_db, profile, "x" * 4096, age=dt.timedelta(hours=2), user=4),
        await add_submission(committed_db, profile, EMOJI, age=dt.timedelta(hours=1), user=5),
    ]
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        shown = assert_screen_is_clean(app)
        rows = [line for line in shown.splitlines() if "TAN-" in line]
        assert [r.split()[0] if not r.startswith(" ") else r.split()[0] for r in rows] == [s.ref for s in reversed(subs)]
        assert "[@click=app.qui" in shown
        assert "röd␛[31mtext" in shown
        assert "faktura\ufffdexe.pdf" in shown

        await pilot.press("end", "enter")  # the markup one
        await settle(pilot)
        shown = assert_screen_is_clean(app)
        assert MARKUP in shown
        line_no, line = next((n, l) for n, l in enumerate(shown.splitlines()) if "klicka" in l)
        await pilot.click(offset=(line.index("klicka") + 1, line_no))  # where a [@click] link would be
        await pilot.pause()
        assert app.is_running and app.return_code is None
        for key in ("escape", "up", "enter", "escape", "up", "enter", "escape", "up", "enter", "escape", "up", "enter"):
            await pilot.press(key)
            await settle(pilot)
            assert_screen_is_clean(app)
        assert app.is_running


async def test_hostile_notes_history_and_notifications(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Normal text", intent="emergency")
    await uc.add_note(committed_db, OFFICER, sub.id, MARKUP)
    await uc.block_citizen(committed_db, OFFICER, sub.id, "[@click=app.quit]skäl[/]")
    async with committed_db.write() as session:
        stored = await session.get(Submission, sub.id)
        stored.place_text = "[red]bakom[/red] \x1b[2J"
        stored.explain = {"keywords": ["[@click=app.quit]", "\x1b[31m"]}
    app = RecordingApp(make_context(committed_db, profile, tmp_path, poll_interval=None))
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = assert_screen_is_clean(app)
        assert MARKUP in shown
        assert "[@click=app.quit]skäl[/]" in shown
        assert "[red]bakom[/red] ␛[2J" in shown
        assert '"[@click=app.quit]"' in shown
        await pilot.press("n")
        box = await dialog(pilot, TextDialog)
        await pilot.press(*"[@click=app.quit]x[/]")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in screen_text(app)
        async with committed_db.write() as session:
            late = await uc_submit_emergency(session, profile)
        app.panel.seen_id = late.id - 1
        app.panel.poll_arrivals()
        await settle(pilot)
        assert MARKUP in app.said_text()  # notification text taken literally
        assert app.is_running


async def uc_submit_emergency(session, profile):
    from storage.usecases.intake import NewSubmission, create_submission

    return await create_submission(session, profile, None, NewSubmission(kind="message", text=MARKUP,
                                                                         intent="emergency"))


async def test_hostile_watch_areas_and_csv(committed_db, profile, tmp_path):
    sub = await add_submission(committed_db, profile, "Vi vill ha grannsamverkan", intent="neighbourhood_watch")
    async with committed_db.write() as session:
        for area, value in (("[@click=app.quit]Sannäs[/]", "=HYPERLINK(\"http://evil\")"),
                            ("\x1b[31mHede", "+46 70 123 45 67"), ("Resö", "@SUM(A1)")):
            session.add(WatchSignup(submission_id=sub.id, citizen_id=sub.citizen_id, area=area, place="sannas",
                                    households=3, wants_new_group=True, wants_info_meeting=False, contact_ok=True,
                                    contact_method="phone", contact_value=value, created_at=sub.created_at))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        shown = assert_screen_is_clean(app)
        assert "[@click=app.quit]Sannäs[/]" in shown and "␛[31mHede" in shown
        await pilot.press("x")
        box = await dialog(pilot, TextDialog)
        target = tmp_path / "inbjudan.csv"
        from textual.widgets import Input

        box.query_one(Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot)
    content = target.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(\"\"http://evil\"\")" in content
    assert "'+46 70 123 45 67" in content and "'@SUM(A1)" in content
    assert content.splitlines()[0].startswith("referens;plats;område")
    async with committed_db.read() as session:
        entry = (await session.execute(select(AuditEntry).where(AuditEntry.action == "export_contacts"))).scalar_one()
    assert (entry.officer, entry.after) == (OFFICER, {"rows": 3, "place": None})
    assert entry.reason == str(target)


def test_clean_is_one_for_one_and_keeps_emoji_sequences():
    for text in (MARKUP, ANSI, RTL, EMOJI, "a\r\nb\u2028c\x00d\ud800"):
        cleaned = clean(text)
        assert len(cleaned) == len(text)
        assert cleaned.isprintable() or set(cleaned) - set(c for c in cleaned if c.isprintable()) <= {"\n", "\u200d"}
    assert clean("👨‍👩‍👧") == "👨‍👩‍👧"
    assert clean("a\nb", one_line=True) == "a b"


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Sannäs", "Sannäs"), (None, ""), (3, "3"),
])
def test_csv_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected
