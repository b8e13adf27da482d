"""The queue filter: status, intent, theme, place, language, assignee and a date range."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, SelectionList

from moderation.triage.dialogs.base import Dialog
from moderation.triage.i18n import Strings
from storage.profile import Profile
from storage.queries import QueueFilter
from storage.vocabulary import INTENTS, STATUSES, THEMES


def parse_day(value: str) -> dt.date | None:
    """A YYYY-MM-DD date, or None for an empty field; ValueError for anything else."""
    value = value.strip()
    return dt.date.fromisoformat(value) if value else None


def local_midnight(day: dt.date, profile: Profile) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=profile.tz).astimezone(dt.UTC)


class FilterDialog(Dialog[QueueFilter]):
    DEFAULT_CSS = """
    FilterDialog #filter-scroll { height: auto; max-height: 18; }
    FilterDialog .filter-row { height: auto; }
    FilterDialog .filter-row > Vertical { width: 1fr; height: auto; }
    FilterDialog SelectionList { height: 7; }
    """

    def __init__(self, strings: Strings, profile: Profile, current: QueueFilter, officer: str) -> None:
        super().__init__(strings, strings("dlg.filter.title"))
        self.profile = profile
        self.current = current
        self.officer = officer

    def body(self) -> ComposeResult:
        t, flt = self.strings, self.current
        with VerticalScroll(id="filter-scroll"):
            with Horizontal(classes="filter-row"):
                for key, values, chosen in (("status", STATUSES, flt.statuses), ("intent", INTENTS, flt.intents),
                                            ("theme", THEMES, flt.themes)):
                    with Vertical():
                        yield self.label(t(f"dlg.filter.{key}"))
                        yield SelectionList[str](*[(Text(t.label(v)), v, v in chosen) for v in values], id=key)
            with Horizontal(classes="filter-row"):
                with Vertical():
                    yield self.label(t("dlg.filter.place"))
                    places = [(Text(t("dlg.filter.anyone")), "")] + [(Text(p.name), p.id) for p in self.profile.places]
                    yield Select(places, value=flt.places[0] if len(flt.places) == 1 else "", allow_blank=False,
                                 id="place", compact=True)
                with Vertical():
                    yield self.label(t("dlg.filter.lang"))
                    yield Input(", ".join(flt.langs), placeholder="sv, en", id="langs", compact=True)
            with Horizontal(classes="filter-row"):
                with Vertical():
                    yield self.label(t("dlg.filter.assignee"))
                    yield Input(flt.assignee or "", placeholder=self.officer, id="assignee", compact=True)
                with Vertical():
                    yield self.label(" ")
                    yield Checkbox(Text(t("dlg.filter.unassigned")), flt.unassigned, id="unassigned", compact=True)
            with Horizontal(classes="filter-row"):
                with Vertical():
                    yield self.label(t("dlg.filter.since"))
                    yield Input(self._day(flt.since), placeholder="2026-11-01", id="since", compact=True)
                with Vertical():
                    yield self.label(t("dlg.filter.until"))
                    yield Input(self._day(flt.until, end=True), placeholder="2026-11-30", id="until", compact=True)

    def buttons(self) -> ComposeResult:
        yield Button(Text(self.strings("dlg.filter.clear")), id="clear")
        yield from super().buttons()

    def _day(self, value: dt.datetime | None, *, end: bool = False) -> str:
        if value is None:
            return ""
        local = value.astimezone(self.profile.tz)
        return (local - dt.timedelta(days=1) if end else local).date().isoformat()

    def on_mount(self) -> None:
        self.query_one("#status").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "clear":
            event.stop()
            self.dismiss(QueueFilter(search=self.current.search))
            return
        super().on_button_pressed(event)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def result(self) -> QueueFilter | None:
        try:
            since = parse_day(self.query_one("#since", Input).value)
            until = parse_day(self.query_one("#until", Input).value)
        except ValueError:
            bad = next(w.value for w in self.query(Input) if w.id in ("since", "until") and not _is_day(w.value))
            self.show_error(self.strings("dlg.filter.bad_date", value=bad))
            return None
        langs = tuple(sorted({part.strip().lower() for part in self.query_one("#langs", Input).value.replace(";", ",").split(",") if part.strip()}))
        place = str(self.query_one("#place", Select).value or "")
        assignee = self.query_one("#assignee", Input).value.strip() or None
        return replace(
            self.current,
            statuses=tuple(self.query_one("#status", SelectionList).selected),
            intents=tuple(self.query_one("#intent", SelectionList).selected),
            themes=tuple(self.query_one("#theme", SelectionList).selected),
            places=(place,) if place else (),
            langs=langs,
            assignee=assignee,
            unassigned=self.query_one("#unassigned", Checkbox).value,
            since=local_midnight(since, self.profile) if since else None,
            until=local_midnight(until + dt.timedelta(days=1), self.profile) if until else None,
            min_priority=self.current.min_priority,
        )


def _is_day(value: str) -> bool:
    try:
        parse_day(value)
    except ValueError:
        return False
    return True
