"""Nothing a citizen writes is lost: restarts, poisonous updates, Telegram errors, hostile text."""

from __future__ import annotations

import dataclasses
import hashlib
import os

import pytest
from sqlalchemy import func, select

from bot.inbox.fetcher import TokenRejected
from bot.localapi import (
    DROP_AFTER,
    combine,
    fail_method,
    get_updates_conflict,
    get_updates_drop,
    get_updates_unauthorized,
    server_error,
    too_many_requests,
)
from bot.options import BotOptions
from storage.clock import utcnow
from storage.models import Attachment, InboxUpdate, OutboxMessage, Submission
from storage.profile import Limits
from storage.usecases import officer
from tests.bot.conftest import Harness
from tests.bot.test_flows import JPEG, ref_of, submission

HOSTILE = [
    "<b>bold</b> & </code> <a href='javascript:alert(1)'>x</a>",
    "[@click=app.quit] [/] [link=https://evil.example]klick[/link]",
    "=HYPERLINK(\"http://evil.example\",\"klicka\") +cmd @SUM(A1)",
    "'; DROP TABLE submissions; --",
    "\x1b[31mröd\x1b[0m \x1b]8;;http://x\x07länk\x1b]8;;\x07 \x07\x08",
    "nul\x00tecken och \u202eomvänd\u202c text och \u200bnollbredd",
    "ensamt surrogat \ud800 här",
    "🚲" * 500,
]


async def test_restart_mid_flow_resumes_where_the_citizen_was(any_harness: Harness) -> None:
    h = any_harness
    anna = h.phone()
    await anna.send("/start tip", count=2)
    [where] = await anna.send("Igår var det inbrott i förrådet vid hamnen")
    await h.restart()
    [when] = await anna.press(where, where.button(text="Grebbestad")["callback_data"])
    [photo] = await anna.press(when, when.button_data[0])
    [contact] = await anna.press(photo, photo.button_data[0])
    [summary] = await anna.press(contact, contact.button_data[0])
    assert "förrådet vid hamnen" in summary.text and "Grebbestad" in summary.text
    await h.restart()
    [receipt] = await anna.press(summary, summary.button_data[0])
    stored = await submission(h, ref_of(receipt))
    assert stored.place == "grebbestad" and stored.kind == "tip"


async def test_updates_received_while_the_bot_is_down_are_processed_at_the_next_start(any_harness: Harness) -> None:
    h = any_harness
    anna = h.phone()
    await anna.send("Första meddelandet om cyklar som stjäls")
    await h.stop()
    for n in range(5):
        await h.api.send_text(anna.user, f"Meddelande {n} om fortkörning på Storgatan")
    await h.start()
    receipts = await anna.expect(5)
    await h.settle()
    assert len({ref_of(r) for r in receipts}) == 5
    async with h.db.read() as session:
        assert (await session.execute(select(func.count()).select_from(Submission))).scalar_one() == 6
        assert (await session.execute(select(func.count()).select_from(InboxUpdate)
                                      .where(InboxUpdate.status != "done"))).scalar_one() == 0


async def test_a_redelivered_update_is_stored_once(harness: Harness) -> None:
    anna = harness.phone()
    message = await harness.api.send_text(anna.user, "Skadegörelse på busskuren")
    await anna.expect()
    await harness.api.send_raw_update({"message": message})  # same chat and message id, new update id
    await harness.api.send_text(anna.user, "Och en sak till om busskuren")
    await anna.expect()
    await harness.settle()
    assert len(anna.all()) == 2
    async with harness.db.read() as session:
        assert (await session.execute(select(func.count()).select_from(Submission))).scalar_one() == 2


