"""The bot's words in Swedish and English (``sv.toml``, ``en.toml``), rendered as Telegram HTML.

Catalogue strings are trusted HTML written by us. Every value put into them
is citizen or profile text and is escaped with ``html.escape``, unless it is
an ``Html`` fragment built by this module's callers from other catalogue
strings. Missing English strings fall back to Swedish (a test keeps the two
files in step).
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Mapping
from importlib import resources
from typing import Any

LANGUAGES = ("sv", "en")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Html(str):
    """A fragment that is already Telegram HTML (built from catalogue strings and escaped values)."""


def clean(text: str) -> str:
    """What Telegram and the databases accept: no lone surrogates, no NUL or other C0 controls."""
    return _CONTROL.sub("", _LONE_SURROGATE.sub("\ufffd", text))


def escape(value: Any) -> str:
    if isinstance(value, Html):
        return value
    return html.escape(clean(str(value)))


class Catalogue:
    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        self.messages = messages

    @classmethod
    def load(cls) -> Catalogue:
        messages = {}
        for lang in LANGUAGES:
            raw = tomllib.loads(resources.files("bot.texts").joinpath(f"{lang}.toml").read_text("utf-8"))
            messages[lang] = _flatten(raw)
        return cls(messages)

    def __call__(self, lang: str, key: str, **params: Any) -> Html:
        template = self.messages.get(lang, {}).get(key) or self.messages["sv"][key]
        return Html(template.format_map({name: escape(value) for name, value in params.items()}))

    def plain(self, lang: str, key: str) -> str:
        """A catalogue string used as plain text (button labels), not HTML."""
        return self.messages.get(lang, {}).get(key) or self.messages["sv"][key]

    def has(self, lang: str, key: str) -> bool:
        return key in self.messages.get(lang, {})


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value).strip("\n")
    return flat
