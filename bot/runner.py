"""``TryggBot``: the citizen bot's lifecycle, usable in-process (tests, demo) and by ``trygg bot``.

    async with TryggBot(settings, profile, db) as bot:
        await bot.wait()          # until stop() or a fatal error (e.g. token rejected)

Start order: PTB ``Application.initialize`` (getMe) → ``post_init`` (the
classifier with the officers' corrections, setMyCommands in Swedish and
English, the outbox sender, the attachment fetcher) → ``Application.start``
(JobQueue with the injected ``ScheduledJob``s) → the inbox processor takes
over what a previous run left pending → the getUpdates loop. ``stop`` runs
it backwards: no new updates, the update and message each chat is on are
finished, the rest stays pending in the database for the next start.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from sqlalchemy import select
from telegram import BotCommand
from telegram.error import EndPointNotFound, InvalidToken, NetworkError
from telegram.ext import AIORateLimiter, ApplicationBuilder, ContextTypes
from telegram.warnings import PTBUserWarning

from bot.aiohttp_request import AiohttpRequest
from bot.attachments import AttachmentFetcher
from bot.context import TryggApplication, TryggContext, UnitOfWork
from bot.database import BotDatabase
from bot.handlers import commands, register
from bot.backoff import Backoff, OutageLog
from bot.inbox.fetcher import TOKEN_REJECTED, TokenRejected, UpdateFetcher
from bot.inbox.processor import InboxProcessor
from bot.inbox.store import PendingUpdate
from bot.options import BotOptions
from bot.outbox.journal import DeliveryJournal
from bot.outbox.sender import OutboxSender
from bot.outbox.store import Delivery
from bot.services import Services, TextClassifier
from bot.texts import Catalogue
from bot.turn import prefetch_citizens
from storage.config import Settings
from storage.db import Database
from storage.errors import ConfigError, TryggError
from storage.models import Citizen, Correction
from storage.profile import Profile
from storage.usecases.intake import enqueue_message

_log = logging.getLogger("trygg.bot")
CLASSIFIER_RELOAD = dt.timedelta(minutes=15)
WAL_CHECKPOINT = dt.timedelta(seconds=1)  # SQLite's log then stays at about a second of the bot's writes
STOP_DRAIN_SECONDS = 5.0
EXTRA_CONNECTIONS = 8  # beside the outbox's sends: button answers, photo downloads, the command menu


@dataclass(frozen=True)
class ScheduledJob:
    """A periodic job the composition root injects (the weekly export, the daily purge).

    ``run`` must be idempotent per period (the storage jobs claim a row per
    week or day), so running it every ``interval`` and at start-up catches up
    a missed run and never repeats a done one.
    """

    name: str
    run: Callable[[], Awaitable[object]]
    interval: dt.timedelta
    first: dt.timedelta = dt.timedelta(seconds=10)


class TryggBot:
    def __init__(
        self,
        settings: Settings,
        profile: Profile,
        db: Database,
        *,
        options: BotOptions | None = None,
        extra_jobs: Sequence[ScheduledJob] = (),
        classifier: TextClassifier | None = None,
    ) -> None:
        if not settings.telegram_token:
            raise ConfigError("TRYGG_TELEGRAM_TOKEN is not set; get a token from @BotFather and set it")
        self.settings = settings
        self.profile = profile
        self.options = options or BotOptions()
        self.database = BotDatabase(db)
        self.services = Services(settings=settings, profile=profile, options=self.options, database=self.database,
                                 texts=Catalogue.load(), _classifier=classifier)
        self._jobs = tuple(extra_jobs)
        self._fatal: TryggError | None = None
        self._stopped = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._fetch_task: asyncio.Task[None] | None = None
        self._background: set[asyncio.Future[None]] = set()
        self._stopping = False
        self._stop_task: asyncio.Task[None] | None = None
        self.application: TryggApplication | None = None
        self.processor: InboxProcessor | None = None
        self.sender: OutboxSender | None = None
        self.fetcher: UpdateFetcher | None = None
        self._journal = DeliveryJournal.for_database(db)
        self._journaled: list[Delivery] = []

    # --- lifecycle -----------------------------------------------------------

    async def __aenter__(self) -> TryggBot:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()

    async def start(self) -> None:
        options = self.options
        if self._journal is not None:  # first: a second bot on this SQLite file stops here, with one line
            self._journaled = self._journal.open()
        # The fetcher reads getUpdates as raw JSON on purpose (see bot.inbox.fetcher); PTB warns about that.
        # and sends through do_api_request to skip parsing the answer into a Message (see bot.outbox.sender).
        warnings.filterwarnings("ignore", message=r".*Bot\.(getUpdates|sendMessage).*", category=PTBUserWarning)
        builder = (
            ApplicationBuilder()
            .application_class(TryggApplication, {"services": self.services})
            .token(self.settings.telegram_token or "")
            .base_url(self.settings.telegram_api_url)
            .base_file_url(self.settings.telegram_file_url)
            .updater(None)
            .request(AiohttpRequest(connection_pool_size=options.max_concurrent_sends + EXTRA_CONNECTIONS))
            .get_updates_request(AiohttpRequest(connection_pool_size=1))
            .context_types(ContextTypes(context=TryggContext))
            .post_init(self._post_init)
            .post_shutdown(self._post_shutdown)
        )
        if options.overall_per_second > 0:  # rate limits off (a local Bot API server): no limiter around every call
            builder = builder.rate_limiter(AIORateLimiter(overall_max_rate=options.overall_per_second, max_retries=0))
        application = builder.build()
        assert isinstance(application, TryggApplication)
        self.application = application
        register(application)
        try:
            await self._initialize(application)
            if application.post_init is not None:
                await application.post_init(application)
            await application.start()
        except BaseException:
            await self._shutdown_application()
            if self._journal is not None:
                self._journal.close()
            raise
        for job in self._jobs:
            self._schedule(job)
        self._schedule(ScheduledJob("reload-classifier", self._reload_classifier, CLASSIFIER_RELOAD,
                                    CLASSIFIER_RELOAD))
        if self.database.db.background_checkpoints:  # see Database.checkpoint
            self._schedule(ScheduledJob("wal-checkpoint", self.database.db.checkpoint, WAL_CHECKPOINT, WAL_CHECKPOINT))
        assert self.processor is not None
        await self.processor.load_pending()
        self.fetcher = UpdateFetcher(application.bot, self.database, options, self.processor.enqueue, self._fail,
                                     answered=self._answered, take=self.processor.take_fetched)
        self._fetch_task = asyncio.create_task(self._guarded("getUpdates", self.fetcher.run()))
        _log.info("Trygg bot @%s started (%s)", application.bot.username, self.database.db.url)

    async def _initialize(self, application: TryggApplication) -> None:
        """getMe until the Bot API answers; a rejected token is fatal (one line, no traceback)."""
        backoff = Backoff(1.0, self.options.backoff_max)
        outage = OutageLog(_log, "start-up")
        while True:
            try:
                await application.initialize()
                outage.recovered()
                return
            except (InvalidToken, EndPointNotFound):
                raise TokenRejected(TOKEN_REJECTED) from None
            except NetworkError as exc:
                outage.failed("network", f"cannot reach the Bot API at {self.settings.telegram_api_url} ({exc.message})")
                await backoff.sleep()

    async def _post_init(self, application: Any) -> None:
        if self.services._classifier is None:
            self.services._classifier = await self._build_classifier()
        await self._set_commands(application)
        self.sender = OutboxSender(application.bot, self.database, self.options, self._journal, self._journaled)
        await self.sender.recover()
        self.services._attachments = AttachmentFetcher(
            application.bot, self.database, self.settings.attachments_dir, self.profile, self.services.texts,
            self.sender.wake)
        self.processor = InboxProcessor(application, self.database, self.options, committed=self._committed,
                                        failure_notice=self._failure_notice,
                                        prefetch=functools.partial(prefetch_citizens, offered=self.profile.languages))
        self._spawn(self._guarded("outbox", self.sender.run()))
        await self.services.attachments.resume()

    async def stop(self) -> None:
        """Stop cleanly: nothing fetched is lost, nothing half-sent is forgotten."""
        if self._stopping:
            await self._stopped.wait()
            return
        self._stopping = True
        if self._fetch_task is not None:  # first: fetch nothing new (an open long poll confirms nothing)
            self._fetch_task.cancel()
            await asyncio.gather(self._fetch_task, return_exceptions=True)
        if self.processor is not None:
            await self.processor.close()
        if self.services._attachments is not None:
            await self.services._attachments.close()
        if self.sender is not None:
            with contextlib.suppress(TimeoutError):  # send what is due now; the rest goes out at the next start
                await asyncio.wait_for(self.sender.drained(), timeout=STOP_DRAIN_SECONDS)
            await self.sender.close()
        await asyncio.gather(*self._tasks, *self._background, return_exceptions=True)
        await self._shutdown_application()
        if self._journal is not None:
            self._journal.close()
        self._stopped.set()

    async def _shutdown_application(self) -> None:
        application = self.application
        if application is None:
            return
        if application.running:
            await application.stop()
        await application.shutdown()
        await application.bot.shutdown()  # after a failed initialize PTB skips the bot: close its HTTP sessions
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        self.application = None

    async def _post_shutdown(self, application: Any) -> None:
        self.services._attachments = None

    async def wait(self) -> None:
        """Until ``stop()`` was called or a fatal error stopped the bot; re-raises the latter."""
        await self._stopped.wait()
        if self._fatal is not None:
            raise self._fatal

    async def settle(self) -> None:
        """Until every update received so far is processed and every due message sent (tests, demo)."""
        assert self.processor is not None and self.sender is not None
        while True:
            await self.processor.wait_idle()
            if self._background:
                await asyncio.gather(*list(self._background), return_exceptions=True)
            if self.services._attachments is not None:
                await self.services._attachments.close()  # waits for running downloads only
            await self.sender.drained()
            if self.processor.backlog == 0:
                return

    @property
    def fatal(self) -> TryggError | None:
        return self._fatal

    # --- wiring ------------------------------------------------------------------

    async def _answered(self, fresh: list[PendingUpdate]) -> None:
        """The fetcher's "answer first, then poll again" (see bot.inbox.fetcher)."""
        assert self.processor is not None and self.sender is not None
        if await self.processor.wait_handled(fresh):
            await self.sender.requests_out()
            await asyncio.sleep(self.options.poll_linger)

    def _committed(self, unit: UnitOfWork) -> None:
        if self.sender is not None:
            if unit.claimed:
                self.sender.hand_over(unit.claimed)
            if unit.outbox_written:
                self.sender.wake()
        for hook in unit.after_commit:
            self._spawn(hook(), keep=False)

    async def _failure_notice(self, unit: UnitOfWork, pending: PendingUpdate) -> None:
        """After the last attempt: tell the citizen, whose message is kept in the inbox."""
        if pending.chat_id is None or pending.chat_id < 0:
            return
        citizen = (await unit.session.execute(
            select(Citizen).where(Citizen.chat_id == pending.chat_id))).scalar_one_or_none()
        lang = citizen.language if citizen is not None else "sv"
        await enqueue_message(unit.session, chat_id=pending.chat_id, citizen_id=citizen.id if citizen else None,
                              kind="notice", text=self.services.texts(lang, "error.kept"),
                              dedup_key=f"u{pending.update_id}:failed")
        unit.outbox_written = True

    def _fail(self, error: TryggError) -> None:
        """Stop with ``error``; ``wait()`` raises it (the CLI prints it as one line)."""
        self._fatal = error
        self._stop_task = asyncio.get_running_loop().create_task(self.stop())

    def _spawn(self, coroutine: Awaitable[None], *, keep: bool = True) -> None:
        task = asyncio.ensure_future(coroutine)
        if keep:
            self._tasks.append(task)
        else:  # after-commit work (button answers, photo downloads): tracked until done
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    async def _guarded(self, name: str, coroutine: Awaitable[None]) -> None:
        asyncio.current_task().set_name(f"trygg-{name}")  # type: ignore[union-attr]
        try:
            await coroutine
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            _log.exception("the %s loop failed", name)
            self._fail(TryggError(f"the bot's {name} loop failed: {exc}"))

    def _schedule(self, job: ScheduledJob) -> None:
        assert self.application is not None and self.application.job_queue is not None

        async def run(context: TryggContext) -> None:
            try:
                await job.run()
            except Exception:
                _log.exception("scheduled job %s failed; it runs again in %s", job.name, job.interval)

        self.application.job_queue.run_repeating(run, interval=job.interval, first=job.first, name=job.name)

    async def _set_commands(self, application: Any) -> None:
        texts = self.services.texts
        for lang in ("sv", "en"):
            menu = [BotCommand(name, texts.plain(lang, f"commands.{name}"))
                    for name, (_, listed) in commands.COMMANDS.items() if listed]
            try:
                await application.bot.set_my_commands(menu, language_code=lang)
                if lang == self.profile.default_language:
                    await application.bot.set_my_commands(menu)
            except Exception as exc:  # a cosmetic call: the bot works without a command menu
                _log.warning("could not set the command menu (%s): %s", lang, exc)

    async def _build_classifier(self) -> TextClassifier:
        from bot.classifier import Classifier
        from bot.classifier import Correction as Learned

        async with self.database.read() as session:
            rows = (await session.execute(select(Correction).order_by(Correction.id))).scalars().all()
        learned = [Learned(text=r.text, intent=r.intent, themes=tuple(r.themes) if r.themes is not None else None,
                           place=r.place) for r in rows]
        return await asyncio.to_thread(Classifier, self.profile, learned)

    async def _reload_classifier(self) -> None:
        self.services._classifier = await self._build_classifier()
