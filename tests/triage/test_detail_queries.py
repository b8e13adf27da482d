"""storage.detail (what the detail screen reads) and the queue pager, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest

from moderation.triage.pager import QueuePager
from storage.detail import load_detail, visible_to_original
from storage.queries import QueueFilter, queue_page
from storage.seed import seed
from storage.usecases import officer as uc
from storage.usecases.officer import REDACTION_MARK, apply_redactions
from tests.triage.helpers import FROZEN, OFFICER, add_submission


async def test_duplicates_ranked_by_text_place_and_time(db, profile):
    base = await add_submission(db, profile, "Inbrott i båthuset vid hamnen i natt, dörren uppbruten",
                                place="grebbestad", age=dt.timedelta(hours=1), user=1)
    twin = await add_submission(db, profile, "inbrott i båthuset vid hamnen i natt dörren uppbruten!",
                                place="fjallbacka", age=dt.timedelta(hours=30), user=2)
    near = await add_submission(db, profile, "Skrik och bråk utanför", place="grebbestad",
                                age=dt.timedelta(hours=3), user=3)
    await add_submission(db, profile, "Skrik och bråk utanför", place="grebbestad", age=dt.timedelta(days=2), user=4)
    await add_submission(db, profile, "Inbrott i båthuset vid hamnen", place="grebbestad",
                         age=dt.timedelta(days=5), user=5)  # outside the window
    same_sender = await add_submission(db, profile, "Helt annan sak", place="hede", age=dt.timedelta(hours=2), user=1)
    async with db.read() as session:
        detail = await load_detail(session, base.id)
    found = {c.ref: c for c in detail.duplicates}
    assert set(found) == {twin.ref, near.ref, same_sender.ref}
    assert detail.duplicates[0].ref == twin.ref and found[twin.ref].text_score == 100.0
    assert found[near.ref].same_place and found[near.ref].hours_apart == 2.0
    assert found[same_sender.ref].same_citizen


async def test_detail_reads_thread_notes_redactions_and_history(db, profile):
    sub = await add_submission(db, profile, "Sven Svensson säljer", contact=True)
    await uc.add_note(db, OFFICER, sub.id, "kolla")
    await uc.reply(db, OFFICER, sub.id, "Tack!", profile=profile)
    await uc.redact(db, OFFICER, sub.id, 0, 13, reason="namn")
    async with db.read() as session:
        detail = await load_detail(session, sub.id)
    assert detail.text == f"{REDACTION_MARK} säljer" and detail.text_length == len("Sven Svensson säljer")
    assert [(m.direction, m.text, m.delivery) for m in detail.thread] == [("out", "Tack!", "pending")]
    assert [n.text for n in detail.notes] == ["kolla"]
    assert [c.action for c in detail.history] == ["note", "reply", "redact"]
    assert detail.reply_refusal is None and detail.citizen_pseudonym == "Medborgare A1"
    assert "Sven" not in repr(detail.redactions)  # offsets and reasons only
    async with db.read() as session:
        assert await load_detail(session, 10**9) is None


@pytest.mark.parametrize("spans,selection,expected", [
    ([], (3, 8), (3, 8)),
    ([(2, 4)], (0, 2), (0, 2)),
    ([(2, 4)], (7, 9), (4, 6)),  # after the mark
    ([(2, 4)], (3, 8), (2, 5)),  # starts inside the mark: widened to the hidden span
    ([(2, 4), (6, 9)], (8, 14), (5, 9)),  # ends on the second mark: all of its hidden span
])
def test_visible_selection_maps_to_the_original(spans, selection, expected):
    original = "abcdefghijklmnop"
    visible = apply_redactions(original, spans)
    start, end = visible_to_original(len(original), spans, *selection)
    assert (start, end) == expected
    plain = visible[selection[0]:selection[1]].replace(REDACTION_MARK[0], " ")
    assert all(part in original[start:end] for part in plain.split() if part)


async def test_pager_keyset_offset_tail_and_two_step_count(committed_db, profile):
    await seed(committed_db, profile, 700, weeks=4, now=FROZEN)
    async with committed_db.read() as session:
        everything = [r.ref for r in await queue_page(session, QueueFilter(), limit=1000)]
    pager = QueuePager(committed_db, QueueFilter())
    window = await pager.reset(visible=40, count=False)
    assert not pager.counted and window.total == 60
    window = await pager.count()
    assert pager.counted and window.total == 700
    window = await pager.ensure(50, 130)  # next to the window: keyset
    assert [r.ref for r in window.rows] == everything[window.base:window.end] and window.base == 0
    window = await pager.ensure(640, 700)  # a jump near the end: from the tail
    assert [r.ref for r in window.rows] == everything[window.base:window.end] and window.end == 700
    window = await pager.ensure(300, 340)  # a jump into the middle: by offset
    assert [r.ref for r in window.rows] == everything[window.base:window.end]
    window = await pager.ensure(250, 300)  # just above: keyset backwards
    assert [r.ref for r in window.rows] == everything[window.base:window.end] and window.base <= 250
    keep = window.row_at(300)
    await add_submission(committed_db, profile, "ny överst", intent="emergency")
    window, top, index = await pager.reload(keep=keep, keep_index=300, start=290, stop=330)
    assert (window.total, index, top) == (701, 301, 291)
    assert window.row_at(301).id == keep.id
