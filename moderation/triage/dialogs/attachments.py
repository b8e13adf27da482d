"""Pick an attachment to open or to save a copy of."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Button, OptionList
from textual.widgets.option_list import Option

from moderation.triage.dialogs.base import Dialog
from moderation.triage.i18n import Strings
from moderation.triage.safe import clean
from storage.detail import AttachmentView


@dataclass(frozen=True)
class AttachmentChoice:
    attachment_id: int
    purpose: str  # "open" or "save"


class AttachmentsDialog(Dialog[AttachmentChoice]):
    def __init__(self, strings: Strings, ref: str, attachments: Sequence[AttachmentView]) -> None:
        super().__init__(strings, strings("dlg.attachments.title", ref=ref))
        self.attachments = list(attachments)

    def body(self) -> ComposeResult:
        t = self.strings
        options = [
            Option(Text(f"{n}. {clean(a.kind, one_line=True)} {clean(a.mime_type or '?', one_line=True)} "
                        f"{t.size(a.size_bytes)} ({t('attachment.state.' + a.state)})"), id=str(a.id),
                   disabled=not a.stored)
            for n, a in enumerate(self.attachments, 1)
        ]
        option_list = OptionList(*options, id="attachments")
        option_list.styles.height = min(len(options) + 2, 10)
        yield option_list

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.cancel")), id="cancel")
        yield Button(Text(self.strings("dlg.attachments.save")), id="save")
        yield Button(Text(self.strings("dlg.attachments.open")), id="submit", variant="primary")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _chosen(self, purpose: str) -> AttachmentChoice | None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return None if option.disabled else AttachmentChoice(int(option.id or 0), purpose)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            if (choice := self._chosen("save")) is not None:
                self.dismiss(choice)
            return
        super().on_button_pressed(event)

    def result(self) -> AttachmentChoice | None:
        return self._chosen("open")
