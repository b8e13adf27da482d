"""Shared helpers of the console tests: seeding through storage use cases, driving the Pilot."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import time
from collections.abc import AsyncIterator, Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerCancelled
from textual.screen import Screen

from moderation.triage import TriageApp, TriageContext, TriagePanel
from storage.db import Database
from storage.models import Submission
from storage.profile import Profile
from storage.usecases.intake import NewSubmission, TelegramIdentity, create_submission, upsert_citizen

FROZEN = dt.datetime(2026, 11, 25, 11, 0, tzinfo=dt.UTC)  # 12:00 in Tanum
OFFICER = "anna.k"
OTHER_OFFICER = "erik.l"
S = TypeVar("S", bound=Screen)


def frozen_clock() -> dt.datetime:
    return FROZEN


async def add_submission(
    db: Database,
    profile: Profile,
    text: str,
    *,
    intent: str = "tip",
    themes: Iterable[str] = ("burglary",),
    place: str | None = "grebbestad",
    age: dt.timedelta = dt.timedelta(hours=1),
    contact: bool = True,
    anonymous: bool = True,
    user: int = 1,
    pseudonym: str = "Medborgare A1",
    lang: str = "sv",
    created: dt.datetime | None = None,
) -> Submission:
    """One submission as the bot would store it, at a fixed time, from a fixed pseudonym."""
    created = created or FROZEN - age
    async with db.write() as session:
        citizen = await upsert_citizen(
            session, TelegramIdentity(user_id=user, chat_id=user, username=f"user{user}", display_name=f"Namn {user}"),
            now=created,
        )
        citizen.pseudonym = pseudonym
        kind = intent if intent in ("tip", "feedback", "neighbourhood_watch", "question") else "message"
        return await create_submission(session, profile, citizen, NewSubmission(
            kind=kind, text=text, intent=intent, lang=lang, themes={t: 0.9 for t in themes}, place=place,
            anonymous=anonymous, contact_allowed=contact, confidence=0.8, explain={"keywords": ["inbrott"]},
        ), now=created)


def make_context(db: Database, profile: Profile, tmp_path: Path, **overrides: Any) -> TriageContext:
    values: dict[str, Any] = dict(db=db, profile=profile, officer=OFFICER, attachments_dir=tmp_path / "attachments",
                                  clock=frozen_clock, poll_interval=None, save_dir=tmp_path)
    values.update(overrides)
    return TriageContext(**values)


class RecordingApp(TriageApp):
    """The real app, remembering what it told the officer (notifications)."""

    def __init__(self, context: TriageContext) -> None:
        super().__init__(context)
        self.said: list[tuple[str, str]] = []

    def notify(self, message: str, *, title: str = "", severity: str = "information",  # type: ignore[override]
               timeout: float | None = None, markup: bool = True) -> None:
        self.said.append((message, severity))
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)  # type: ignore[arg-type]

    @property
    def panel(self) -> TriagePanel:
        return self.query_one(TriagePanel)

    @contextlib.asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Pilot]:  # type: ignore[override]
        """Leave as the officer's quit does: database work ends before Textual cancels the workers.

        A poll cancelled mid-query has SQLAlchemy terminate its aiosqlite connection twice over
        (a shielded graceful close racing a forced one); the graceful close then waits forever on
        the stopped thread, and the test's event loop never closes.
        """
        async with super().run_test(*args, **kwargs) as pilot:
            yield pilot
            panels = self.screen_stack[0].query(TriagePanel) if self.screen_stack else []
            if panels:
                await panels.first().finish_work()

    def said_text(self) -> str:
        return "\n".join(message for message, _ in self.said)


async def settle(pilot: Pilot) -> None:
    """Let every worker finish (call only when no dialog is waiting for input).

    What the last worker posted may start another (the queue loads, then the detail of its first row), and on a
    busy machine the message that starts it may not be handled within one pause: settled is no worker running
    at two checks in a row.
    """
    quiet = 0
    while quiet < 2:
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker was replaced by a newer one: wait for that one
            quiet = 0
            continue
        await pilot.pause()
        quiet = quiet + 1 if all(worker.is_finished for worker in pilot.app.workers) else 0


async def wait_for(pilot: Pilot, predicate: Callable[[], bool], what: str = "condition", timeout: float = 10.0) -> None:
    """Process events until ``predicate`` holds; fails with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


async def dialog(pilot: Pilot, kind: type[S]) -> S:
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, kind), kind.__name__)
    await pilot.pause()
    return pilot.app.screen  # type: ignore[return-value]


def screen_text(app: TriageApp) -> str:
    """What the terminal shows, as plain text (the same rendering the screenshots use)."""
    update = app.screen._compositor.render_update(full=True)  # noqa: SLF001 - as textual's export_screenshot
    console = Console(width=app.size.width, height=app.size.height, record=True, file=io.StringIO(),
                      force_terminal=True, color_system="truecolor", legacy_windows=False)
    console.print(update)
    return console.export_text()
