"""A batch of submissions (the bot's round): rows written together, never missing when anything looks."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.clock import utcnow
from storage.models import Attachment, Submission, SubmissionTheme
from storage.refs import current_counter, ref_period
from storage.usecases.batch import begin_batch, finish_batch
from storage.usecases.intake import NewSubmission, TelegramIdentity, create_submission, enqueue_messages, \
    outbox_row, upsert_citizen

WHO = TelegramIdentity(user_id=21, chat_id=21, username=None, display_name="Tjugoett", language_code="sv")


def message(text: str) -> NewSubmission:
    return NewSubmission(kind="message", text=text, intent="tip", themes={"burglary": 0.9})


async def test_a_batch_writes_its_rows_before_a_query_a_flush_or_an_insert_could_miss_them(db, profile):
    async with db.write() as s:
        citizen = await upsert_citizen(s, WHO)
        begin_batch(s, 8)
        first = await create_submission(s, profile, citizen, message("cykel stulen"))
        second = await create_submission(s, profile, citizen, message("båtmotor stulen"))
        seen = (await s.execute(select(Submission.ref).where(Submission.id.in_([first.id, second.id])))).scalars()
        assert sorted(seen) == sorted([first.ref, second.ref])  # an ORM query: written just before it
        third = await create_submission(s, profile, citizen, message("inbrott i förrådet"))
        s.add(Attachment(submission_id=third.id, kind="photo", state="pending", created_at=utcnow()))
        await s.flush()  # the attachment refers to the third: written first, or the foreign key fails
        fourth = await create_submission(s, profile, citizen, message("stöld ur bilen"))
        await enqueue_messages(s, [outbox_row(21, "Tack", "receipt", citizen.id, fourth.id, None, "batch:1", None,
                                              utcnow())])  # a Core insert referring to the fourth
        fifth = await create_submission(s, profile, citizen, message("dieselstöld"))  # waits for finish_batch
        await finish_batch(s)
    created = [first, second, third, fourth, fifth]
    async with db.read() as s:
        stored = {row.id: row for row in (await s.execute(select(Submission))).scalars()}
        assert sorted(stored) == sorted(c.id for c in created)
        assert all(stored[c.id].ref == c.ref and stored[c.id].text == c.text for c in created)
        themes = (await s.execute(select(func.count()).select_from(SubmissionTheme))).scalar_one()
        assert themes == 5
        period = ref_period(profile.ref_prefix, utcnow(), profile.tz)
        assert await current_counter(s, period) == 5  # 8 reserved, the 3 not taken given back
        assert sorted(int(c.ref.rsplit("-", 1)[1]) for c in created) == [1, 2, 3, 4, 5]


async def test_more_submissions_than_expected_take_more_ids_and_a_commit_writes_what_waits(db, profile):
    async with db.write() as s:
        citizen = await upsert_citizen(s, WHO)
        begin_batch(s, 1)
        created = [await create_submission(s, profile, citizen, message(f"stöld {n}")) for n in range(3)]
        # no finish_batch: the commit still writes the rows (the unused reference numbers would be a gap)
    assert len({c.id for c in created}) == 3
    async with db.read() as s:
        texts = (await s.execute(select(Submission.text).order_by(Submission.id))).scalars().all()
        assert texts == ["stöld 0", "stöld 1", "stöld 2"]
