"""Splitting a message into tokens the classifier can match.

Each token keeps three spellings: the original (capitals tell names from
words), the case-folded one (diacritics tell Swedish from Norwegian) and the
folded one without diacritics (people type "ostad" for "Östad"). Clause and
sentence boundaries are recorded because negation does not cross them and
question words count only at the start of a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Letters and digits, with inner apostrophes kept ("don't", "isn't") and combining marks inside a
# word (decomposed "ö", Arabic vowel signs: "سُرقت" is one word, not two; Thai vowel and tone marks; the Persian
# zero-width non-joiner inside "می‌کند").
_LETTERS = r"[^\W_](?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u200c])*"
_TOKEN_RE = re.compile(rf"{_LETTERS}(?:['’]{_LETTERS})*")
# Punctuation that ends a sentence; commas and the like only end a clause.
_SENTENCE_END = frozenset(".!?\n")
_CLAUSE_END = frozenset(",;:()\"«»—–")
# Arabic short vowels, tanwin, shadda, sukun, dagger alif and the tatweel: optional in writing
# ("سُرقت" and "سرقت" are the same word), so they are dropped before matching.
_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])
# Swedish/European licence plates: ABC 123, ABC12D.
PLATE_RE = re.compile(r"\b[A-ZÅÄÖ]{3} ?\d{2}[A-Z0-9]\b")


class Token(NamedTuple):
    """One word of a message. A named tuple rather than a frozen dataclass: a message makes dozens, and a
    frozen dataclass's ``__init__`` (one ``object.__setattr__`` per field) was a tenth of tokenising."""

    text: str  # as written
    lower: str  # case-folded, NFC
    folded: str  # case-folded without diacritics
    start: int  # offset in the message
    sentence_start: bool  # first token of a sentence
    clause: int  # clause number; negation stays inside one clause

    @property
    def has_diacritics(self) -> bool:
        return self.lower != self.folded

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def fold(text: str) -> str:
    """Case-fold and strip combining marks ("Östad" -> "ostad"); same rule as storage.profile.fold."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def is_one_word(text: str) -> bool:
    """Whether ``tokenize`` reads ``text`` as a single word: a lexicon term's word that is not ("wrong-way",
    "km/h", "weiß,", an emoji) could never match, since the text it is meant for is split apart or dropped."""
    return _TOKEN_RE.fullmatch(text) is not None


def _spellings(word: str) -> tuple[str, str]:
    """The case-folded (NFC) and the diacritics-free spelling of a word as written."""
    if word.isascii():
        lower = word.lower()
        return lower, lower
    lower = unicodedata.normalize("NFC", word).casefold().translate(_ARABIC_MARKS)
    return lower, fold(lower)


def tokenize(text: str, clause_words: frozenset[str] = frozenset(),
             spelling_cache: dict[str, tuple[str, str]] | None = None) -> list[Token]:
    """Tokens of ``text``; ``clause_words`` (e.g. "men", "but") also start a new clause.
    ``spelling_cache`` memoises each written word's two other spellings: messages repeat the
    same few thousand words, and normalising them was most of the cost of tokenising."""
    tokens: list[Token] = []
    clause = 0
    sentence_start = True
    prev_end = 0
    cache = spelling_cache if spelling_cache is not None else {}
    for match in _TOKEN_RE.finditer(text):
        start = match.start()
        if start != prev_end:
            gap = text[prev_end:start]
            # A single space, the usual gap, ends nothing; nor does the point, comma or colon inside a time or a
            # number ("klockan är 01.40", "23:30", "1,5 promille").
            if gap != " " and not (len(gap) == 1 and gap in ".,:" and tokens and tokens[-1].lower.isdigit()
                                   and match.group().isdigit()):
                if any(c in _SENTENCE_END for c in gap):
                    sentence_start = True
                    clause += 1
                elif any(c in _CLAUSE_END for c in gap):
                    clause += 1
        word = match.group()
        spelled = cache.get(word)
        if spelled is None:
            spelled = _spellings(word)
            if len(cache) > 200_000:
                cache.clear()
            cache[word] = spelled
        lower, folded = spelled
        if lower in clause_words:
            clause += 1
        tokens.append(Token(word, lower, folded, start, sentence_start, clause))
        sentence_start = False
        prev_end = match.end()
    return tokens
