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
