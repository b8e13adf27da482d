"""Many submissions in one transaction (the bot's round of updates), written with one INSERT per table.

After ``begin_batch(session, expected)``, ``create_submission`` takes its
reference number from one reserved block, its id from one reservation, and
keeps its rows (the submission, its themes) in memory instead of writing
them at once. They are written together, one statement per table:

- before anything the session writes or reads through the ORM (a flush,
  such as a photo's attachment row referring to the submission; a query),
- before a Core insert through ``intake._core_connection`` (an outbox row
  referring to the submission),
- by ``finish_batch``, which also gives back the unused reference numbers,
- and, as a safety net, before the commit.

So a round of sixteen messages costs a few statements instead of sixteen
INSERTs of each kind, and nothing in the transaction can see the database
without the batch's rows.

Ids are taken ahead: on PostgreSQL from the table's sequence (one
``nextval`` per id, in one statement; unused ones are gaps, as after any
rollback); on SQLite after the table's highest id, which is safe because a
write transaction there holds the database's only write lock.
"""

from __future__ import annotations

import collections
import functools
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.dml import Insert

from storage.models import Submission, SubmissionTheme
from storage.refs import expect_refs, release_unused_refs

_KEY = "trygg.submission_batch"


@dataclass
class SubmissionBatch:
    expected: int
    submissions: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    _ids: collections.deque[int] = field(default_factory=collections.deque)
    _last: int | None = None  # SQLite: the last id handed out

    async def take_id(self, session: AsyncSession) -> int:
        if not self._ids:
            self._ids.extend(await self._reserve(await session.connection()))
        return self._ids.popleft()

    def add(self, submission: dict[str, Any], themes: list[dict[str, Any]]) -> None:
        self.submissions.append(submission)
        self.themes.extend(themes)

    async def _reserve(self, connection: AsyncConnection) -> list[int]:
        if connection.dialect.name == "postgresql":
            return list((await connection.execute(_next_ids(), {"count": self.expected})).scalars())
        if self._last is None:
            table = Submission.__table__
            self._last = (await connection.execute(select(func.coalesce(func.max(table.c.id), 0)))).scalar_one()
        first, self._last = self._last + 1, self._last + self.expected
        return list(range(first, self._last + 1))


def current_batch(session: AsyncSession | Session) -> SubmissionBatch | None:
    return session.info.get(_KEY)


def begin_batch(session: AsyncSession, expected: int) -> None:
    """Up to ``expected`` submissions follow in this transaction; call ``finish_batch`` before the commit."""
    expected = max(1, expected)
    expect_refs(session, expected)
    session.info[_KEY] = SubmissionBatch(expected)
    sync = session.sync_session
    event.listen(sync, "before_flush", _write_before_flush)
    event.listen(sync, "do_orm_execute", _write_before_query)
    event.listen(sync, "before_commit", write_waiting)


async def finish_batch(session: AsyncSession) -> None:
    """Write the rows still waiting and give back the reference numbers no submission took."""
    await write_waiting_async(session)
    await release_unused_refs(session)


async def write_waiting_async(session: AsyncSession) -> None:
    batch = current_batch(session)
    if batch is not None and batch.submissions:
        await session.run_sync(write_waiting)


def write_waiting(session: Session) -> None:
    """Write the batch's waiting rows (sync: also called from the session's events, inside its greenlet)."""
    batch = current_batch(session)
    if batch is None or not batch.submissions:
        return
    rows, themes = batch.submissions, batch.themes
    batch.submissions, batch.themes = [], []
    connection = session.connection()
    connection.execute(_insert_submissions(), rows)
    if themes:
        connection.execute(insert_themes(), themes)


def _write_before_flush(session: Session, _context: Any, _instances: Any) -> None:
    write_waiting(session)


def _write_before_query(state: ORMExecuteState) -> None:
    write_waiting(state.session)


@functools.cache
def _insert_submissions() -> Insert:
    return insert(Submission.__table__)


@functools.cache
def insert_themes() -> Insert:
    """Theme rows' INSERT, built once: a batch writes them together, ``create_submission`` one submission's."""
    return insert(SubmissionTheme.__table__)


@functools.cache
def _next_ids() -> Any:
    return text("SELECT nextval(pg_get_serial_sequence('submissions', 'id')) FROM generate_series(1, :count)")
