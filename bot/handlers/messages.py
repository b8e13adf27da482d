"""Messages: text, captions and photos, locations, media the bot cannot read, edits, button presses."""

from __future__ import annotations

from telegram import Update

from bot.context import TryggContext
from bot.flows import messages
from bot.flows.inputs import Input


async def text(update: Update, context: TryggContext) -> None:
    message = update.effective_message
    assert message is not None
    await messages.on_text(context.turn, Input.from_message(message), message.reply_to_message)


async def photo(update: Update, context: TryggContext) -> None:
    message = update.effective_message
    assert message is not None
    await messages.on_photo(context.turn, Input.from_message(message), message.reply_to_message)


async def location(update: Update, context: TryggContext) -> None:
    message = update.effective_message
    assert message is not None
    await messages.on_location(context.turn, Input.from_message(message))


async def unsupported(update: Update, context: TryggContext) -> None:
    message = update.effective_message
    assert message is not None
    kind = next((k for k in messages.MEDIA_TEXT if getattr(message, k, None)), "other")
    if message.caption and kind in ("video", "animation", "document"):
        await messages.on_text(context.turn, Input.from_message(message), message.reply_to_message)
        return
    await messages.on_unsupported(context.turn, kind)


async def edited(update: Update, context: TryggContext) -> None:
    assert update.edited_message is not None
    await messages.on_edit(context.turn, update.edited_message)


async def button(update: Update, context: TryggContext) -> None:
    assert update.callback_query is not None
    await messages.on_button(context.turn, update.callback_query)