async def test_a_poisonous_update_fails_alone_and_the_chat_goes_on(harness: Harness) -> None:
    anna = harness.phone()
    await anna.send("/start")
    bad = {"message": {"message_id": 900, "date": "not a date", "text": "x",
                       "chat": {"id": anna.user.id, "type": "private"}, "from": anna.user.to_api()}}
    await harness.api.send_raw_update(bad)
    [notice] = await anna.expect()
    assert "sparat" in notice.text
    [receipt] = await anna.send("Nästa meddelande kommer fram")
    assert ref_of(receipt)
    async with harness.db.read() as session:
        failed = (await session.execute(select(InboxUpdate).where(InboxUpdate.status == "failed"))).scalar_one()
    assert failed.attempts == harness.options.inbox_attempts and failed.error and failed.payload == {
        **bad, "update_id": failed.update_id}


async def test_a_poisonous_update_among_other_chats_fails_alone_and_every_chat_keeps_its_order(
    harness: Harness,
) -> None:
    h = harness
    phones = [h.phone(f"Granne {n}") for n in range(4)]
    poisoner = h.phone("Giftig")
    await h.stop()  # everything below arrives at once: the chats share rounds (transactions)
    for n in range(3):
        for phone in phones:
            await h.api.send_text(phone.user, f"Meddelande {n} om klotter vid skolan")
    await h.api.send_text(poisoner.user, "Först ett vanligt meddelande om en trasig gatlykta")
    await h.api.send_raw_update({"message": {
        "message_id": 900, "date": "not a date", "text": "x",
        "chat": {"id": poisoner.user.id, "type": "private"}, "from": poisoner.user.to_api()}})
    await h.start()
    for phone in phones:
        refs = [ref_of(r) for r in await phone.expect(3)]
        assert refs == sorted(refs) and len(set(refs)) == 3  # handled and answered in the order written
    receipt, notice = await poisoner.expect(2)
    assert ref_of(receipt) and "sparat" in notice.text
    await h.settle()
    async with h.db.read() as session:
        stored = (await session.execute(
            select(Submission.source_chat_id, Submission.source_message_id).order_by(Submission.id))).all()
        failed = (await session.execute(select(InboxUpdate).where(InboxUpdate.status == "failed"))).scalar_one()
    for phone in phones:
        message_ids = [m for chat, m in stored if chat == phone.user.id]
        assert len(message_ids) == 3 and message_ids == sorted(message_ids)
    assert len(stored) == 13
    assert failed.chat_id == poisoner.user.id and failed.attempts == h.options.inbox_attempts


async def test_an_update_failing_at_the_database_among_other_chats_fails_alone(harness: Harness) -> None:
    """It parses and its handler runs, but its row cannot be written (a message id past 64 bits): the round that
    stored the batch and handled it (the intake round) rolls back with the other chats' work; the batch is stored
    on its own and handled again, and only that update fails."""
    h = harness
    phones = [h.phone(f"Granne {n}") for n in range(4)]
    breaker = h.phone("Trasig")
    await breaker.send("/start")  # Telegram lets a bot write only to people who wrote to it first
    await h.settle()  # and the /start is confirmed: the next batch holds only what follows
    await h.stop()  # everything below arrives at once: one batch, one intake round
    for phone in phones:
        await h.api.send_text(phone.user, "Klotter på skolan i Tanumshede varje natt")
    await h.api.send_raw_update({"message": {
        "message_id": 2**70, "date": 1_700_000_000, "text": "Någon har slagit sönder busskuren i Grebbestad",
        "chat": {"id": breaker.user.id, "type": "private"}, "from": breaker.user.to_api()}})
    await h.start()
    for phone in phones:
        [receipt] = await phone.expect()
        assert ref_of(receipt)
    [notice] = await breaker.expect()
    assert "sparat" in notice.text
    await h.settle()
    async with h.db.read() as session:
        stored = (await session.execute(select(Submission.source_chat_id))).scalars().all()
        rows = (await session.execute(select(InboxUpdate.status, InboxUpdate.chat_id))).all()
    assert sorted(stored) == sorted(p.user.id for p in phones)  # each once, none for the failed update
    assert sorted(status for status, _ in rows) == ["done"] * 5 + ["failed"]  # with the breaker's /start
    assert [chat for status, chat in rows if status == "failed"] == [breaker.user.id]
    for phone in phones:
        assert len(phone.all()) == 1  # one receipt each, none sent twice


