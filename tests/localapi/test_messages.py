"""Sending, validating, editing and deleting messages, and keyboards, via telegram.Bot."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.localapi import LocalBotApi, LocalUser


@pytest.fixture
async def anna(local_api: LocalBotApi) -> LocalUser:
    user = local_api.add_user("Anna", language_code="sv")
    await local_api.send_text(user, "/start")
    return user


def menu(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d.upper(), callback_data=d)] for d in data])


async def test_valid_html_is_stored_raw_and_parsed(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    raw = 'Tack! Referens <b>TAN-2611-0042</b>. Läs <a href="https://polisen.se">mer</a> &lt;3'
    sent = await ptb_bot.send_message(anna.id, raw, parse_mode=ParseMode.HTML)
    assert sent.text == "Tack! Referens TAN-2611-0042. Läs mer <3"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [("bold", 15, 13), ("text_link", 34, 3)]
    assert sent.from_user.is_bot and sent.chat.id == anna.id
    [stored] = local_api.messages_to(anna.id)
    assert (stored.raw_text, stored.text, stored.parse_mode) == (raw, sent.text, "HTML")
    assert stored.message_id == sent.message_id == 2  # the citizen's /start was message 1


@pytest.mark.parametrize("bad", ["<b>x", "a < b", "<script>alert(1)</script>", "<b>x</i>"])
async def test_broken_html_is_refused_and_not_delivered(
    ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser, bad: str
) -> None:
    with pytest.raises(BadRequest, match="(?i)can't parse entities"):
        await ptb_bot.send_message(anna.id, bad, parse_mode=ParseMode.HTML)
    assert local_api.messages_to(anna.id) == []


async def test_same_text_is_fine_without_parse_mode(ptb_bot: Bot, anna: LocalUser) -> None:
    sent = await ptb_bot.send_message(anna.id, "a < b & <b>x")
    assert sent.text == "a < b & <b>x"


async def test_length_limit_4096(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    await ptb_bot.send_message(anna.id, "å" * 4096)
    await ptb_bot.send_message(anna.id, "<b>" + "x" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await ptb_bot.send_message(anna.id, "å" * 4097)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await ptb_bot.send_message(anna.id, " \n ")
    assert len(local_api.messages_to(anna.id)) == 2


async def test_callback_data_limit_is_64_bytes(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    await ptb_bot.send_message(anna.id, "ok", reply_markup=menu("å" * 32))  # 64 bytes
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await ptb_bot.send_message(anna.id, "too long", reply_markup=menu("å" * 33))  # 66 bytes
    with pytest.raises(BadRequest, match="(?i)text buttons are unallowed"):
        await ptb_bot.send_message(anna.id, "no action", reply_markup={"inline_keyboard": [[{"text": "x"}]]})
    assert len(local_api.messages_to(anna.id)) == 1


async def test_inline_keyboard_round_trip(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    sent = await ptb_bot.send_message(anna.id, "Vad vill du göra?", reply_markup=menu("tip", "feedback"))
    [offset_update] = await ptb_bot.get_updates()
    offset = offset_update.update_id + 1

    stored = local_api.messages_to(anna.id)[0]
    assert stored.button_data == ["tip", "feedback"]
    pressed = await local_api.press_button(anna, stored, text="FEEDBACK")
    [update] = await ptb_bot.get_updates(offset=offset)
    query = update.callback_query
    assert query.data == "feedback" and query.id == pressed["id"]
    assert query.from_user.id == anna.id and query.message.message_id == sent.message_id

    assert await query.answer("Tack") is True
    [answered] = local_api.answered_callbacks
    assert (answered.id, answered.text, answered.data) == (query.id, "Tack", "feedback")
    assert answered.answered_after is not None and answered.answered_after < 5
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await query.answer()

    with pytest.raises(LookupError, match="no callback button"):
        await local_api.press_button(anna, stored, "never-sent")
    forged = await local_api.press_button(anna, stored, "never-sent", forged=True)
    [update] = await ptb_bot.get_updates(offset=update.update_id + 1)
    assert update.callback_query.data == "never-sent" == forged["data"]


async def test_edit_text_removes_keyboard_unless_given_and_refuses_no_op(
    ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser
) -> None:
    sent = await ptb_bot.send_message(anna.id, "Steg 1", reply_markup=menu("next"))
    edited = await ptb_bot.edit_message_text("Steg <b>2</b>", anna.id, sent.message_id, parse_mode="HTML",
                                             reply_markup=menu("next"))
    assert edited.text == "Steg 2" and edited.edit_date is not None
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await ptb_bot.edit_message_text("Steg <b>2</b>", anna.id, sent.message_id, parse_mode="HTML",
                                        reply_markup=menu("next"))
    await ptb_bot.edit_message_text("Klart", anna.id, sent.message_id)
    [stored] = local_api.messages_to(anna.id)
    assert (stored.text, stored.edits, stored.button_data) == ("Klart", 2, [])

    await ptb_bot.edit_message_reply_markup(anna.id, sent.message_id, reply_markup=menu("undo"))
    assert local_api.messages_to(anna.id)[0].button_data == ["undo"]
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await ptb_bot.edit_message_text("x", anna.id, 999)
    with pytest.raises(BadRequest, match="(?i)message can't be edited"):
        await ptb_bot.edit_message_text("x", anna.id, 1)  # the citizen's own /start


async def test_delete_message(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    sent = await ptb_bot.send_message(anna.id, "snart borta")
    assert await ptb_bot.delete_message(anna.id, sent.message_id) is True
    assert local_api.messages_to(anna.id)[0].deleted
    assert [m.text for m in local_api.history(anna.id)] == ["/start"]
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await ptb_bot.delete_message(anna.id, sent.message_id)


async def test_unknown_unstarted_and_blocked_chats(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await ptb_bot.send_message(123, "hej")
    silent = local_api.add_user("Tyst")
    with pytest.raises(Forbidden, match="(?i)can't initiate conversation"):
        await ptb_bot.send_message(silent.id, "hej")
    local_api.block_bot(anna)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await ptb_bot.send_message(anna.id, "hej")
    updates = await ptb_bot.get_updates()
    assert updates[-1].my_chat_member.new_chat_member.status == "kicked"
    await local_api.send_text(anna, "/start")  # writing again unblocks, as in the apps
    await ptb_bot.send_message(anna.id, "välkommen tillbaka")


async def test_reply_keyboard_and_reply_parameters(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    keyboard = ReplyKeyboardMarkup([["Ja", "Nej"]], one_time_keyboard=True)
    asked = await ptb_bot.send_message(anna.id, "Får vi kontakta dig?", reply_markup=keyboard)
    assert asked.reply_markup is None  # only inline keyboards are part of a Message
    assert local_api.reply_keyboard(anna.id)["keyboard"] == [[{"text": "Ja"}, {"text": "Nej"}]]
    with pytest.raises(LookupError):
        await local_api.press_reply_button(anna, "Kanske")
    answer = await local_api.press_reply_button(anna, "Ja")
    assert answer["text"] == "Ja" and local_api.reply_keyboard(anna.id) is None

    reply = await ptb_bot.send_message(anna.id, "Tack", reply_parameters=ReplyParameters(answer["message_id"]),
                                       reply_markup=ReplyKeyboardRemove())
    assert reply.reply_to_message.text == "Ja"
    with pytest.raises(BadRequest, match="(?i)message to be replied not found"):
        await ptb_bot.send_message(anna.id, "x", reply_parameters=ReplyParameters(999))
    await ptb_bot.send_message(anna.id, "x", reply_parameters=ReplyParameters(999, allow_sending_without_reply=True))


async def test_location_chat_action_and_get_chat(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    assert await ptb_bot.send_chat_action(anna.id, "typing") is True
    with pytest.raises(BadRequest):
        await ptb_bot.send_chat_action(anna.id, "dancing")
    sent = await ptb_bot.send_location(anna.id, 58.85, 11.27)
    assert (sent.location.latitude, sent.location.longitude) == (58.85, 11.27)
    chat = await ptb_bot.get_chat(anna.id)
    assert (chat.id, chat.type, chat.first_name) == (anna.id, "private", "Anna")
    assert local_api.state.chat_actions == [(anna.id, "typing")]


async def test_commands_per_language_and_scope(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    await ptb_bot.set_my_commands([("start", "Börja"), ("tips", "Lämna tips")], language_code="sv")
    await ptb_bot.set_my_commands([("start", "Start")], language_code="en")
    await ptb_bot.set_my_commands([("status", "Mina ärenden")], scope={"type": "chat", "chat_id": anna.id})
    assert [c.command for c in await ptb_bot.get_my_commands(language_code="sv")] == ["start", "tips"]
    assert await ptb_bot.get_my_commands() == ()  # no fallback between scopes/languages
    assert local_api.commands[("default", "en")] == [{"command": "start", "description": "Start"}]
    assert local_api.commands[(f"chat:{anna.id}", "")][0]["command"] == "status"
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await ptb_bot.set_my_commands([("Bad-Command", "x")])
    await ptb_bot.delete_my_commands(language_code="en")
    assert ("default", "en") not in local_api.commands
    assert await ptb_bot.set_chat_menu_button(anna.id) is True


async def test_bot_message_hook_and_wait(ptb_bot: Bot, local_api: LocalBotApi, anna: LocalUser) -> None:
    events: list[tuple[str, str | None]] = []
    unsubscribe = local_api.on_bot_message(lambda event, message: events.append((event, message.text)))
    sent = await ptb_bot.send_message(anna.id, "ett")
    await ptb_bot.edit_message_text("två", anna.id, sent.message_id)
    await ptb_bot.delete_message(anna.id, sent.message_id)
    unsubscribe()
    await ptb_bot.send_message(anna.id, "tre")
    assert events == [("sent", "ett"), ("edited", "två"), ("deleted", "två")]
    assert len(await local_api.wait_for_messages(anna.id, 2, timeout=1)) == 2
    with pytest.raises(TimeoutError, match="3 bot message.*got 2"):
        await local_api.wait_for_messages(anna.id, 3, timeout=0.1)
