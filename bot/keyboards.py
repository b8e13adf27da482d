"""Inline keyboards; every callback_data comes from ``bot.callbacks`` (short, parseable)."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import FlowAnswer, FollowUp, Language, Menu
from bot.turn import Turn

MENU_LAYOUT = (("tip", "feedback"), ("watch", "office"), ("promises", "cases"))


def _rows(buttons: Sequence[InlineKeyboardButton], columns: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i:i + columns]) for i in range(0, len(buttons), columns)]


def main_menu(turn: Turn, place: str | None = None) -> InlineKeyboardMarkup:
    texts = turn.services.texts
    return InlineKeyboardMarkup([
        [InlineKeyboardButton(texts.plain(turn.lang, f"menu.{action}"),
                              callback_data=Menu(action, place if action in ("tip", "feedback") else None).encode())
         for action in row]
        for row in MENU_LAYOUT
    ])


def choices(turn: Turn, step: str, options: Sequence[tuple[str, str]], columns: int = 2) -> InlineKeyboardMarkup:
    """Buttons answering ``step`` of the current flow: (value, catalogue key or literal label)."""
    nonce = str(turn.data.get("nonce", "000000"))
    texts = turn.services.texts
    buttons = [
        InlineKeyboardButton(texts.plain(turn.lang, label) if texts.has("sv", label) else label,
                             callback_data=FlowAnswer(nonce, step, value).encode())
        for value, label in options
    ]
    return InlineKeyboardMarkup(_rows(buttons, columns))


def places(turn: Turn, step: str, *, skip: bool = True) -> InlineKeyboardMarkup:
    options = [(p.id, p.name) for p in turn.services.profile.places]
    keyboard = choices(turn, step, options, columns=3)
    if not skip:
        return keyboard
    nonce = str(turn.data.get("nonce", "000000"))
    rows = [list(r) for r in keyboard.inline_keyboard]
    rows.append([InlineKeyboardButton(turn.services.texts.plain(turn.lang, "button.skip"),
                                      callback_data=FlowAnswer(nonce, step, "skip").encode())])
    return InlineKeyboardMarkup(rows)


def follow_ups(turn: Turn, submission_id: int) -> InlineKeyboardMarkup:
    texts = turn.services.texts
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.plain(turn.lang, f"followup.add_{what}"),
                             callback_data=FollowUp(submission_id, what).encode())
        for what in ("place", "time", "photo")
    ]])


def languages() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[
        InlineKeyboardButton("Svenska", callback_data=Language("sv").encode()),
        InlineKeyboardButton("English", callback_data=Language("en").encode()),
    ]])
