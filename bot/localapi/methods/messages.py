"""sendMessage, the edit methods and deleteMessage."""

from __future__ import annotations

from typing import Any

from ..errors import bad_request
from ..params import Params
from ..state import BotApiState
from . import _common as common
from ._registry import bot_method


@bot_method("sendMessage")
def send_message(state: BotApiState, params: Params) -> dict[str, Any]:
    chat = common.target_chat(state, params)
    text, entities = common.formatted(state, params, "text")
    markup = common.reply_markup(params, chat)
    payload = common.bot_message(state, chat)
    common.put_text(payload, "text", text, entities)
    preview = params.get_json("link_preview_options")
    if preview is None and params.get_bool("disable_web_page_preview"):
        preview = {"is_disabled": True}
    if preview is not None:
        if not isinstance(preview, dict):
            raise bad_request("can't parse link preview options JSON object")
        payload["link_preview_options"] = preview
    return common.finish_message(state, chat, payload, params, markup, raw_text=params.get_str("text"))


@bot_method("editMessageText")
def edit_message_text(state: BotApiState, params: Params) -> dict[str, Any]:
    """Without reply_markup the inline keyboard is removed, as on Telegram."""
    message = common.bot_message_to_edit(state, params)
    if "text" not in message.payload:
        raise bad_request("there is no text in the message to edit")
    text, entities = common.formatted(state, params, "text")
    markup = common.reply_markup(params, inline_only=True)
    payload = dict(message.payload)
    common.put_text(payload, "text", text, entities)
    preview = params.get_json("link_preview_options")
    if isinstance(preview, dict):
        payload["link_preview_options"] = preview
    return common.apply_edit(
        state, message, payload, markup, raw_text=params.get_str("text"), parse_mode=params.get_str("parse_mode")
    )


@bot_method("editMessageCaption")
def edit_message_caption(state: BotApiState, params: Params) -> dict[str, Any]:
    message = common.bot_message_to_edit(state, params)
    if "text" in message.payload:
        raise bad_request("there is no caption in the message to edit")
    caption, entities = common.formatted(state, params, "caption", caption=True)
    markup = common.reply_markup(params, inline_only=True)
    payload = dict(message.payload)
    common.put_text(payload, "caption", caption, entities)
    return common.apply_edit(
        state, message, payload, markup, raw_text=params.get_str("caption"), parse_mode=params.get_str("parse_mode")
    )


@bot_method("editMessageReplyMarkup")
def edit_message_reply_markup(state: BotApiState, params: Params) -> dict[str, Any]:
    message = common.bot_message_to_edit(state, params)
    markup = common.reply_markup(params, inline_only=True)
    return common.apply_edit(state, message, dict(message.payload), markup)


@bot_method("deleteMessage")
def delete_message(state: BotApiState, params: Params) -> bool:
    chat = common.existing_chat(state, params)
    message_id = params.required_int("message_id", "message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request("message to delete not found")
    message.deleted = True
    if message.from_bot:
        state.emit("deleted", message)
    return True


@bot_method("deleteMessages")
def delete_messages(state: BotApiState, params: Params) -> bool:
    """Deletes what exists and ignores the rest, as Telegram does."""
    chat = common.existing_chat(state, params)
    message_ids = params.get_json("message_ids")
    if not isinstance(message_ids, list) or not 1 <= len(message_ids) <= 100:
        raise bad_request("message_ids must be a list of 1-100 identifiers")
    for message_id in message_ids:
        message = chat.messages.get(message_id) if isinstance(message_id, int) else None
        if message is not None and not message.deleted:
            message.deleted = True
            if message.from_bot:
                state.emit("deleted", message)
    return True
