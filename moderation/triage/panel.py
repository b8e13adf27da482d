"""The whole triage console as one widget, so it can fill an App or half of the demo's screen.

``TriagePanel`` owns the data; its views (queue, detail, grannsamverkan,
statistics) only draw and post messages up, and it calls their methods down.
The one-key actions on a submission live in ``actions.SubmissionActions``.
Database work runs in workers: reads retry through a locked, lost or broken
database behind a banner; writes go through ``perform`` (conflict dialog,
refusals; the use cases audit themselves).

Embedding (the demo): ``TriagePanel(TriageContext(...))`` anywhere in an App;
add ``moderation.triage.commands.TriageCommands`` to the App's ``COMMANDS``
for the command palette.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from rich.text import Text
from sqlalchemy.exc import DBAPIError
from textual import on, work
from textual.worker import WorkerCancelled, WorkerFailed
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import ContentSwitcher, Static

from moderation.triage import keys
from moderation.triage.actions import WRITE_ATTEMPTS, SubmissionActions, Target
from moderation.triage.back import BackRequested
from moderation.triage.context import TriageContext
from moderation.triage.detail_view import DetailView
from moderation.triage.dialogs import FilterDialog, HelpDialog, TextDialog
from moderation.triage.i18n import LANGUAGES, Strings
from moderation.triage.invitations_csv import default_csv_name, write_invitations
from moderation.triage.pager import QueuePager
from moderation.triage.queue_list import QueueList
from moderation.triage.queue_view import QueueView
from moderation.triage.resilience import first_line, retrying, transient_kind
from moderation.triage.safe import clean
from moderation.triage.saved_views import DEFAULT_VIEW, SavedView, describe_filter, view_by_id
from moderation.triage.stats_view import StatsView
from moderation.triage.watch_view import WatchView
from storage.db import Database
from storage.detail import SubmissionDetail, load_detail
from storage.queries import QueueFilter, QueueRow, arrived_since, newest_id
from storage.usecases.invitations import invitation_list
from storage.vocabulary import Priority
from storage.watch import watch_overview

R = TypeVar("R")
QUIT_GRACE_SECONDS = 2.0
URGENT_NOTIFICATIONS = 3


class TriagePanel(SubmissionActions, Vertical):
    """The officer's console: queue, detail, grannsamverkan and statistics, with every action."""

    DEFAULT_CSS = """
    TriagePanel { height: 1fr; }
    TriagePanel > #db-banner { display: none; height: auto; padding: 0 1; background: $error; color: $text; }
    TriagePanel > #db-banner.-shown { display: block; }
    TriagePanel > ContentSwitcher { height: 1fr; }
    TriagePanel > ContentSwitcher > * { height: 1fr; }
    """
    BINDINGS = keys.bindings()

    class LanguageChanged(Message):
        def __init__(self, lang: str) -> None:
            super().__init__()
            self.lang = lang

    def __init__(self, context: TriageContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context
        self.strings = Strings(context.lang)
        self.view: SavedView = DEFAULT_VIEW
        self.filter: QueueFilter = self.view.filter(context.officer)
        self.search_query = ""
        self.pager = QueuePager(context.db, self.filter)
        self.queue_list = QueueList(self.strings, context.profile, context.clock, context.officer, id="queue-list")
        self.detail: SubmissionDetail | None = None
        self.seen_id: int | None = None
        self._polling = False
        self.busy = False  # an action is running (see actions.submission_action)
        self._db_trouble = False

    # ----- composition -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="db-banner", markup=False)
        with ContentSwitcher(initial="queue", id="switcher"):
            yield QueueView(self.queue_list, self.strings, id="queue")
            yield DetailView(self.strings, self.context.profile, id="detail")
            yield WatchView(self.strings, self.context.profile, id="watch")
            yield StatsView(self.strings, self.context.profile, id="stats")

    def on_mount(self) -> None:
        self._relabel_bindings()
        self.load_queue()
        self._poll_timer = (self.set_interval(self.context.poll_interval, self._poll_tick)
                            if self.context.poll_interval else None)
        self.queue_list.focus()

    async def finish_work(self, grace: float = QUIT_GRACE_SECONDS) -> None:
        """Before the app exits: stop polling and give running database work ``grace`` seconds to end.

        Textual cancels the workers that are still running when the app exits. A query cancelled
        half-way can leave its SQLite connection checked out, and aiosqlite's thread for it (not a
        daemon) then keeps the process alive after the console has closed.
        """
        if self._poll_timer is not None:
            self._poll_timer.stop()
        # A dialog's worker waits for the officer, who is leaving: only database work is waited for.
        running = [w for w in self.app.workers if w.group != "dialog" and not w.is_finished]
        if not running:
            return
        try:
            await asyncio.wait_for(self.app.workers.wait_for_complete(running), grace)
        except (TimeoutError, WorkerFailed, WorkerCancelled):
            pass  # failed or cancelled: nothing left running; still waiting out an outage: cancelled on exit

    @property
    def db(self) -> Database:
        return self.context.db

    @property
    def officer(self) -> str:
        return self.context.officer

    @property
    def current_view(self) -> str:
        return self.query_one(ContentSwitcher).current or "queue"

    @property
    def queue_view(self) -> QueueView:
        return self.query_one(QueueView)

    @property
    def detail_view(self) -> DetailView:
        return self.query_one(DetailView)

    def _say(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        self.app.notify(message, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]

    # ----- which keys apply where --------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.current_view
        if action in keys.SUBMISSION_ACTIONS:
            return view in ("queue", "detail") and self._target() is not None
        if action in ("search", "filter", "view"):
            return view == "queue"
        if action == "invitations":
            return view == "watch"
        return True

    def _target(self) -> Target | None:
        if self.current_view == "detail":
            return Target.of(self.detail) if self.detail is not None else None
        row = self.queue_list.current
        return Target.of(row) if row is not None else None

    def on_queue_list_highlighted(self, event: QueueList.Highlighted) -> None:
        self.refresh_bindings()

    # ----- the queue ---------------------------------------------------------------------

    def effective_filter(self) -> QueueFilter:
        return replace(self.filter, search=self.search_query)

    @work(exclusive=True, group="queue")
    async def load_queue(self) -> None:
        """A new filter, view or search: count and first page, cursor on top."""
        flt = self.effective_filter()
        visible = self.queue_list.visible_rows + 1
        window = await self._read(lambda: self.pager.reset(flt, visible=visible, count=False))
        self.queue_list.show_window(window, top=0, cursor=0)
        self._update_summary()
        if self.seen_id is None:
            self.seen_id = await self._read(self._newest_id)
        if not self.pager.counted:  # the rows are on screen; now the total, for the scrollbar
            self.queue_list.show_window(await self._read(self.pager.count))
            self._update_summary()

    @work(exclusive=True, group="queue")
    async def reload_queue(self) -> None:
        """Same filter, fresh data (arrivals, an action): the row under the cursor stays put."""
        ql = self.queue_list
        top = ql.top
        window, top, index = await self._read(lambda: self.pager.reload(
            keep=ql.current, keep_index=ql.cursor, start=top, stop=top + ql.visible_rows))
        cursor = index if index is not None else min(ql.cursor, max(0, window.total - 1))
        ql.show_window(window, top=top, cursor=cursor)
        self._update_summary()

    @on(QueueList.WindowWanted)
    def _window_wanted(self, event: QueueList.WindowWanted) -> None:
        self.fill_window(event.first, event.end)

    @work(exclusive=True, group="window")
    async def fill_window(self, start: int, stop: int) -> None:
        window = await self._read(lambda: self.pager.ensure(start, stop))
        self.queue_list.show_window(window)

    @on(QueueList.Opened)
    def _opened(self, event: QueueList.Opened) -> None:
        self.open_detail(event.row.id, event.row.ref)

    @on(QueueView.SearchSubmitted)
    def _search(self, event: QueueView.SearchSubmitted) -> None:
        self.search_query = event.query
        self.load_queue()

    def _update_summary(self) -> None:
        t = self.strings
        custom = self.filter != self.view.filter(self.officer)
        filters = describe_filter(self.filter, t, self.context.profile) if custom else ""
        self.queue_view.set_summary(self.pager.window.total, self.pager.counted, t(f"view.{self.view.id}"), filters,
                                    self.search_query)

    def action_view(self, view_id: str) -> None:
        self.view = view_by_id(view_id)
        self.filter = self.view.filter(self.officer)
        self.load_queue()

    def action_search(self) -> None:
        self.queue_view.focus_search()

    @work(group="dialog")
    async def action_filter(self) -> None:
        flt = await self.app.push_screen_wait(FilterDialog(self.strings, self.context.profile, self.filter, self.officer))
        if flt is not None:
            self.filter = replace(flt, search="")
            self.load_queue()

    # ----- live arrivals -----------------------------------------------------------------

    def _poll_tick(self) -> None:
        if not self._polling and self.seen_id is not None:
            self._polling = True
            self.poll_arrivals()

    @work(group="poll")
    async def poll_arrivals(self) -> None:
        """New submissions since the last look: reload the queue, and raise urgent ones."""
        try:
            seen = self.seen_id or 0
            async with self.db.read() as session:
                newest = await newest_id(session)
                arrivals = await arrived_since(session, seen, limit=50) if newest > seen else []
        except Exception as exc:
            kind = transient_kind(exc) or ("error" if isinstance(exc, DBAPIError) else None)
            if kind is None:
                raise
            self._db_waiting(kind, self.context.poll_interval or 1.0, exc)
            return
        finally:
            self._polling = False
        self._db_ok()
        if newest <= (self.seen_id or 0):
            return
        self.seen_id = newest
        self.queue_list.fresh_ids.update(row.id for row in arrivals)
        self._announce(arrivals)
        self.reload_queue()

    def _announce(self, arrivals: list[QueueRow]) -> None:
        urgent = [r for r in arrivals if r.priority >= Priority.URGENT or r.intent == "emergency"]
        for row in urgent[:URGENT_NOTIFICATIONS]:
            place = self.context.profile.place(row.place)
            title = self.strings("notify.urgent", ref=row.ref, place=place.name if place else "")
            self._say(f"{title}\n{clean(row.snippet, one_line=True)[:120]}", "error", timeout=15)
        if len(urgent) > URGENT_NOTIFICATIONS:
            self._say(self.strings("notify.new", count=len(urgent)), "error", timeout=15)

    async def _newest_id(self) -> int:
        async with self.db.read() as session:
            return await newest_id(session)

    # ----- the detail screen -------------------------------------------------------------

    def open_detail(self, submission_id: int, ref: str) -> None:
        self.detail = None
        self.detail_view.show_loading(ref)
        self._switch("detail")
        self.load_detail(submission_id)

    @work(exclusive=True, group="detail")
    async def load_detail(self, submission_id: int, keep_scroll: bool = False) -> None:
        detail = await self._read(lambda: self._fetch_detail(submission_id))
        self.detail = detail
        if detail is None:
            self.detail_view.show_gone()
        else:
            self.detail_view.show(detail, self.context.now(), keep_scroll=keep_scroll)
        self.refresh_bindings()

    async def _fetch_detail(self, submission_id: int) -> SubmissionDetail | None:
        async with self.db.read() as session:
            return await load_detail(session, submission_id)

    # ----- switching views ---------------------------------------------------------------

    def _switch(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = view
        focus = {"queue": self.queue_list, "detail": self.detail_view.scroller,
                 "watch": self.query_one(WatchView).scroller, "stats": self.query_one(StatsView).scroller}[view]
        focus.focus()
        self.refresh_bindings()

    def action_back(self) -> None:
        if self.current_view == "queue":
            self.queue_list.focus()
            return
        self._switch("queue")

    def action_show_watch(self) -> None:
        self._switch("watch")
        self.load_watch()

    def action_show_stats(self) -> None:
        self._switch("stats")
        self.load_stats()

    def action_reload(self) -> None:
        view = self.current_view
        if view == "detail" and self.detail is not None:
            self.load_detail(self.detail.id, keep_scroll=True)
        elif view == "watch":
            self.load_watch()
        elif view == "stats":
            self.load_stats()
        self.reload_queue()

    @work(exclusive=True, group="watch")
    async def load_watch(self) -> None:
        async def overview() -> list[Any]:
            async with self.db.read() as session:
                return await watch_overview(session)

        self.query_one(WatchView).show(await self._read(overview))

    @work(exclusive=True, group="stats")
    async def load_stats(self) -> None:
        stats_view = self.query_one(StatsView)
        data = await self._read(lambda: stats_view.fetch(self.db, self.context.now()))
        stats_view.show(data)

    # ----- help and language -------------------------------------------------------------

    def action_help(self) -> None:
        t = self.strings
        groups: dict[str, list[tuple[str, str]]] = {}
        for key in keys.PANEL_KEYS:
            groups.setdefault(key.group, []).append((key.display or key.keys, keys.describe(key, t)))
        groups["navigation"] = [(k, t(text)) for k, text in keys.NAVIGATION_HELP]
        titles = {"general": "help.general", "navigation": "help.navigation", "queue": "key.queue",
                  "views": "help.views", "actions": "help.actions", "watch": "key.watch"}
        order = ("navigation", "queue", "views", "actions", "general", "watch")
        sections = [(t(titles[g]), groups[g]) for g in order if g in groups]
        themes = ", ".join(f"{t.short(theme)} {t.label(theme)}" for theme in ("burglary", "traffic", "drugs",
                                                                                "violence", "public_space"))
        self.app.push_screen(HelpDialog(t, sections, t("help.legend", themes=themes)))

    def action_toggle_language(self) -> None:
        self.set_language(LANGUAGES[(LANGUAGES.index(self.strings.lang) + 1) % len(LANGUAGES)])

    def set_language(self, lang: str) -> None:
        self.strings = Strings(lang)
        self.queue_list.strings = self.strings
        self.queue_view.relabel(self.strings)
        self.detail_view.relabel(self.strings, self.context.now())
        self.query_one(WatchView).relabel(self.strings)
        self.query_one(StatsView).relabel(self.strings)
        self._relabel_bindings()
        self._update_summary()
        self.queue_list.refresh()
        self.post_message(self.LanguageChanged(lang))

    def _relabel_bindings(self) -> None:
        keys.translate(self, self.strings, keys.panel_texts(self.strings))
        keys.translate(self.queue_list, self.strings, {"open": self.strings("key.open")})
        for view in (self.detail_view, self.query_one(WatchView), self.query_one(StatsView)):
            keys.translate(view, self.strings, {"back": self.strings("key.back")})

    @on(BackRequested)
    def _back_requested(self, event: BackRequested) -> None:
        event.stop()
        self.action_back()

    # ----- database trouble --------------------------------------------------------------

    async def _read(self, operation: Callable[[], Awaitable[R]]) -> R:
        """A read that waits out a locked or unreachable database (the worker can be cancelled)."""
        result = await retrying(operation, self._db_waiting)
        self._db_ok()
        return result

    def _db_waiting(self, kind: str, seconds: float, error: BaseException | None = None) -> None:
        self._db_trouble = True
        banner = self.query_one("#db-banner", Static)
        detail = clean(first_line(error), one_line=True) if error is not None else ""
        banner.update(Text(self.strings(f"db.{kind}", seconds=f"{seconds:g}", error=detail)))
        banner.add_class("-shown")

    def _db_ok(self) -> None:
        if self._db_trouble:
            self._db_trouble = False
            self.query_one("#db-banner", Static).remove_class("-shown")
            self._say(self.strings("db.back"))

    # ----- grannsamverkan and export -----------------------------------------------------

    @work(group="action")
    async def action_invitations(self) -> None:
        if self.busy:
            return
        self.busy = True
        try:
            t = self.strings
            default = str(self.context.output_dir / default_csv_name(self.context.now().astimezone(self.context.profile.tz).date()))
            chosen = await self.app.push_screen_wait(TextDialog(
                t, t("dlg.invitations.title"), hint=t("dlg.invitations.hint"), initial=default))
            if chosen is None:
                return
            path = Path(chosen).expanduser()
            rows = await retrying(lambda: invitation_list(self.db, self.officer, destination=str(path)),
                                  self._db_waiting, attempts=WRITE_ATTEMPTS, write=True)
            try:
                await asyncio.to_thread(write_invitations, path, rows, t, self.context.profile)
            except OSError as exc:
                self._say(f"{path}: {exc.strerror or exc}", "error", timeout=10)
                return
            self._say(t("done.invitations", n=len(rows), path=str(path)))
        finally:
            self.busy = False

    @work(group="action")
    async def action_export(self) -> None:
        from moderation.triage.export_command import run_export

        if self.busy:
            return
        self.busy = True
        try:
            await run_export(self)
        finally:
            self.busy = False

    def run_export_message(self, message: str, severity: str = "information") -> None:
        self._say(message, severity, timeout=10)

    @property
    def today(self) -> dt.date:
        return self.context.now().astimezone(self.context.profile.tz).date()
