"""The dialog base class and the small general dialogs (choice, text, message, conflict)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from moderation.triage.i18n import Strings

T = TypeVar("T")


class Dialog(ModalScreen[T], Generic[T]):
    """A centred box that fits 80×24: a title, the body, an error line and buttons.

    Esc cancels (dismisses with None); Ctrl+S submits. Subclasses implement
    ``body()`` and ``result()``; ``result`` returns None to stay open (after
    calling ``show_error``).
    """

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    Dialog #dialog-title { text-style: bold; width: 100%; }
    Dialog .dialog-hint { color: $text-muted; width: 100%; }
    Dialog #dialog-error { color: $error; width: 100%; height: auto; display: none; }
    Dialog #dialog-error.-shown { display: block; }
    Dialog #dialog-buttons { height: auto; width: 100%; align-horizontal: right; }
    Dialog #dialog-buttons Button { margin-left: 1; }
    Dialog .field-label { margin-top: 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", show=False),
        Binding("ctrl+s", "submit", "Spara", show=False),
    ]
    submit_key = "dlg.save"

    def __init__(self, strings: Strings, title: str) -> None:
        super().__init__()
        self.strings = strings
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Text(self.title_text), id="dialog-title")
            yield from self.body()
            yield Static(id="dialog-error", markup=False)
            with Horizontal(id="dialog-buttons"):
                yield from self.buttons()

    def body(self) -> ComposeResult:
        yield from ()

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.cancel")), id="cancel")
        yield Button(Text(self.strings(self.submit_key)), id="submit", variant="primary")

    def hint(self, text: str) -> Static:
        return Static(Text(text), classes="dialog-hint")

    def label(self, text: str) -> Static:
        return Static(Text(text), classes="field-label")

    def show_error(self, message: str) -> None:
        error = self.query_one("#dialog-error", Static)
        error.update(Text(message))
        error.add_class("-shown")

    def result(self) -> T | None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        value = self.result()
        if value is not None:
            self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel":
            self.action_cancel()
        elif event.button.id == "submit":
            self.action_submit()


class ChoiceDialog(Dialog[T]):
    """Pick one value from a short list (status, priority); Enter picks."""

    def __init__(self, strings: Strings, title: str, choices: Sequence[tuple[T, str]], current: T | None = None) -> None:
        super().__init__(strings, title)
        self.choices = list(choices)
        self.current = current

    def body(self) -> ComposeResult:
        options = [Option(Text(label), id=str(number)) for number, (_, label) in enumerate(self.choices)]
        option_list = OptionList(*options, id="choices")
        option_list.styles.height = min(len(options) + 2, 12)
        yield option_list

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.cancel")), id="cancel")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        values = [value for value, _ in self.choices]
        option_list.highlighted = values.index(self.current) if self.current in values else 0
        option_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[int(event.option.id or 0)][0])

    def result(self) -> T | None:
        option_list = self.query_one(OptionList)
        return self.choices[option_list.highlighted][0] if option_list.highlighted is not None else None


class TextDialog(Dialog[str]):
    """Ask for a text: one line (Enter submits) or several (Ctrl+S submits)."""

    def __init__(
        self, strings: Strings, title: str, *, hint: str = "", multiline: bool = False, initial: str = "",
        placeholder: str = "", required: bool = True, validate: Callable[[str], str | None] | None = None,
        submit_key: str = "dlg.save",
    ) -> None:
        super().__init__(strings, title)
        self.hint_text = hint
        self.multiline = multiline
        self.initial = initial
        self.placeholder = placeholder
        self.required = required
        self.validate = validate
        self.submit_key = submit_key

    def body(self) -> ComposeResult:
        if self.hint_text:
            yield self.hint(self.hint_text)
        if self.multiline:
            area = TextArea(self.initial, soft_wrap=True, id="dialog-text", show_line_numbers=False)
            area.styles.height = 8
            yield area
            yield self.hint(self.strings("dlg.keys"))
        else:
            yield Input(self.initial, placeholder=self.placeholder, id="dialog-text")

    def on_mount(self) -> None:
        self.query_one("#dialog-text").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @property
    def value(self) -> str:
        widget = self.query_one("#dialog-text")
        return (widget.text if isinstance(widget, TextArea) else widget.value).strip()  # type: ignore[attr-defined]

    def result(self) -> str | None:
        value = self.value
        if self.required and not value:
            self.show_error(self.hint_text or self.title_text)
            return None
        problem = self.validate(value) if self.validate else None
        if problem:
            self.show_error(problem)
            return None
        return value


class MessageDialog(Dialog[bool]):
    """Show a text (the original of a redacted submission, an identity); Esc or OK closes."""

    def __init__(self, strings: Strings, title: str, body: Text) -> None:
        super().__init__(strings, title)
        self.body_text = body

    def body(self) -> ComposeResult:
        with VerticalScroll(id="message-scroll") as scroll:
            scroll.styles.height = "auto"
            scroll.styles.max_height = 16
            yield Static(self.body_text, markup=False)

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.ok")), id="submit", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#submit").focus()

    def result(self) -> bool | None:
        return True


class ConflictDialog(Dialog[bool]):
    """Someone saved first: who changed what and when; the only way on is to reload."""

    def __init__(self, strings: Strings, ref: str, changes: Sequence[Text]) -> None:
        super().__init__(strings, strings("dlg.conflict.title"))
        self.ref = ref
        self.changes = list(changes)

    def body(self) -> ComposeResult:
        yield Static(Text(self.strings("dlg.conflict.body", ref=self.ref)), markup=False)
        with VerticalScroll(id="conflict-changes") as scroll:
            scroll.styles.height = "auto"
            scroll.styles.max_height = 12
            for change in self.changes:
                yield Static(change, markup=False)

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.conflict.reload")), id="submit", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#submit").focus()

    def result(self) -> bool | None:
        return True

    def action_cancel(self) -> None:
        self.dismiss(True)  # closing is reloading: the stale version must not be edited again


