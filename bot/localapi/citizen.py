"""The citizen side: act as Telegram users towards the bot.

Every action builds the update a real Telegram client would cause (same
fields, entities Telegram adds, e.g. ``bot_command`` for "/start payload"),
stores the message in the chat and queues the update, waking a waiting
getUpdates. Actions are coroutines so that callers never depend on whether
delivery is synchronous.

Mistakes in a test (pressing a button the message does not have, writing
more than a client can send) raise ``ValueError``/``LookupError`` at once
instead of producing an update Telegram could never deliver; ``forged=True``
and ``send_raw_update`` exist for deliberately hostile input.
"""

from __future__ import annotations

import time
from typing import Any

from .formatting import MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH
from .html_entities import detect_entities
from .markup import keyboard_texts
from .media import document_info, photo_sizes
from .state import BotApiState, Chat, LocalUser, StoredMessage

UserRef = LocalUser | int
ChatRef = Chat | int
# A stored message, a Message dict, a message_id in the user's private chat,
# or any object with chat_id and message_id attributes (e.g. telegram.Message).
MessageRef = StoredMessage | dict[str, Any] | int | Any

# Smallest valid files, so getFile/downloads work when a test does not care.
TINY_OGG = b"OggS\x00\x02" + bytes(22)
TINY_WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"


