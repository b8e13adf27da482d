"""SIGKILL ``trygg bot`` at 20 random moments while 20 chats send 500 messages; restart it each time.

How every message is stored exactly once
----------------------------------------
* Intake is a durable inbox (``bot/inbox``): the bot reads ``getUpdates`` itself
  and commits each raw update to the ``inbox`` table *before* the next
  ``getUpdates`` call, whose offset is what tells Telegram to forget them. A
  kill before that commit leaves the updates with Telegram, which sends them
  again; the bot always starts from offset 0, so nothing unconfirmed is missed.
* A re-sent update is dropped on insert: the inbox's primary key is the
  update id and its unique ``natural_key`` is ``msg:<chat>:<message id>``
  (a callback query's id for buttons), so Telegram re-delivering the same
  message under a new update id is recognised too.
* An inbox row is processed in a write transaction that creates the
  submission, queues its receipt in the outbox and marks the row ``done``:
  all of it commits or none of it does, and a row whose transaction the kill
  cut short is still ``pending`` and is processed again at the next start.
  ``submissions`` also has a unique key on (source chat, source message id)
  as a last guard.

Where a duplicate receipt is still possible
-------------------------------------------
The receipt row itself exists exactly once (it is written in the same
transaction, with a dedup key per update). Sending it is at-least-once:
Telegram has no idempotency key, so a send that Telegram accepted but that
the bot had not recorded when it was killed is sent again after the restart
(the row was ``sending``; ``release_interrupted`` makes it due again and marks
it ``interrupted``). On SQLite the bot records an accepted send in its
delivery journal (one ``write()`` as the answer arrives; ``bot.outbox.journal``)
and applies the journal at the next start, so only sends whose answer had not
reached the bot yet are repeated. The sender sends one message per chat at a time and the
next only after the previous one is recorded, so a kill can duplicate at most
one receipt per chat. A receipt re-sent after one kill can be caught by the
next kill as well, so when kills follow each other closely one message may
reach its citizen several times. The test checks the bound per kill and per
chat: of the copies of one receipt, every copy but the last must have been
sent by a process that was then killed, and no killed process may own two
such copies in one chat.

The kill moments are seeded: each is "after the n-th Bot API call of this
process" with n drawn from ``random.Random(SEED)`` (n = 1 is during start-up,
while it asks getMe; larger n falls in fetching, processing and sending), or
after ``IDLE_KILL`` seconds if the process makes fewer calls than that.
"""

from __future__ import annotations

import random
import signal
import time
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.localapi import LocalBotApi, LocalUser, StoredMessage
from bot.outbox.store import INTERRUPTED
from storage.db import open_database
from storage.models import InboxUpdate, OutboxMessage, Submission
from tests.hardening.support import REF, bot_environment, record_figures, roomy_profile_file, spawn_bot, stop_bot

SEED = 20261125
CHATS, PER_CHAT = 20, 25
KILLS = 20
BURSTS = 10  # the 500 messages arrive in 10 bursts of 50, one at each of the first 10 starts
MAX_CALLS = 45  # a kill comes after 1..45 Bot API calls of the process
IDLE_KILL = 6.0  # seconds after start, if the process made fewer calls than that


def text_of(chat: int, n: int) -> str:
    return f"Meddelande {n} från chatt {chat}: cyklar stjäls vid stationen"


async def outbox_waiting(db) -> int:  # type: ignore[no-untyped-def]
    async with db.read() as session:
        return (await session.execute(select(func.count()).select_from(OutboxMessage)
                                      .where(OutboxMessage.status.in_(("pending", "sending"))))).scalar_one()


