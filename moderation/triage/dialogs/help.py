"""``?``: every key of the console, grouped, in the officer's language."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Static

from moderation.triage.dialogs.base import Dialog
from moderation.triage.i18n import Strings


class HelpDialog(Dialog[bool]):
    BINDINGS = [Binding("question_mark", "cancel", show=False)]
    DEFAULT_CSS = """
    HelpDialog #help-scroll { height: auto; max-height: 80vh; }
    """

    def __init__(self, strings: Strings, sections: Sequence[tuple[str, Sequence[tuple[str, str]]]], legend: str) -> None:
        super().__init__(strings, strings("help.title"))
        self.sections = sections
        self.legend = legend

    def body(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll", can_focus=True):
            for title, keys in self.sections:
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold", no_wrap=True, min_width=12)
                table.add_column()
                for key, description in keys:
                    table.add_row(Text(key), Text(description))
                yield Static(Text(title, style="bold underline"), classes="field-label")
                yield Static(table)
            yield Static(Text(self.legend), classes="dialog-hint")
        yield self.hint(self.strings("help.close"))

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.ok")), id="cancel", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
