"""Turn a bot's text + parse_mode/entities into what Telegram stores, or refuse it.

Telegram checks length *after* parsing the markup and trimming surrounding
whitespace, and counts Unicode code points (measured against the real API:
4,096 emoji are accepted, 4,097 refused), while entity offsets are UTF-16.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import bad_request
from .html_entities import Entity, EntityParseError, detect_entities, parse_html, strip_formatted, utf16_len

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
_ENTITY_TYPES = frozenset(
    {
        "mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number",
        "bold", "italic", "underline", "strikethrough", "spoiler", "blockquote",
        "expandable_blockquote", "code", "pre", "text_link", "text_mention", "custom_emoji",
    }
)

UserResolver = Callable[[int], dict[str, Any] | None]


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def format_text(
    text: str | None,
    parse_mode: str | None,
    entities: Any,
    *,
    caption: bool = False,
    resolve_user: UserResolver | None = None,
) -> tuple[str, list[Entity]]:
    """Return (plain text, entities) as Telegram would store them.

    Raises ApiError with Telegram's description for empty or too long text,
    unparsable markup and malformed entities. Captions may be empty.
    """
    text = text or ""
    if _has_lone_surrogate(text):
        raise bad_request("strings must be encoded in UTF-8")
    if entities is not None:
        found = _checked_entities(entities, text)
    elif parse_mode:
        mode = parse_mode.strip().lower()
        if mode == "html":
            try:
                text, found = parse_html(text)
            except EntityParseError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
        elif mode in ("markdown", "markdownv2"):
            raise bad_request(
                f"parse_mode {parse_mode} is not implemented by the local Bot API server; use HTML"
            )
        else:
            raise bad_request(f"unsupported parse_mode {parse_mode}")
    else:
        found = []
    text, found = strip_formatted(text, found)
    if caption:
        if len(text) > MAX_CAPTION_LENGTH:
            raise bad_request("message caption is too long")
    else:
        if not text:
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
    found = _resolve_mentions(found, resolve_user)
    return text, detect_entities(text, found) if text else found


def _checked_entities(entities: Any, text: str) -> list[Entity]:
    """Validate an explicit ``entities`` array; drop ranges outside the text."""
    if not isinstance(entities, list):
        raise bad_request("can't parse entities JSON object")
    limit = utf16_len(text)
    result: list[Entity] = []
    for entity in entities:
        if not isinstance(entity, dict):
            raise bad_request("can't parse MessageEntity JSON object")
        kind, offset, length = entity.get("type"), entity.get("offset"), entity.get("length")
        if kind not in _ENTITY_TYPES:
            raise bad_request(f"can't parse entities: unsupported entity type {kind!r}")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise bad_request("can't parse entities: wrong offset or length")
        if kind == "text_link" and not entity.get("url"):
            raise bad_request("can't parse entities: text_link without url")
        if length == 0 or offset >= limit:
            continue
        result.append({**entity, "length": min(length, limit - offset)})
    return result


def _resolve_mentions(entities: list[Entity], resolve_user: UserResolver | None) -> list[Entity]:
    """Fill text_mention users; Telegram drops mentions of users it cannot show."""
    if not any(e["type"] == "text_mention" for e in entities):
        return entities
    result = []
    for entity in entities:
        if entity["type"] == "text_mention":
            user = resolve_user(entity["user"]["id"]) if resolve_user else None
            if user is None:
                continue
            entity = {**entity, "user": user}
        result.append(entity)
    return result
