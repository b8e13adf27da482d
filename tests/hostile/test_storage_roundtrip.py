"""Every hostile text is stored and read back on both backends; nothing is lost."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Submission
from storage.queries import QueueFilter, count_queue, queue_page
from storage.textsafety import REPLACEMENT, storable
from storage.usecases.intake import NewSubmission, TelegramIdentity, submit
from tests.hostile.corpus import CORPUS_SIZE, hostile_texts


def test_the_corpus_is_big_enough():
    assert CORPUS_SIZE >= 200


async def test_every_hostile_text_round_trips(db, profile):
    cases = hostile_texts()
    who = TelegramIdentity(user_id=5, chat_id=5, username="\ud800<b>", display_name="[@click=app.quit]x[/]")
    refs = {}
    for case in cases:
        sub = await submit(db, profile, NewSubmission(kind="message", text=case.text, intent="tip"), who)
        refs[sub.ref] = case
    async with db.read() as s:
        stored = {row.ref: row.text for row in (await s.execute(select(Submission.ref, Submission.text))).all()}
        assert await count_queue(s, QueueFilter()) == len(cases)
        for text in ["DROP TABLE", "[@click", "=HYPERLINK", "\x1b[31m"]:
            await count_queue(s, QueueFilter(search=text))  # search never breaks on a payload
        await queue_page(s, QueueFilter(search="'; DROP TABLE submissions; --"))
    assert set(stored) == set(refs)
    for ref, case in refs.items():
        assert stored[ref] == storable(case.text), case.id
        if "\x00" not in case.text and not any(0xD800 <= ord(c) <= 0xDFFF for c in case.text):
            assert stored[ref] == case.text, case.id
        else:
            assert REPLACEMENT in stored[ref]
