"""A citizen's turn: one update from a private chat, in its transaction.

Built by the first handler group for every private-chat update (see
``handlers/guard.py``): the citizen (registered or refreshed), their
conversation state, the language to answer in, and ``say`` — which queues
the answer in the outbox in this same transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import CallbackQuery, Update, User

from bot.context import UnitOfWork
from bot.outbox.split import split_html
from bot.outbox.store import queue_replies
from bot.services import Labels, Services
from bot.texts import Html, clean
from storage.clock import utcnow
from storage.models import Citizen, Conversation
from storage.usecases.intake import (
    TelegramIdentity,
    citizens_by_user_id,
    outbox_row,
    refresh_citizen,
    register_citizens,
    upsert_citizen,
)

_log = logging.getLogger("trygg.bot")
# Languages the bot answers in English (it reads them; no translation of its own yet).
ENGLISH_FOR = ("en", "no", "nb", "nn", "da", "de")
# A reply's inline keyboard as the Bot API's JSON (``reply_markup``), the form the outbox stores (bot.keyboards).
Button = dict[str, str]
InlineKeyboard = dict[str, list[list[Button]]]


def ui_language(language_code: str | None, offered: tuple[str, ...]) -> str:
    code = (language_code or "").lower().split("-")[0]
    if code in offered and code in ("sv", "en"):
        return code
    return "en" if code in ENGLISH_FOR and "en" in offered else "sv"


@dataclass
class Turn:
    unit: UnitOfWork
    services: Services
    citizen: Citizen
    chat_id: int
    conversation: Conversation | None
    now: dt.datetime
    quiet: bool = False  # over the rate limit: store, do not answer
    said: int = field(default=0)

    @property
    def session(self) -> AsyncSession:
        return self.unit.session

    @property
    def lang(self) -> str:
        return self.citizen.language if self.citizen.language in ("sv", "en") else "sv"

    def t(self, key: str, **params: Any) -> Html:
        return self.services.texts(self.lang, key, **params)

    def classify(self, text: str) -> Labels:
        return self.services.classifier.classify(text, self.lang)

    # --- answers --------------------------------------------------------------

    async def say(
        self, text: str, keyboard: InlineKeyboard | None = None, *, urgent: bool = False,
        kind: str = "reply", submission_id: int | None = None,
    ) -> None:
        """Queue an answer (Telegram HTML); written to the outbox at the end of the round, in this transaction.

        The dedup key makes a re-run idempotent."""
        if self.quiet and not urgent:
            return
        parts = split_html(text)
        for number, part in enumerate(parts, start=1):
            self.said += 1
            self.unit.replies.append(outbox_row(
                self.chat_id, part, kind, self.citizen.id, submission_id,
                keyboard if number == len(parts) else None,
                f"u{self.unit.update_id}:{self.said}", None, self.now,
            ))

    async def write_replies(self) -> None:
        """Write the answers said so far to the outbox now, unclaimed: before this transaction acts on the
        citizen's outbox rows (an erasure cancels and blanks them)."""
        await queue_replies(self.session, self.unit.replies, lease=None)
        self.unit.replies = []
        self.unit.outbox_written = True

    def answer_button(self, query: CallbackQuery, text: str | None = None) -> None:
        """Answer the button press right after the commit (not through the outbox: it must be prompt)."""

        async def answer() -> None:
            try:
                await query.answer(text=text)
            except Exception as exc:  # an old query (> 15 min) cannot be answered; nothing is lost
                _log.info("could not answer callback query: %s", exc)

        self.unit.after_commit.append(answer)

    # --- conversation state ---------------------------------------------------

    @property
    def flow(self) -> str | None:
        return self.conversation.flow if self.conversation is not None else None

    @property
    def step(self) -> str | None:
        return self.conversation.step if self.conversation is not None else None

    @property
    def data(self) -> dict[str, Any]:
        return dict(self.conversation.data or {}) if self.conversation is not None else {}

    def start_flow(self, flow: str, step: str, data: dict[str, Any] | None = None) -> None:
        data = {"nonce": secrets.token_hex(3), **(data or {})}
        if self.conversation is None:
            self.conversation = Conversation(citizen_id=self.citizen.id, flow=flow, step=step, data=data,
                                             updated_at=self.now)
            self.session.add(self.conversation)
        else:
            self.conversation.flow, self.conversation.step = flow, step
            self.conversation.data, self.conversation.updated_at = data, self.now

    def set_step(self, step: str, **changes: Any) -> None:
        assert self.conversation is not None, "set_step outside a flow"
        data = {**self.data, **changes}
        self.conversation.step, self.conversation.data, self.conversation.updated_at = step, data, self.now

    async def end_flow(self) -> None:
        if self.conversation is not None:
            await self.session.delete(self.conversation)
            self.conversation = None


@dataclass
class KnownCitizens:
    """The citizens of a round's updates and their conversations, loaded in one query; each taken once."""

    citizens: dict[int, Citizen]  # by Telegram user id
    conversations: dict[int, Conversation]  # by citizen id; a known citizen missing here is in no flow


def opens_turn(update: Update) -> bool:
    """A person's update in a private chat, not a membership change: the guard (``handlers/guard.py``) opens a
    citizen's turn for these and only these, and the round's prefetch registers their senders."""
    chat, user = update.effective_chat, update.effective_user
    return (chat is not None and user is not None and not user.is_bot and chat.type == chat.PRIVATE
            and update.my_chat_member is None and update.channel_post is None and update.edited_channel_post is None)


def identity_of(user: User, chat_id: int, offered: tuple[str, ...]) -> TelegramIdentity:
    return TelegramIdentity(
        user_id=user.id, chat_id=chat_id, username=user.username,
        display_name=clean(user.full_name)[:128] or None,
        language_code=ui_language(user.language_code, offered),
    )


async def prefetch_citizens(session: AsyncSession, updates: Sequence[Update], offered: tuple[str, ...]
                            ) -> KnownCitizens:
    """The round's citizens and their conversations in one query; people writing for the first time are
    registered together, in one INSERT, instead of one query and one INSERT each as their turns open."""
    users = {u.effective_user.id: (u.effective_user, u.effective_chat.id)  # type: ignore[union-attr]
             for u in updates if opens_turn(u)}
    known = await citizens_by_user_id(session, users.keys())
    new = [identity_of(user, chat_id, offered) for user_id, (user, chat_id) in users.items() if user_id not in known]
    registered = await register_citizens(session, new) if new else []
    citizens = {user_id: citizen for user_id, (citizen, _) in known.items()}
    citizens.update((citizen.telegram_user_id, citizen) for citizen in registered)
    return KnownCitizens(citizens=citizens, conversations={c.id: conversation for c, conversation in known.values()
                                                           if conversation is not None})


async def open_turn(unit: UnitOfWork, services: Services, user: User, chat_id: int) -> Turn:
    """Register or refresh the citizen and load where they are."""
    now = utcnow()
    identity = identity_of(user, chat_id, services.profile.languages)
    known = unit.known
    citizen = known.citizens.pop(user.id, None) if known is not None else None
    if known is not None and citizen is not None:  # loaded with the round; taken once (a second update looks again)
        refresh_citizen(citizen, identity, now)
        conversation = known.conversations.pop(citizen.id, None)
    else:
        citizen = await upsert_citizen(unit.session, identity, now=now)
        conversation = await unit.session.get(Conversation, citizen.id)
    return Turn(unit=unit, services=services, citizen=citizen, chat_id=chat_id, conversation=conversation, now=now)
