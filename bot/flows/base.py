"""The shape of a multi-step flow; its state is ``turn.step`` and ``turn.data`` (the Conversation row)."""

from __future__ import annotations

from typing import Any, Protocol

from bot.flows.inputs import Input
from bot.turn import Turn


class Flow(Protocol):
    name: str

    async def begin(self, turn: Turn, **preset: Any) -> None:
        """Start (or restart) the flow and ask the first question."""

    async def prompt(self, turn: Turn) -> None:
        """Ask the current step's question again."""

    async def handle(self, turn: Turn, answer: Input) -> None:
        """Take the citizen's answer to the current step."""
