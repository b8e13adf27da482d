"""getChat, sendChatAction and answerCallbackQuery."""

from __future__ import annotations

import time
from typing import Any

from ..errors import bad_request
from ..params import Params
from ..state import BotApiState
from . import _common as common
from ._registry import bot_method

CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    }
)
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"


@bot_method("getChat")
def get_chat(state: BotApiState, params: Params) -> dict[str, Any]:
    """A ChatFullInfo with the fields PTB 22 requires."""
    chat = state.find_chat(params.chat_id())  # type: ignore[arg-type]
    if chat is None:
        raise bad_request("chat not found")
    return {
        **chat.to_api(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False, "gifts_from_channels": False,
        },
    }


@bot_method("sendChatAction")
def send_chat_action(state: BotApiState, params: Params) -> bool:
    chat = common.target_chat(state, params)
    action = params.get_str("action")
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    state.chat_actions.append((chat.id, action))
    return True


@bot_method("answerCallbackQuery")
def answer_callback_query(state: BotApiState, params: Params) -> bool:
    """Each query can be answered once; the delay is recorded for tests."""
    query = state.callback_queries.get(params.get_str("callback_query_id") or "")
    if query is None or query.answered:
        raise bad_request(QUERY_INVALID)
    text = params.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answered = True
    query.text = text
    query.show_alert = params.get_bool("show_alert")
    query.url = params.get_str("url")
    query.cache_time = params.get_int("cache_time", 0) or 0
    query.answered_after = time.monotonic() - query.created_at
    state.answered_callbacks.append(query)
    state.changed()
    return True
