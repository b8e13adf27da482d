"""Esc on a secondary view (detail, grannsamverkan, statistics): back to the queue."""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget


class BackRequested(Message):
    """Posted by a view when the officer presses Esc on it; the panel shows the queue."""


class BackToQueue(Widget):
    """Mixin for the panel's secondary views: shows "Esc Tillbaka" in the footer while focused."""

    BINDINGS = [Binding("escape", "back", "Tillbaka", key_display="Esc", id="back")]

    def action_back(self) -> None:
        self.post_message(BackRequested())
