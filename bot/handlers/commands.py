"""Slash commands."""

from __future__ import annotations

from telegram import Update

from bot.context import TryggContext
from bot.flows import cases, engine, menu


async def start(update: Update, context: TryggContext) -> None:
    await menu.start(context.turn, context.args[0] if context.args else None)


async def help_(update: Update, context: TryggContext) -> None:
    await menu.show_help(context.turn)


async def privacy(update: Update, context: TryggContext) -> None:
    await menu.show_privacy(context.turn)


async def language(update: Update, context: TryggContext) -> None:
    await menu.ask_language(context.turn)


async def cancel(update: Update, context: TryggContext) -> None:
    await engine.cancel(context.turn)


async def status(update: Update, context: TryggContext) -> None:
    await cases.show_status(context.turn, context.args[0] if context.args else None)


async def my_cases(update: Update, context: TryggContext) -> None:
    await cases.my_cases(context.turn)


async def forget(update: Update, context: TryggContext) -> None:
    await engine.begin(context.turn, "forget")


async def unknown(update: Update, context: TryggContext) -> None:
    await context.turn.say(context.turn.t("command.unknown"))


# name -> (callback, in the command menu)
COMMANDS = {
    "start": (start, True), "help": (help_, True), "status": (status, True), "mycases": (my_cases, False),
    "arenden": (my_cases, False), "cancel": (cancel, True), "language": (language, True),
    "privacy": (privacy, True), "forget": (forget, True),
}
