"""Bot API method implementations, looked up by name (case-insensitive, as Telegram).

Each method takes the ``BotApiState`` and the request ``Params`` and returns
the ``result`` value (or an awaitable of it), raising ``ApiError`` for
Telegram's error answers. The HTTP layer in ``server.py`` does the rest.
"""

from __future__ import annotations

from ._registry import MethodHandler, lookup, method_names

# Importing the modules registers their methods.
from . import bot_settings, chats, files, messages, updates  # noqa: F401,E402  isort: skip

__all__ = ["MethodHandler", "lookup", "method_names"]
