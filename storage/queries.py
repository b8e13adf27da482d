"""Read-side query helpers shared by the console, the CLI and the export.

They take a session, never commit, and do filtering, sorting, counting and
paging in SQL, so the console stays fast at a million submissions: it asks
for one page at a time (keyset pagination on the queue index) instead of
loading the queue into memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Submission, SubmissionTheme
from storage.refs import parse_ref

SNIPPET_CHARS = 160
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class QueueFilter:
    """What the officer asked to see. Empty tuples mean "any"."""

    statuses: tuple[str, ...] = ()
    intents: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    assignee: str | None = None
    unassigned: bool = False
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    search: str = ""
    min_priority: int | None = None
    include_blocked: bool = False
    include_merged: bool = False


@dataclass(frozen=True)
class QueueCursor:
    """Position after the last row of a page, in the queue's sort order."""

    priority: int
    created_at: dt.datetime
    id: int


@dataclass
class QueueRow:
    id: int
    ref: str
    created_at: dt.datetime
    kind: str
    intent: str
    place: str | None
    lang: str
    status: str
    priority: int
    assignee: str | None
    snippet: str
    version: int
    themes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cursor(self) -> QueueCursor:
        return QueueCursor(self.priority, self.created_at, self.id)


def apply_filter(stmt: Select[Any], flt: QueueFilter, dialect: str) -> Select[Any]:
    conditions = []
    if flt.statuses:
        conditions.append(Submission.status.in_(flt.statuses))
    if flt.intents:
        conditions.append(Submission.intent.in_(flt.intents))
    if flt.places:
        conditions.append(Submission.place.in_(flt.places))
    if flt.langs:
        conditions.append(Submission.lang.in_(flt.langs))
    if flt.kinds:
        conditions.append(Submission.kind.in_(flt.kinds))
    if flt.assignee is not None:
        conditions.append(Submission.assignee == flt.assignee)
    if flt.unassigned:
        conditions.append(Submission.assignee.is_(None))
    if flt.since is not None:
        conditions.append(Submission.created_at >= flt.since)
    if flt.until is not None:
        conditions.append(Submission.created_at < flt.until)
    if flt.min_priority is not None:
        conditions.append(Submission.priority >= flt.min_priority)
    if not flt.include_blocked:
        conditions.append(Submission.from_blocked.is_(False))
    if not flt.include_merged:
        conditions.append(Submission.merged_into_id.is_(None))
    for theme in flt.themes:
        conditions.append(
            exists().where(SubmissionTheme.submission_id == Submission.id, SubmissionTheme.theme == theme)
        )
    if flt.search.strip():
        conditions.append(search_condition(flt.search, dialect))
    return stmt.where(and_(*conditions)) if conditions else stmt


def search_condition(query: str, dialect: str) -> Any:
    """Full-text search: FTS5 on SQLite, tsvector on PostgreSQL; a reference matches exactly.

    Only word characters reach the search engine, so no query syntax a user
    types (quotes, NEAR, -, :) can break or widen the search.
    """
    ref = parse_ref(query)
    if ref is not None:
        return Submission.ref == ref
    tokens = [t.casefold() for t in _TOKEN.findall(query)][:12]
    if not tokens:
        return literal_column("1") == literal_column("1")
    if dialect == "sqlite":
        match = " ".join(f'"{t}"*' for t in tokens)
        fts_ids = select(literal_column("rowid")).select_from(text("submissions_fts")).where(
            text("submissions_fts MATCH :fts_query").bindparams(fts_query=match)
        )
        return Submission.id.in_(fts_ids)
    tsquery = " & ".join(f"{t}:*" for t in tokens)
    return func.to_tsvector(literal_column("'simple'"), Submission.text).op("@@")(
        func.to_tsquery(literal_column("'simple'"), tsquery)
    )


def _queue_columns() -> Select[Any]:
    visible = func.coalesce(Submission.text_redacted, Submission.text)
    return select(
        Submission.id,
        Submission.ref,
        Submission.created_at,
        Submission.kind,
        Submission.intent,
        Submission.place,
        Submission.lang,
        Submission.status,
        Submission.priority,
        Submission.assignee,
        func.substr(visible, 1, SNIPPET_CHARS).label("snippet"),
        Submission.version,
    )


