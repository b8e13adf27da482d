"""The citizen's side of the demo: a Telegram chat, talking to the local Bot API.

Everything the citizen does here goes through ``LocalBotApi``'s user actions
(``send_text``, ``press_button``, ``send_location``), so the real bot sees
exactly the updates a phone would produce. Bot messages are rendered from
Telegram's entities into Rich ``Text`` (never markup).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from bot.localapi import LocalBotApi
from bot.localapi.state import LocalUser, StoredMessage
from storage.profile import Place
from trygg.demo.render import message_text


class InlineButton(Button):
    """An inline keyboard button under a bot message."""

    def __init__(self, label: str, message: StoredMessage, button: dict[str, Any]) -> None:
        super().__init__(Content(label), compact=True, classes="inline")
        self.message = message
        self.button = button


class ReplyButton(Button):
    """A button of the custom keyboard the bot shows below the input."""

    def __init__(self, label: str) -> None:
        super().__init__(Content(label), compact=True, classes="reply")
        self.text = label


class PlacePicker(ModalScreen[Place | None]):
    """Stands in for Telegram's "share location": pick one of the profile's places."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Avbryt")]

    def __init__(self, places: list[Place]) -> None:
        super().__init__()
        self.places = places

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Label(Content("Dela plats (som en position i Telegram)"))
            yield OptionList(*[Option(Content(p.name), id=p.id) for p in self.places])

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(next(p for p in self.places if p.id == event.option.id))


class ChatEntry(Vertical):
    """One message in the chat: the bubble and, for bot messages, its inline keyboard."""

    def __init__(self, message: StoredMessage) -> None:
        super().__init__(classes="bot" if message.from_bot else "me")
        self.message = message
        self.edits = message.edits

    def compose(self) -> ComposeResult:
        yield Static(bubble_text(self.message), classes="bubble")
        for row in self.message.inline_keyboard:
            with Horizontal(classes="keyboard"):
                for button in row:
                    yield InlineButton(button.get("text", "?"), self.message, button)


def bubble_text(message: StoredMessage) -> Text:
    if message.kind == "location":
        return Text("📍 plats delad")
    if message.kind == "photo" and not message.text:
        return Text("🖼 foto")
    return message_text(message.text or f"[{message.kind}]", message.entities)


