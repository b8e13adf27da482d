"""The queue as a virtual list on Textual's line API.

``QueueList`` draws only the lines on screen from a ``QueueWindow`` of a few
hundred rows; its virtual height is the filtered count, so the scrollbar
tells the truth about 100,000 submissions while memory holds a window. When
the screen moves near or past the window's edges it posts ``WindowWanted``;
whoever owns the data (the triage panel) loads rows and calls ``show_window``.
Line 0 is a sticky column header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from moderation.triage.i18n import Strings
from moderation.triage.pager import QueueWindow
from moderation.triage.safe import clean
from storage.profile import Profile
from storage.queries import QueueRow
from storage.vocabulary import Priority, Status

PREFETCH_SCREENS = 2  # ask for more rows while the screen is this many screens from the window's edge


@dataclass(frozen=True)
class Column:
    key: str
    width: int  # 0: takes the rest


NARROW = (
    Column("mark", 2), Column("ref", 13), Column("age", 3), Column("intent", 5), Column("themes", 5),
    Column("place", 9), Column("lang", 3), Column("status", 6), Column("assignee", 6), Column("text", 0),
)
WIDE = (
    Column("mark", 2), Column("ref", 13), Column("age", 4), Column("intent", 6), Column("themes", 8),
    Column("place", 12), Column("lang", 3), Column("status", 8), Column("assignee", 10), Column("text", 0),
)


def layout(width: int) -> tuple[Column, ...]:
    return WIDE if width >= 110 else NARROW


class QueueList(ScrollView, can_focus=True):
    """One line per submission, most urgent first; keys move a cursor, Enter opens."""

    COMPONENT_CLASSES = {
        "queue-list--header", "queue-list--cursor", "queue-list--urgent", "queue-list--high",
        "queue-list--done", "queue-list--pending", "queue-list--fresh",
    }
    DEFAULT_CSS = """
    QueueList {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
    }
    QueueList > .queue-list--header { text-style: bold; background: $panel; }
    QueueList > .queue-list--cursor { background: $block-cursor-blurred-background; }
    QueueList:focus > .queue-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    QueueList > .queue-list--urgent { color: $error; text-style: bold; }
    QueueList > .queue-list--high { color: $warning; }
    QueueList > .queue-list--done { color: $text-muted; }
    QueueList > .queue-list--pending { color: $text-muted; }
    QueueList > .queue-list--fresh { color: $success; }
    """
    BINDINGS = [
        Binding("up,k", "move(-1)", "Upp", show=False),
        Binding("down,j", "move(1)", "Ned", show=False),
        Binding("pageup", "page(-1)", "Sida upp", show=False),
        Binding("pagedown,space", "page(1)", "Sida ned", show=False),
        Binding("home", "jump(0)", "Först", show=False),
        Binding("end", "jump(-1)", "Sist", show=False),
        Binding("enter", "open", "Öppna", id="open"),
    ]

    class WindowWanted(Message):
        """Rows ``first .. end-1`` should be loaded (``stop`` is taken: Message.stop())."""

        def __init__(self, first: int, end: int) -> None:
            super().__init__()
            self.first, self.end = first, end

    class Highlighted(Message):
        def __init__(self, row: QueueRow | None) -> None:
            super().__init__()
            self.row = row

    class Opened(Message):
        def __init__(self, row: QueueRow) -> None:
            super().__init__()
            self.row = row

    def __init__(
        self, strings: Strings, profile: Profile, clock: Callable[[], dt.datetime], officer: str,
        *, id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.strings = strings
        self.profile = profile
        self.clock = clock
        self.officer = officer
        self.tz: ZoneInfo = profile.tz
        self.window = QueueWindow()
        self.cursor = 0
        self.fresh_ids: set[int] = set()
        self._wanted: tuple[int, int] | None = None
        self._highlighted_id: int | None = None
        self._now = clock()

    # ----- data in (called by the owner) -------------------------------------------------

    def show_window(self, window: QueueWindow, *, top: int | None = None, cursor: int | None = None) -> None:
        """Draw ``window``; optionally move the screen's first row and the cursor.

        A window that only grew beside the screen (a prefetch) changes nothing
        visible, so it is not redrawn: scrolling stays one render per page.
        """
        before = (self.window.total, self._visible_rows())
        self.window = window
        self._wanted = None
        self.virtual_size = Size(self.scrollable_content_region.width, window.total + 1)
        if cursor is not None:
            self.cursor = cursor
        self.cursor = max(0, min(self.cursor, window.total - 1)) if window.total else 0
        if top is not None:
            self.scroll_to(y=top, animate=False, force=True)
        self._keep_cursor_visible()
        if top is not None or cursor is not None or before != (window.total, self._visible_rows()):
            self._now = self.clock()
            self.refresh()
        self._announce()
        self._check_window()

    def _visible_rows(self) -> list[QueueRow | None]:
        return [self.window.row_at(i) for i in range(self.top, self.top + self.visible_rows)]

    @property
    def current(self) -> QueueRow | None:
        return self.window.row_at(self.cursor) if self.window.total else None

    @property
    def visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    @property
    def top(self) -> int:
        return int(self.scroll_offset.y)

    # ----- keys ---------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self._set_cursor(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        step = max(1, self.visible_rows - 1) * direction
        self.scroll_to(y=self.top + step, animate=False, force=True)
        self._set_cursor(self.cursor + step)

    def action_jump(self, where: int) -> None:
        self._set_cursor(self.window.total - 1 if where < 0 else 0)

    def action_open(self) -> None:
        if (row := self.current) is not None:
            self.post_message(self.Opened(row))

    async def _on_click(self, event: events.Click) -> None:
        if event.y < 1:
            return
        self._set_cursor(self.top + event.y - 1)
        if event.chain >= 2:
            self.action_open()

    def _set_cursor(self, index: int) -> None:
        if not self.window.total:
            return
        self.cursor = max(0, min(index, self.window.total - 1))
        self._keep_cursor_visible()
        self.refresh()
        self._announce()
        self._check_window()

    def _keep_cursor_visible(self) -> None:
        top, rows = self.top, self.visible_rows
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, force=True)

    def _announce(self) -> None:
        row = self.current
        row_id = row.id if row else None
        if row_id != self._highlighted_id:
            self._highlighted_id = row_id
            self.post_message(self.Highlighted(row))

    # ----- scrolling and loading ----------------------------------------------------------

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_window()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.window.total + 1)
        self._check_window()

    def _check_window(self) -> None:
        """Ask for rows when the screen (or the cursor) is outside or near the edge of the window."""
        total = self.window.total
        if not total:
            return
        top = min(self.top, self.cursor)
        bottom = min(total, max(self.top + self.visible_rows, self.cursor + 1))
        window = self.window
        margin = PREFETCH_SCREENS * self.visible_rows
        missing = not (window.base <= top and bottom <= window.end)
        near_start = window.base > 0 and top - window.base < margin // 2
        near_end = window.end < total and window.end - bottom < margin // 2
        if not (missing or near_start or near_end):
            return
        wanted = (max(0, top - margin), min(total, bottom + margin))
        if self._wanted is not None and self._wanted[0] <= wanted[0] and wanted[1] <= self._wanted[1]:
            return  # already asked
        self._wanted = wanted
        self.post_message(self.WindowWanted(*wanted))

    # ----- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip(self.header_text(width), width, self.get_component_rich_style("queue-list--header"))
        index = self.top + y - 1
        if index >= self.window.total:
            if index == 0:
                empty = Text(" " + self.strings("queue.empty"))
                return self._strip(empty, width, self.get_component_rich_style("queue-list--pending"))
            return Strip.blank(width, self.rich_style)
        row = self.window.row_at(index)
        if row is None:
            pending = Text("  " + self.strings("queue.loading"))
            return self._strip(pending, width, self.get_component_rich_style("queue-list--pending"))
        style = self._row_style(row)
        if index == self.cursor:
            style += self.get_component_rich_style("queue-list--cursor")
        return self._strip(self.row_text(row, width), width, style)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.truncate(width, overflow="ellipsis", pad=True)
        segments = list(text.render(self.app.console, end=""))
        return Strip(segments, width).apply_style(self.rich_style + style)

    def _row_style(self, row: QueueRow) -> Style:
        if row.priority >= Priority.URGENT:
            return self.get_component_rich_style("queue-list--urgent")
        if row.priority >= Priority.HIGH:
            return self.get_component_rich_style("queue-list--high")
        if row.status in (Status.CLOSED, Status.SPAM):
            return self.get_component_rich_style("queue-list--done")
        if row.id in self.fresh_ids:
            return self.get_component_rich_style("queue-list--fresh")
        return Style()

    def header_text(self, width: int) -> Text:
        t = self.strings
        titles = {"mark": "", "ref": t("col.ref"), "age": t("col.age"), "intent": t("col.intent"),
                  "themes": t("col.themes"), "place": t("col.place"), "lang": t("col.lang"),
                  "status": t("col.status"), "assignee": t("col.assignee"), "text": t("col.text")}
        return self._cells({c.key: Text(titles[c.key]) for c in layout(width)}, width)

    def row_text(self, row: QueueRow, width: int) -> Text:
        t = self.strings
        wide = layout(width) is WIDE
        status = t.label(row.status) if wide else t.short(row.status)
        mark = "!!" if row.priority >= Priority.URGENT else " !" if row.priority >= Priority.HIGH else (
            "• " if row.id in self.fresh_ids else "")
        place = self.profile.place(row.place)
        themes = (" " if wide else "").join(t.short(theme) for theme in row.themes)
        return self._cells({
            "mark": Text(mark),
            "ref": Text(row.ref),
            "age": Text(t.age(self._now - row.created_at)),
            "intent": Text(t.short(row.intent)),
            "themes": Text(themes),
            "place": Text(place.name if place else clean(row.place or "", one_line=True)),
            "lang": Text(clean(row.lang, one_line=True)),
            "status": Text(status),
            "assignee": Text(clean(row.assignee or "", one_line=True)),
            "text": Text(clean(row.snippet, one_line=True)),
        }, width)

    def _cells(self, cells: dict[str, Text], width: int) -> Text:
        columns = layout(width)
        fixed = sum(c.width for c in columns) + len(columns) - 1
        line = Text(no_wrap=True, overflow="ellipsis")
        for number, column in enumerate(columns):
            cell = cells[column.key]
            cell_width = column.width or max(4, width - fixed)
            cell.truncate(cell_width, overflow="ellipsis", pad=True)
            if number:
                line.append(" ")
            line.append_text(cell)
        return line

