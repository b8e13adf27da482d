"""Process inbox updates: each chat strictly in order, different chats at the same time.

Every update is handled in one write transaction that also marks its inbox
row done, so its effects (citizen, submission, replies queued in the outbox)
and "done" commit together or not at all. Handlers reach that transaction
through ``TryggContext.unit`` (a context variable set around
``Application.process_update``).

Failures:
- the database is away: wait with backoff and try again, without counting
  an attempt (nothing is lost, nothing is skipped);
- a handler raised: roll back, count an attempt, retry after a short pause;
  after ``inbox_attempts`` the row is marked failed with the error and the
  chat moves on, so one poisonous update never blocks a citizen forever.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import traceback
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import Application

from bot.backoff import Backoff, OutageLog
from bot.context import UnitOfWork, enter_unit, leave_unit
from bot.database import BotDatabase, is_transient
from bot.inbox import store
from bot.inbox.store import PendingUpdate
from bot.options import BotOptions
from bot.outbox import store as outbox_store
from bot.outbox.store import LEASE as OUTBOX_LEASE

_log = logging.getLogger("trygg.bot.inbox")

FailureNotice = Callable[[UnitOfWork, PendingUpdate], Awaitable[None]]


class HandlerFailed(Exception):
    """A handler raised; PTB passed the error to our error handler, which kept it here."""


class InboxProcessor:
    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        database: BotDatabase,
        options: BotOptions,
        *,
        committed: Callable[[UnitOfWork], None],
        failure_notice: FailureNotice | None = None,
    ) -> None:
        self._application = application
        self._database = database
        self._options = options
        self._committed = committed
        self._failure_notice = failure_notice
        self._queues: dict[int | str, collections.deque[PendingUpdate]] = {}
        self._workers: dict[int | str, asyncio.Task[None]] = {}
        self._slots = asyncio.Semaphore(options.max_concurrent_chats)
        self._closing = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._outage = OutageLog(_log, "inbox processing")
        self.processed = 0
        self.failed = 0

    # --- feeding -----------------------------------------------------------

    async def load_pending(self) -> int:
        """Queue what a previous run left unfinished (call before the fetcher starts)."""
        backoff = Backoff(0.2, self._options.backoff_max)
        while True:
            try:
                async with self._database.read() as session:
                    rows = await store.pending(session)
                break
            except Exception as exc:
                if not is_transient(exc):
                    raise
                self._outage.failed("db", f"the database is unavailable ({exc.__class__.__name__})")
                await backoff.sleep()
        self.enqueue(rows)
        return len(rows)

    def enqueue(self, updates: list[PendingUpdate]) -> None:
        if self._closing:
            return
        for pending in updates:
            key = pending.order_key
            self._queues.setdefault(key, collections.deque()).append(pending)
            if key not in self._workers:
                self._idle.clear()
                self._workers[key] = asyncio.create_task(self._drain(key), name=f"trygg-inbox-{key}")

    @property
    def backlog(self) -> int:
        return sum(len(q) for q in self._queues.values())

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def close(self) -> None:
        """Finish the update each chat is on; leave the rest pending for the next start."""
        self._closing = True
        workers = list(self._workers.values())
        if workers:
            await asyncio.gather(*workers, return_exceptions=True)

    # --- processing ----------------------------------------------------------

    async def _drain(self, key: int | str) -> None:
        queue = self._queues[key]
        try:
            while queue and not self._closing:
                pending = queue[0]
                async with self._slots:
                    await self._process(pending)
                queue.popleft()
        finally:
            del self._workers[key]
            if not queue or self._closing:
                self._queues.pop(key, None)
            if not self._workers:
                self._idle.set()

    async def _process(self, pending: PendingUpdate) -> None:
        attempts = pending.attempts
        db_backoff = Backoff(0.2, self._options.backoff_max)
        while True:
            attempts += 1
            try:
                unit = await self._run_once(pending, attempts)
            except Exception as exc:
                if is_transient(exc):
                    attempts -= 1  # the database failed, not the update: not an attempt
                    self._outage.failed("db", f"the database is unavailable ({exc.__class__.__name__}); "
                                              "updates wait in the inbox")
                    await db_backoff.sleep()
                    continue
                final = attempts >= self._options.inbox_attempts
                if await self._record_failure(pending, attempts, exc, final):
                    return
                await asyncio.sleep(self._options.inbox_retry_base * 2 ** (attempts - 1))
                continue
            self._outage.recovered()
            self.processed += 1
            self._committed(unit)
            return

    async def _run_once(self, pending: PendingUpdate, attempts: int) -> UnitOfWork:
        async with self._database.write() as session:
            unit = UnitOfWork(session=session, update_id=pending.update_id)
            if pending.payload is not None:  # erased by /forget before it was processed: nothing to do
                update = Update.de_json(pending.payload, self._application.bot)
                token = enter_unit(unit)
                try:
                    await self._application.process_update(update)
                finally:
                    leave_unit(token)
                if unit.error is not None:
                    raise HandlerFailed(repr(unit.error)) from unit.error
                if unit.outbox_ids and unit.turn is not None:
                    unit.claimed = await outbox_store.claim_new(session, unit.turn.chat_id, unit.outbox_ids,
                                                                lease=OUTBOX_LEASE)
                    unit.outbox_written = unit.outbox_written or len(unit.claimed) < len(unit.outbox_ids)
            await store.mark_done(session, pending.update_id, attempts)
        return unit

    async def _record_failure(self, pending: PendingUpdate, attempts: int, error: BaseException, final: bool) -> bool:
        """Count the attempt in its own transaction; True when the update is given up (final)."""
        cause = error.__cause__ or error
        detail = "".join(traceback.format_exception_only(type(cause), cause)).strip()
        if final:
            _log.error("update %s failed after %d attempts: %s", pending.update_id, attempts, detail,
                       exc_info=cause)
        backoff = Backoff(0.5, self._options.backoff_max)
        while True:
            try:
                async with self._database.write() as session:
                    await store.mark_attempt_failed(session, pending.update_id, attempts, detail, final=final)
                    unit = UnitOfWork(session=session, update_id=pending.update_id)
                    if final and self._failure_notice is not None:
                        await self._failure_notice(unit, pending)
            except Exception as exc:
                if not is_transient(exc):
                    raise
                await backoff.sleep()
                continue
            if final:
                self.failed += 1
                self._committed(unit)
            return final