class PhoneView(Vertical):
    """A phone showing one citizen's chat with the bot; F2 switches citizen (language)."""

    DEFAULT_CSS = """
    PhoneView { border: round $accent; width: 1fr; }
    PhoneView #phone-title { background: $accent; color: $text; width: 1fr; padding: 0 1; }
    PhoneView #chat { height: 1fr; }
    PhoneView ChatEntry { height: auto; margin: 0 0 1 0; }
    PhoneView ChatEntry.me { align-horizontal: right; }
    PhoneView .bubble { width: auto; max-width: 90%; padding: 0 1; }
    PhoneView ChatEntry.bot .bubble { background: $panel; }
    PhoneView ChatEntry.me .bubble { background: $primary-darken-2; }
    PhoneView .keyboard { height: auto; }
    PhoneView Button.inline { margin: 0 1 0 0; }
    PhoneView #reply-keyboard { height: auto; }
    PhoneView #compose { height: auto; }
    PhoneView #say { width: 1fr; }
    PhoneView #share { width: 6; min-width: 6; }
    """

    BINDINGS = [
        Binding("f2", "switch_citizen", "Byt medborgare/språk"),
        Binding("f3", "share_place", "Dela plats"),
    ]

    class Sent(Message):
        """The citizen sent something (the demo uses it to focus and log)."""

    class ChatChanged(Message):
        """The bot sent, edited or deleted a message (posted from the Bot API's task)."""

    def __init__(self, api: LocalBotApi, citizens: list[LocalUser], places: list[Place], **kw: Any) -> None:
        super().__init__(**kw)
        self.api = api
        self.citizens = citizens
        self.places = places
        self.current = 0
        self._entries: dict[int, ChatEntry] = {}
        self._unsubscribe = None

    @property
    def citizen(self) -> LocalUser:
        return self.citizens[self.current]

    def compose(self) -> ComposeResult:
        yield Label(self._title(), id="phone-title")
        yield VerticalScroll(id="chat")
        yield Horizontal(id="reply-keyboard")
        with Horizontal(id="compose"):
            yield Input(placeholder="Skriv ett meddelande… (/start)", id="say")
            yield Button(Content("📍"), id="share", compact=True)

    def _title(self) -> Content:
        who = self.citizen
        return Content(f"📱 {who.first_name} · Telegram-språk {who.language_code} · F2 byt · F3 plats")

    def on_mount(self) -> None:
        # The listener runs in the Bot API server's task, outside Textual's context:
        # post a message rather than touching widgets from there.
        self._unsubscribe = self.api.on_bot_message(lambda _event, _message: self.post_message(self.ChatChanged()))
        self.sync()

    @on(ChatChanged)
    def chat_changed(self) -> None:
        self.sync()

    def on_unmount(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()

    def sync(self) -> None:
        """Bring the chat view in line with the local Bot API's chat history."""
        chat = self.query_one("#chat", VerticalScroll)
        history = self.api.history(self.citizen.chat_id)
        alive = {m.message_id for m in history}
        for message_id in [i for i in self._entries if i not in alive]:
            self._entries.pop(message_id).remove()
        added = False
        for message in history:
            entry = self._entries.get(message.message_id)
            if entry is not None and entry.edits == message.edits:
                continue
            fresh = ChatEntry(message)
            if entry is None:
                chat.mount(fresh)
                added = True
            else:
                chat.mount(fresh, after=entry)
                entry.remove()
            self._entries[message.message_id] = fresh
        if added:
            chat.scroll_end(animate=False)
        self._sync_reply_keyboard()

    def _sync_reply_keyboard(self) -> None:
        bar = self.query_one("#reply-keyboard", Horizontal)
        bar.remove_children()
        markup = self.api.reply_keyboard(self.citizen.chat_id) or {}
        for row in markup.get("keyboard", []):
            for button in row:
                label = button if isinstance(button, str) else button.get("text", "")
                bar.mount(ReplyButton(label))

    @on(Input.Submitted, "#say")
    def typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        event.input.value = ""
        if text:
            self.send_text(text)

    @work(group="phone")
    async def send_text(self, text: str) -> None:
        await self.api.send_text(self.citizen, text)
        self.sync()
        self.post_message(self.Sent())

    @on(InlineButton.Pressed)
    async def inline_pressed(self, event: Button.Pressed) -> None:
        button = event.button
        assert isinstance(button, InlineButton)
        if "callback_data" in button.button:
            await self.api.press_button(self.citizen, button.message, button.button["callback_data"])
        elif "url" in button.button:
            self.notify(Content(f"Länk: {button.button['url']}"), markup=False)

    @on(ReplyButton.Pressed)
    async def reply_pressed(self, event: Button.Pressed) -> None:
        button = event.button
        assert isinstance(button, ReplyButton)
        await self.api.press_reply_button(self.citizen, button.text)
        self.sync()

    @on(Button.Pressed, "#share")
    def share_pressed(self) -> None:
        self.action_share_place()

    def action_share_place(self) -> None:
        self.app.push_screen(PlacePicker(self.places), self._share)

    def _share(self, place: Place | None) -> None:
        if place is not None:
            self.share_location(place)

    @work(group="phone")
    async def share_location(self, place: Place) -> None:
        await self.api.send_location(self.citizen, place.lat, place.lon)
        self.sync()

    def action_switch_citizen(self) -> None:
        self.current = (self.current + 1) % len(self.citizens)
        self.query_one("#phone-title", Label).update(self._title())
        self.query_one("#chat", VerticalScroll).remove_children()
        self._entries.clear()
        self.sync()
