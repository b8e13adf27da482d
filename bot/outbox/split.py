"""Split Telegram HTML into messages of at most 4,096 visible characters.

Telegram measures a message after parsing its markup (tags do not count, an
entity like ``&amp;`` counts as one character). A split never cuts a tag or
an entity; tags open at the cut are closed at the end of one part and
reopened at the start of the next, so every part is valid HTML on its own.
Cuts prefer a paragraph break, then a line break, then a space.
"""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096
_TOKEN = re.compile(r"<[^>]*>|&[#a-zA-Z0-9]+;|[^<&]", re.DOTALL)
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")


def visible_length(html_text: str) -> int:
    return sum(1 for token in _TOKEN.findall(html_text) if not token.startswith("<"))


def split_html(html_text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    if len(html_text) <= limit or visible_length(html_text) <= limit:  # the first: no text is longer than its HTML
        return [html_text]
    tokens = _TOKEN.findall(html_text)
    parts: list[str] = []
    reopen: list[str] = []  # tags open at the previous cut, repeated at the start of this part
    start = 0
    while start < len(tokens):
        end, last_break = start, {}
        count = 0
        while end < len(tokens) and (count < limit or tokens[end].startswith("<")):
            token = tokens[end]
            if not token.startswith("<"):
                if count == limit:
                    break
                count += 1
                if token in ("\n", " "):
                    double = token == "\n" and end > start and tokens[end - 1] == "\n"
                    last_break[3 if double else 2 if token == "\n" else 1] = end + 1
            end += 1
        if end < len(tokens):
            for priority in (3, 2, 1):  # a natural break in the second half of the part
                cut = last_break.get(priority)
                if cut is not None and cut - start > (end - start) // 2:
                    end = cut
                    break
        while end < len(tokens) and tokens[end].startswith("</"):
            end += 1  # closing tags right after the cut belong to this part
        stack = list(reopen)
        for token in tokens[start:end]:
            if token.startswith("<"):
                _track(stack, token)
        body = "".join(reopen) + "".join(tokens[start:end]) + "".join(f"</{_name(t)}>" for t in reversed(stack))
        if visible_length(body) > 0 and body.strip():
            parts.append(body)
        reopen = stack
        start = end
    return parts


def _name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _track(stack: list[str], tag: str) -> None:
    if tag.startswith("</"):
        name = _name(tag)
        for k in range(len(stack) - 1, -1, -1):
            if _name(stack[k]) == name:
                del stack[k:]
                break
    elif not tag.endswith("/>"):
        stack.append(tag)
