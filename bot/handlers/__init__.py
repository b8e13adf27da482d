"""Every handler registration in one place."""

from __future__ import annotations

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters
from telegram import Update

from bot.handlers import commands, errors, guard, messages

NEW = filters.UpdateType.MESSAGE  # not edits: those update what was stored
MEDIA_WE_CANNOT_READ = (filters.Sticker.ALL | filters.VOICE | filters.AUDIO | filters.VIDEO | filters.VIDEO_NOTE
                        | filters.ANIMATION | filters.Document.ALL | filters.CONTACT)


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(TypeHandler(Update, guard.guard), group=-1)
    handlers = [
        MessageHandler(filters.UpdateType.EDITED_MESSAGE, messages.edited),
        *[CommandHandler(name, callback, filters=NEW) for name, (callback, _) in commands.COMMANDS.items()],
        MessageHandler(NEW & filters.COMMAND, commands.unknown),
        MessageHandler(NEW & filters.TEXT, messages.text),
        MessageHandler(NEW & filters.PHOTO, messages.photo),
        MessageHandler(NEW & (filters.LOCATION | filters.VENUE), messages.location),
        MessageHandler(NEW & MEDIA_WE_CANNOT_READ, messages.unsupported),
        MessageHandler(NEW, messages.unsupported),  # polls, dice, games...: a short helpful answer
        CallbackQueryHandler(messages.button),
    ]
    application.add_handlers(handlers)
    application.add_error_handler(errors.keep_error)
