"""The name -> implementation table of Bot API methods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..params import Params
from ..state import BotApiState

MethodHandler = Callable[[BotApiState, Params], Any]

_METHODS: dict[str, tuple[str, MethodHandler]] = {}


def bot_method(name: str) -> Callable[[MethodHandler], MethodHandler]:
    """Register ``name`` (Telegram's spelling, e.g. "sendMessage")."""

    def register(handler: MethodHandler) -> MethodHandler:
        _METHODS[name.lower()] = (name, handler)
        return handler

    return register


def lookup(name: str) -> tuple[str, MethodHandler] | None:
    """(canonical name, handler) for a method name in any letter case."""
    return _METHODS.get(name.lower())


def method_names() -> list[str]:
    return sorted(canonical for canonical, _ in _METHODS.values())
