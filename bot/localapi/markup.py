"""Validation of reply_markup: the keyboard rules Telegram enforces.

The rules that bite real bots are kept: callback_data must be 1-64 bytes
(BUTTON_DATA_INVALID otherwise), inline buttons need exactly one action, URLs
must be absolute, and a keyboard has at most 100 buttons.
"""

from __future__ import annotations

from typing import Any

from .errors import bad_request

MAX_CALLBACK_DATA_BYTES = 64
MAX_BUTTONS = 100
_INLINE_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
    "copy_text", "callback_game", "pay",
)
_URL_SCHEMES = ("http://", "https://", "tg://", "ton://")


def validate_reply_markup(markup: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
    """Return the markup if Telegram would accept it; raise ApiError otherwise."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _validate_inline_keyboard(markup["inline_keyboard"])
        return markup
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        _validate_keyboard(markup["keyboard"])
        return markup
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def _rows(rows: Any) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return rows


def _validate_inline_keyboard(rows: Any) -> None:
    for row in _rows(rows):
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request("can't parse inline keyboard button: Can't find field \"text\"")
            if not button["text"].strip():
                raise bad_request("inline keyboard button text must be non-empty")
            actions = [name for name in _INLINE_ACTIONS if name in button]
            if not actions:
                raise bad_request(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                )
            if len(actions) > 1:
                raise bad_request("can't parse inline keyboard button: only one action may be specified")
            if "callback_data" in button:
                data = button["callback_data"]
                if not isinstance(data, str) or not 1 <= len(data.encode("utf-8", "surrogatepass")) <= (
                    MAX_CALLBACK_DATA_BYTES
                ):
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button:
                url = button["url"]
                if not isinstance(url, str) or not url.startswith(_URL_SCHEMES) or " " in url:
                    raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _validate_keyboard(rows: Any) -> None:
    for row in _rows(rows):
        for button in row:
            text = button if isinstance(button, str) else button.get("text") if isinstance(button, dict) else None
            if not isinstance(text, str) or not text.strip():
                raise bad_request("can't parse keyboard button: Text must be non-empty")


def keyboard_texts(markup: dict[str, Any] | None) -> list[list[str]]:
    """The button texts of a reply keyboard, row by row."""
    if not markup or "keyboard" not in markup:
        return []
    return [[b if isinstance(b, str) else b["text"] for b in row] for row in markup["keyboard"]]
