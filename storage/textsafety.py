"""Make untrusted text storable everywhere without changing what it says.

Telegram's JSON can carry lone UTF-16 surrogates and NUL characters. Neither
can be encoded into SQLite's UTF-8 or PostgreSQL's text, so a message holding
one would fail to store and be lost. Each is replaced by U+FFFD (the
replacement character); every other character, control characters and
bidirectional overrides included, is kept as written; front ends decide how to
show them (escaped in the console, html-escaped in Telegram).
"""

from __future__ import annotations

import re

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def storable(text: str) -> str:
    return _UNSTORABLE.sub(REPLACEMENT, text) if text else text


def storable_or_none(text: str | None) -> str | None:
    return None if text is None else storable(text)


# What a terminal or a spreadsheet would obey rather than show: C0 controls except tab, newline and
# carriage return (ESC, BEL, backspace...), DEL, C1 controls (8-bit CSI, NEL...) and bidirectional
# embeddings, overrides and isolates ("Trojan Source").
_INERT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """``text`` with each such control replaced by U+FFFD: for files opened outside Trygg (the export)."""
    return _INERT.sub(REPLACEMENT, text) if text else text
