"""The getUpdates loop: commit each batch to the inbox before the offset moves past it.

Updates are read as raw JSON (``do_api_request``), not parsed: the inbox keeps
exactly what Telegram sent, and one update PTB cannot parse fails alone in
the processor instead of blocking the whole batch here forever.

Stock polling confirms updates to Telegram as soon as it fetches them, so a
crash loses whatever was fetched and not yet handled. Here the next
``getUpdates`` (whose offset is what confirms) is only sent after the batch
is committed. After a restart the loop starts from offset 0: Telegram
re-sends everything unconfirmed, and the inbox's keys drop what it already has.

Answer first, then poll again: when a batch emptied Telegram's queue (fewer
than ``poll_limit`` updates) and nothing else waits in the inbox, the next
``getUpdates`` goes only once the batch is handled, its replies' requests
are out and ``poll_linger`` has passed (``answered``; at most
``answer_hold`` seconds in all). Citizens in a conversation answer our
replies. A poll sent at once, before the replies, waits at the server when
they arrive, returns the first answer alone, and every other answer waits a
whole round trip for the poll after it; under load the chats fall into
groups that take turns, each answered every second poll. Sent just after
the replies, one poll collects them all. With a backlog (a burst) the loop
fetches ahead as before, so the processor never waits for a fetch.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot
from telegram.error import Conflict, EndPointNotFound, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.backoff import Backoff, OutageLog
from bot.database import BotDatabase, is_transient
from bot.inbox import store
from bot.inbox.store import PendingUpdate
from bot.options import BotOptions
from storage.errors import TryggError

_log = logging.getLogger("trygg.bot.fetcher")
ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "my_chat_member"]


TOKEN_REJECTED = ("Telegram rejected the bot token (401/404: revoked, mistyped, or the API URL is wrong); "
                  "check TRYGG_TELEGRAM_TOKEN and TRYGG_TELEGRAM_API_URL")


class TokenRejected(TryggError):
    """Telegram answered 401/404 to getUpdates: the token is wrong or was revoked."""


def retry_after_seconds(error: RetryAfter) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: Any = error.retry_after
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)


class UpdateFetcher:
    def __init__(
        self,
        bot: Bot,
        database: BotDatabase,
        options: BotOptions,
        deliver: Callable[[list[PendingUpdate]], None],
        fatal: Callable[[TryggError], None],
        answered: Callable[[list[PendingUpdate]], Awaitable[None]] | None = None,
        take: Callable[[list[dict[str, Any]]], Awaitable[list[PendingUpdate] | None]] | None = None,
    ) -> None:
        self._bot = bot
        self._database = database
        self._options = options
        self._deliver = deliver
        self._fatal = fatal
        self._answered = answered
        self._take = take
        self.offset = 0
        self.batches = 0

    async def run(self) -> None:
        backoff = Backoff(0.5, self._options.backoff_max)
        outage = OutageLog(_log, "getUpdates")
        while True:
            try:
                raw = await self._bot.do_api_request(
                    "getUpdates",
                    api_kwargs={"offset": self.offset, "timeout": self._options.poll_timeout,
                                "limit": self._options.poll_limit, "allowed_updates": ALLOWED_UPDATES},
                    read_timeout=self._options.poll_timeout + self._options.poll_grace,
                )
            except (InvalidToken, EndPointNotFound):
                self._fatal(TokenRejected(TOKEN_REJECTED))
                return
            except Conflict:
                outage.failed("409", "another bot instance is polling with this token (409 Conflict)")
                await backoff.sleep()
                continue
            except RetryAfter as exc:
                outage.failed("429", f"Telegram asks to wait {retry_after_seconds(exc):.0f} s (429)")
                await asyncio.sleep(retry_after_seconds(exc))
                continue
            except (NetworkError, TelegramError) as exc:
                outage.failed("network", f"cannot reach the Bot API ({exc.message})")
                await backoff.sleep()
                continue
            outage.recovered()
            backoff.reset()
            updates = [u for u in raw or [] if isinstance(u, dict) and isinstance(u.get("update_id"), int)]
            if not updates:
                continue
            fresh = await self._store(updates)
            self.offset = max(u["update_id"] for u in updates) + 1
            self.batches += 1
            if fresh and len(updates) < self._options.poll_limit and self._answered is not None:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow the cancellation that
                # stops the bot when the wait ends at the same moment, and the loop would poll on forever.
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(self._options.answer_hold):
                        await self._answered(fresh)

    async def _store(self, updates: list[dict[str, Any]]) -> list[PendingUpdate]:
        """Commit the batch to the inbox (and, when the processor is idle, handle it in the same transaction)."""
        if self._take is not None:
            fresh = await self._take(updates)
            if fresh is not None:
                return fresh
        fresh = await self._commit(updates)
        self._deliver(fresh)
        return fresh

    async def _commit(self, updates: list[dict[str, Any]]) -> list[PendingUpdate]:
        """Insert the batch; while the database is away, wait (Telegram keeps the updates)."""
        backoff = Backoff(0.2, self._options.backoff_max)
        outage = OutageLog(_log, "inbox")
        while True:
            try:
                async with self._database.write() as session:
                    fresh = await store.insert_batch(session, updates)
                outage.recovered()
                return fresh
            except Exception as exc:
                if not is_transient(exc):
                    raise
                outage.failed("db", f"cannot store updates, the database is unavailable ({_first_line(exc)})")
                await backoff.sleep()


def _first_line(exc: BaseException) -> str:
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0][:200]
