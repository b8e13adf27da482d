"""getUpdates and the bot-session methods around it (webhook, logOut, close)."""

from __future__ import annotations

from typing import Any

from ..errors import ApiError, bad_request
from ..params import Params
from ..state import DEFAULT_ALLOWED_UPDATES, BotApiState
from ._registry import bot_method

CONFLICT_OTHER_POLL = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)


@bot_method("getUpdates")
async def get_updates(state: BotApiState, params: Params) -> list[dict[str, Any]]:
    """Telegram's semantics: an offset confirms every update below it; a negative
    offset keeps only the last -offset updates; a long poll returns as soon as
    an update arrives, and a newer getUpdates ends a waiting one with 409."""
    offset = params.get_int("offset", 0) or 0
    limit = min(max(params.get_int("limit", 100) or 100, 1), 100)
    timeout = max(params.get_float("timeout", 0.0) or 0.0, 0.0)
    allowed = params.get_json("allowed_updates")
    if state.webhook_url:
        raise ApiError(409, CONFLICT_WEBHOOK)
    state.supersede_poll()
    if allowed is not None:
        if not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed):
            raise bad_request("can't parse allowed_updates JSON array")
        state.allowed_updates = frozenset(allowed) if allowed else DEFAULT_ALLOWED_UPDATES
    if offset:
        state.confirm_updates(offset)
    updates = state.take_updates(limit)
    if not updates and timeout > 0:
        outcome = await state.wait_for_update(timeout)
        if outcome.reason == "conflict":
            raise ApiError(409, CONFLICT_OTHER_POLL)
        updates = state.take_updates(limit)
    return updates


@bot_method("deleteWebhook")
def delete_webhook(state: BotApiState, params: Params) -> bool:
    state.webhook_url = ""
    if params.get_bool("drop_pending_updates") and state.last_update_id is not None:
        state.confirm_updates(state.last_update_id + 1)
    return True


@bot_method("setWebhook")
def set_webhook(state: BotApiState, params: Params) -> bool:
    """Refused: the local server only delivers updates through getUpdates."""
    raise bad_request("webhooks are not supported by the local Bot API server; use getUpdates")


@bot_method("getWebhookInfo")
def get_webhook_info(state: BotApiState, params: Params) -> dict[str, Any]:
    return {"url": state.webhook_url, "has_custom_certificate": False,
            "pending_update_count": len(state.pending_updates)}


@bot_method("logOut")
def log_out(state: BotApiState, params: Params) -> bool:
    return True


@bot_method("close")
def close(state: BotApiState, params: Params) -> bool:
    return True
