"""Telling a briefly unavailable database from a bug, and retrying reads through it.

A locked SQLite file (another writer held it past the busy timeout) or a lost
PostgreSQL connection must not end the console: reads show a message and
retry with backoff; writes retry only when nothing can have been written.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, PendingRollbackError

T = TypeVar("T")

_TRANSIENT_WORDS = ("locked", "busy", "connection", "terminat", "starting up", "shutting down", "timeout", "closed")
BACKOFF_SECONDS = (0.5, 1.0, 2.0, 4.0, 5.0)


def transient_kind(exc: BaseException) -> str | None:
    """"locked", "unreachable" or "lost" for a passing database problem; None for anything else."""
    if isinstance(exc, (ConnectionRefusedError, TimeoutError, asyncio.TimeoutError)):
        return "unreachable"
    if isinstance(exc, OSError):
        return "unreachable" if not isinstance(exc, FileNotFoundError) else None
    if isinstance(exc, PendingRollbackError):
        return "lost"
    if isinstance(exc, DBAPIError):
        message = str(exc.orig or exc).lower()
        if "locked" in message or "busy" in message:
            return "locked"
        if exc.connection_invalidated or isinstance(exc, InterfaceError):
            return "lost"
        if isinstance(exc, OperationalError) and any(w in message for w in _TRANSIENT_WORDS):
            return "lost"
    return None


def safe_to_retry_write(exc: BaseException) -> bool:
    """A write that failed before it began (lock not taken, no connection) cannot have been saved."""
    kind = transient_kind(exc)
    return kind == "locked" or (kind == "unreachable" and isinstance(exc, ConnectionRefusedError))


async def retrying(
    operation: Callable[[], Awaitable[T]],
    on_wait: Callable[[str, float, BaseException], None],
    *,
    attempts: int | None = None,
    write: bool = False,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """Run ``operation``, retrying database trouble; ``on_wait(kind, seconds, error)`` tells the user.

    Reads retry any database error (a passing one clears by itself; any
    other stays on screen, named, instead of ending the console), for as
    long as it takes when ``attempts`` is None (the caller's worker can be
    cancelled). Writes are retried only when ``safe_to_retry_write``.
    """
    failures = 0
    while True:
        try:
            return await operation()
        except Exception as exc:
            kind = transient_kind(exc) or ("error" if isinstance(exc, DBAPIError) and not write else None)
            retry = kind is not None and (not write or safe_to_retry_write(exc))
            failures += 1
            if not retry or (attempts is not None and failures >= attempts):
                raise
            delay = BACKOFF_SECONDS[min(failures - 1, len(BACKOFF_SECONDS) - 1)]
            on_wait(kind or "lost", delay, exc)
            await sleep(delay)


def first_line(exc: BaseException) -> str:
    """The database's own words, one line, for the banner."""
    inner = getattr(exc, "orig", None) or exc
    return (str(inner).strip().splitlines() or [type(inner).__name__])[0][:200]
