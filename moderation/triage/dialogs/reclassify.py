"""Reclassify intent, themes and place; the result is kept as a correction for the classifier."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Select, SelectionList

from moderation.triage.dialogs.base import Dialog
from moderation.triage.i18n import Strings
from storage.profile import Profile
from storage.vocabulary import INTENTS, THEMES


@dataclass(frozen=True)
class Reclassification:
    intent: str
    themes: tuple[str, ...]
    place: str | None


class ReclassifyDialog(Dialog[Reclassification]):
    DEFAULT_CSS = """
    ReclassifyDialog #reclassify-columns { height: auto; }
    ReclassifyDialog #reclassify-columns > Vertical { width: 1fr; height: auto; }
    ReclassifyDialog SelectionList { height: 7; }
    """

    def __init__(self, strings: Strings, profile: Profile, ref: str, current: Reclassification) -> None:
        super().__init__(strings, strings("dlg.reclassify.title", ref=ref))
        self.profile = profile
        self.current = current

    def body(self) -> ComposeResult:
        t = self.strings
        yield self.hint(t("dlg.reclassify.hint"))
        with Horizontal(id="reclassify-columns"):
            with Vertical():
                yield self.label(t("dlg.reclassify.intent"))
                yield Select([(Text(t.label(i)), i) for i in INTENTS], value=self.current.intent,
                             allow_blank=False, id="intent", compact=True)
                yield self.label(t("dlg.reclassify.place"))
                places = [(Text(t("dlg.place.none")), "")] + [(Text(p.name), p.id) for p in self.profile.places]
                yield Select(places, value=self.current.place or "", allow_blank=False, id="place", compact=True)
            with Vertical():
                yield self.label(t("dlg.reclassify.themes"))
                yield SelectionList[str](
                    *[(Text(t.label(theme)), theme, theme in self.current.themes) for theme in THEMES], id="themes"
                )

    def on_mount(self) -> None:
        self.query_one("#intent").focus()

    def result(self) -> Reclassification | None:
        intent = self.query_one("#intent", Select).value
        place = self.query_one("#place", Select).value
        themes = self.query_one("#themes", SelectionList).selected
        return Reclassification(str(intent), tuple(sorted(str(t) for t in themes)), str(place) or None)
