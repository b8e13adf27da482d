"""Telegram's HTML parse mode: markup -> plain text + MessageEntity dicts.

This follows the grammar of Telegram's own parser (``parse_html`` in tdlib's
``MessageEntity.cpp``, which the Bot API server runs) rather than the HTML
standard, because the point of the local server is that a bot's markup bug
fails here exactly as it would fail against Telegram:

* only the tags Telegram supports are accepted; any other ``<`` starts an
  "Unsupported start tag" error, so ``a < b`` is rejected;
* only ``&lt; &gt; &amp; &quot;`` and numeric references are decoded (the ``;``
  is optional); any other ``&`` is kept literally, as Telegram does;
* error texts and byte offsets are Telegram's.

Python's ``html.parser`` was considered and rejected: it accepts ``a < b`` as
text, decodes the whole HTML5 entity table (``&nbsp;``, ``&copy;``) that
Telegram leaves alone, and reports positions as line/column, so wrapping it
would need more code than this direct port of the real grammar.

Entity offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "EntityParseError",
    "detect_entities",
    "parse_html",
    "strip_formatted",
    "utf16_len",
]

Entity = dict[str, Any]

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
        "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    }
)
_SIMPLE_TAG_TYPES = {
    "b": "bold", "strong": "bold",
    "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
# tdlib's is_space(); NUL is included because tdlib scans a NUL-terminated
# buffer, so an embedded NUL inside a tag ends it just like the end of text.
_SPACES = frozenset(" \t\r\n\0\v\f")
_NAMED_REFERENCES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_NAME_TOKEN = _ASCII_ALNUM | frozenset(".-")
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")
_SPECIAL = re.compile(r"[<&]")
# Lower priority sorts first among entities with equal offset and length
# (tdlib's MessageEntity::get_type_priority).
_TYPE_PRIORITY = {
    "blockquote": 0, "expandable_blockquote": 0, "pre": 11, "code": 20,
    "text_link": 49, "text_mention": 49, "mention": 50, "hashtag": 50,
    "bot_command": 50, "url": 50, "email": 50, "cashtag": 50, "phone_number": 50,
    "bold": 90, "italic": 91, "underline": 92, "strikethrough": 93,
    "spoiler": 94, "custom_emoji": 99,
}


class EntityParseError(ValueError):
    """Markup Telegram would refuse; str() is the text after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Bot API entity offsets."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8", "surrogatepass"))


def _decode_reference(s: str, pos: int) -> tuple[str | None, int]:
    """Decode the character reference at s[pos] == '&' (s ends with a NUL sentinel).

    Returns (character, position after it), or (None, pos) when Telegram would
    keep the '&' as a literal character.
    """
    end = pos + 1
    if s[end] == "#":
        end += 1
        code = 0
        if s[end] == "x":
            end += 1
            while s[end] in _HEX:
                code = code * 16 + int(s[end], 16)
                end += 1
        else:
            while s[end] in _DIGITS:
                code = code * 10 + ord(s[end]) - 48
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None, pos
        char = chr(code)
    else:
        while s[end].isascii() and s[end].isalpha():
            end += 1
        found = _NAMED_REFERENCES.get(s[pos + 1 : end])
        if found is None:
            return None, pos
        char = found
    if s[end] == ";":
        end += 1
    return char, end


def _checked_link(url: str) -> str | None:
    """The URL Telegram would keep for <a href>, or None when it drops the link."""
    url = url.strip()
    if not url or any(c in _SPACES for c in url):
        return None
    if "://" in url or url.startswith(("tg:", "mailto:")):
        return url
    if "." in url:
        return "http://" + url
    return None


def _tg_user_id(url: str) -> int | None:
    match = re.fullmatch(r"tg://user\?id=(\d{1,15})", url)
    return int(match.group(1)) if match else None


