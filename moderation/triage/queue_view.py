"""The queue screen's widgets: a summary line, the search field and the virtual list."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from moderation.triage.i18n import Strings
from moderation.triage.queue_list import QueueList
from moderation.triage.safe import clean


class QueueView(Vertical):
    """Owns no data: the triage panel fills it and listens to its messages."""

    DEFAULT_CSS = """
    QueueView { height: 1fr; }
    QueueView > #queue-summary { height: 1; padding: 0 1; background: $boost; }
    QueueView > #queue-search { height: 1; margin: 0 0; }
    """

    class SearchSubmitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def __init__(self, queue_list: QueueList, strings: Strings, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queue_list = queue_list
        self.strings = strings

    def compose(self) -> ComposeResult:
        yield Static(id="queue-summary", markup=False)
        yield Input(placeholder=self.strings("search.placeholder"), compact=True, id="queue-search")
        yield self.queue_list

    @property
    def search_input(self) -> Input:
        return self.query_one("#queue-search", Input)

    def set_summary(self, count: int, counted: bool, view: str, filters: str, query: str) -> None:
        shown = f"{count:,}".replace(",", "\u202f") + ("" if counted else "+")
        line = Text(self.strings("queue.summary", count=shown, view=view))
        if filters:
            line.append(self.strings("queue.filters", filters=filters))
        if query:
            line.append(self.strings("queue.search"))
            line.append(clean(query, one_line=True), style="bold")
        self.query_one("#queue-summary", Static).update(line)

    def relabel(self, strings: Strings) -> None:
        self.strings = strings
        self.search_input.placeholder = strings("search.placeholder")

    def focus_search(self) -> None:
        self.search_input.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.SearchSubmitted(event.value.strip()))
        self.queue_list.focus()
