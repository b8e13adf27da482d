"""A bare python-telegram-bot echo bot: the benchmark's baseline (PTB's own polling, no database).

    python bench/echo_bot.py [--concurrent]    # token and base URL from TRYGG_TELEGRAM_TOKEN / _API_URL
"""

from __future__ import annotations

import argparse
import logging
import os

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(update.effective_message.text or "?")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--concurrent", action="store_true", help="concurrent_updates(True) instead of PTB's default")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    builder = (ApplicationBuilder().token(os.environ["TRYGG_TELEGRAM_TOKEN"])
               .base_url(os.environ["TRYGG_TELEGRAM_API_URL"]))
    if args.concurrent:
        builder = builder.concurrent_updates(True)
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT, echo))
    application.run_polling(poll_interval=0, timeout=25)


if __name__ == "__main__":
    main()
