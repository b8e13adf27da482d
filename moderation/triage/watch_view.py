"""The grannsamverkan screen: sign-ups grouped by place and area."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from moderation.triage.back import BackToQueue
from moderation.triage.i18n import Strings
from moderation.triage.safe import clean
from storage.profile import Profile, fold
from storage.watch import WatchPlace


class WatchView(Vertical, BackToQueue):
    DEFAULT_CSS = """
    WatchView { height: 1fr; }
    WatchView > #watch-title { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    WatchView > #watch-scroll { height: 1fr; padding: 0 1; scrollbar-size-vertical: 1; }
    WatchView > #watch-hint { height: 1; padding: 0 1; color: $text-muted; }
    """
    def __init__(self, strings: Strings, profile: Profile, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.strings = strings
        self.profile = profile
        self.places: list[WatchPlace] = []

    def compose(self) -> ComposeResult:
        yield Static(Text(self.strings("watch.title")), id="watch-title")
        with VerticalScroll(id="watch-scroll", can_focus=True):
            yield Static(Text(self.strings("stats.loading")), id="watch-body")
        yield Static(Text(self.strings("watch.hint")), id="watch-hint")

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#watch-scroll", VerticalScroll)

    def show(self, places: Sequence[WatchPlace]) -> None:
        self.places = list(places)
        self.query_one("#watch-body", Static).update(self.render_places())

    def relabel(self, strings: Strings) -> None:
        self.strings = strings
        self.query_one("#watch-title", Static).update(Text(strings("watch.title")))
        self.query_one("#watch-hint", Static).update(Text(strings("watch.hint")))
        self.show(self.places)

    def render_places(self) -> Table | Text:
        t = self.strings
        if not self.places:
            return Text(t("watch.empty"), style="dim")
        table = Table(box=None, expand=True, padding=(0, 1), show_edge=False)
        table.add_column(Text(t("watch.area")), ratio=1, overflow="ellipsis", no_wrap=True)
        for key in ("watch.signups", "watch.households", "watch.new_group", "watch.meeting", "watch.contact"):
            table.add_column(Text(t(key)), justify="right", no_wrap=True)
        totals = [0, 0, 0, 0, 0]
        for place in self.places:
            known = self.profile.place(place.place)
            name = known.name if known else (clean(place.place, one_line=True) if place.place else t("watch.unknown_place"))
            numbers = [place.signups, place.households, place.wants_new_group, place.wants_info_meeting, place.contact_ok]
            totals = [a + b for a, b in zip(totals, numbers, strict=True)]
            table.add_row(Text(name, style="bold"), *[Text(str(n), style="bold") for n in numbers])
            if len(place.areas) == 1 and fold(place.areas[0].area) == fold(name):
                continue  # the only area is the place itself: its line would repeat the place's
            for area in place.areas:
                table.add_row(
                    Text("  " + clean(area.area, one_line=True)),
                    *[Text(str(n)) for n in (area.signups, area.households, area.wants_new_group,
                                             area.wants_info_meeting, area.contact_ok)],
                )
        table.caption = Text(t("watch.total", signups=totals[0], households=totals[1], group=totals[2],
                            meeting=totals[3], contact=totals[4]), justify="left")
        return table
