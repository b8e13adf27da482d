from storage.queries import QueueFilter, count_queue, queue_page
from storage.usecases.intake import NewSubmission, TelegramIdentity, submit


async def test_submit_then_queue(db, profile):
    who = TelegramIdentity(user_id=1, chat_id=1, language_code="sv")
    sub = await submit(db, profile, NewSubmission(kind="tip", text="Knark vid skolan", intent="tip",
                                                  themes={"drugs": 0.9}, place="grebbestad"), who)
    assert sub.ref.startswith("TAN-")
    async with db.read() as s:
        rows = await queue_page(s, QueueFilter(themes=("drugs",)))
        assert [r.ref for r in rows] == [sub.ref]
        assert rows[0].themes == ("drugs",)
        assert await count_queue(s, QueueFilter(search="knark")) == 1
        assert await count_queue(s, QueueFilter(search="bil")) == 0
