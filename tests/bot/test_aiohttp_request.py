"""The bot's HTTP layer (PTB over aiohttp) against the local Bot API: answers, Telegram's errors, broken networks."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.aiohttp_request import AiohttpRequest
from bot.localapi import DROP_AFTER, DROP_BEFORE, Hang, LocalBotApi, LocalUser, fail_method, too_many_requests

JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9") + b"trygg-test-photo"


@pytest.fixture
async def api() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi() as local_api:
        yield local_api


@pytest.fixture
async def bot(api: LocalBotApi) -> AsyncIterator[Bot]:
    telegram_bot = Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url,
                       request=AiohttpRequest(connection_pool_size=4),
                       get_updates_request=AiohttpRequest(connection_pool_size=1))
    async with telegram_bot:
        yield telegram_bot


@pytest.fixture
async def anna(api: LocalBotApi) -> LocalUser:
    user = api.add_user("Anna")
    await api.send_text(user, "/start")
    return user


async def test_messages_keyboards_updates_and_files_go_through(api: LocalBotApi, bot: Bot, anna: LocalUser) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Lämna tips", callback_data="m:tip")]])
    sent = await bot.send_message(anna.id, "<b>Hej</b> & välkommen 🚲", parse_mode="HTML", reply_markup=keyboard)
    [shown] = api.messages_to(anna.id)
    assert shown.text == "Hej & välkommen 🚲" and shown.message_id == sent.message_id
    assert shown.button_data == ["m:tip"]
    [update] = await bot.get_updates(timeout=1)
    assert update.message is not None and update.message.text == "/start"
    await api.send_photo(anna, JPEG)
    [photo] = await bot.get_updates(offset=update.update_id + 1, timeout=1)
    assert photo.message is not None and photo.message.photo
    file = await bot.get_file(photo.message.photo[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == JPEG


async def test_telegram_errors_become_ptbs_exceptions(api: LocalBotApi, bot: Bot, anna: LocalUser) -> None:
    api.fault_policy = fail_method("sendMessage", too_many_requests(7), times=1)
    with pytest.raises(RetryAfter):
        await bot.send_message(anna.id, "hej")
    with pytest.raises(BadRequest):
        await bot.send_message(anna.id, "<b>unclosed", parse_mode="HTML")
    with pytest.raises(Forbidden):
        await bot.send_message(api.add_user("Okänd").id, "hej")
    api.revoke_token()
    with pytest.raises(InvalidToken):
        await bot.get_me()


async def test_broken_connections_and_hangs_are_network_errors_and_timeouts(
    api: LocalBotApi, bot: Bot, anna: LocalUser
) -> None:
    api.fault_policy = fail_method("sendMessage", DROP_BEFORE, times=1)
    with pytest.raises(NetworkError):
        await bot.send_message(anna.id, "tappad före")
    api.fault_policy = fail_method("sendMessage", DROP_AFTER, times=1)
    with pytest.raises(NetworkError):
        await bot.send_message(anna.id, "tappad efter")
    api.fault_policy = fail_method("sendMessage", Hang(1.0), times=1)
    with pytest.raises(TimedOut):
        await bot.send_message(anna.id, "hänger", read_timeout=0.2)
    api.fault_policy = None
    assert (await bot.send_message(anna.id, "fram till slut")).text == "fram till slut"
    await api.stop()
    with pytest.raises(NetworkError):  # refused
        await bot.send_message(anna.id, "ingen server")


async def test_a_long_poll_waits_past_the_default_read_timeout(api: LocalBotApi, anna: LocalUser) -> None:
    polling_bot = Bot(api.token, base_url=api.base_url,
                      get_updates_request=AiohttpRequest(connection_pool_size=1, read_timeout=0.3))
    async with polling_bot:
        [start] = await polling_bot.get_updates(timeout=1)
        polling = asyncio.create_task(polling_bot.get_updates(offset=start.update_id + 1, timeout=5, read_timeout=6))
        await asyncio.sleep(1.0)  # well past the 0.3 s default: the poll's own read timeout applies
        await api.send_text(anna, "efter en lång väntan")
        [update] = await polling
    assert update.message is not None and update.message.text == "efter en lång väntan"


async def test_a_request_before_initialize_or_after_shutdown_is_refused(api: LocalBotApi) -> None:
    request = AiohttpRequest(connection_pool_size=1)
    with pytest.raises(NetworkError, match="not initialized"):  # PTB wraps it
        await request.post(f"{api.base_url}{api.token}/getMe")
    async with request:
        assert await request.post(f"{api.base_url}{api.token}/getMe")
    with pytest.raises(NetworkError, match="not initialized"):  # PTB wraps it
        await request.post(f"{api.base_url}{api.token}/getMe")
