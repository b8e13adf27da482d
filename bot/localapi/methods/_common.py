"""Helpers shared by the methods that send and edit messages."""

from __future__ import annotations

import time
from typing import Any

from ..errors import bad_request, forbidden
from ..formatting import format_text
from ..html_entities import Entity
from ..markup import validate_reply_markup
from ..params import Params
from ..state import BotApiState, Chat, StoredMessage


def existing_chat(state: BotApiState, params: Params) -> Chat:
    chat = state.find_chat(params.chat_id())  # type: ignore[arg-type]
    if chat is None:
        raise bad_request("chat not found")
    if chat.type == "private" and chat.bot_blocked:
        raise forbidden("bot was blocked by the user")
    return chat


def target_chat(state: BotApiState, params: Params) -> Chat:
    """The chat a new message goes to, with Telegram's refusals."""
    chat = existing_chat(state, params)
    if chat.type == "private" and not chat.started:
        raise forbidden("bot can't initiate conversation with a user")
    return chat


def bot_message(state: BotApiState, chat: Chat) -> dict[str, Any]:
    """The common fields of a new message from the bot."""
    payload: dict[str, Any] = {"message_id": chat.allocate_message_id()}
    if chat.type == "channel":
        payload["sender_chat"] = chat.to_api()
    else:
        payload["from"] = state.bot_sender
    payload["chat"] = chat.to_api()
    payload["date"] = int(time.time())
    return payload


def formatted(state: BotApiState, params: Params, field: str, *, caption: bool = False) -> tuple[str, list[Entity]]:
    entities_field = "caption_entities" if caption else "entities"
    return format_text(
        params.get_str(field),
        params.get_str("parse_mode"),
        params.get_json(entities_field),
        caption=caption,
        resolve_user=lambda user_id: user.to_api() if (user := state.users.get(user_id)) else None,
    )


def put_text(payload: dict[str, Any], field: str, text: str, entities: list[Entity]) -> None:
    entities_field = "caption_entities" if field == "caption" else "entities"
    if text or field == "text":
        payload[field] = text
    else:
        payload.pop(field, None)
    if entities:
        payload[entities_field] = entities
    else:
        payload.pop(entities_field, None)


def reply_markup(params: Params, chat: Chat | None = None, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Validated reply_markup; a reply keyboard (or its removal) updates the chat."""
    markup = validate_reply_markup(params.get_json("reply_markup"), inline_only=inline_only)
    if chat is not None and markup is not None:
        if "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup.get("remove_keyboard"):
            chat.reply_keyboard = None
    return markup


def put_markup(payload: dict[str, Any], markup: dict[str, Any] | None) -> None:
    """Only inline keyboards are part of a Message object."""
    if markup is not None and "inline_keyboard" in markup:
        payload["reply_markup"] = markup
    else:
        payload.pop("reply_markup", None)


def replied_message(state: BotApiState, chat: Chat, params: Params) -> dict[str, Any] | None:
    """The message being replied to (reply_parameters or legacy reply_to_message_id)."""
    parameters = params.get_json("reply_parameters")
    if parameters is None:
        message_id = params.get_int("reply_to_message_id")
        if message_id is None:
            return None
        parameters = {
            "message_id": message_id,
            "allow_sending_without_reply": params.get_bool("allow_sending_without_reply"),
        }
    if not isinstance(parameters, dict) or not isinstance(parameters.get("message_id"), int):
        raise bad_request("can't parse reply parameters JSON object")
    source = chat
    if parameters.get("chat_id") not in (None, chat.id):
        source = state.find_chat(parameters["chat_id"])  # type: ignore[assignment]
        if source is None:
            raise bad_request("chat not found")
    target = source.messages.get(parameters["message_id"])
    if target is None or target.deleted:
        if parameters.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    snapshot = dict(target.payload)
    snapshot.pop("reply_to_message", None)
    return snapshot


def finish_message(
    state: BotApiState, chat: Chat, payload: dict[str, Any], params: Params,
    markup: dict[str, Any] | None, *, raw_text: str | None = None,
) -> dict[str, Any]:
    """Attach reply/markup to a new bot message, store it and return its payload."""
    replied = replied_message(state, chat, params)
    if replied is not None:
        payload["reply_to_message"] = replied
    put_markup(payload, markup)
    state.store_message(
        chat, payload, from_bot=True, raw_text=raw_text,
        parse_mode=params.get_str("parse_mode"), reply_markup=markup,
    )
    return payload


def bot_message_to_edit(state: BotApiState, params: Params) -> StoredMessage:
    if params.get_str("inline_message_id"):
        raise bad_request("inline messages are not supported by the local Bot API server")
    chat = existing_chat(state, params)
    message_id = params.required_int("message_id", "message identifier is not specified")
    message = chat.messages.get(message_id)
    if message is None or message.deleted:
        raise bad_request("message to edit not found")
    if not message.from_bot:
        raise bad_request("message can't be edited")
    return message


NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def apply_edit(state: BotApiState, message: StoredMessage, payload: dict[str, Any],
               markup: dict[str, Any] | None, **fields: Any) -> dict[str, Any]:
    """Replace the message's payload if anything changed; Telegram refuses no-op edits.

    ``fields`` (raw_text, parse_mode) are set on the stored message with it.
    """
    put_markup(payload, markup)
    old = message.payload
    if all(payload.get(k) == old.get(k) for k in ("text", "entities", "caption", "caption_entities", "reply_markup")):
        raise bad_request(NOT_MODIFIED)
    payload["edit_date"] = int(time.time())
    message.payload = payload
    message.reply_markup = markup
    for name, value in fields.items():
        setattr(message, name, value)
    message.edits += 1
    message.edited_at = time.monotonic()
    state.emit("edited", message)
    return payload
