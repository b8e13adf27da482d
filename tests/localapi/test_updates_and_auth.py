"""getMe, tokens, encodings and getUpdates semantics, through telegram.Bot over HTTP."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from telegram import Bot
from telegram.error import Conflict, InvalidToken, NetworkError

from bot.localapi import LocalBotApi


async def test_get_me_describes_the_bot(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    me = await ptb_bot.get_me()
    assert me.is_bot and me.username == "trygg_local_bot"
    assert me.id == int(local_api.token.split(":")[0])


async def test_wrong_and_revoked_tokens_get_401(local_api: LocalBotApi) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{local_api.base_url}123:wrong/getMe")
    assert response.status_code == 401
    assert response.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}

    stranger = Bot("123:wrong", base_url=local_api.base_url)
    with pytest.raises(InvalidToken):
        await stranger.get_me()

    bot = Bot(local_api.token, base_url=local_api.base_url)
    await bot.get_me()
    local_api.revoke_token()
    with pytest.raises(InvalidToken):
        await bot.get_me()


async def test_unknown_method_and_path_are_404_json(local_api: LocalBotApi) -> None:
    async with httpx.AsyncClient() as client:
        method = await client.post(f"{local_api.base_url}{local_api.token}/sendTelepathy")
        path = await client.get(f"http://127.0.0.1:{local_api.port}/nothing/here")
    for response in (method, path):
        assert response.status_code == 404
        assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert local_api.method_calls["sendTelepathy"] == 1


async def test_json_get_and_form_encodings_and_any_method_case(local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    await local_api.send_text(user, "hej")
    url = f"{local_api.base_url}{local_api.token}"
    markup = '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}'
    async with httpx.AsyncClient() as client:
        as_json = await client.post(f"{url}/sendMessage", json={"chat_id": user.id, "text": "1"})
        as_form = await client.post(f"{url}/sendmessage", data={"chat_id": str(user.id), "text": "2",
                                                                 "reply_markup": markup})
        as_query = await client.get(f"{url}/SENDMESSAGE", params={"chat_id": user.id, "text": "3"})
    for response in (as_json, as_form, as_query):
        assert response.status_code == 200 and response.json()["ok"] is True
    assert [m.text for m in local_api.messages_to(user.id)] == ["1", "2", "3"]
    assert local_api.messages_to(user.id)[1].button_data == ["a"]
    assert local_api.method_calls["sendMessage"] == 3


async def test_long_poll_returns_as_soon_as_a_user_writes(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    started = time.monotonic()
    poll = asyncio.create_task(ptb_bot.get_updates(timeout=20))
    await local_api.wait_until(lambda: local_api.long_poll_waiting)
    await local_api.send_text(user, "hej")
    updates = await asyncio.wait_for(poll, 5)
    assert time.monotonic() - started < 3
    assert [u.message.text for u in updates] == ["hej"]


async def test_long_poll_times_out_empty(ptb_bot: Bot) -> None:
    started = time.monotonic()
    assert await ptb_bot.get_updates(timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 3


async def test_offset_confirms_and_negative_offset_forgets(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    for text in ("a", "b", "c", "d"):
        await local_api.send_text(user, text)

    first = await ptb_bot.get_updates()
    again = await ptb_bot.get_updates()  # nothing confirmed yet: the same four
    assert [u.message.text for u in first] == [u.message.text for u in again] == ["a", "b", "c", "d"]
    ids = [u.update_id for u in first]
    assert ids == sorted(ids) and len(set(ids)) == 4
    assert local_api.updates_confirmed_upto == 0

    rest = await ptb_bot.get_updates(offset=ids[1], limit=2)
    assert [u.message.text for u in rest] == ["b", "c"]
    assert local_api.updates_confirmed_upto == ids[1]
    assert [u["message"]["text"] for u in local_api.pending_updates] == ["b", "c", "d"]

    last = await ptb_bot.get_updates(offset=-1)
    assert [u.message.text for u in last] == ["d"]
    assert [u["update_id"] for u in local_api.pending_updates] == [ids[3]]

    assert await ptb_bot.get_updates(offset=ids[3] + 1) == ()
    assert local_api.updates_confirmed_upto == ids[3] + 1
    await local_api.wait_for_confirmation(ids[3], timeout=1)


async def test_a_newer_poll_ends_the_waiting_one_with_409(local_api: LocalBotApi) -> None:
    first = Bot(local_api.token, base_url=local_api.base_url)
    second = Bot(local_api.token, base_url=local_api.base_url)
    async with first, second:
        waiting = asyncio.create_task(first.get_updates(timeout=20))
        await local_api.wait_until(lambda: local_api.long_poll_waiting)
        assert await second.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await asyncio.wait_for(waiting, 5)


async def test_allowed_updates_filters_new_updates(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    await local_api.send_text(user, "/start")
    await ptb_bot.send_message(user.id, "Välj", reply_markup={"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    updates = await ptb_bot.get_updates(allowed_updates=["callback_query"])
    offset = updates[-1].update_id + 1
    await local_api.send_text(user, "dropped: the bot asked for callback queries only")
    await local_api.press_button(user, local_api.messages_to(user.id)[0], "a")
    updates = await ptb_bot.get_updates(offset=offset)
    assert [u.callback_query.data for u in updates] == ["a"]


async def test_stop_answers_a_waiting_long_poll_at_once() -> None:
    api = LocalBotApi()
    await api.start()
    bot = Bot(api.token, base_url=api.base_url)
    async with bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await api.wait_until(lambda: api.long_poll_waiting)
        started = time.monotonic()
        await api.stop()
        assert await asyncio.wait_for(poll, 5) == ()
        assert time.monotonic() - started < 3


async def test_restart_after_stop_keeps_port_and_state() -> None:
    """stop()/start() is how tests simulate Telegram being unreachable for a while."""
    async with LocalBotApi() as api:
        user = api.add_user("Anna")
        await api.send_text(user, "före")
        port = api.port
        bot = Bot(api.token, base_url=api.base_url)
        async with bot:
            await api.stop()
            with pytest.raises(NetworkError):
                await bot.get_updates()
            await api.start()
            assert api.port == port
            assert [u.message.text for u in await bot.get_updates(timeout=1)] == ["före"]
