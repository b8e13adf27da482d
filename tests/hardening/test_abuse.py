"""Abuse: a flooder is slowed and told why once, loses nothing; a blocked citizen is kept, marked, not queued.

The per-citizen limits come from the profile (here 3 messages a minute).
Over the limit the bot stores every message and stops answering for the
rest of the window, after one message saying why; an emergency still gets
its 112 answer. Another citizen writing at the same time is not affected.
An officer's block (``storage.usecases.officer.block_citizen``, as the
console's "b" calls it) keeps the citizen's later messages, marks them
``from_blocked`` and leaves them out of the queue; the block, who did it and
why are in the audit log.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from sqlalchemy import select

from storage.models import AuditEntry, InboxUpdate, OutboxMessage, Submission
from storage.profile import Limits
from storage.queries import QueueFilter, count_queue, queue_page
from storage.usecases import officer
from tests.bot.conftest import Harness
from tests.hardening.support import REF, record_figures

PER_MINUTE = 3
FLOOD = 12
EMERGENCY = "Hjälp! Någon slår ner en man med kniv utanför Konsum just nu"


async def test_a_flooder_is_slowed_told_once_and_loses_nothing_and_a_block_is_kept_marked_and_audited(
        harness: Harness) -> None:
    h = harness
    await h.stop()
    h.profile = dataclasses.replace(h.profile, limits=Limits(PER_MINUTE, 100, h.profile.limits.photo_max_bytes))
    await h.start()
    flooder, neighbour = h.api.add_user("Spammaren"), h.api.add_user("Grannen")

    flood = [f"Spam {n}: bilarna kör för fort på Storgatan" for n in range(FLOOD)]
    for n, text in enumerate(flood):
        await h.api.send_text(flooder, text)
        if n % 4 == 0:
            await h.api.send_text(neighbour, f"Grannen {n}: klotter på busskuren")
    await h.api.send_text(flooder, EMERGENCY)
    await h.settle()

    to_flooder = [m.text or "" for m in h.api.messages_to(flooder.id)]
    receipts = [t for t in to_flooder if REF.search(t) and "många meddelanden" not in t and "112" not in t]
    told = [t for t in to_flooder if "många meddelanden" in t]
    assert len(receipts) == PER_MINUTE, to_flooder
    assert len(told) == 1 and str(PER_MINUTE) in told[0], "told why, once"
    assert any("Ring 112" in t for t in to_flooder), "an emergency is answered even over the limit"
    assert len(h.api.messages_to(neighbour.id)) == 3, "the neighbour is not slowed by the flooder"

    async with h.db.read() as session:
        stored = Counter((await session.execute(select(Submission.text)
                                                .where(Submission.source_chat_id == flooder.id))).scalars())
        first = (await session.execute(select(Submission).where(Submission.source_chat_id == flooder.id)
                                       .order_by(Submission.id).limit(1))).scalar_one()
    assert stored == Counter([*flood, EMERGENCY]), "every message of the flood is stored"

    reason = "Hot mot personal, upprepade gånger"
    await officer.block_citizen(h.db, "polis.anna", first.id, reason)
    after_block = ["Ännu mer spam efter blockeringen", "Och ett till meddelande <b>&</b>"]
    for text in after_block:
        await h.api.send_text(flooder, text)
    await h.settle()

    async with h.db.read() as session:
        blocked_rows = (await session.execute(
            select(Submission).where(Submission.text.in_(after_block)))).scalars().all()
        queue = await queue_page(session, QueueFilter(), limit=500)
        queued = await count_queue(session, QueueFilter())
        everything = await count_queue(session, QueueFilter(include_blocked=True))
        audit = (await session.execute(select(AuditEntry).where(AuditEntry.action == "block"))).scalars().all()
        inbox = set((await session.execute(select(InboxUpdate.status))).scalars())
        outbox = set((await session.execute(select(OutboxMessage.status))).scalars())
    assert sorted(s.text for s in blocked_rows) == sorted(after_block), "a blocked citizen's messages are kept"
    assert all(s.from_blocked for s in blocked_rows), "and marked"
    queued_refs = {row.ref for row in queue}
    assert not queued_refs & {s.ref for s in blocked_rows}, "and not in the queue"
    assert everything - queued == len(after_block)
    [entry] = audit
    assert (entry.officer, entry.reason, entry.submission_id) == ("polis.anna", reason, first.id)
    assert inbox == {"done"} and outbox == {"delivered"}
    record_figures("abuse", {
        "limit_per_minute": PER_MINUTE, "flood_messages": FLOOD + 1, "flood_stored": sum(stored.values()),
        "flood_receipts": len(receipts), "told_why": len(told), "neighbour_answers": 3,
        "after_block_stored": len(blocked_rows), "after_block_in_queue": 0,
        "answers_after_block": len(h.api.messages_to(flooder.id)) - len(to_flooder),
        "audit": {"officer": entry.officer, "action": entry.action, "reason": entry.reason}})
