"""The demo screen: a citizen's phone on the left, the officers' console on the right."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header

from bot.localapi import LocalBotApi
from bot.localapi.state import LocalUser
from moderation.triage import TriageContext
from moderation.triage.commands import TriageCommands
from moderation.triage.panel import TriagePanel
from trygg.demo.phone import PhoneView


class DemoApp(App[None]):
    """Everything real: the bot talks HTTP to the local Bot API, the console reads the database."""

    TITLE = "Trygg demo"
    COMMANDS = App.COMMANDS | {TriageCommands}
    SUB_TITLE = "medborgarens telefon  ·  polisens konsol"
    CSS = """
    #split { height: 1fr; }
    PhoneView { width: 44; min-width: 36; }
    TriagePanel { width: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+c", "quit", "Avsluta", priority=True),
        Binding("q", "quit", "Avsluta"),
        Binding("f6", "focus_other", "Byt sida"),
    ]

    def __init__(self, api: LocalBotApi, citizens: list[LocalUser], context: TriageContext) -> None:
        super().__init__()
        self.api = api
        self.citizens = citizens
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with Horizontal(id="split"):
            yield PhoneView(self.api, self.citizens, list(self.context.profile.places), id="phone")
            yield TriagePanel(self.context, id="triage")
        yield Footer(show_command_palette=False)

    async def action_quit(self) -> None:
        await self.query_one(TriagePanel).finish_work()  # see TriagePanel.finish_work
        self.exit()

    def on_mount(self) -> None:
        self.query_one("#say").focus()

    def action_focus_other(self) -> None:
        phone = self.query_one(PhoneView)
        if self.focused is not None and phone in self.focused.ancestors_with_self:
            self.query_one(TriagePanel).queue_list.focus()
        else:
            self.query_one("#say").focus()
