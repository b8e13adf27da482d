"""Deliver outbox rows: right after the commit that queued them, in order per chat.

- Messages the inbox processor queues are claimed in its own transaction
  ("at birth") and handed over in memory after the commit, so a receipt
  costs no extra database round trip before it is sent. Everything else
  (officer replies written by the console in another process, retries) is
  found by polling every second, or at once when woken.
- Chats are served concurrently, each chat strictly in id order.
- 429 (``RetryAfter``) waits exactly as long as Telegram asks (that chat
  only) and does not count as an attempt; 5xx, timeouts and dropped
  connections retry with exponential backoff; after ``outbox_attempts`` the
  row is ``failed`` with the reason. 403 (the citizen blocked the bot) and
  400 (Telegram refuses the message) fail at once: retrying cannot help.
- Deliveries are recorded by a group commit (many rows per transaction) and
  a chat's next message is sent only after its previous one is recorded: on
  SQLite, recorded means written to the delivery journal
  (``bot.outbox.journal``), which the group commit then empties.

Where a duplicate is still possible: Telegram has no idempotency key. If the
process dies after Telegram accepted a message and before the bot recorded
it (on SQLite: before the answer reached the bot; on PostgreSQL: before the
"delivered" commit), or a connection drops after Telegram stored the
message, the row is sent again (at-least-once). That window is one message
per chat: the row shows it as ``attempts`` > 1 with ``last_error`` saying it
was interrupted.
"""

from __future__ import annotations

import asyncio
import collections
import datetime as dt
import logging
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.backoff import Backoff, OutageLog
from bot.database import BotDatabase, is_transient
from bot.inbox.fetcher import retry_after_seconds
from bot.options import BotOptions
from bot.outbox import store
from bot.outbox.journal import DeliveryJournal
from bot.outbox.split import split_html
from bot.outbox.store import LEASE, Delivery, OutboxRow
from storage.clock import utcnow

_log = logging.getLogger("trygg.bot.outbox")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


class _Retry(Exception):
    def __init__(self, reason: str, delay: float | None, counts: bool) -> None:
        super().__init__(reason)
        self.reason, self.delay, self.counts = reason, delay, counts


class _Fail(Exception):
    pass


class DeliveryLog:
    """Group commit of deliveries: one transaction records everything sent meanwhile.

    With a delivery journal (SQLite), a delivery is safe once journaled: the
    sender goes on at once and the commit waits its turn for the writer like
    any other. Without one (PostgreSQL, where a commit does not queue behind
    the inbox), the sender waits for the commit, which goes first.
    """

    def __init__(self, database: BotDatabase, options: BotOptions, journal: DeliveryJournal | None = None) -> None:
        self._database = database
        self._options = options
        self._journal = journal
        self._waiting: list[tuple[Delivery, asyncio.Future[None] | None]] = []
        self._wake = asyncio.Event()
        self._committed = asyncio.Event()  # nothing recorded is waiting for its commit
        self._committed.set()
        self._closing = False

    async def record(self, delivery: Delivery) -> None:
        self._committed.clear()
        self._wake.set()
        if self._journal is not None:
            self._journal.append(delivery)
            self._waiting.append((delivery, None))
            return
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((delivery, future))
        await future

    @property
    def is_flushed(self) -> bool:
        return self._committed.is_set()

    async def flushed(self) -> None:
        """Until every delivery recorded so far is committed to the database."""
        await self._committed.wait()

    async def run(self) -> None:
        try:
            await self._commit_until_closed()
        finally:
            self._committed.set()  # nothing more will be committed: nobody may wait for it

    async def _commit_until_closed(self) -> None:
        backoff = Backoff(0.2, self._options.backoff_max)
        while True:
            if not self._closing:
                await self._wake.wait()
                if self._journal is not None and not self._closing:
                    await asyncio.sleep(self._options.delivery_commit_delay)  # journaled: safe to gather more
            self._wake.clear()
            batch, self._waiting = self._waiting, []
            if not batch:
                if self._closing:
                    return
                continue
            while True:
                try:
                    async with self._database.write(urgent=self._journal is None) as session:
                        await store.record_deliveries(session, [d for d, _ in batch])
                    break
                except Exception as exc:
                    if not is_transient(exc):
                        for _, future in batch:
                            if future is not None:
                                future.set_exception(exc)
                        raise
                    if self._closing and self._journal is not None:
                        return  # stopping while the database is away: the journal keeps them for the next start
                    await backoff.sleep()
            backoff.reset()
            for _, future in batch:
                if future is not None and not future.done():
                    future.set_result(None)
            if self._journal is not None:  # what it holds beyond the deliveries recorded during the commit is done
                self._journal.keep_only([d for d, _ in self._waiting])
            if not self._waiting:
                self._committed.set()

    def close(self) -> None:
        self._closing = True
        self._wake.set()


