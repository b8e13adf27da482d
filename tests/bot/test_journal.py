"""The delivery journal (bot/outbox/journal.py): a killed run's accepted messages are not sent again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.outbox.journal import BotAlreadyRunning, DeliveryJournal
from bot.outbox.store import Delivery
from bot.runner import TryggBot
from storage.errors import TryggError
from storage.models import OutboxMessage
from bot.localapi import StoredMessage
from tests.bot.conftest import Harness, Phone
from tests.bot.test_flows import ref_of


async def receipt_then_stopped(h: Harness) -> tuple[Phone, StoredMessage]:
    """A citizen's message answered with its receipt, then the bot stopped."""
    anna = h.phone()
    [receipt] = await anna.send("Cyklar stjäls vid stationen i Tanumshede")
    await h.settle()
    await h.stop()
    return anna, receipt


def journal_of(h: Harness) -> Path:
    journal = DeliveryJournal.for_database(h.db)
    assert journal is not None
    return journal.path


async def test_a_journaled_delivery_is_recorded_at_start_and_not_sent_again(harness: Harness) -> None:
    h = harness
    anna, receipt = await receipt_then_stopped(h)
    # What a SIGKILL leaves: Telegram accepted the receipt, the journal has it, the database still says sending.
    async with h.db.write() as session:
        row = (await session.execute(select(OutboxMessage).where(OutboxMessage.text.contains(ref_of(receipt))))).scalar_one()
        await session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id)
                              .values(status="sending", delivered_at=None, telegram_message_id=None))
    accepted = dt.datetime(2026, 11, 24, 21, 15, 7, tzinfo=dt.UTC)
    journal_of(h).write_text(f"{row.id} {receipt.message_id} {row.kind} {accepted.timestamp():.3f}\n"
                             "a torn line\n", "utf-8")
    before = len(anna.all())

    await h.start()
    await h.settle()

    assert len(anna.all()) == before, "the journaled receipt was sent again"
    async with h.db.read() as session:
        again = (await session.execute(select(OutboxMessage).where(OutboxMessage.id == row.id))).scalar_one()
    assert (again.status, again.telegram_message_id, again.attempts) == ("delivered", receipt.message_id, row.attempts)
    assert again.delivered_at == accepted and again.last_error is None
    assert journal_of(h).read_text("utf-8") == "", "the journal is emptied once applied"


async def test_an_unjournaled_send_is_sent_again(harness: Harness) -> None:
    """The other side of the window: nothing journaled means Telegram may not have it, so it goes again."""
    h = harness
    anna, receipt = await receipt_then_stopped(h)
    async with h.db.write() as session:
        await session.execute(update(OutboxMessage).where(OutboxMessage.text.contains(ref_of(receipt)))
                              .values(status="sending"))
    await h.start()
    [again] = await anna.expect()
    assert ref_of(again) == ref_of(receipt)


async def test_deliveries_reach_the_database_and_leave_the_journal(harness: Harness) -> None:
    h = harness
    phones = [h.phone(f"Medborgare{i}") for i in range(5)]
    for phone in phones:
        await phone.send("Det luktar gräs vid skolan i Grebbestad varje kväll")
    await h.settle()
    async with h.db.read() as session:
        statuses = (await session.execute(select(OutboxMessage.status))).scalars().all()
    assert statuses and set(statuses) == {"delivered"}
    assert journal_of(h).read_text("utf-8") == ""


async def test_a_second_bot_on_the_same_sqlite_database_is_refused(harness: Harness) -> None:
    second = TryggBot(harness.settings, harness.profile, harness.db, options=harness.options)
    with pytest.raises(BotAlreadyRunning, match="another trygg bot is already running on this database"):
        await second.start()
    # The first one is untouched and still answers.
    [receipt] = await harness.phone().send("Mopeder kör på gångvägen i Fjällbacka")
    assert ref_of(receipt)


def test_torn_and_foreign_lines_are_skipped_and_committed_lines_dropped(tmp_path: Path) -> None:
    journal = DeliveryJournal(tmp_path / "x.db-deliveries")
    journal.path.write_bytes(b"12 345 receipt 1764019200.5\nnot a line\n\xff\xfe\n7 8 reply 99999999999999999999\n13 34")
    try:
        assert journal.open() == [Delivery(12, 345, "receipt", dt.datetime(2025, 11, 24, 21, 20, 0, 500000, tzinfo=dt.UTC))]
        later = Delivery(14, 347, "reply", dt.datetime(2026, 11, 26, 8, 0, 1, tzinfo=dt.UTC))
        journal.append(Delivery(13, 346, "reply"))
        journal.append(later)
        journal.keep_only([later])  # 13 was committed while 14 waited
        assert journal.path.read_bytes() == b"14 347 reply 1795680001.000\n"
        journal.clear()
        assert journal.path.read_bytes() == b""
    finally:
        journal.close()


def test_a_journal_that_cannot_be_opened_is_one_clear_error(tmp_path: Path) -> None:
    journal = DeliveryJournal(tmp_path / "missing-dir" / "x.db-deliveries")
    with pytest.raises(TryggError, match="cannot open the delivery journal .*x.db-deliveries"):
        journal.open()
