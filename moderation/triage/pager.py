"""A sliding window over the filtered queue, paged from the database.

The console never holds the queue: it holds at most ``MAX_ROWS`` rows around
what is on screen. Moving into the rows next to the window extends it with a
keyset page (``queue_page(after=...)`` / ``queue_page_before``), which costs
the same at row 10 and row 1,000,000; a jump (dragging the scrollbar, End)
fetches by offset once and pages by keyset from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from storage.db import Database
from storage.queries import (
    QueueCursor,
    QueueFilter,
    QueueRow,
    count_before,
    count_queue,
    queue_page,
    queue_page_before,
)

PAGE = 60
MAX_ROWS = 600


@dataclass
class QueueWindow:
    """What the list widget draws: ``rows`` are queue positions ``base .. base+len(rows)-1``."""

    total: int = 0
    base: int = 0
    rows: list[QueueRow] = field(default_factory=list)

    def row_at(self, index: int) -> QueueRow | None:
        offset = index - self.base
        return self.rows[offset] if 0 <= offset < len(self.rows) else None

    def index_of(self, submission_id: int) -> int | None:
        for offset, row in enumerate(self.rows):
            if row.id == submission_id:
                return self.base + offset
        return None

    @property
    def end(self) -> int:
        return self.base + len(self.rows)


class QueuePager:
    """Loads windows of one filter; every method opens one read transaction.

    A new filter is shown in two steps: ``reset`` loads the first rows (what
    the officer waits for), ``count`` the total (what the scrollbar needs),
    which on a million rows can take longer than the rows themselves.
    """

    def __init__(self, db: Database, flt: QueueFilter) -> None:
        self.db = db
        self.filter = flt
        self.window = QueueWindow()
        self.counted = True

    async def reset(self, flt: QueueFilter | None = None, *, visible: int = PAGE, count: bool = True) -> QueueWindow:
        """A new filter (or a full reload): the first rows and, unless ``count=False``, the total."""
        if flt is not None:
            self.filter = flt
        limit = max(visible, PAGE)
        async with self.db.read() as session:
            rows = await queue_page(session, self.filter, limit=limit)
            full = len(rows) >= limit
            total = await count_queue(session, self.filter) if full and count else len(rows)
        self.counted = count or not full
        self.window = QueueWindow(total, 0, rows)
        return self.window

    async def count(self) -> QueueWindow:
        """The total for the filter ``reset(count=False)`` showed the first rows of."""
        flt = self.filter
        async with self.db.read() as session:
            total = await count_queue(session, flt)
        if flt == self.filter:  # not replaced by a newer filter meanwhile
            self.window = replace(self.window, total=max(total, self.window.end))
            self.counted = True
        return self.window

    async def ensure(self, start: int, stop: int) -> QueueWindow:
        """Make sure positions ``start .. stop-1`` are loaded (clamped to the queue)."""
        window = self.window
        start, stop = max(0, start), min(window.total, stop)
        if start >= stop or (window.base <= start and stop <= window.end):
            return window
        async with self.db.read() as session:
            if window.rows and window.base <= start <= window.end < stop:
                more = await queue_page(session, self.filter, after=window.rows[-1].cursor,
                                        limit=max(PAGE, stop - window.end))
                rows, base = window.rows + more, window.base
            elif window.rows and start < window.base <= stop <= window.end:
                more = await queue_page_before(session, self.filter, before=window.rows[0].cursor,
                                               limit=max(PAGE, window.base - start))
                rows, base = more + window.rows, window.base - len(more)
            else:  # a jump: by offset from whichever end is nearer
                base = max(0, start - (PAGE - (stop - start)) // 2)
                end = min(window.total, max(stop, base + PAGE))
                if self.counted and base > window.total - end:
                    rows = await queue_page_before(session, self.filter, before=None, offset=window.total - end,
                                                   limit=end - base)
                else:
                    rows = await queue_page(session, self.filter, offset=base, limit=end - base)
        self.window = _trimmed(QueueWindow(window.total, base, rows), start, stop)
        return self.window

    async def reload(
        self, *, keep: QueueRow | None, keep_index: int | None, start: int, stop: int
    ) -> tuple[QueueWindow, int, int | None]:
        """Recount and reload around the screen, keeping ``keep`` on the same screen line.

        New arrivals above the officer's row shift the window by as many rows,
        so the row under the cursor does not move. Returns the window, the new
        screen start and the new position of ``keep`` (None when it left the filter).
        """
        async with self.db.read() as session:
            total = await count_queue(session, self.filter)
            index = None
            if keep is not None:
                index = await count_before(session, self.filter, keep.cursor)
                shift = index - (keep_index if keep_index is not None else index)
                start, stop = start + shift, stop + shift
            start = max(0, min(start, total - (stop - start)))
            stop = max(start, min(stop, total))
            base = max(0, start - PAGE // 4)
            rows = await queue_page(session, self.filter, offset=base, limit=max(PAGE, stop - base))
        self.window = QueueWindow(total, base, rows)
        kept = self.window.row_at(index) if index is not None else None
        if kept is None or keep is None or kept.id != keep.id:
            index = None
        return self.window, start, index

    def replace_row(self, row: QueueRow) -> None:
        """Show a changed row in place (after an action) until the next reload."""
        rows = [row if r.id == row.id else r for r in self.window.rows]
        self.window = replace(self.window, rows=rows)


def _trimmed(window: QueueWindow, start: int, stop: int) -> QueueWindow:
    """Keep at most MAX_ROWS, dropping from the side away from the screen."""
    excess = len(window.rows) - MAX_ROWS
    if excess <= 0:
        return window
    middle = (start + stop) // 2 - window.base
    drop_front = min(excess, max(0, middle - MAX_ROWS // 2))
    rows = window.rows[drop_front:drop_front + MAX_ROWS]
    return QueueWindow(window.total, window.base + drop_front, rows)


__all__ = ["PAGE", "QueueCursor", "QueuePager", "QueueWindow"]
