"""Telegram failing sends: 20% answered 429 (retry_after 1 s), 10% 500/502, 5% connections dropped after delivery.

Receipts and officer replies (written by ``storage.usecases.officer.reply``,
as the console does) must all reach their citizens; no submission may be
doubled; every outbox row must end ``delivered``, or ``failed`` after the
configured number of attempts with the reason in ``last_error`` (which the
console's case thread shows, through ``storage.detail.thread``).

A dropped connection after delivery is the one case where a citizen sees a
message twice: Telegram stored it, the bot never heard so, and sends it
again (there is no idempotency key in the Bot API). The test counts those
and checks that they are the only duplicates.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, update

from bot.localapi import DROP_AFTER, Fault, random_faults, server_error
from storage.detail import thread
from storage.models import InboxUpdate, OutboxMessage, Submission
from storage.usecases import officer
from tests.bot.conftest import Harness
from tests.hardening.support import REF, record_figures

SEED = 4711
CHATS, PER_CHAT, REPLIES_PER_CHAT = 10, 6, 2
ATTEMPTS = 8
DOOMED_TEXT = "Ett tips som aldrig får något kvitto: inbrott i förrådet"


async def test_receipts_and_officer_replies_survive_429_5xx_and_dropped_connections(harness: Harness) -> None:
    h = harness
    await h.stop()
    h.options = dataclasses.replace(h.options, outbox_attempts=ATTEMPTS, outbox_retry_max=0.4)
    await h.start()
    users = [h.api.add_user(f"Medborgare{i}") for i in range(CHATS)]
    doomed = h.api.add_user("Nåsnoll")  # every send to this chat fails with 502: it must end failed, with why
    random_policy = random_faults(SEED, rate_429=0.2, rate_5xx=0.1, rate_drop_after=0.05, retry_after=1)
    calls: dict[int, list[tuple[float, Fault | None]]] = defaultdict(list)

    def policy(method: str, params: Mapping[str, Any]) -> Fault | None:
        if method != "sendMessage":
            return None
        chat = int(params["chat_id"])
        fault = server_error(502) if chat == doomed.id else random_policy(method, params)
        calls[chat].append((time.monotonic(), fault))
        return fault

    h.api.fault_policy = policy
    started = time.monotonic()
    texts = {u.id: [f"Meddelande {n} från {u.first_name}: bilar kör för fort på Storgatan" for n in range(PER_CHAT)]
             for u in users}
    for n in range(PER_CHAT):
        for user in users:
            await h.api.send_text(user, texts[user.id][n])
    await h.api.send_text(doomed, DOOMED_TEXT)

    def refs_seen(user_id: int) -> set[str]:
        return {m.group(0) for msg in h.api.messages_to(user_id) if (m := REF.search(msg.text or ""))}

    await h.api.wait_until(lambda: all(len(refs_seen(u.id)) >= PER_CHAT for u in users), timeout=60,
                           description="a receipt in every chat for every message")
    await h.settle()
    async with h.db.write() as session:
        await session.execute(update(Submission).values(contact_allowed=True))
        subs = (await session.execute(select(Submission).order_by(Submission.id))).scalars().all()
    by_chat: dict[int, list[Submission]] = defaultdict(list)
    for sub in subs:
        by_chat[sub.source_chat_id].append(sub)
    replies: dict[int, list[str]] = defaultdict(list)
    for user in [*users, doomed]:
        for sub in by_chat[user.id][:REPLIES_PER_CHAT]:
            text = f"Svar från polisen om {sub.ref} <b>&</b>"
            await officer.reply(h.db, "polis.anna", sub.id, text, profile=h.profile)
            replies[user.id].append(text)

    def replies_seen(user_id: int) -> int:
        return sum(1 for t in replies[user_id] if any(t in (m.text or "") for m in h.api.messages_to(user_id)))

    await h.api.wait_until(lambda: all(replies_seen(u.id) == REPLIES_PER_CHAT for u in users), timeout=60,
                           description="every officer reply delivered")
    await h.settle()
    wall = time.monotonic() - started
    # The doomed chat's last rows may still be between their retries when the other chats are done: wait for their
    # final state (the assertions below check what it is) instead of reading them mid-retry.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        async with h.db.read() as session:
            statuses = (await session.execute(
                select(OutboxMessage.status).where(OutboxMessage.chat_id == doomed.id))).scalars().all()
        if all(status == "failed" for status in statuses):
            break
        await asyncio.sleep(0.05)

    async with h.db.read() as session:
        stored = (await session.execute(select(Submission.source_chat_id, Submission.text))).all()
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
        inbox = Counter((await session.execute(select(InboxUpdate.status))).scalars())
        doomed_thread = await thread(session, by_chat[doomed.id][0].id)

    sent_texts = Counter((u.id, t) for u in users for t in texts[u.id]) + Counter({(doomed.id, DOOMED_TEXT): 1})
    assert Counter(stored) == sent_texts, "every message stored exactly once"
    assert set(inbox) == {"done"}, inbox

    assert {r.status for r in rows if r.chat_id != doomed.id} == {"delivered"}
    failed = [r for r in rows if r.chat_id == doomed.id]
    assert failed and all(r.status == "failed" and r.attempts == ATTEMPTS for r in failed)
    assert all(r.last_error.startswith(f"failed after {ATTEMPTS} attempts:") and "Bad Gateway" in r.last_error
               for r in failed), [r.last_error for r in failed]
    [reply_line] = [m for m in doomed_thread if m.direction == "out"]
    assert reply_line.delivery == "failed" and "Bad Gateway" in (reply_line.last_error or ""), reply_line
    assert not h.api.messages_to(doomed.id)

    # Duplicates come only from connections dropped after Telegram stored the message, one each.
    copies = Counter((m.chat_id, m.raw_text) for u in users for m in h.api.messages_to(u.id))
    drops = sum(1 for chat in calls for _, f in calls[chat] if f == DROP_AFTER)
    duplicated = sum(c - 1 for c in copies.values())
    assert duplicated == drops, (duplicated, drops)
    delivered = [r for r in rows if r.status == "delivered"]
    assert sum(copies.values()) == len(delivered) + drops

    # 429: the chat waited as long as Telegram asked before its next send.
    waited = []
    for chat, seen in calls.items():
        for (at, fault), (next_at, _) in zip(seen, seen[1:]):
            if fault is not None and getattr(fault, "status", None) == 429:
                waited.append(next_at - at)
    assert waited and min(waited) >= 0.95, sorted(waited)[:3]
    doomed_gaps = [b[0] - a[0] for a, b in zip(calls[doomed.id], calls[doomed.id][1:])]
    assert doomed_gaps[-1] > doomed_gaps[0], "5xx retries back off"

    faults = Counter(("429" if getattr(f, "status", None) == 429 else "5xx" if getattr(f, "status", 0) >= 500
                      else "drop_after") for chat in calls for _, f in calls[chat] if f is not None and chat != doomed.id)
    receipts = [r for r in rows if r.kind == "receipt"]
    record_figures("send_faults", {
        "seed": SEED, "send_calls": sum(len(c) for c in calls.values()),
        "faults_injected": dict(faults), "always_502_chat_attempts": len(calls[doomed.id]),
        "messages_sent": sum(sent_texts.values()), "messages_stored": len(stored),
        "messages_duplicated": len(stored) - len(set(stored)), "messages_lost": sum((sent_texts - Counter(stored)).values()),
        "receipts_queued": len(receipts), "receipts_delivered": sum(r.status == "delivered" for r in receipts),
        "officer_replies_queued": sum(r.kind == "officer_reply" for r in rows),
        "officer_replies_delivered": sum(r.kind == "officer_reply" and r.status == "delivered" for r in rows),
        "rows_failed_after_n": len(failed), "telegram_messages_duplicated": duplicated,
        "wall_seconds": round(wall, 1),
    })
