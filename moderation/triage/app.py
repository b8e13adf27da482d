"""``TriageApp``: the triage panel as a full-screen application (``trygg triage``)."""

from __future__ import annotations

import gc

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from moderation.triage.commands import TriageCommands
from moderation.triage.context import TriageContext
from moderation.triage.i18n import Strings
from moderation.triage.panel import TriagePanel


class TriageApp(App[None]):
    TITLE = "Trygg"
    COMMANDS = App.COMMANDS | {TriageCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Avsluta", show=False, priority=True)]

    def __init__(self, context: TriageContext, *, freeze_gc: bool = False) -> None:
        super().__init__()
        self.context = context
        self.freeze_gc = freeze_gc

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        yield TriagePanel(self.context, id="triage")
        yield Footer(show_command_palette=False)  # Ctrl+P is in the help; 80 columns are for the keys

    def on_mount(self) -> None:
        self._set_titles(self.context.lang)
        if self.freeze_gc:
            # In its own process, everything alive after the first frame (modules, CSS,
            # widgets) lives as long as the app: keep it out of the collector's walk, or each
            # full collection takes ~100 ms, a visible stutter while scrolling.
            self.call_after_refresh(gc.freeze)

    async def action_quit(self) -> None:
        await self.query_one(TriagePanel).finish_work()
        self.exit()

    def on_unmount(self) -> None:
        if self.freeze_gc:
            gc.unfreeze()

    def on_triage_panel_language_changed(self, event: TriagePanel.LanguageChanged) -> None:
        self._set_titles(event.lang)

    def _set_titles(self, lang: str) -> None:
        strings = Strings(lang)
        self.title = strings("app.title")
        self.sub_title = strings("app.officer", officer=self.context.officer)
