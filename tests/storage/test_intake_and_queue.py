"""Citizen-side operations, references, the queue's filters, search and paging."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, select

from storage.models import Citizen, Submission
from storage.queries import QueueFilter, count_queue, get_submission, queue_page, queue_page_before
from storage.refs import parse_ref
from storage.usecases.intake import (
    NewSubmission,
    TelegramIdentity,
    citizen_submission,
    citizen_submissions,
    create_submission,
    find_by_source,
    submit,
    upsert_citizen,
)

WHO = TelegramIdentity(user_id=11, chat_id=11, username="u11", display_name="Elva", language_code="en-GB")


def tip(text: str, **kw) -> NewSubmission:
    return NewSubmission(**{"kind": "tip", "text": text, "intent": "tip", **kw})


async def test_references_are_sequential_per_month(db, profile):
    refs = [(await submit(db, profile, tip(f"t{i}"))).ref for i in range(3)]
    numbers = [int(r.rsplit("-", 1)[1]) for r in refs]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    assert all(r.startswith("TAN-") and len(r.split("-")[1]) == 4 for r in refs)


def test_parse_ref_accepts_what_citizens_type():
    assert parse_ref(" tan-2611-42 ") == "TAN-2611-0042"
    assert parse_ref("TAN-2611-0042") == "TAN-2611-0042"
    assert parse_ref("hej") is None and parse_ref("'; DROP TABLE") is None


async def test_emergency_sorts_first_and_citizen_language(db, profile):
    await submit(db, profile, tip("vanligt tips"))
    urgent = await submit(db, profile, tip("det brinner nu", intent="emergency"), WHO)
    async with db.read() as s:
        rows = await queue_page(s, QueueFilter())
        citizen = (await s.execute(select(Citizen))).scalar_one()
    assert rows[0].ref == urgent.ref and rows[0].priority == 2
    assert citizen.language == "en" and citizen.pseudonym.startswith("Medborgare ")


async def test_upsert_citizen_updates_identity(db):
    async with db.write() as s:
        first = await upsert_citizen(s, WHO)
        again = await upsert_citizen(s, TelegramIdentity(user_id=11, chat_id=11, username="new_name"))
    assert first.id == again.id and again.username == "new_name"


async def test_citizen_sees_only_own_references(db, profile):
    mine = await submit(db, profile, tip("mitt", source_chat_id=11, source_message_id=1), WHO)
    other = await submit(db, profile, tip("annans"), TelegramIdentity(user_id=12, chat_id=12))
    async with db.read() as s:
        me = (await s.execute(select(Citizen).where(Citizen.telegram_user_id == 11))).scalar_one()
        assert (await citizen_submission(s, me, mine.ref.lower())).id == mine.id
        assert await citizen_submission(s, me, other.ref) is None
        assert await citizen_submission(s, me, "not a ref") is None
        assert [x.ref for x in await citizen_submissions(s, me)] == [mine.ref]
        assert (await find_by_source(s, 11, 1)).id == mine.id


async def test_filters_and_search(db, profile):
    await submit(db, profile, tip("Rattfylla på väg 163", themes={"traffic": 1.0}, place="tanumshede", lang="sv"))
    await submit(db, profile, tip("Drunk driver near the harbour", themes={"traffic": 1.0, "drugs": 0.5},
                                  place="grebbestad", lang="en"))
    await submit(db, profile, tip("Lampan är trasig", intent="feedback", themes={"public_space": 1.0}))
    async with db.read() as s:
        assert await count_queue(s, QueueFilter(themes=("traffic",))) == 2
        assert await count_queue(s, QueueFilter(themes=("traffic", "drugs"))) == 1
        assert await count_queue(s, QueueFilter(places=("grebbestad",))) == 1
        assert await count_queue(s, QueueFilter(langs=("sv",), intents=("tip",))) == 1
        assert await count_queue(s, QueueFilter(langs=("de",))) == 0
        assert await count_queue(s, QueueFilter(intents=("feedback",))) == 1
        assert await count_queue(s, QueueFilter(search="rattfyll")) == 1  # prefix match
        assert await count_queue(s, QueueFilter(search="DRUNK harbour")) == 1
        assert await count_queue(s, QueueFilter(search='"; DROP TABLE submissions; --')) == 0
        assert await count_queue(s, QueueFilter(search="lampan OR")) == 0
        future = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
        assert await count_queue(s, QueueFilter(since=future)) == 0


async def test_keyset_paging_walks_every_row_once(db, profile):
    made = [(await submit(db, profile, tip(f"nr {i}", intent="emergency" if i % 7 == 0 else "tip"))).id
            for i in range(23)]
    seen, cursor, pages = [], None, []
    async with db.read() as s:
        while True:
            page = await queue_page(s, QueueFilter(), after=cursor, limit=5)
            if not page:
                break
            pages.append(page)
            seen += [r.id for r in page]
            cursor = page[-1].cursor
        back = await queue_page_before(s, QueueFilter(), before=pages[2][0].cursor, limit=5)
        assert [r.id for r in back] == [r.id for r in pages[1]]
        assert (await get_submission(s, pages[0][0].ref)).id == pages[0][0].id
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen))
    priorities = [r.priority for p in pages for r in p]
    assert priorities == sorted(priorities, reverse=True)


async def test_created_submission_is_a_loaded_object_the_session_tracks(db, profile):
    """Written with Core, returned as if loaded: every column present, changes flushed, the row read back equal."""
    async with db.write() as s:
        citizen = await upsert_citizen(s, WHO)
        created = await create_submission(s, profile, citizen, tip(
            "båtmotor stulen", themes={"burglary": 0.9, "traffic": 0.4}, place="grebbestad", urgent=True))
        state = inspect(created)
        assert state.persistent and not state.unloaded and not state.expired_attributes
        assert created.priority == 2 and created.theme_ids == ("burglary", "traffic")
        created.status = "in_progress"  # tracked: written by the commit's flush, version checked
    async with db.read() as s:
        stored = (await s.execute(select(Submission).where(Submission.id == created.id))).scalar_one()
        assert stored.status == "in_progress" and stored.version == 2 and stored.ref == created.ref
        assert stored.theme_ids == ("burglary", "traffic") and stored.citizen_id == citizen.id
        columns = [c.key for c in Submission.__table__.columns if c.key not in ("status", "version")]
        assert {k: getattr(stored, k) for k in columns} == {k: getattr(created, k) for k in columns}
