"""The error handler: keep a handler's error for the inbox processor (which rolls back and retries)."""

from __future__ import annotations

import logging

from bot.context import TryggContext, current_unit

_log = logging.getLogger("trygg.bot")


async def keep_error(update: object, context: TryggContext) -> None:
    unit = current_unit()
    if unit is not None and context.error is not None:
        unit.error = context.error  # the processor rolls the update back and counts an attempt
        return
    _log.error("error outside an inbox update (job or task): %s", context.error, exc_info=context.error)
