"""Inline keyboards, as the Bot API's JSON; every callback_data comes from ``bot.callbacks`` (short, parseable).

Plain dicts rather than PTB's ``InlineKeyboardMarkup``: a keyboard goes into the
outbox as this JSON (``Turn.say``), and PTB's objects, built only to be turned
into it at once, cost about 80 µs for three buttons, a quarter of what
classifying the message costs, on every receipt.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.callbacks import FlowAnswer, FollowUp, Language, Menu
from bot.turn import Button, InlineKeyboard, Turn

MENU_LAYOUT = (("tip", "feedback"), ("watch", "office"), ("promises", "cases"))


def button(text: str, callback_data: str) -> Button:
    return {"text": text, "callback_data": callback_data}


def _rows(buttons: Sequence[Button], columns: int) -> list[list[Button]]:
    return [list(buttons[i:i + columns]) for i in range(0, len(buttons), columns)]


def main_menu(turn: Turn, place: str | None = None) -> InlineKeyboard:
    texts = turn.services.texts
    return {"inline_keyboard": [
        [button(texts.plain(turn.lang, f"menu.{action}"),
                Menu(action, place if action in ("tip", "feedback") else None).encode())
         for action in row]
        for row in MENU_LAYOUT
    ]}


def choices(turn: Turn, step: str, options: Sequence[tuple[str, str]], columns: int = 2) -> InlineKeyboard:
    """Buttons answering ``step`` of the current flow: (value, catalogue key or literal label)."""
    nonce = str(turn.data.get("nonce", "000000"))
    texts = turn.services.texts
    buttons = [
        button(texts.plain(turn.lang, label) if texts.has("sv", label) else label,
               FlowAnswer(nonce, step, value).encode())
        for value, label in options
    ]
    return {"inline_keyboard": _rows(buttons, columns)}


def places(turn: Turn, step: str, *, skip: bool = True) -> InlineKeyboard:
    options = [(p.id, p.name) for p in turn.services.profile.places]
    keyboard = choices(turn, step, options, columns=3)
    if skip:
        nonce = str(turn.data.get("nonce", "000000"))
        keyboard["inline_keyboard"].append([button(turn.services.texts.plain(turn.lang, "button.skip"),
                                                   FlowAnswer(nonce, step, "skip").encode())])
    return keyboard


def follow_ups(turn: Turn, submission_id: int) -> InlineKeyboard:
    texts = turn.services.texts
    return {"inline_keyboard": [[
        button(texts.plain(turn.lang, f"followup.add_{what}"), FollowUp(submission_id, what).encode())
        for what in ("place", "time", "photo")
    ]]}


def languages() -> InlineKeyboard:
    return {"inline_keyboard": [[
        button("Svenska", Language("sv").encode()),
        button("English", Language("en").encode()),
    ]]}
