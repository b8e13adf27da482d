"""Fault injection as PTB sees it: 429, 5xx, dropped connections, hangs, latency."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections import Counter

import pytest
from telegram import Bot
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.localapi import (
    DROP_AFTER,
    DROP_BEFORE,
    ErrorReply,
    Hang,
    LocalBotApi,
    LocalUser,
    combine,
    fail_method,
    get_updates_conflict,
    get_updates_drop,
    get_updates_unauthorized,
    random_faults,
    server_error,
    too_many_requests,
)


@pytest.fixture
async def anna(local_api: LocalBotApi) -> LocalUser:
    user = local_api.add_user("Anna")
    await local_api.send_text(user, "/start")
    return user


async def test_429_surfaces_as_retry_after(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    local_api.fault_policy = fail_method("sendMessage", too_many_requests(7), times=1)
    with pytest.raises(RetryAfter) as caught:
        await ptb_bot.send_message(anna.id, "hej")
    assert caught.value.retry_after == dt.timedelta(seconds=7)  # PTB parsed parameters.retry_after
    assert local_api.messages_to(anna.id) == []
    await ptb_bot.send_message(anna.id, "hej")  # only the first call was refused
    assert [m.text for m in local_api.messages_to(anna.id)] == ["hej"]
    assert [(f.method, f.fault) for f in local_api.fault_log] == [("sendMessage", too_many_requests(7))]


@pytest.mark.parametrize("status", [500, 502])
async def test_server_errors_are_network_errors(
    ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser, status: int
) -> None:
    local_api.fault_policy = fail_method("sendMessage", server_error(status))
    with pytest.raises(NetworkError):
        await ptb_bot.send_message(anna.id, "hej")
    assert local_api.messages_to(anna.id) == []


async def test_drop_after_delivery_records_the_message(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    local_api.fault_policy = fail_method("sendMessage", DROP_AFTER, times=1)
    with pytest.raises(NetworkError):
        await ptb_bot.send_message(anna.id, "Din referens: TAN-2611-0042")
    [delivered] = local_api.messages_to(anna.id)
    assert delivered.text == "Din referens: TAN-2611-0042" and delivered.client_saw_error
    await ptb_bot.send_message(anna.id, "Din referens: TAN-2611-0042")  # a naive retry duplicates
    assert [m.client_saw_error for m in local_api.messages_to(anna.id)] == [True, False]


async def test_drop_before_processing_delivers_nothing(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    local_api.fault_policy = fail_method("sendMessage", DROP_BEFORE)
    with pytest.raises(NetworkError):
        await ptb_bot.send_message(anna.id, "hej")
    assert local_api.messages_to(anna.id) == []


async def test_hang_times_the_client_out_then_delivers(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    local_api.fault_policy = fail_method("sendMessage", Hang(0.5))
    with pytest.raises(TimedOut):
        await ptb_bot.send_message(anna.id, "sent into the void", read_timeout=0.1)
    [late] = await local_api.wait_for_messages(anna.id, 1, timeout=3)
    assert late.text == "sent into the void"


async def test_latency_is_added_to_every_call(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    for model in ("split", "before"):
        local_api.latency, local_api.latency_model = 0.2, model
        started = time.monotonic()
        await ptb_bot.get_me()
        assert time.monotonic() - started >= 0.2, model


@pytest.mark.parametrize(("model", "at_server"), [("split", 0.2), ("before", 0.4)])
async def test_a_sent_message_shows_in_the_chat_when_the_request_reaches_the_server(
    ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser, model: str, at_server: float
) -> None:
    local_api.latency, local_api.latency_model = 0.4, model
    started = time.monotonic()
    sending = asyncio.create_task(ptb_bot.send_message(anna.id, "hej"))
    await local_api.wait_for_messages(anna.id, 1, timeout=5)
    shown = time.monotonic() - started
    await sending
    answered = time.monotonic() - started
    assert at_server <= shown < at_server + 0.15  # split: half way there; before: after all of it
    assert answered >= 0.4


async def test_a_long_poll_answer_travels_back_half_a_round_trip(local_api: LocalBotApi, anna: LocalUser) -> None:
    bot = Bot(local_api.token, base_url=local_api.base_url)
    async with bot:
        await bot.get_updates()  # /start
        local_api.latency = 0.4
        polling = asyncio.create_task(bot.get_updates(offset=local_api.last_update_id + 1, timeout=5))
        await asyncio.sleep(0.3)  # the poll is waiting at the server by now
        sent = time.monotonic()
        await local_api.send_text(anna, "hej")
        [update] = await polling
        assert update.message.text == "hej" and time.monotonic() - sent >= 0.2


def test_an_unknown_latency_model_is_refused() -> None:
    with pytest.raises(ValueError, match="latency_model"):
        LocalBotApi(latency_model="sideways")


async def test_get_updates_faults(local_api: LocalBotApi) -> None:
    bot = Bot(local_api.token, base_url=local_api.base_url)
    local_api.fault_policy = combine(
        get_updates_conflict(times=1),
        fail_method("getUpdates", ErrorReply(401, "Unauthorized"), skip=1, times=1),
        fail_method("getUpdates", DROP_BEFORE, skip=2, times=1),
    )
    with pytest.raises(Conflict):
        await bot.get_updates()
    with pytest.raises(InvalidToken):
        await bot.get_updates()
    with pytest.raises(NetworkError):
        await bot.get_updates()
    assert await bot.get_updates() == ()
    assert local_api.method_calls["getUpdates"] == 4

    local_api.fault_policy = get_updates_unauthorized()
    with pytest.raises(InvalidToken):
        await bot.get_updates()
    local_api.fault_policy = get_updates_drop(times=1)
    with pytest.raises(NetworkError):
        await bot.get_updates()
    assert await bot.get_updates() == ()


def test_random_faults_are_seeded_and_keep_their_rates() -> None:
    def draw(seed: int) -> list[str]:
        policy = random_faults(seed, rate_429=0.2, rate_5xx=0.1, rate_drop_after=0.05)
        return [type(policy("sendMessage", {})).__name__ for _ in range(2000)]

    first = draw(1)
    assert first == draw(1) and first != draw(2)
    counts = Counter(first)
    assert 520 <= counts["ErrorReply"] <= 680  # 429 + 5xx: 30% of 2000 = 600 expected
    assert 60 <= counts["DropConnection"] <= 140  # 5% of 2000 = 100 expected
    assert 1250 <= counts["NoneType"] <= 1550
    policy = random_faults(3, rate_429=1.0, rate_5xx=0, rate_drop_after=0)
    assert policy("getUpdates", {}) is None and policy("sendMessage", {}) == too_many_requests(1)
    with pytest.raises(ValueError):
        random_faults(1, rate_429=0.9, rate_5xx=0.2)