async def test_sends_retry_on_429_and_5xx_and_dropped_connections(harness: Harness) -> None:
    harness.api.fault_policy = combine(
        fail_method("sendMessage", too_many_requests(1), times=1),
        fail_method("sendMessage", server_error(502), times=1, skip=1),
        fail_method("sendMessage", DROP_AFTER, times=1, skip=2),
    )
    anna = harness.phone()
    [receipt, duplicate] = await anna.send("Fortkörning på Fjällbackavägen varje kväll", count=2)
    assert receipt.text == duplicate.text, "the dropped connection after delivery resends (at-least-once)"
    await harness.settle()
    async with harness.db.read() as session:
        row = (await session.execute(select(OutboxMessage))).scalar_one()
    assert row.status == "delivered" and row.attempts == 3  # the 429 does not count
    assert [f.fault for f in harness.api.fault_log][:1] == [too_many_requests(1)]


async def test_a_citizen_who_blocked_the_bot_makes_the_reply_fail_with_the_reason(harness: Harness) -> None:
    anna = harness.phone()
    [receipt] = await anna.send("Narkotikaförsäljning vid skolan")
    stored = await submission(harness, ref_of(receipt))
    async with harness.db.write() as session:
        (await session.get(Submission, stored.id)).contact_allowed = True
    harness.api.block_bot(anna.user)
    await officer.reply(harness.db, "polis", stored.id, "Vi hör av oss", profile=harness.profile)
    await harness.settle()
    async with harness.db.read() as session:
        row = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "officer_reply"))).scalar_one()
    assert row.status == "failed" and "403" in row.last_error


async def test_revoked_token_stops_the_bot_with_a_clear_error(harness: Harness) -> None:
    harness.api.fault_policy = get_updates_unauthorized()
    assert harness.bot is not None
    with pytest.raises(TokenRejected, match="TRYGG_TELEGRAM_TOKEN"):
        await harness.bot.wait()
    harness.bot = None


async def test_hostile_text_is_stored_as_written_and_echoed_escaped(harness: Harness) -> None:
    anna = harness.phone()
    for text in HOSTILE:
        await anna.send("/start tip", count=2)
        [where] = await anna.send(text)
        [when] = await anna.press(where, where.button_data[-1])
        [photo] = await anna.press(when, when.button_data[-1])
        [contact] = await anna.press(photo, photo.button_data[0])
        [summary] = await anna.press(contact, contact.button_data[0])
        shown = text.replace("\x00", "").replace("\ud800", "\ufffd")
        for control in "\x1b\x07\x08":
            shown = shown.replace(control, "")
        assert shown.strip() in summary.text
        [receipt] = await anna.press(summary, summary.button_data[0])
        assert (await submission(harness, ref_of(receipt))).text == shown.strip()


async def test_4096_characters_of_markup_are_echoed_escaped_and_long_replies_split(harness: Harness) -> None:
    anna = harness.phone()
    await anna.send("/start tip", count=2)
    [where] = await anna.send("<" * 4096)
    [when] = await anna.press(where, where.button_data[-1])
    [photo] = await anna.press(when, when.button_data[-1])
    [contact] = await anna.press(photo, photo.button_data[0])
    [summary] = await anna.press(contact, contact.button_data[0])
    assert summary.text.count("<") == 4000  # the description is capped at 4,000 characters
    [receipt] = await anna.press(summary, summary.button_data[0])
    stored = await submission(harness, ref_of(receipt))
    async with harness.db.write() as session:
        (await session.get(Submission, stored.id)).contact_allowed = True
    await officer.reply(harness.db, "polis", stored.id, "<&>" * 2000, profile=harness.profile)
    first, second = await anna.expect(2)
    assert (first.text + second.text).count("<&>") == 2000 and len(first.text) <= 4096
    await harness.settle()
    async with harness.db.read() as session:
        row = (await session.execute(select(OutboxMessage).where(OutboxMessage.kind == "officer_reply"))).scalar_one()
    assert row.telegram_message_id == first.message_id


