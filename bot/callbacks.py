"""Inline-button payloads: short ASCII strings (< 64 bytes), parsed strictly on the way back.

A button press is input from the citizen's client and can be forged or
stale, so ``parse`` accepts only the shapes below and returns ``None`` for
anything else; the handlers then check that what it names (a flow step, a
submission) is the citizen's own and current.

    m:<action>[:<place>]        main menu (tip, feedback, watch, office, promises, cases, numbers, help)
    f:<nonce>:<step>:<value>    an answer in the current flow; nonce = that flow run's id
    s:<submission id>:<what>    follow-up on a stored message: place, time, photo
    l:<lang>                    choose the language
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
MENU_ACTIONS = ("tip", "feedback", "watch", "office", "promises", "cases", "numbers", "help")
FOLLOW_UPS = ("place", "time", "photo")
_WORD = r"[a-z0-9_]"
_PATTERNS = {
    "m": re.compile(rf"m:({'|'.join(MENU_ACTIONS)})(?::({_WORD}{{1,32}}))?"),
    "f": re.compile(rf"f:([0-9a-f]{{6}}):({_WORD}{{1,16}}):({_WORD}{{1,32}})"),
    "s": re.compile(rf"s:([1-9][0-9]{{0,17}}):({'|'.join(FOLLOW_UPS)})"),
    "l": re.compile(r"l:(sv|en)"),
}


@dataclass(frozen=True)
class Menu:
    action: str
    place: str | None = None

    def encode(self) -> str:
        return _checked(f"m:{self.action}" + (f":{self.place}" if self.place else ""))


@dataclass(frozen=True)
class FlowAnswer:
    nonce: str
    step: str
    value: str

    def encode(self) -> str:
        return _checked(f"f:{self.nonce}:{self.step}:{self.value}")


@dataclass(frozen=True)
class FollowUp:
    submission_id: int
    what: str

    def encode(self) -> str:
        return _checked(f"s:{self.submission_id}:{self.what}")


@dataclass(frozen=True)
class Language:
    lang: str

    def encode(self) -> str:
        return _checked(f"l:{self.lang}")


Button = Menu | FlowAnswer | FollowUp | Language


def parse(data: str | None) -> Button | None:
    if not data or len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    pattern = _PATTERNS.get(data[:1])
    match = pattern.fullmatch(data) if pattern else None
    if match is None:
        return None
    kind = data[0]
    if kind == "m":
        return Menu(match.group(1), match.group(2))
    if kind == "f":
        return FlowAnswer(match.group(1), match.group(2), match.group(3))
    if kind == "s":
        return FollowUp(int(match.group(1)), match.group(2))
    return Language(match.group(1))


def _checked(data: str) -> str:
    if len(data.encode()) >= MAX_BYTES or parse(data) is None:
        raise ValueError(f"invalid callback data {data!r}")
    return data
