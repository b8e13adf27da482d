"""What a handler can reach: typed, never string-keyed.

- ``TryggApplication``: PTB's Application carrying the bot's ``Services``.
- ``UnitOfWork``: an inbox update and the write transaction it is processed
  in (shared by the updates of one round), set by the inbox processor in a
  context variable for exactly the duration of ``Application.process_update``.
- ``TryggContext``: PTB's CallbackContext (via ``ContextTypes``) with typed
  ``services``, ``unit`` and ``turn`` properties over the two above.
"""

from __future__ import annotations

import contextvars
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy.ext.asyncio import AsyncSession
from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

if TYPE_CHECKING:
    from bot.services import Services
    from bot.turn import KnownCitizens, Turn

AfterCommit = Callable[[], Awaitable[None]]


@dataclass
class UnitOfWork:
    """One inbox update's transaction and what is to happen once it commits."""

    session: AsyncSession
    update_id: int
    turn: Turn | None = None
    error: BaseException | None = None
    after_commit: list[AfterCommit] = field(default_factory=list)
    outbox_written: bool = False  # something for the outbox sender to look for
    # This chat's replies (outbox row values), inserted with the round's others in one statement and claimed at birth.
    replies: list[dict[str, Any]] = field(default_factory=list)
    claimed: list[Any] = field(default_factory=list)  # OutboxRow handed to the sender after the commit
    known: KnownCitizens | None = None  # the citizens of this transaction's updates, loaded at once


_current_unit: contextvars.ContextVar[UnitOfWork | None] = contextvars.ContextVar("trygg_unit", default=None)


def current_unit() -> UnitOfWork | None:
    return _current_unit.get()


def enter_unit(unit: UnitOfWork) -> contextvars.Token[UnitOfWork | None]:
    return _current_unit.set(unit)


def leave_unit(token: contextvars.Token[UnitOfWork | None]) -> None:
    _current_unit.reset(token)


class TryggContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The callback context of every Trygg handler."""

    @property
    def services(self) -> Services:
        return cast("TryggApplication", self.application).services

    @property
    def unit(self) -> UnitOfWork:
        unit = current_unit()
        if unit is None:
            raise RuntimeError("no inbox transaction: handlers run only inside the inbox processor")
        return unit

    @property
    def turn(self) -> Turn:
        turn = self.unit.turn
        if turn is None:
            raise RuntimeError("no citizen turn: the update was not from a private chat")
        return turn


class TryggApplication(
    Application[ExtBot[None], TryggContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[TryggContext]]
):
    """PTB's Application with the bot's services attached (see ``ApplicationBuilder.application_class``)."""

    def __init__(self, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