async def test_forged_and_stale_buttons_get_a_short_answer(harness: Harness) -> None:
    anna = harness.phone()
    [menu] = await anna.send("/start")
    for data in ("f:abcdef:where:grebbestad", "s:999999:place", "m:evil", "x" * 64, "l:fr", "🙂", "s:1:place"):
        await harness.api.press_button(anna.user, menu, data, forged=True)
    await harness.settle()
    assert len(anna.all()) == 1
    answers = harness.api.answered_callbacks
    assert len(answers) == 7 and all(a.answered for a in answers)
    async with harness.db.read() as session:
        assert (await session.execute(select(func.count()).select_from(InboxUpdate)
                                      .where(InboxUpdate.status != "done"))).scalar_one() == 0


async def test_a_flooder_is_slowed_and_told_once_but_every_message_is_stored(harness: Harness) -> None:
    await harness.stop()
    harness.profile = dataclasses.replace(harness.profile, limits=Limits(3, 100, 10_000_000))
    await harness.start()
    anna = harness.phone()
    for n in range(6):
        await harness.api.send_text(anna.user, f"Spam nummer {n} om bilar som kör fort")
    await anna.expect(4)
    await harness.settle()
    texts = [m.text for m in anna.all()]
    assert len(texts) == 4 and "många meddelanden" in texts[3]
    async with harness.db.read() as session:
        assert (await session.execute(select(func.count()).select_from(Submission))).scalar_one() == 6


async def test_a_photo_that_cannot_be_saved_keeps_the_submission_and_says_so(harness: Harness) -> None:
    now = utcnow()
    folder = harness.tmp / "attachments" / f"{now:%Y}" / f"{now:%m}"
    folder.mkdir(parents=True)
    digest = hashlib.sha256(JPEG).hexdigest()
    os.symlink("/dev/full", folder / f"{digest}.part")  # writing there fails with ENOSPC: a full disk
    anna = harness.phone()
    await harness.api.send_photo(anna.user, JPEG, caption="Trasig gatlampa vid torget")
    receipt, notice = await anna.expect(2)
    assert ref_of(receipt) in notice.text and "utan bild" in notice.text
    async with harness.db.read() as session:
        attachment = (await session.execute(select(Attachment))).scalar_one()
    assert attachment.state == "failed" and "disk is full" in attachment.error


async def test_with_telegram_rate_limits_a_chat_is_paced_to_about_one_message_a_second(harness: Harness) -> None:
    await harness.stop()
    harness.options = dataclasses.replace(BotOptions(), poll_timeout=1)  # Telegram's limits, as in production
    await harness.start()
    anna = harness.phone()
    for n in range(7):
        await harness.api.send_text(anna.user, f"Meddelande {n} om trafiken vid skolan")
    receipts = await anna.expect(7, timeout=20)
    assert len({ref_of(r) for r in receipts}) == 7
    assert receipts[6].sent_at - receipts[0].sent_at >= 1.5  # a burst of 5, then 1 a second


async def test_getupdates_conflict_and_dropped_polls_are_retried(harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    harness.api.fault_policy = combine(get_updates_conflict(times=3), get_updates_drop(times=2))
    anna = harness.phone()
    [receipt] = await anna.send("Bilar kör för fort genom Hede", )
    assert ref_of(receipt)
    conflicts = [r for r in caplog.records if "409" in r.getMessage()]
    assert len(conflicts) == 1, "one line per outage, not one per retry"