def sort_entities(entities: list[Entity]) -> list[Entity]:
    """Telegram's order: by offset, longer first, then by type priority."""
    entities.sort(key=lambda e: (e["offset"], -e["length"], _TYPE_PRIORITY.get(e["type"], 50)))
    return entities


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Parse Telegram HTML; return (plain text, entities) or raise EntityParseError.

    ``text_mention`` entities carry only ``{"user": {"id": N}}``; the caller
    fills in the user it knows.
    """
    s = source + "\0"
    n = len(source)
    out: list[str] = []
    utf16 = 0
    entities: list[Entity] = []
    # open tags: (tag name, argument, utf16 offset, index into `out`)
    stack: list[tuple[str, str, int, int]] = []
    bad_surrogate = False
    i = 0
    while i < n:
        c = s[i]
        if c == "&":
            char, after = _decode_reference(s, i)
            if char is not None:
                code = ord(char)
                if 0xD800 <= code <= 0xDFFF:
                    bad_surrogate = True
                out.append(char)
                utf16 += 2 if code > 0xFFFF else 1
                i = after
                continue
        if c != "<":
            match = _SPECIAL.search(source, i + 1)
            j = match.start() if match else n
            chunk = source[i:j]
            out.append(chunk)
            utf16 += utf16_len(chunk)
            i = j
            continue

        begin = i
        i += 1
        if s[i] != "/":
            i = _parse_start_tag(source, s, begin, i, utf16, len(out), stack)
        else:
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(source, begin)}")
            while s[i] not in _SPACES and s[i] != ">":
                i += 1
            end_name = source[begin + 2 : i].lower()
            while s[i] in _SPACES and s[i] != "\0":
                i += 1
            if s[i] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(source, begin)}")
            tag, argument, start, out_index = stack.pop()
            if end_name and end_name != tag:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {_byte_offset(source, begin)}, '
                    f'expected "</{tag}>", found "</{end_name}>"'
                )
            if utf16 > start:
                _close_entity(entities, tag, argument, start, utf16 - start, "".join(out[out_index:]))
        i += 1  # past '>'
    if stack:
        raise EntityParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    if bad_surrogate:
        raise EntityParseError(
            "Text contains invalid Unicode characters after decoding HTML entities, "
            "check for unmatched surrogate code units"
        )
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return "".join(out), sort_entities(entities)


def _parse_start_tag(
    source: str, s: str, begin: int, i: int, utf16: int, out_index: int,
    stack: list[tuple[str, str, int, int]],
) -> int:
    """Parse ``<tag attr="v" ...>`` starting after '<'; push it; return the index of '>'."""
    at = _byte_offset(source, begin)
    while s[i] not in _SPACES and s[i] != ">":
        i += 1
    if s[i] == "\0":
        raise EntityParseError(f"Unclosed start tag at byte offset {at}")
    tag = source[begin + 1 : i].lower()
    if tag not in SUPPORTED_TAGS:
        raise EntityParseError(f'Unsupported start tag "{tag}" at byte offset {at}')

    argument = ""
    while s[i] != ">":
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] == ">":
            break
        name_begin = i
        while s[i] not in _SPACES and s[i] != "=" and not (tag == "blockquote" and s[i] == ">"):
            i += 1
        name = source[name_begin:i]
        if not name:
            raise EntityParseError(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] != "=":
            if tag == "blockquote" and name.lower() == "expandable":
                argument = "expandable"
                continue
            raise EntityParseError(
                f'Expected equal sign in declaration of an attribute of the tag "{tag}" at byte offset {at}'
            )
        i += 1
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] == "\0":
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {at}')
        if s[i] not in "'\"":
            token_begin = i
            while s[i] in _NAME_TOKEN:
                i += 1
            value = source[token_begin:i].lower()
            if s[i] not in _SPACES and s[i] != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(source, token_begin)}"
                )
        else:
            quote = s[i]
            i += 1
            chars: list[str] = []
            while s[i] != quote and s[i] != "\0":
                if s[i] == "&":
                    char, after = _decode_reference(s, i)
                    if char is not None:
                        chars.append(char)
                        i = after
                        continue
                chars.append(s[i])
                i += 1
            if s[i] == quote:
                i += 1
            value = "".join(chars)
        if s[i] == "\0":
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        if tag == "a" and name == "href":
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[9:]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[3:]
        elif tag == "tg-emoji" and name == "emoji-id":
            argument = value

    if tag == "span" and argument != "spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    stack.append((tag, argument, utf16, out_index))
    return i


def _close_entity(
    entities: list[Entity], tag: str, argument: str, offset: int, length: int, inner_text: str
) -> None:
    simple = _SIMPLE_TAG_TYPES.get(tag)
    if simple is not None or tag == "span":
        entities.append({"type": simple or "spoiler", "offset": offset, "length": length})
    elif tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise EntityParseError("Invalid custom emoji identifier specified")
        entities.append(
            {"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": argument}
        )
    elif tag == "a":
        url = argument or inner_text
        user_id = _tg_user_id(url)
        if user_id is not None:
            entities.append({"type": "text_mention", "offset": offset, "length": length, "user": {"id": user_id}})
        else:
            checked = _checked_link(url)
            if checked is not None:
                entities.append({"type": "text_link", "offset": offset, "length": length, "url": checked})
    elif tag == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None and last["type"] == "code" and last.get("language")
            and last["offset"] == offset and last["length"] == length
        ):
            last["type"] = "pre"
        else:
            entities.append({"type": "pre", "offset": offset, "length": length})
    elif tag == "code":
        last = entities[-1] if entities else None
        if (
            last is not None and last["type"] == "pre" and argument
            and last["offset"] == offset and last["length"] == length
        ):
            last["language"] = argument
        else:
            entity: Entity = {"type": "code", "offset": offset, "length": length}
            if argument:
                entity["language"] = argument  # kept only if a <pre> wraps it
            entities.append(entity)
    elif tag == "blockquote":
        kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
        entities.append({"type": kind, "offset": offset, "length": length})


# --- text Telegram trims and entities Telegram finds by itself -------------

_TRIM = " \t\r\n\v\f"


def strip_formatted(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    """Trim leading/trailing whitespace as Telegram does, moving entities along.

    Entities that end up empty are dropped; the rest are clipped to the text.
    """
    stripped = text.strip(_TRIM)
    if stripped == text:
        return text, entities
    if not stripped:
        return "", []
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TRIM))])
    new_len = utf16_len(stripped)
    result: list[Entity] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, new_len)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    return stripped, result


# Patterns approximating Telegram's own detectors (tdlib match_* functions).
# Only the kinds a citizen-dialogue bot meets are detected; bare domain names
# without "www." are not (tdlib uses a TLD list for those).
_DETECTORS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("url", "://", re.compile(r"\b(?:https?|tg)://[^\s<>\"]+")),
    ("url", "www.", re.compile(r"(?<![\w.])www\.[\w-]+(?:\.[\w-]+)+[^\s<>\"]*")),
    ("email", "@", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")),
    ("bot_command", "/", re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])")),
    ("mention", "@", re.compile(r"(?<!\w)@[A-Za-z0-9_]{2,32}(?![\w@])")),
    ("hashtag", "#", re.compile(r"(?<!\w)#\w{0,255}[^\W\d_]\w{0,255}(?![\w#])")),
)
_URL_TRAILING = ".,;:!?)]}'"
# Detected entities may sit inside these but never overlap any other kind.
_NESTABLE = frozenset({"bold", "italic", "underline", "strikethrough", "spoiler", "blockquote",
                       "expandable_blockquote"})


def detect_entities(text: str, entities: list[Entity] | None = None) -> list[Entity]:
    """Add the url/email/bot_command/mention/hashtag entities Telegram adds itself.

    A real client sends "/start payload" with a bot_command entity at offset 0,
    and PTB's CommandHandler relies on it; Telegram also adds these entities to
    messages a bot sends. Existing entities win over detected ones.
    """
    result = list(entities or [])
    taken = [(e["offset"], e["offset"] + e["length"]) for e in result if e["type"] not in _NESTABLE]
    found: list[Entity] = []
    astral = not text.isascii() and any(ord(c) > 0xFFFF for c in text)
    for kind, trigger, pattern in _DETECTORS:
        if trigger not in text:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "url":
                while end > start and text[end - 1] in _URL_TRAILING:
                    end -= 1
            if astral:
                offset, length = utf16_len(text[:start]), utf16_len(text[start:end])
            else:
                offset, length = start, end - start
            if any(offset < t_end and offset + length > t_start for t_start, t_end in taken):
                continue
            taken.append((offset, offset + length))
            found.append({"type": kind, "offset": offset, "length": length})
    if not found:
        return result
    return sort_entities(result + found)
