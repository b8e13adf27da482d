"""The in-memory Telegram behind the local Bot API: users, chats, messages, updates.

One ``BotApiState`` is one bot's view of Telegram. The HTTP side
(``methods.py``) changes it as the bot calls methods; the citizen side
(``citizen.py``) changes it as simulated users act; tests and the demo observe
it. Everything runs on one event loop, so there are no locks: waiting is done
with futures that state changes resolve, never with sleeping loops.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
import logging
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

_log = logging.getLogger(__name__)

BotMessageEvent = Literal["sent", "edited", "deleted"]
BotMessageListener = Callable[[BotMessageEvent, "StoredMessage"], Any]

# getUpdates' default when allowed_updates is [] or was never given.
DEFAULT_ALLOWED_UPDATES = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post",
        "business_connection", "business_message", "edited_business_message",
        "deleted_business_messages", "inline_query", "chosen_inline_result",
        "callback_query", "shipping_query", "pre_checkout_query", "purchased_paid_media",
        "poll", "poll_answer", "my_chat_member", "chat_join_request", "chat_boost",
        "removed_chat_boost",
    }
)
FIRST_UPDATE_ID = 100_000_001  # far from 0, so offset/index mix-ups show
FIRST_USER_ID = 5_000_000_001
FIRST_GROUP_ID = -4_000_000_001
FIRST_CHANNEL_ID = -1_002_000_000_001


@dataclass(frozen=True)
class LocalUser:
    """A simulated Telegram user; their private chat with the bot has the same id."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None

    @property
    def chat_id(self) -> int:
        return self.id

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``User`` object."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            user["last_name"] = self.last_name
        if self.username:
            user["username"] = self.username
        if self.language_code:
            user["language_code"] = self.language_code
        return user


@dataclass
class StoredMessage:
    """A message in a chat, as the bot would see it now (after edits).

    ``payload`` is the Bot API ``Message`` object. For bot messages the fields
    around it record what the bot sent (``raw_text`` before entity parsing,
    ``parse_mode``, ``reply_markup`` of any kind) and how it was delivered:
    ``seq`` is the global delivery order across all chats, ``edits`` counts
    successful edits, and ``client_saw_error`` is set when the message was
    recorded but the connection was dropped before the bot saw the answer.
    """

    chat_id: int
    message_id: int
    from_bot: bool
    payload: dict[str, Any]
    seq: int
    sent_at: float
    raw_text: str | None = None
    parse_mode: str | None = None
    reply_markup: dict[str, Any] | None = None
    edits: int = 0
    edited_at: float | None = None
    deleted: bool = False
    client_saw_error: bool = False

    @property
    def text(self) -> str | None:
        """Plain text (or caption) as Telegram shows it, after entity parsing."""
        payload = self.payload
        return payload.get("text", payload.get("caption"))

    @property
    def entities(self) -> list[dict[str, Any]]:
        return self.payload.get("entities") or self.payload.get("caption_entities") or []

    @property
    def kind(self) -> str:
        """'text', 'photo', 'document', 'location', ... : the message's content field."""
        for kind in ("text", "photo", "document", "location", "sticker", "voice", "contact", "video"):
            if kind in self.payload:
                return kind
        return "other"

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]]:
        markup = self.payload.get("reply_markup") or {}
        return markup.get("inline_keyboard") or []

    @property
    def button_data(self) -> list[str]:
        """callback_data of every inline button, row by row."""
        return [b["callback_data"] for row in self.inline_keyboard for b in row if "callback_data" in b]

    def button(self, *, text: str | None = None, callback_data: str | None = None) -> dict[str, Any] | None:
        """The inline button with this text or callback_data, if present."""
        for row in self.inline_keyboard:
            for button in row:
                if text is not None and button.get("text") == text:
                    return button
                if callback_data is not None and button.get("callback_data") == callback_data:
                    return button
        return None


