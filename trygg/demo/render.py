"""Render a Telegram message (plain text + entities) as Rich ``Text``, as a client would.

Telegram counts entity offsets in UTF-16 code units; Python strings count
code points, so an emoji before a bold word would shift the bold. Offsets
are converted before styling. The result is a ``Text`` object, never markup,
so nothing a citizen or the bot wrote can be read as Rich/Textual markup.
"""

from __future__ import annotations

from typing import Any

from rich.style import Style
from rich.text import Text

ENTITY_STYLES: dict[str, Style] = {
    "bold": Style(bold=True),
    "italic": Style(italic=True),
    "underline": Style(underline=True),
    "strikethrough": Style(strike=True),
    "spoiler": Style(reverse=True),
    "code": Style(color="bright_cyan"),
    "pre": Style(color="bright_cyan"),
    "blockquote": Style(italic=True, color="grey70"),
    "expandable_blockquote": Style(italic=True, color="grey70"),
    "bot_command": Style(color="bright_blue"),
    "url": Style(color="bright_blue", underline=True),
    "mention": Style(color="bright_blue"),
    "hashtag": Style(color="bright_blue"),
    "phone_number": Style(color="bright_blue"),
}


def utf16_to_index(text: str) -> list[int]:
    """Map each UTF-16 offset (0..len16) to the Python index it falls on."""
    mapping: list[int] = []
    for index, char in enumerate(text):
        mapping.append(index)
        if ord(char) > 0xFFFF:
            mapping.append(index)
    mapping.append(len(text))
    return mapping


def message_text(text: str, entities: list[dict[str, Any]]) -> Text:
    """Rich ``Text`` with Telegram's formatting; links are shown, never followed."""
    rendered = Text(text)
    if not entities:
        return rendered
    index = utf16_to_index(text)
    last = len(index) - 1
    for entity in entities:
        offset, length = int(entity.get("offset", 0)), int(entity.get("length", 0))
        start, end = index[min(offset, last)], index[min(offset + length, last)]
        kind = entity.get("type", "")
        if kind == "text_link":
            rendered.stylize(Style(color="bright_blue", underline=True), start, end)
        elif kind in ENTITY_STYLES:
            rendered.stylize(ENTITY_STYLES[kind], start, end)
    return rendered
