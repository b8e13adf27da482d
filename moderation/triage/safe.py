"""Citizen text on screen: always a ``rich.text.Text``, never markup, never terminal control.

Every string a citizen (or the classifier, from a citizen's words) produced
reaches a widget through ``citizen_text`` or ``one_line``. They return
``Text`` objects, which Textual renders without parsing ``[@click=...]`` or
``[link=...]``, and replace control characters one for one with visible
stand-ins, so an ANSI escape, a bell or a right-to-left override is shown, not
obeyed, and character offsets (for redaction) still match the stored text.
"""

from __future__ import annotations

import unicodedata

from rich.text import Text

# Bidirectional embeddings, overrides, isolates and marks: they reorder what the
# officer sees ("Trojan Source"); shown as a visible replacement character.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
REPLACEMENT = "\ufffd"


def _visible(char: str, one_line: bool) -> str:
    if char == "\n":
        return " " if one_line else "\n"
    if char == "\t":
        return " "
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC, ␇ for BEL, ...
    if code == 0x7F:
        return "\u2421"  # ␡
    if char in _BIDI_CONTROLS or 0xD800 <= code <= 0xDFFF:
        return REPLACEMENT
    category = unicodedata.category(char)
    if category == "Cc" or category in ("Zl", "Zp"):
        return REPLACEMENT if category == "Cc" else (" " if one_line else "\n")
    return char


def clean(text: str | None, *, one_line: bool = False) -> str:
    """The text with every control character replaced by one visible character."""
    if not text:
        return ""
    if text.isprintable() and (one_line or "\n" not in text):
        return text
    return "".join(_visible(c, one_line) if not c.isprintable() or c in _BIDI_CONTROLS else c for c in text)


def citizen_text(text: str | None, style: str = "") -> Text:
    """Multi-line citizen text for a detail view; long words fold instead of widening the layout."""
    return Text(clean(text), style=style, overflow="fold", no_wrap=False)


def one_line(text: str | None, style: str = "") -> Text:
    """Citizen text squeezed onto one line (queue rows, lists), cut with an ellipsis by the caller."""
    return Text(clean(text, one_line=True), style=style, no_wrap=True, overflow="ellipsis")