@dataclass
class Chat:
    """A chat the bot can see. ``messages`` holds both sides, by message_id."""

    id: int
    type: str  # "private", "group", "supergroup" or "channel"
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    started: bool = False  # private chat: the user has written to the bot
    bot_blocked: bool = False  # private chat: the user blocked the bot
    reply_keyboard: dict[str, Any] | None = None  # the custom keyboard shown now
    menu_button: dict[str, Any] | None = None
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    bot_message_count: int = 0  # kept so waiting on it is O(1) per change
    next_message_id: int = 1
    _api: dict[str, Any] | None = field(default=None, repr=False)

    def to_api(self) -> dict[str, Any]:
        """The Bot API ``Chat`` object (cached; chats do not change)."""
        if self._api is None:
            chat: dict[str, Any] = {"id": self.id, "type": self.type}
            for key in ("title", "username", "first_name", "last_name"):
                value = getattr(self, key)
                if value:
                    chat[key] = value
            self._api = chat
        return self._api

    def allocate_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass
class StoredFile:
    """A file getFile can describe and /file/bot<token>/<path> can serve."""

    file_id: str
    file_unique_id: str
    file_path: str
    data: bytes
    mime_type: str | None = None

    def to_api(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class CallbackQuery:
    """A button press sent to the bot, and how (and how fast) it was answered."""

    id: str
    user_id: int
    chat_id: int | None
    message_id: int | None
    data: str | None
    created_at: float
    answered: bool = False
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0
    answered_after: float | None = None  # seconds from the press to the answer


@dataclass(frozen=True)
class UpdateBatchResult:
    """Why a getUpdates long poll ended."""

    reason: Literal["update", "timeout", "conflict", "closed"]


class BotApiState:
    """Everything one bot can see on the local Telegram."""

    def __init__(self, bot_id: int, bot_first_name: str, bot_username: str) -> None:
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        # The bot as the "from" of its messages (getMe has more fields).
        self.bot_sender: dict[str, Any] = {
            "id": bot_id, "is_bot": True, "first_name": bot_first_name, "username": bot_username,
        }
        self.users: dict[int, LocalUser] = {}
        self.chats: dict[int, Chat] = {}
        self._chats_by_username: dict[str, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.answered_callbacks: list[CallbackQuery] = []
        # (scope, language_code) -> commands; scope is "default",
        # "all_private_chats", "chat:<id>", "chat_member:<chat>:<user>", ...
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.default_menu_button: dict[str, Any] = {"type": "commands"}
        self.profile_texts: dict[tuple[str, str], str] = {}  # (field, language) -> setMyName & co.
        self.chat_actions: list[tuple[int, str]] = []
        self.method_calls: Counter[str] = Counter()
        self.webhook_url = ""

        self._updates: deque[dict[str, Any]] = deque()
        self._next_update_id = FIRST_UPDATE_ID
        self.updates_confirmed_upto = 0  # getUpdates offset: every update below it is gone
        self.allowed_updates: frozenset[str] = DEFAULT_ALLOWED_UPDATES
        self._poll_waiter: asyncio.Future[UpdateBatchResult] | None = None

        self._waiters: list[tuple[Callable[[], bool], asyncio.Future[None]]] = []
        self._listeners: list[BotMessageListener] = []
        self._seq = itertools.count(1)
        self._user_ids = itertools.count(FIRST_USER_ID)
        self._group_ids = itertools.count(FIRST_GROUP_ID, -1)
        self._channel_ids = itertools.count(FIRST_CHANNEL_ID, -1)
        self._file_numbers = itertools.count(1)
        self._callback_numbers = itertools.count(1)
        self.closed = False

    # --- users and chats ------------------------------------------------

    def add_user(
        self, first_name: str, language_code: str | None = "sv", username: str | None = None,
        last_name: str | None = None,
    ) -> LocalUser:
        user = LocalUser(next(self._user_ids), first_name, last_name, username, language_code)
        self.users[user.id] = user
        self._add_chat(Chat(user.id, "private", username=username, first_name=first_name, last_name=last_name))
        return user

    def add_group(self, title: str, *, supergroup: bool = False, username: str | None = None) -> Chat:
        chat_id = next(self._channel_ids) if supergroup else next(self._group_ids)
        return self._add_chat(Chat(chat_id, "supergroup" if supergroup else "group", title=title, username=username))

    def add_channel(self, title: str, username: str | None = None) -> Chat:
        return self._add_chat(Chat(next(self._channel_ids), "channel", title=title, username=username))

    def _add_chat(self, chat: Chat) -> Chat:
        self.chats[chat.id] = chat
        if chat.username and chat.type != "private":  # bots cannot address users by @username
            self._chats_by_username[chat.username.lower()] = chat
        return chat

    def find_chat(self, chat_ref: int | str) -> Chat | None:
        """A chat by id or "@username"."""
        if isinstance(chat_ref, str):
            return self._chats_by_username.get(chat_ref.lstrip("@").lower())
        return self.chats.get(chat_ref)

    # --- messages -----------------------------------------------------------

    def store_message(self, chat: Chat, payload: dict[str, Any], *, from_bot: bool, **fields: Any) -> StoredMessage:
        """Record a message whose payload already has its message_id."""
        message = StoredMessage(
            chat_id=chat.id,
            message_id=payload["message_id"],
            from_bot=from_bot,
            payload=payload,
            seq=next(self._seq),
            sent_at=time.monotonic(),
            **fields,
        )
        chat.messages[message.message_id] = message
        if from_bot:
            chat.bot_message_count += 1
            self.emit("sent", message)
        return message

    def messages_to(self, chat_id: int) -> list[StoredMessage]:
        """Every message the bot sent to the chat, in order (deleted ones flagged)."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [m for m in chat.messages.values() if m.from_bot]

    def history(self, chat_id: int) -> list[StoredMessage]:
        """Both sides of the chat in order, without deleted messages."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [m for m in chat.messages.values() if not m.deleted]

    def on_bot_message(self, listener: BotMessageListener) -> Callable[[], None]:
        """Call ``listener(event, message)`` when the bot sends, edits or deletes.

        It runs synchronously inside the request that caused it, so it must be
        quick; if it returns an awaitable, that is scheduled as a task. Returns
        a function that unsubscribes.
        """
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: BotMessageEvent, message: StoredMessage) -> None:
        for listener in tuple(self._listeners):
            try:
                result = listener(event, message)
                if inspect.isawaitable(result):
                    asyncio.ensure_future(result)
            except Exception:  # a broken observer must not break the bot's request
                _log.exception("bot message listener %r failed", listener)
        self.changed()

    # --- files ----------------------------------------------------------

    def add_file(self, data: bytes, folder: str, extension: str, mime_type: str | None = None) -> StoredFile:
        number = next(self._file_numbers)
        stored = StoredFile(
            file_id=f"LocAgAD{number:07d}{folder[:3]}",
            file_unique_id=f"LocU{number:07d}",
            file_path=f"{folder}/file_{number}.{extension}",
            data=data,
            mime_type=mime_type,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    # --- callback queries -----------------------------------------------

    def new_callback_query(self, user_id: int, chat_id: int | None, message_id: int | None,
                           data: str | None) -> CallbackQuery:
        query = CallbackQuery(
            id=str(4_300_000_000_000_000 + next(self._callback_numbers)),
            user_id=user_id, chat_id=chat_id, message_id=message_id, data=data,
            created_at=time.monotonic(),
        )
        self.callback_queries[query.id] = query
        return query

    # --- updates and long polling -----------------------------------------

    def push_update(self, kind: str, content: dict[str, Any], *, force: bool = False) -> dict[str, Any] | None:
        """Queue an update of ``kind`` (e.g. "message") and wake a waiting getUpdates.

        Updates of kinds the bot did not ask for in allowed_updates are
        dropped, as Telegram does, unless ``force`` (raw hostile updates).
        """
        if not force and kind not in self.allowed_updates:
            return None
        return self.push_raw_update({kind: content})

    def push_raw_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update as given, with the next update_id (always increasing)."""
        update = {**update, "update_id": self._next_update_id}
        self._next_update_id += 1
        self._updates.append(update)
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(UpdateBatchResult("update"))
        return update

    @property
    def last_update_id(self) -> int | None:
        return self._next_update_id - 1 if self._next_update_id > FIRST_UPDATE_ID else None

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot."""
        return list(self._updates)

    def confirm_updates(self, offset: int) -> None:
        """getUpdates' offset: forget updates below it; negative keeps the last -offset."""
        updates = self._updates
        if offset < 0:
            keep = -offset
            while len(updates) > keep:
                updates.popleft()
            if updates:
                offset = updates[0]["update_id"]
            else:
                offset = self._next_update_id
        else:
            while updates and updates[0]["update_id"] < offset:
                updates.popleft()
        if offset > self.updates_confirmed_upto:
            self.updates_confirmed_upto = offset
            self.changed()

    def take_updates(self, limit: int) -> list[dict[str, Any]]:
        """Up to ``limit`` unconfirmed updates, oldest first (they stay queued)."""
        if len(self._updates) <= limit:
            return list(self._updates)
        return list(itertools.islice(self._updates, limit))

    @property
    def long_poll_waiting(self) -> bool:
        """A getUpdates with a timeout is waiting for updates right now."""
        return self._poll_waiter is not None and not self._poll_waiter.done()

    def supersede_poll(self) -> None:
        """A new getUpdates ends a waiting one with 409, as Telegram does."""
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(UpdateBatchResult("conflict"))

    async def wait_for_update(self, timeout: float) -> UpdateBatchResult:
        """Wait until an update arrives, the poll is superseded or times out."""
        if self.closed:
            return UpdateBatchResult("closed")
        waiter: asyncio.Future[UpdateBatchResult] = asyncio.get_running_loop().create_future()
        self._poll_waiter = waiter
        self.changed()
        try:
            return await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            return UpdateBatchResult("timeout")
        finally:
            if self._poll_waiter is waiter:
                self._poll_waiter = None

    # --- observation --------------------------------------------------

    def changed(self) -> None:
        """Re-check wait_until() predicates after any observable change."""
        if not self._waiters:
            return
        for predicate, future in tuple(self._waiters):
            if future.done():
                continue
            try:
                if predicate():
                    future.set_result(None)
            except Exception as exc:  # surface a broken predicate to its waiter
                future.set_exception(exc)

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0,
                         description: str | Callable[[], str] = "condition") -> None:
        """Wait until ``predicate()`` is true; TimeoutError says what was awaited."""
        if predicate():
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        entry = (predicate, future)
        self._waiters.append(entry)
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            what = description() if callable(description) else description
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}") from None
        finally:
            self._waiters.remove(entry)

    async def wait_for_messages(self, chat_id: int, count: int, timeout: float = 5.0) -> list[StoredMessage]:
        """Wait until the bot has sent at least ``count`` messages to the chat."""

        def describe() -> str:
            got = [m.text for m in self.messages_to(chat_id)]
            return f"{count} bot message(s) in chat {chat_id}; got {len(got)}: {got!r}"

        def enough() -> bool:
            chat = self.chats.get(chat_id)
            return chat is not None and chat.bot_message_count >= count

        await self.wait_until(enough, timeout, describe)
        return self.messages_to(chat_id)

    def close(self) -> None:
        """End waiting long polls so the server can stop at once."""
        self.closed = True
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(UpdateBatchResult("closed"))

    def all_messages(self) -> Iterable[StoredMessage]:
        for chat in self.chats.values():
            yield from chat.messages.values()