class CitizenActions:
    """Mixin for ``LocalBotApi``: needs ``self.state``."""

    state: BotApiState

    # --- people and chats -------------------------------------------------

    def add_user(
        self, first_name: str = "Anna", language_code: str | None = "sv", username: str | None = None,
        last_name: str | None = None,
    ) -> LocalUser:
        """A new Telegram user with a private chat (chat id == user id)."""
        return self.state.add_user(first_name, language_code, username, last_name)

    def add_group(self, title: str, *, supergroup: bool = False, username: str | None = None) -> Chat:
        """A group chat the bot is a member of."""
        return self.state.add_group(title, supergroup=supergroup, username=username)

    def add_channel(self, title: str, username: str | None = None) -> Chat:
        """A channel where the bot is an administrator (it receives channel_post updates)."""
        return self.state.add_channel(title, username)

    def block_bot(self, user: UserRef) -> None:
        """The user blocks the bot: sends fail with 403, a my_chat_member update is queued."""
        chat = self._private_chat(user)
        if not chat.bot_blocked:
            chat.bot_blocked = True
            self._member_update(self._user(user), chat, "member", "kicked")

    def unblock_bot(self, user: UserRef) -> None:
        chat = self._private_chat(user)
        if chat.bot_blocked:
            chat.bot_blocked = False
            self._member_update(self._user(user), chat, "kicked", "member")

    # --- messages from users ------------------------------------------

    async def send_text(
        self, user: UserRef, text: str, *, reply_to: MessageRef | None = None,
        entities: list[dict[str, Any]] | None = None, extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A private text message; returns the Message object the bot will receive."""
        _check_client_text(text, MAX_TEXT_LENGTH, allow_empty=False)
        content: dict[str, Any] = {"text": text}
        found = detect_entities(text, entities)
        if found:
            content["entities"] = found
        return self._from_user(user, content, reply_to=reply_to, extra=extra)

    async def send_photo(
        self, user: UserRef, data: bytes, caption: str | None = None, *, extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A photo (JPEG/PNG bytes) the bot can getFile and download."""
        stored = self.state.add_file(data, "photos", "jpg", "image/jpeg")
        content: dict[str, Any] = {"photo": photo_sizes(stored)}
        self._add_caption(content, caption)
        return self._from_user(user, content, extra=extra)

    async def send_document(
        self, user: UserRef, data: bytes, file_name: str = "document.pdf",
        mime_type: str = "application/pdf", caption: str | None = None, *, extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        extension = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        stored = self.state.add_file(data, "documents", extension, mime_type)
        content: dict[str, Any] = {"document": document_info(stored, file_name)}
        self._add_caption(content, caption)
        return self._from_user(user, content, extra=extra)

    async def send_location(
        self, user: UserRef, latitude: float, longitude: float, *, extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A shared location (the paperclip -> Location in a client)."""
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError(f"not a location on Earth: {latitude}, {longitude}")
        return self._from_user(user, {"location": {"latitude": latitude, "longitude": longitude}}, extra=extra)

    async def send_sticker(self, user: UserRef, emoji: str = "👍", *, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        stored = self.state.add_file(TINY_WEBP, "stickers", "webp", "image/webp")
        sticker = {
            "file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": emoji,
            "file_size": len(stored.data),
        }
        return self._from_user(user, {"sticker": sticker}, extra=extra)

    async def send_voice(
        self, user: UserRef, data: bytes = TINY_OGG, duration: int = 3, *, extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        stored = self.state.add_file(data, "voice", "oga", "audio/ogg")
        voice = {
            "file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "duration": duration,
            "mime_type": "audio/ogg", "file_size": len(data),
        }
        return self._from_user(user, {"voice": voice}, extra=extra)

    async def send_contact(
        self, user: UserRef, phone_number: str, first_name: str | None = None, *, own: bool = True,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A shared contact; ``own`` marks it as the sender's own number (request_contact)."""
        sender = self._user(user)
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name or sender.first_name}
        if own:
            contact["user_id"] = sender.id
        return self._from_user(user, {"contact": contact}, extra=extra)

    async def edit_text(self, user: UserRef, message_id: int, new_text: str) -> dict[str, Any]:
        """The user edits one of their text messages: an edited_message update."""
        _check_client_text(new_text, MAX_TEXT_LENGTH, allow_empty=False)
        chat = self._private_chat(user)
        message = chat.messages.get(message_id)
        if message is None or message.from_bot or message.deleted or "text" not in message.payload:
            raise LookupError(f"chat {chat.id} has no text message {message_id} from the user to edit")
        payload = {**message.payload, "text": new_text, "edit_date": int(time.time())}
        payload.pop("entities", None)
        found = detect_entities(new_text)
        if found:
            payload["entities"] = found
        message.payload = payload
        message.edits += 1
        message.edited_at = time.monotonic()
        self.state.push_update("edited_message", payload)
        return payload

    async def press_button(
        self, user: UserRef, message: MessageRef, callback_data: str | None = None, *,
        text: str | None = None, forged: bool = False,
    ) -> dict[str, Any]:
        """Tap an inline button (by callback_data or by its text): a callback_query update.

        Without ``forged`` the button must exist on the message as it is now,
        as with a real client. ``forged=True`` sends ``callback_data`` as given,
        for stale or tampered buttons. Returns the CallbackQuery object.
        """
        sender = self._user(user)
        chat, stored, message_id = self._resolve_message(sender, message)
        if forged:
            data = callback_data
        else:
            if stored is None or stored.deleted or not stored.from_bot:
                raise LookupError(f"no bot message {message_id} in chat {chat.id} to press a button on")
            button = stored.button(callback_data=callback_data) if callback_data is not None else None
            if button is None and text is not None:
                button = stored.button(text=text)
            if button is None or "callback_data" not in button:
                raise LookupError(
                    f"message {message_id} has no callback button {callback_data or text!r}; "
                    f"it has {stored.button_data!r}"
                )
            data = button["callback_data"]
        query = self.state.new_callback_query(sender.id, chat.id, message_id, data)
        callback: dict[str, Any] = {
            "id": query.id,
            "from": sender.to_api(),
            "chat_instance": str(abs(chat.id) * 31 + 7),
        }
        if stored is not None and not stored.deleted:
            callback["message"] = dict(stored.payload)
        else:  # InaccessibleMessage
            callback["message"] = {"chat": chat.to_api(), "message_id": message_id, "date": 0}
        if data is not None:
            callback["data"] = data
        self.state.push_update("callback_query", callback)
        return callback

    async def press_reply_button(self, user: UserRef, text: str) -> dict[str, Any]:
        """Tap a button of the custom (reply) keyboard the bot shows: sends its text."""
        chat = self._private_chat(user)
        rows = keyboard_texts(chat.reply_keyboard)
        if not any(text in row for row in rows):
            raise LookupError(f"chat {chat.id} shows no reply button {text!r}; it shows {rows!r}")
        if chat.reply_keyboard and chat.reply_keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None
        return await self.send_text(user, text)

    async def send_group_message(self, group: ChatRef, user: UserRef, text: str) -> dict[str, Any]:
        """A text message by ``user`` in a group the bot is in."""
        _check_client_text(text, MAX_TEXT_LENGTH, allow_empty=False)
        chat = self._chat(group)
        if chat.type not in ("group", "supergroup"):
            raise ValueError(f"chat {chat.id} is a {chat.type}, not a group")
        content: dict[str, Any] = {"text": text}
        found = detect_entities(text)
        if found:
            content["entities"] = found
        payload = self._new_message(chat, self._user(user).to_api(), content)
        self.state.push_update("message", payload)
        return payload

    async def channel_post(self, channel: ChatRef, text: str) -> dict[str, Any]:
        """A post in a channel where the bot is an administrator."""
        chat = self._chat(channel)
        if chat.type != "channel":
            raise ValueError(f"chat {chat.id} is a {chat.type}, not a channel")
        payload = {"message_id": chat.allocate_message_id(), "sender_chat": chat.to_api(),
                   "chat": chat.to_api(), "date": int(time.time()), "text": text}
        self.state.store_message(chat, payload, from_bot=False)
        self.state.push_update("channel_post", payload)
        return payload

    async def send_raw_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue any update as given (its update_id is replaced by the next one).

        Bypasses allowed_updates and all checks: for hostile and odd input.
        """
        return self.state.push_raw_update(update)

    # --- helpers ------------------------------------------------------------

    def _user(self, user: UserRef) -> LocalUser:
        found = self.state.users.get(user if isinstance(user, int) else user.id)
        if found is None:
            raise LookupError(f"unknown user {user!r}; create users with add_user()")
        return found

    def _private_chat(self, user: UserRef) -> Chat:
        return self.state.chats[self._user(user).id]

    def _chat(self, chat: ChatRef) -> Chat:
        found = self.state.chats.get(chat if isinstance(chat, int) else chat.id)
        if found is None:
            raise LookupError(f"unknown chat {chat!r}")
        return found

    def _resolve_message(self, user: LocalUser, message: MessageRef) -> tuple[Chat, StoredMessage | None, int]:
        if isinstance(message, StoredMessage):
            chat_id, message_id = message.chat_id, message.message_id
        elif isinstance(message, dict):
            chat_id, message_id = message["chat"]["id"], message["message_id"]
        elif isinstance(message, int):
            chat_id, message_id = user.id, message
        else:  # anything shaped like telegram.Message
            chat_id, message_id = message.chat_id, message.message_id
        chat = self._chat(chat_id)
        return chat, chat.messages.get(message_id), message_id

    def _new_message(self, chat: Chat, sender: dict[str, Any], content: dict[str, Any],
                     extra: dict[str, Any] | None = None) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "message_id": chat.allocate_message_id(), "from": sender, "chat": chat.to_api(),
            "date": int(time.time()), **content,
        }
        if extra:
            payload.update(extra)
        self.state.store_message(chat, payload, from_bot=False)
        return payload

    def _from_user(self, user: UserRef, content: dict[str, Any], *, reply_to: MessageRef | None = None,
                   extra: dict[str, Any] | None = None) -> dict[str, Any]:
        """Store a private message from the user and queue its update."""
        sender = self._user(user)
        chat = self.state.chats[sender.id]
        if chat.bot_blocked:  # writing to a blocked bot unblocks it, as in the apps
            self.unblock_bot(sender)
        chat.started = True
        if reply_to is not None:
            _, replied, replied_id = self._resolve_message(sender, reply_to)
            if replied is None:
                raise LookupError(f"no message {replied_id} in chat {chat.id} to reply to")
            content = {**content, "reply_to_message": {k: v for k, v in replied.payload.items()
                                                       if k != "reply_to_message"}}
        payload = self._new_message(chat, sender.to_api(), content, extra)
        self.state.push_update("message", payload)
        return payload

    @staticmethod
    def _add_caption(content: dict[str, Any], caption: str | None) -> None:
        if caption:
            _check_client_text(caption, MAX_CAPTION_LENGTH, allow_empty=True)
            content["caption"] = caption
            found = detect_entities(caption)
            if found:
                content["caption_entities"] = found

    def _member_update(self, user: LocalUser, chat: Chat, old: str, new: str) -> None:
        bot = self.state.bot_sender

        def member(status: str) -> dict[str, Any]:
            result: dict[str, Any] = {"user": bot, "status": status}
            if status == "kicked":
                result["until_date"] = 0
            return result

        self.state.push_update("my_chat_member", {
            "chat": chat.to_api(), "from": user.to_api(), "date": int(time.time()),
            "old_chat_member": member(old), "new_chat_member": member(new),
        })


def _check_client_text(text: str, limit: int, *, allow_empty: bool) -> None:
    """Telegram clients cannot send empty or over-long texts; fail the test early."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if not allow_empty and not text.strip():
        raise ValueError("Telegram clients do not send empty messages")
    if len(text) > limit:
        raise ValueError(
            f"Telegram clients cannot send more than {limit} characters in one message "
            f"(got {len(text)}); split it as the app would"
        )
