"""Group commit: the updates of a round share their statements, with the same results as if each ran alone.

A round reserves a block of reference numbers, writes its theme rows and its
replies with one statement each; these tests pin what that must not change:
references without gaps, every theme stored, and no reply overtaking an
older message to the same citizen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from storage.clock import utcnow
from storage.models import OutboxMessage, Submission
from storage.refs import current_counter, ref_period
from storage.usecases.intake import enqueue_message
from tests.bot.conftest import Harness
from tests.bot.test_flows import ref_of


async def test_a_round_hands_out_references_without_gaps_and_stores_every_theme(any_harness: Harness) -> None:
    h = any_harness
    writers = [h.phone(f"Skrivare{n}") for n in range(3)]
    askers = [h.phone(f"Frågare{n}") for n in range(3)]
    await h.stop()  # all six wait in Telegram, to be fetched together and handled in one round
    for n, phone in enumerate(writers):
        await h.api.send_text(phone.user, f"Fortkörning på Storgatan varje kväll, bil nummer {n}")
    for phone in askers:
        await h.api.send_text(phone.user, "/help")
    await h.start()
    receipts = [(await phone.expect())[0] for phone in writers]
    for phone in askers:
        await phone.expect()
    await h.settle()

    period = ref_period(h.profile.ref_prefix, utcnow(), h.profile.tz)
    assert sorted(ref_of(r) for r in receipts) == [f"{period}-{n:04d}" for n in (1, 2, 3)]
    async with h.db.read() as session:
        assert await current_counter(session, period) == 3  # the three /help did not use up numbers
        stored = (await session.execute(select(Submission).where(Submission.ref.in_([ref_of(r) for r in receipts]))
                                        )).scalars().all()
        assert [s.theme_ids for s in stored] == [("traffic",)] * 3
    [next_receipt] = await writers[0].send("Fortkörning igen på Storgatan i natt")
    assert ref_of(next_receipt) == f"{period}-0004"


async def test_a_reply_waits_behind_an_older_unsent_message_to_the_same_citizen(harness: Harness) -> None:
    h = harness
    anna = h.phone()
    await anna.send("/start")
    async with h.db.write() as session:  # an officer's reply, held back (a retry due in a moment)
        older = await enqueue_message(session, chat_id=anna.user.id, text="Svar från kommunpolisen",
                                      now=utcnow() + dt.timedelta(seconds=1))
    await h.api.send_text(anna.user, "Cyklar stjäls vid stationen")
    first, second = await anna.expect(2)
    assert first.text == "Svar från kommunpolisen" and ref_of(second)
    await h.settle()
    async with h.db.read() as session:
        rows = (await session.execute(select(OutboxMessage.id, OutboxMessage.status)
                                      .where(OutboxMessage.chat_id == anna.user.id, OutboxMessage.id >= older.id)
                                      .order_by(OutboxMessage.id))).all()
        assert [status for _, status in rows] == ["delivered", "delivered"]
