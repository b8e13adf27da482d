"""Process inbox updates: each chat strictly in order, many chats per transaction (group commit).

Each round takes the next update of up to ``inbox_batch`` chats that are
waiting and handles them one after another in one write transaction, which
also marks every one of their inbox rows done: an update's effects (citizen,
submission, replies queued in the outbox) and its "done" commit together or
not at all. A chat gives at most one update per round and its next one only
after that commit, so each chat is handled strictly in order while many
chats share the cost of a transaction (on SQLite, one writer at a time and
a round trip to the database thread per statement, this is what bounds the
bot's throughput). The round's updates also share their statements: their
submissions, theme rows and reference numbers (``storage.usecases.batch``)
and their replies (``_queue_replies``) are written with one statement per
table, not one per update. Handlers reach the transaction through
``TryggContext.unit`` (a context variable set around
``Application.process_update``).

When the processor is idle, a fetched batch does not wait for a round of its
own: ``take_fetched`` stores it and handles each chat's first update in that
same transaction (the "intake round"), its rows written done. One commit
instead of two before the first reply, while citizens wait in a
conversation; the batch is still committed before the next ``getUpdates``
confirms it, and if the intake round fails, the fetcher stores the batch on
its own and the rounds below take it as before.

Failures:
- the database is away: wait with backoff and try again, without counting
  an attempt (nothing is lost, nothing is skipped);
- an update of a round failed: the round is rolled back and each of its
  updates runs alone in its own transaction, beside the next rounds, so
  the others commit and only the failing chat waits for its retries;
- a handler raised: roll back, count an attempt, retry after a short pause;
  after ``inbox_attempts`` the row is marked failed with the error and the
  chat moves on, so one poisonous update never blocks a citizen forever.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import traceback
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
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
from storage.usecases.batch import begin_batch, finish_batch

_log = logging.getLogger("trygg.bot.inbox")

FailureNotice = Callable[[UnitOfWork, PendingUpdate], Awaitable[None]]
# Loads what a round's handlers will look up one by one (the citizens), in a few queries; put on every unit.
Prefetch = Callable[[AsyncSession, Sequence[Update]], Awaitable[Any]]


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
        prefetch: Prefetch | None = None,
    ) -> None:
        self._application = application
        self._database = database
        self._options = options
        self._committed = committed
        self._failure_notice = failure_notice
        self._prefetch = prefetch
        self._queues: dict[int | str, collections.deque[PendingUpdate]] = {}
        self._ready: collections.deque[int | str] = collections.deque()  # chats whose next update waits, FIFO
        self._rounds: set[asyncio.Task[None]] = set()
        self._alone: set[asyncio.Task[None]] = set()
        # SQLite has one writer at a time: one round at once. PostgreSQL takes several.
        self._parallel = 1 if database.dialect == "sqlite" else max(1, options.max_concurrent_chats // options.inbox_batch)
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
            queue = self._queues.get(key)
            if queue is None:  # a chat with nothing queued is neither ready nor being processed
                queue = self._queues[key] = collections.deque()
                self._ready.append(key)
            queue.append(pending)
        self._start_rounds()

    async def take_fetched(self, payloads: list[dict[str, Any]]) -> list[PendingUpdate] | None:
        """When idle: store a fetched batch and handle each chat's first update in the same transaction.

        Returns the batch's new updates; those not handled here (a chat's second one) are queued as
        usual. None when the processor is busy or closing, or the round failed: the caller then stores
        the batch itself, and a failing update fails alone in the rounds as before.
        """
        if self._closing or not self._idle.is_set():
            return None
        task = asyncio.create_task(self._intake_round(payloads), name="trygg-inbox-intake")
        self._idle.clear()
        self._rounds.add(task)
        task.add_done_callback(self._task_done)
        # Shielded: a stop cancels the fetcher, but the round finishes and commits first (close() waits for it).
        return await asyncio.shield(task)

    async def _intake_round(self, payloads: list[dict[str, Any]]) -> list[PendingUpdate] | None:
        firsts: dict[int | str, int] = {}
        for payload in sorted(payloads, key=lambda p: p["update_id"]):
            key = store.order_key(store.chat_and_natural_key(payload)[0], payload["update_id"])
            if key not in firsts and len(firsts) < self._options.inbox_batch:
                firsts[key] = payload["update_id"]
        handled = frozenset(firsts.values())
        try:
            parsed = {p["update_id"]: self._parse(p) for p in payloads if p["update_id"] in handled}
            async with self._database.write() as session:
                fresh = await store.insert_batch(session, payloads, handled=handled)
                batch = [p for p in fresh if p.update_id in handled]
                units = await self._handle(session, batch, [parsed[p.update_id] for p in batch]) if batch else []
        except Exception as exc:  # stored and handled the usual way instead (a failure there is retried alone)
            _log.debug("intake round not taken: %r", exc)
            return None
        self._outage.recovered()
        for unit in units:
            self.processed += 1
            self._committed(unit)
        self.enqueue([p for p in fresh if p.update_id not in handled])  # they start when this round ends
        return fresh

    @property
    def backlog(self) -> int:
        return sum(len(q) for q in self._queues.values())

    async def wait_idle(self) -> None:
        await self._idle.wait()

    async def wait_handled(self, updates: Sequence[PendingUpdate]) -> bool:
        """Until ``updates`` are handled (committed, their replies handed to the sender); False if it did not wait.

        Waits only when they are all that is queued, so "handled" is "idle again". With other updates
        queued as well (a backlog), fetching ahead is what keeps the processor busy (see ``bot.inbox.fetcher``).
        """
        if not updates or self.backlog > len(updates) or self._closing:
            return False
        await self._idle.wait()
        return True

    async def close(self) -> None:
        """Finish the update each chat is on; leave the rest pending for the next start."""
        self._closing = True
        tasks = [*self._rounds, *self._alone]
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

    # --- scheduling ----------------------------------------------------------

    def _start_rounds(self) -> None:
        while self._ready and len(self._rounds) < self._parallel and not self._closing:
            self._idle.clear()
            task = asyncio.create_task(self._run_rounds(), name="trygg-inbox")
            self._rounds.add(task)
            task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._rounds.discard(task)
        self._alone.discard(task)
        if not task.cancelled() and task.exception() is not None:
            _log.error("the inbox processor failed", exc_info=task.exception())
        self._start_rounds()  # what an intake round queued waits for it to end
        if not self._rounds and not self._alone:
            self._idle.set()

    async def _run_rounds(self) -> None:
        while self._ready and not self._closing:
            count = min(len(self._ready), self._options.inbox_batch)
            batch = [self._queues[self._ready.popleft()][0] for _ in range(count)]
            alone = {p.update_id for p in await self._process_round(batch)}
            for pending in batch:
                if pending.update_id in alone:
                    task = asyncio.create_task(self._process_alone(pending), name=f"trygg-inbox-{pending.order_key}")
                    self._alone.add(task)
                    task.add_done_callback(self._task_done)
                else:
                    self._finished(pending)

    async def _process_alone(self, pending: PendingUpdate) -> None:
        try:
            await self._process(pending)
        except Exception:
            _log.exception("update %s could not be processed; it stays in the inbox for the next start",
                           pending.update_id)
        finally:
            self._finished(pending)

    def _finished(self, pending: PendingUpdate) -> None:
        """The chat's update is committed (or given up): its next one may go."""
        key = pending.order_key
        queue = self._queues[key]
        queue.popleft()
        if not queue:
            del self._queues[key]
        elif not self._closing:
            self._ready.append(key)  # at the back: every waiting chat gets its turn
        self._start_rounds()

    # --- processing ----------------------------------------------------------

    async def _process_round(self, batch: list[PendingUpdate]) -> list[PendingUpdate]:
        """Handle ``batch`` (one update per chat) in one transaction; returns the updates to retry alone."""
        backoff = Backoff(0.2, self._options.backoff_max)
        while True:
            try:
                units = await self._run_once(batch, [p.attempts + 1 for p in batch])
            except Exception as exc:
                if is_transient(exc):
                    self._outage.failed("db", f"the database is unavailable ({exc.__class__.__name__}); "
                                              "updates wait in the inbox")
                    await backoff.sleep()
                    continue
                return batch  # something failed: each alone, so the others commit and only it is retried
            break
        self._outage.recovered()
        for unit in units:
            self.processed += 1
            self._committed(unit)
        return []

    async def _process(self, pending: PendingUpdate) -> None:
        attempts = pending.attempts
        db_backoff = Backoff(0.2, self._options.backoff_max)
        while True:
            attempts += 1
            try:
                [unit] = await self._run_once([pending], [attempts])
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

    async def _run_once(self, batch: Sequence[PendingUpdate], attempts: Sequence[int]) -> list[UnitOfWork]:
        """One transaction: every update's handlers, its outbox rows claimed at birth, its inbox row done."""
        # Parsed before the write lock is taken; an update erased by /forget before it was processed has no payload.
        updates = [self._parse(p.payload) for p in batch]
        async with self._database.write() as session:
            units = await self._handle(session, batch, updates)
            await store.mark_done(session, [(p.update_id, a) for p, a in zip(batch, attempts, strict=True)])
        return units

    def _parse(self, payload: dict[str, Any] | None) -> Update | None:
        return Update.de_json(payload, self._application.bot) if payload is not None else None

    async def _handle(self, session: AsyncSession, batch: Sequence[PendingUpdate],
                      updates: Sequence[Update | None]) -> list[UnitOfWork]:
        """Run the handlers of ``batch`` (one update per chat) in ``session``'s transaction and queue their replies."""
        begin_batch(session, len(batch))  # a round's submissions share their reference and theme statements
        known = None
        if self._prefetch is not None:
            known = await self._prefetch(session, [u for u in updates if u is not None])
        units = []
        for pending, update in zip(batch, updates, strict=True):
            unit = UnitOfWork(session=session, update_id=pending.update_id, known=known)
            if update is not None:
                token = enter_unit(unit)
                try:
                    await self._application.process_update(update)
                finally:
                    leave_unit(token)
                if unit.error is not None:
                    raise HandlerFailed(repr(unit.error)) from unit.error
            units.append(unit)
        await finish_batch(session)
        await self._queue_replies(session, units)
        return units

    @staticmethod
    async def _queue_replies(session: AsyncSession, units: list[UnitOfWork]) -> None:
        """Write the round's replies in one statement, claimed at birth for the sender to take after the commit."""
        rows = [row for unit in units for row in unit.replies]
        if not rows:
            return
        claimed = iter(await outbox_store.queue_replies(session, rows, lease=OUTBOX_LEASE))
        for unit in units:
            mine = [next(claimed) for _ in unit.replies]
            unit.claimed = [row for row in mine if row is not None]
            unit.outbox_written = unit.outbox_written or len(unit.claimed) < len(mine)

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
