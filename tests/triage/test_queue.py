"""The queue screen: order, saved views, filters, search, paging from the database, live arrivals."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Input, Select, SelectionList

from moderation.triage.dialogs import FilterDialog
from moderation.triage.queue_list import QueueList
from storage.queries import QueueFilter, queue_page
from storage.seed import seed
from storage.usecases import officer as uc
from tests.triage.helpers import OFFICER, FROZEN, RecordingApp, add_submission, dialog, make_context, screen_text, settle, wait_for


def shown_refs(app: RecordingApp) -> list[str]:
    """The references on screen, top to bottom."""
    return [word for line in screen_text(app).splitlines() for word in line.split() if word.startswith("TAN-")]


async def test_urgent_items_are_marked_and_on_top(committed_db, profile, tmp_path):
    old_emergency = await add_submission(committed_db, profile, "Inbrott pågår nu!", intent="emergency",
                                         age=dt.timedelta(days=3))
    newer = await add_submission(committed_db, profile, "Trasig lampa", intent="feedback",
                                 themes=("public_space",), age=dt.timedelta(minutes=5))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert shown_refs(app) == [old_emergency.ref, newer.ref]
        first_row = next(line for line in screen_text(app).splitlines() if old_emergency.ref in line)
        assert first_row.lstrip().startswith("!!") and "AKUT" in first_row


async def test_saved_views_and_summary(committed_db, profile, tmp_path):
    tip = await add_submission(committed_db, profile, "Knark vid hamnen", themes=("drugs",), age=dt.timedelta(hours=5))
    watch = await add_submission(committed_db, profile, "Vi vill starta grannsamverkan", intent="neighbourhood_watch",
                                 themes=(), age=dt.timedelta(hours=4))
    feedback = await add_submission(committed_db, profile, "Mer polis på torget", intent="feedback",
                                    themes=("violence",), age=dt.timedelta(hours=3))
    mine = await add_submission(committed_db, profile, "Stöld av båtmotor", age=dt.timedelta(hours=2))
    await uc.claim(committed_db, OFFICER, mine.id)
    await uc.change_status(committed_db, OFFICER, mine.id, "triaged")
    closed = await add_submission(committed_db, profile, "Redan löst", age=dt.timedelta(hours=1))
    await uc.change_status(committed_db, OFFICER, closed.id, "closed")
    urgent = await add_submission(committed_db, profile, "Slagsmål nu", intent="emergency", themes=("violence",),
                                  age=dt.timedelta(days=1))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert shown_refs(app) == [urgent.ref, mine.ref, feedback.ref, watch.ref, tip.ref]
        assert "5 ärenden · Öppna" in screen_text(app)
        expected = {"1": [urgent.ref, feedback.ref, watch.ref, tip.ref], "2": [urgent.ref], "3": [mine.ref],
                    "4": [watch.ref], "5": [feedback.ref],
                    "9": [urgent.ref, closed.ref, mine.ref, feedback.ref, watch.ref, tip.ref]}
        for key, refs in expected.items():
            await pilot.press(key)
            await settle(pilot)
            assert shown_refs(app) == refs, key
        assert "6 ärenden · Alla" in screen_text(app)


async def test_filter_dialog_search_and_date_range(committed_db, profile, tmp_path):
    drugs_old = await add_submission(committed_db, profile, "Det langas knark vid skolan", themes=("drugs",),
                                     place="tanumshede", age=dt.timedelta(days=10))
    drugs_new = await add_submission(committed_db, profile, "Knark i parken", themes=("drugs", "violence"),
                                     place="grebbestad", lang="sv")
    traffic = await add_submission(committed_db, profile, "Cars are speeding", themes=("traffic",), lang="en",
                                   place="grebbestad", age=dt.timedelta(hours=2))
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f")
        box = await dialog(pilot, FilterDialog)
        box.query_one("#theme", SelectionList).select("drugs")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown_refs(app) == [drugs_new.ref, drugs_old.ref]
        assert "teman Narkotika" in screen_text(app)

        await pilot.press("f")
        box = await dialog(pilot, FilterDialog)
        box.query_one("#since", Input).value = (FROZEN - dt.timedelta(days=2)).date().isoformat()
        box.query_one("#place", Select).value = "grebbestad"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown_refs(app) == [drugs_new.ref]

        await pilot.press("f")
        box = await dialog(pilot, FilterDialog)
        box.query_one("#since", Input).value = "25/11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FilterDialog)  # a bad date keeps the dialog open and says why
        assert "ÅÅÅÅ-MM-DD" in screen_text(app)
        await pilot.click("#clear")
        await settle(pilot)
        assert shown_refs(app) == [drugs_new.ref, traffic.ref, drugs_old.ref]

        await pilot.press("f")
        box = await dialog(pilot, FilterDialog)
        box.query_one("#langs", Input).value = "en"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown_refs(app) == [traffic.ref]
        await pilot.press("0")
        await settle(pilot)

        await pilot.press("slash")
        await pilot.press(*"knark", "enter")
        await settle(pilot)
        assert shown_refs(app) == [drugs_new.ref, drugs_old.ref]
        assert "sök: knark" in screen_text(app)
        await pilot.press("slash")
        app.panel.queue_view.search_input.value = drugs_old.ref.lower()
        await pilot.press("enter")
        await settle(pilot)
        assert shown_refs(app) == [drugs_old.ref]


async def test_pages_through_a_large_queue_without_loading_it(committed_db, profile, tmp_path):
    await seed(committed_db, profile, 1500, weeks=4, now=FROZEN)
    async with committed_db.read() as session:
        everything = await queue_page(session, QueueFilter(), limit=2000)
    app = RecordingApp(make_context(committed_db, profile, tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("9")
        await settle(pilot)
        queue_list = app.panel.query_one(QueueList)
        assert queue_list.window.total == 1500
        assert len(queue_list.window.rows) <= 100  # a page, not the queue
        seen: list[str] = []
        for _ in range(12):
            seen.extend(r for r in shown_refs(app) if r not in seen)
            await pilot.press("pagedown")
            await settle(pilot)
        assert seen == [r.ref for r in everything[:len(seen)]]
        await pilot.press("end")
        await settle(pilot)
        assert shown_refs(app)[-1] == everything[-1].ref
        assert queue_list.current.ref == everything[-1].ref
        assert len(queue_list.window.rows) <= 600
        await pilot.press("pageup")
        await settle(pilot)
        rows = shown_refs(app)
        start = [r.ref for r in everything].index(rows[0])
        assert rows == [r.ref for r in everything[start:start + len(rows)]]
        await pilot.press("home")
        await settle(pilot)
        assert shown_refs(app)[0] == everything[0].ref


async def test_new_submissions_appear_live_and_urgent_ones_notify(committed_db, profile, tmp_path):
    first = await add_submission(committed_db, profile, "Gammalt tips", age=dt.timedelta(hours=3))
    app = RecordingApp(make_context(committed_db, profile, tmp_path, poll_interval=0.05))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("down")  # the officer is on `first`
        urgent = await add_submission(committed_db, profile, "[b]Rån pågår[/b] vid Konsum", intent="emergency",
                                      user=2, age=dt.timedelta(minutes=1))
        await wait_for(pilot, lambda: urgent.ref in screen_text(app), "the new submission in the queue")
        assert shown_refs(app) == [urgent.ref, first.ref]
        await wait_for(pilot, lambda: f"Akut: {urgent.ref}" in app.said_text(), "the urgent notification")
        assert "[b]Rån pågår[/b] vid Konsum" in app.said_text()  # literally
        assert app.panel.queue_list.current.ref == first.ref  # the cursor stayed on the officer's row