@pytest.mark.slow
async def test_sigkill_at_20_moments_during_a_burst_of_500(sqlite_url: str, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    moments = [rng.randint(1, MAX_CALLS) for _ in range(KILLS)]
    log = tmp_path / "bot.log"
    started = time.monotonic()
    async with LocalBotApi() as api:
        users = [api.add_user(f"Medborgare{i}") for i in range(CHATS)]
        env = bot_environment(api, sqlite_url, tmp_path, roomy_profile_file(tmp_path))
        incarnation = 0
        sent_by: dict[tuple[int, int], int] = {}  # (chat, message id) -> the process that sent it

        def on_sent(event: str, message: StoredMessage) -> None:
            if event == "sent":
                sent_by[(message.chat_id, message.message_id)] = incarnation

        api.on_bot_message(on_sent)
        queue = [(i, user, n) for n in range(PER_CHAT) for i, user in enumerate(users)]  # chats interleaved
        per_burst = len(queue) // BURSTS
        kills: list[dict[str, object]] = []

        for kill, moment in enumerate(moments):
            calls_before = sum(api.method_calls.values())
            bot = await spawn_bot(env, log)
            if kill < BURSTS:
                for i, user, n in queue[kill * per_burst:(kill + 1) * per_burst]:
                    await api.send_text(user, text_of(i, n))
            try:
                await api.wait_until(lambda: sum(api.method_calls.values()) - calls_before >= moment,
                                     timeout=IDLE_KILL)
            except TimeoutError:
                pass
            assert bot.returncode is None, log.read_text()
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
            kills.append({"after_calls": sum(api.method_calls.values()) - calls_before, "planned": moment})
            incarnation += 1

        bot = await spawn_bot(env, log)
        db = open_database(sqlite_url)
        try:
            def answered(user: LocalUser) -> int:
                return len({REF.search(m.text or "").group(0) for m in api.messages_to(user.id)})

            await api.wait_until(lambda: all(answered(u) >= PER_CHAT for u in users), timeout=120,
                                 description="a receipt for every message")
            while await outbox_waiting(db):  # re-sent receipts may still be on their way
                shown = sum(len(api.messages_to(u.id)) for u in users)
                try:
                    await api.wait_until(lambda: sum(len(api.messages_to(u.id)) for u in users) > shown,
                                         timeout=0.5)
                except TimeoutError:
                    pass
            assert await stop_bot(bot) == 0, log.read_text()[-3000:]
            async with db.read() as session:
                stored = (await session.execute(
                    select(Submission.ref, Submission.source_chat_id, Submission.text))).all()
                outbox = (await session.execute(select(OutboxMessage.status, OutboxMessage.last_error,
                                                       OutboxMessage.attempts))).all()
                inbox = Counter((await session.execute(select(InboxUpdate.status))).scalars())
        finally:
            await db.close()
    wall = time.monotonic() - started

    sent = Counter((u.id, text_of(i, n)) for i, u in enumerate(users) for n in range(PER_CHAT))
    got = Counter((chat, text) for _, chat, text in stored)
    assert got == sent, f"missing {sent - got}, doubled {got - sent}"
    assert set(inbox) == {"done"}, inbox
    assert {status for status, _, _ in outbox} == {"delivered"}, Counter(s for s, _, _ in outbox)

    ref_chat = {ref: chat for ref, chat, _ in stored}
    copies: dict[str, list[StoredMessage]] = defaultdict(list)
    for user in users:
        for message in api.messages_to(user.id):
            ref = REF.search(message.text or "")
            assert ref, f"a message that is not a receipt: {message.text!r}"
            assert ref_chat[ref.group(0)] == user.id, "a receipt went to another chat"
            copies[ref.group(0)].append(message)
    assert set(copies) == set(ref_chat), "a receipt for every message"

    # Every copy but the last was sent by a process that was then killed; at most one per chat per kill.
    unrecorded: Counter[tuple[int, int]] = Counter()
    for messages in copies.values():
        for message in sorted(messages, key=lambda m: m.seq)[:-1]:
            owner = sent_by[(message.chat_id, message.message_id)]
            assert owner < KILLS, "a duplicate sent by the process that was not killed"
            unrecorded[(owner, message.chat_id)] += 1
    assert all(count == 1 for count in unrecorded.values()), unrecorded.most_common(3)

    receipts = sum(len(m) for m in copies.values())
    duplicated = receipts - len(copies)
    figures = {
        "kills": KILLS, "seed": SEED, "kill_after_api_calls": [k["after_calls"] for k in kills],
        "messages_sent": sum(sent.values()), "messages_stored": len(stored),
        "messages_duplicated": len(stored) - len(got), "messages_lost": sum((sent - got).values()),
        "receipts_sent": receipts, "receipts_duplicated": duplicated,
        "messages_with_a_duplicate_receipt": sum(1 for m in copies.values() if len(m) > 1),
        "receipt_copies_per_message": dict(sorted(Counter(len(m) for m in copies.values()).items())),
        "max_duplicates_per_chat_per_kill": max(unrecorded.values(), default=0),
        "rows_marked_interrupted": sum(1 for _, error, _ in outbox if error == INTERRUPTED),
        "wall_seconds": round(wall, 1),
    }
    record_figures("sigkill", figures)