class OutboxSender:
    def __init__(self, bot: Bot, database: BotDatabase, options: BotOptions,
                 journal: DeliveryJournal | None = None, journaled: list[Delivery] | None = None) -> None:
        """``journal``: see ``bot.outbox.journal``; ``journaled``: what it held at start-up (a killed run's)."""
        self._bot = bot
        self._database = database
        self._options = options
        self._wake = asyncio.Event()
        self._busy: dict[int, asyncio.Task[None]] = {}
        self._queues: dict[int, collections.deque[OutboxRow]] = {}
        self._slots = asyncio.Semaphore(options.max_concurrent_sends)
        self._limiters: dict[int, AsyncLimiter] = {}
        self._closing = False
        self._journal = journal
        self._journaled = journaled or []
        self._log = DeliveryLog(database, options, journal)
        self._log_task: asyncio.Task[None] | None = None
        self._outage = OutageLog(_log, "outbox")
        self._drain_waiters: list[asyncio.Future[None]] = []
        # Chats handed a message that is about to go out: neither its request sent yet nor waiting for its pace.
        self._about_to_send: set[int] = set()
        self._sending_started = asyncio.Event()
        self.delivered = 0
        self.failed = 0

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        self._log_task = asyncio.create_task(self._log.run(), name="trygg-outbox-log")
        self._log_task.add_done_callback(_report_crash)
        checking: list[asyncio.Future[None]] = []
        while not self._closing:
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self._options.outbox_poll_interval)
            except TimeoutError:
                pass
            self._wake.clear()
            if self._closing:
                break
            checking += self._drain_waiters
            self._drain_waiters = []
            if checking:
                # A chat's next row is claimed only once its previous one is recorded as delivered.
                await self._log.flushed()
            claimed = await self._with_database(self._claim)
            for rows in claimed.values():
                self.hand_over(rows)
            if not claimed and not self._busy:
                if checking and not self._log.is_flushed:  # recorded during the claim: once more after its commit
                    self._wake.set()
                    continue
                for waiter in checking:
                    if not waiter.done():
                        waiter.set_result(None)
                checking = []
        for waiter in checking + self._drain_waiters:
            if not waiter.done():
                waiter.cancel()

    async def requests_out(self) -> None:
        """Until every message handed over has its request out (sent, not answered) or waits for its pace."""
        while self._about_to_send:
            self._sending_started.clear()
            await self._sending_started.wait()

    def _started(self, chat_id: int) -> None:
        if chat_id in self._about_to_send:
            self._about_to_send.discard(chat_id)
            self._sending_started.set()

    async def drained(self) -> None:
        """Until nothing is due or being sent (tests and the demo wait on this, never on a sleep)."""
        waiter = asyncio.get_running_loop().create_future()
        self._drain_waiters.append(waiter)
        self._wake.set()
        await waiter

    async def close(self) -> None:
        """Finish the message each chat is on; the rest stays pending for the next start."""
        self._closing = True
        self._wake.set()
        tasks = list(self._busy.values())
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
        self._log.close()
        if self._log_task is not None:
            await asyncio.gather(self._log_task, return_exceptions=True)

    # --- database steps --------------------------------------------------------

    async def _with_database(self, step: Any) -> Any:
        backoff = Backoff(0.2, self._options.backoff_max)
        while True:
            try:
                result = await step()
                self._outage.recovered()
                return result
            except Exception as exc:
                if not is_transient(exc):
                    raise
                self._outage.failed("db", f"the database is unavailable ({exc.__class__.__name__})")
                if self._closing:
                    return {}
                await backoff.sleep()

    async def recover(self) -> None:
        """Before anything is claimed in this run: what a stopped run was sending is delivered if its journal
        says so, otherwise due again."""
        await self._with_database(self._release_interrupted)

    async def _release_interrupted(self) -> None:
        async with self._database.write() as session:
            if self._journaled:
                await store.record_deliveries(session, self._journaled, replayed=True)
            count = await store.release_interrupted(session)
        if self._journal is not None:
            self._journal.clear()
        if self._journaled:
            _log.info("%d delivery(ies) journaled by the previous run recorded", len(self._journaled))
            self._journaled = []
        if count:
            _log.warning("%d message(s) were being sent when the bot stopped; sending them again", count)

    async def _claim(self) -> dict[int, list[OutboxRow]]:
        async with self._database.write(urgent=True) as session:
            return await store.claim_due(session, busy=set(self._busy), lease=LEASE)

    # --- sending -----------------------------------------------------------

    def hand_over(self, rows: list[OutboxRow]) -> None:
        """Rows this process already claimed (at birth, in the inbox transaction, or by polling)."""
        for row in rows:
            self._queues.setdefault(row.chat_id, collections.deque()).append(row)
            if row.chat_id not in self._busy:
                self._about_to_send.add(row.chat_id)
                self._busy[row.chat_id] = asyncio.create_task(self._send_chat(row.chat_id),
                                                              name=f"trygg-send-{row.chat_id}")

    async def _send_chat(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        try:
            while queue:
                row = queue[0]
                if self._closing:
                    rest = list(queue)
                    queue.clear()
                    await self._with_database(lambda: self._release(rest))
                    return
                limiter = self._limiter(chat_id)
                if limiter is not None:
                    if not limiter.has_capacity():
                        self._started(chat_id)  # waits for its pace: nobody should wait for it
                    await limiter.acquire()  # the per-chat pace, before taking one of the shared slots
                try:
                    async with self._slots:
                        message_id = await self._send(row)
                except _Retry as retry:
                    queue.popleft()
                    rest = list(queue)
                    queue.clear()
                    await self._with_database(lambda: self._retry(row, retry, rest))
                    return
                except _Fail as fail:
                    queue.popleft()
                    self.failed += 1
                    _log.warning("outbox message %d to chat %d failed: %s", row.id, chat_id, fail)
                    await self._with_database(lambda: self._fail(row, str(fail)))
                    continue
                queue.popleft()
                await self._log.record(Delivery(row.id, message_id, row.kind, utcnow()))
                self.delivered += 1
        finally:
            self._started(chat_id)
            self._busy.pop(chat_id, None)
            if not queue:
                self._queues.pop(chat_id, None)
            if self._drain_waiters or self._closing:
                self._wake.set()

    async def _send(self, row: OutboxRow) -> int:
        parts = split_html(row.text)
        limiter = self._limiter(row.chat_id)
        try:
            message_id = 0
            for number, part in enumerate(parts, start=1):
                if limiter is not None and number > 1:
                    await limiter.acquire()
                parameters: dict[str, Any] = {"chat_id": row.chat_id, "text": part, "parse_mode": ParseMode.HTML,
                                              "link_preview_options": NO_PREVIEW}
                if row.reply_markup and number == len(parts):
                    parameters["reply_markup"] = row.reply_markup
                # Raw JSON back: only the message id is needed, not a parsed Message object.
                request = self._bot.do_api_request("sendMessage", api_kwargs=parameters)
                self._started(row.chat_id)
                sent = await request
                message_id = message_id or int(sent["message_id"])  # the first part: where a reply points
            return message_id
        except RetryAfter as exc:
            raise _Retry(f"429 Too Many Requests: retry after {retry_after_seconds(exc):g} s",
                         retry_after_seconds(exc), counts=False) from exc
        except Forbidden as exc:
            raise _Fail(f"403: the citizen blocked the bot or left the chat ({exc.message})") from exc
        except BadRequest as exc:
            raise _Fail(f"400: Telegram refused the message ({exc.message})") from exc
        except InvalidToken as exc:
            raise _Retry(f"401: the bot token was rejected ({exc.message})", None, counts=False) from exc
        except (NetworkError, TelegramError) as exc:
            raise _Retry(f"{type(exc).__name__}: {exc.message}", None, counts=True) from exc

    def _limiter(self, chat_id: int) -> AsyncLimiter | None:
        if self._options.chat_per_second <= 0 or self._options.chat_burst <= 0:
            return None
        limiter = self._limiters.get(chat_id)
        if limiter is None:
            if len(self._limiters) > 2048:  # forget chats whose bucket has drained
                for key, old in list(self._limiters.items()):
                    if old.has_capacity(old.max_rate):
                        del self._limiters[key]
            burst = self._options.chat_burst
            limiter = self._limiters[chat_id] = AsyncLimiter(burst, burst / self._options.chat_per_second)
        return limiter

    async def _retry(self, row: OutboxRow, retry: _Retry, unsent: list[OutboxRow]) -> None:
        attempts = row.attempts if retry.counts else row.attempts - 1
        if retry.counts and attempts >= self._options.outbox_attempts:
            self.failed += 1
            _log.warning("outbox message %d failed after %d attempts: %s", row.id, attempts, retry.reason)
            async with self._database.write() as session:
                await store.record_failure(session, row, f"failed after {attempts} attempts: {retry.reason}")
                await store.release(session, unsent)
            return
        delay = retry.delay if retry.delay is not None else min(
            self._options.outbox_retry_max, self._options.outbox_retry_base * 2 ** max(0, attempts - 1))
        async with self._database.write() as session:
            await store.record_retry(session, row, retry.reason, utcnow() + dt.timedelta(seconds=delay),
                                     counts=retry.counts, unsent=unsent)
        asyncio.get_running_loop().call_later(delay, self._wake.set)

    async def _fail(self, row: OutboxRow, reason: str) -> None:
        async with self._database.write() as session:
            await store.record_failure(session, row, reason)

    async def _release(self, rows: list[OutboxRow]) -> None:
        async with self._database.write() as session:
            await store.release(session, rows)


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        _log.error("the delivery log stopped", exc_info=task.exception())
