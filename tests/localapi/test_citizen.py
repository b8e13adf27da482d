"""The citizen side produces updates PTB parses exactly like Telegram's."""

from __future__ import annotations

import datetime as dt

import pytest
from telegram import Bot, Update
from telegram.ext import CallbackContext, CommandHandler

from bot.localapi import LocalBotApi


async def test_start_with_payload_matches_ptb_command_handler(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna", language_code="en", username="anna_k")
    sent = await local_api.send_text(user, "/start place_grebbestad")
    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    [update] = await ptb_bot.get_updates()

    async def callback(update: Update, context: CallbackContext) -> None: ...

    handler = CommandHandler("start", callback)
    matched = handler.check_update(update)
    assert matched and matched[0] == ["place_grebbestad"]
    assert update.effective_user.language_code == "en" and update.effective_user.username == "anna_k"
    assert update.effective_chat.id == user.id == user.chat_id


async def test_every_kind_of_user_message_parses(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    first = await local_api.send_text(user, "Det luktar rök")
    await local_api.edit_text(user, first["message_id"], "Det brinner i soprummet")
    await local_api.send_location(user, 58.85, 11.27)
    await local_api.send_sticker(user, "🔥")
    await local_api.send_voice(user, duration=4)
    await local_api.send_contact(user, "+46701234567")
    await local_api.send_document(user, b"%PDF-1.4", "karta.pdf", caption="Här")
    await local_api.send_text(user, "svar", reply_to=first["message_id"])
    updates = await ptb_bot.get_updates()

    ids = [u.update_id for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) == 8
    edited = updates[1].edited_message
    assert edited.text == "Det brinner i soprummet" and edited.message_id == first["message_id"] and edited.edit_date
    assert updates[2].message.location.latitude == 58.85
    assert updates[3].message.sticker.emoji == "🔥"
    assert updates[4].message.voice.duration == dt.timedelta(seconds=4)
    assert updates[5].message.contact.user_id == user.id
    assert updates[6].message.document.file_name == "karta.pdf" and updates[6].message.caption == "Här"
    assert updates[7].message.reply_to_message.text == "Det brinner i soprummet"
    voice_file = await ptb_bot.get_file(updates[4].message.voice.file_id)
    assert (await voice_file.download_as_bytearray()).startswith(b"OggS")
    assert [m.kind for m in local_api.history(user.id)][:2] == ["text", "location"]


async def test_groups_channels_and_raw_updates(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    group = local_api.add_group("Grannar i Fjällbacka")
    channel = local_api.add_channel("Tanum informerar", username="tanum_info")
    await local_api.send_group_message(group, user, "/start@trygg_local_bot")
    await local_api.channel_post(channel, "Möte på torsdag")
    # An update kind PTB does not know (yet): it must still arrive, in order.
    raw = await local_api.send_raw_update({"update_id": 1, "future_kind": {"x": 1}})
    updates = await ptb_bot.get_updates()
    assert updates[0].message.chat.type == "group" and updates[0].message.from_user.id == user.id
    assert updates[0].message.entities[0].type == "bot_command"
    assert updates[1].channel_post.chat.username == "tanum_info" and updates[1].channel_post.from_user is None
    assert updates[2].api_kwargs == {"future_kind": {"x": 1}}
    assert updates[2].update_id == raw["update_id"] > updates[1].update_id
    assert local_api.last_update_id == raw["update_id"]


async def test_test_mistakes_fail_loudly(local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    with pytest.raises(ValueError, match="4096"):
        await local_api.send_text(user, "😀" * 4097)
    with pytest.raises(ValueError, match="empty"):
        await local_api.send_text(user, "  ")
    with pytest.raises(LookupError, match="no bot message"):
        await local_api.press_button(user, 1, "x")
    with pytest.raises(LookupError, match="unknown user"):
        await local_api.send_text(999, "hej")
    assert local_api.pending_updates == []


async def test_user_ids_are_unique_and_chats_are_private(local_api: LocalBotApi) -> None:
    users = [local_api.add_user(f"U{i}") for i in range(50)]
    assert len({u.id for u in users}) == 50
    assert all(local_api.state.chats[u.id].type == "private" for u in users)
