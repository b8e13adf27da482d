"""Display names in the export's files: the shared vocabulary, plus the export's own labels."""

from __future__ import annotations

from storage.stats import NO_THEME
from storage.vocabulary import display_name

_OWN = {"sv": {NO_THEME: "Inget tema"}, "en": {NO_THEME: "No theme"}}


def label(value: str, lang: str = "sv") -> str:
    return _OWN.get(lang, _OWN["sv"]).get(value) or display_name(value, lang)