async def queue_page(
    session: AsyncSession,
    flt: QueueFilter,
    *,
    after: QueueCursor | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[QueueRow]:
    """One page of the queue: most urgent first, then newest first.

    ``after`` (keyset) is the fast way to page; ``offset`` is for jumping to
    an arbitrary position (dragging a scrollbar), where no cursor is known.
    """
    stmt = apply_filter(_queue_columns(), flt, session.bind.dialect.name)
    if after is not None:
        stmt = stmt.where(
            tuple_(Submission.priority, Submission.created_at, Submission.id)
            < tuple_(after.priority, after.created_at, after.id)
        )
    stmt = stmt.order_by(Submission.priority.desc(), Submission.created_at.desc(), Submission.id.desc()).limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    rows = [QueueRow(**row._mapping) for row in (await session.execute(stmt)).all()]
    await attach_themes(session, rows)
    return rows


async def count_before(session: AsyncSession, flt: QueueFilter, cursor: QueueCursor) -> int:
    """How many rows of the filtered queue sort above ``cursor``: its index in the queue."""
    stmt = apply_filter(select(func.count()).select_from(Submission), flt, session.bind.dialect.name).where(
        tuple_(Submission.priority, Submission.created_at, Submission.id)
        > tuple_(cursor.priority, cursor.created_at, cursor.id)
    )
    return (await session.execute(stmt)).scalar_one()


async def queue_page_before(
    session: AsyncSession, flt: QueueFilter, *, before: QueueCursor | None, limit: int = 50, offset: int = 0
) -> list[QueueRow]:
    """The page above ``before`` (scrolling up), returned in queue order.

    ``before=None`` counts from the end of the queue: ``offset`` rows up from
    the last one, so jumping to the end costs what jumping to the start does.
    """
    stmt = apply_filter(_queue_columns(), flt, session.bind.dialect.name)
    if before is not None:
        stmt = stmt.where(
            tuple_(Submission.priority, Submission.created_at, Submission.id)
            > tuple_(before.priority, before.created_at, before.id)
        )
    stmt = stmt.order_by(Submission.priority.asc(), Submission.created_at.asc(), Submission.id.asc()).limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    rows = [QueueRow(**row._mapping) for row in (await session.execute(stmt)).all()]
    rows.reverse()
    await attach_themes(session, rows)
    return rows


async def attach_themes(session: AsyncSession, rows: list[QueueRow]) -> None:
    if not rows:
        return
    by_id: dict[int, list[str]] = defaultdict(list)
    result = await session.execute(
        select(SubmissionTheme.submission_id, SubmissionTheme.theme)
        .where(SubmissionTheme.submission_id.in_([r.id for r in rows]))
        .order_by(SubmissionTheme.submission_id, SubmissionTheme.theme)
    )
    for submission_id, theme in result.all():
        by_id[submission_id].append(theme)
    for row in rows:
        row.themes = tuple(by_id.get(row.id, ()))


async def count_queue(session: AsyncSession, flt: QueueFilter) -> int:
    stmt = apply_filter(select(func.count()).select_from(Submission), flt, session.bind.dialect.name)
    return (await session.execute(stmt)).scalar_one()


async def get_submission(session: AsyncSession, key: int | str) -> Submission | None:
    if isinstance(key, int):
        return await session.get(Submission, key)
    ref = parse_ref(key) or key
    return (await session.execute(select(Submission).where(Submission.ref == ref))).scalar_one_or_none()


async def newest_id(session: AsyncSession) -> int:
    """The highest submission id; the console polls past it for new arrivals."""
    return (await session.execute(select(func.max(Submission.id)))).scalar() or 0


async def arrived_since(session: AsyncSession, since_id: int, limit: int = 100) -> list[QueueRow]:
    """Submissions stored after ``since_id``, oldest first, for "new item" notifications."""
    stmt = _queue_columns().where(Submission.id > since_id).order_by(Submission.id).limit(limit)
    rows = [QueueRow(**row._mapping) for row in (await session.execute(stmt)).all()]
    await attach_themes(session, rows)
    return rows
