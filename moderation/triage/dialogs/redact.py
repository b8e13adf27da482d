"""Redact a passage: select it in the visible text, give a reason."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from moderation.triage.dialogs.base import Dialog
from moderation.triage.i18n import Strings
from moderation.triage.safe import clean


@dataclass(frozen=True)
class RedactRequest:
    """Offsets in the visible text (map them with ``storage.detail.visible_to_original``)."""

    start: int
    end: int
    reason: str | None


class RedactDialog(Dialog[RedactRequest]):
    """The text is shown cleaned one character for one, so selection offsets match the stored text."""

    DEFAULT_CSS = """
    RedactDialog #redact-text { height: 10; }
    """

    def __init__(self, strings: Strings, ref: str, visible_text: str) -> None:
        super().__init__(strings, strings("dlg.redact.title", ref=ref))
        self.visible_text = visible_text

    def body(self) -> ComposeResult:
        yield self.hint(self.strings("dlg.redact.hint"))
        yield TextArea(clean(self.visible_text), read_only=True, soft_wrap=True, id="redact-text",
                       show_cursor=True)
        yield self.label(self.strings("dlg.redact.reason"))
        yield Input(id="reason", compact=True)

    def on_mount(self) -> None:
        self.query_one("#redact-text").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def result(self) -> RedactRequest | None:
        area = self.query_one("#redact-text", TextArea)
        start, end = sorted((area.document.get_index_from_location(area.selection.start),
                             area.document.get_index_from_location(area.selection.end)))
        if start == end:
            self.show_error(self.strings("dlg.redact.nothing"))
            area.focus()
            return None
        reason = self.query_one("#reason", Input).value.strip() or None
        return RedactRequest(start, end, reason)
