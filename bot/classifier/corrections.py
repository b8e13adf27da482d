"""Learning from officers' reclassifications without a code change.

Two ways:
- memory: a message equal to a corrected one (after folding case, diacritics,
  punctuation and spacing), or a near duplicate of a longer one (similarity
  >= 0.92), gets the officer's labels;
- mining: words that recur in corrected messages with the same label become
  lexicon terms for that label (at least two messages, three quarters of them
  agreeing), and a capitalised word after a preposition in messages an officer
  placed becomes an alias of that place.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from bot.classifier.lexicon import EXACT, PREFIX, Element, Entry
from bot.classifier.model import Correction
from bot.classifier.text import fold, tokenize
from storage.vocabulary import INTENTS, THEMES

NEAR_DUPLICATE = 92.0  # rapidfuzz ratio, 0-100
_NEAR_MIN_CHARS = 20  # shorter texts must match exactly
_MIN_MESSAGES = 2
_MIN_SHARE = 0.75
_INTENT_CUE = {"tip": "observe", "feedback": "feedback", "question": "question",
               "neighbourhood_watch": "watch", "emergency": "danger"}
_SUFFIXES = ("arna", "erna", "orna", "ande", "ende", "ar", "er", "or", "en", "et", "na", "s")
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return word


class CorrectionMemory:
    def __init__(self, corrections: Iterable[Correction], stopwords: frozenset[str],
                 prepositions: frozenset[str], place_ids: frozenset[str]) -> None:
        self._exact: dict[str, Correction] = {}
        for correction in corrections:
            if not isinstance(correction.text, str) or not correction.text.strip():
                continue
            correction = _valid(correction, place_ids)
            self._exact[normalise(correction.text)] = correction  # the latest wins
        self._near_keys = [key for key in self._exact if len(key) >= _NEAR_MIN_CHARS]
        self._stopwords = frozenset(fold(w) for w in stopwords)
        self._prepositions = frozenset(fold(w) for w in prepositions)
        self.entries = self._mine_terms()
        self.aliases = self._mine_aliases()

    def __len__(self) -> int:
        return len(self._exact)

    def lookup(self, text: str) -> tuple[Correction, str] | None:
        if not self._exact:
            return None
        key = normalise(text)
        hit = self._exact.get(key)
        if hit is not None:
            return hit, "same text as a message an officer reclassified"
        if len(key) < _NEAR_MIN_CHARS or not self._near_keys:
            return None
        lo, hi = len(key) * 0.85, len(key) * 1.15
        candidates = [k for k in self._near_keys if lo <= len(k) <= hi]
        if not candidates:
            return None
        match = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
        if match is None:
            return None
        return self._exact[match[0]], f"near duplicate ({match[1]:.0f}%) of a message an officer reclassified"

    def _content_words(self, text: str) -> set[str]:
        words = set()
        for token in tokenize(text):
            word = token.folded
            if len(word) >= 4 and word.isalpha() and word not in self._stopwords:
                words.add(stem(word))
        return words

    def _mine_terms(self) -> list[Entry]:
        intent_counts: dict[str, Counter] = defaultdict(Counter)
        theme_counts: dict[str, Counter] = defaultdict(Counter)
        theme_seen: Counter = Counter()
        for correction in self._exact.values():
            words = self._content_words(correction.text)
            for word in words:
                if correction.intent:
                    intent_counts[word][correction.intent] += 1
                if correction.themes is not None:
                    theme_seen[word] += 1
                    for theme in correction.themes:
                        theme_counts[word][theme] += 1
        entries: list[Entry] = []
        for word, counts in intent_counts.items():
            total = sum(counts.values())
            label, count = counts.most_common(1)[0]
            if count >= _MIN_MESSAGES and count / total >= _MIN_SHARE:
                weight = min(0.8, 0.3 + 0.1 * count) * count / total
                entries.append(_entry(word, "cue", _INTENT_CUE[label], weight))
        for word, counts in theme_counts.items():
            for theme, count in counts.items():
                share = count / theme_seen[word]
                if count >= _MIN_MESSAGES and share >= _MIN_SHARE:
                    entries.append(_entry(word, "theme", theme, min(0.85, 0.4 + 0.1 * count) * share))
        return entries

    def _mine_aliases(self) -> dict[str, str]:
        votes: dict[str, Counter] = defaultdict(Counter)
        for correction in self._exact.values():
            if not correction.place:
                continue
            tokens = tokenize(correction.text)
            for before, token in zip(tokens, tokens[1:]):
                word = token.folded
                if (before.folded in self._prepositions and token.capitalised and len(word) >= 4
                        and word.isalpha() and word not in self._stopwords):
                    votes[word][correction.place] += 1
        return {word: counts.most_common(1)[0][0] for word, counts in votes.items() if len(counts) == 1}


def _entry(word: str, group: str, label: str, weight: float) -> Entry:
    kind = PREFIX if len(word) >= 5 else EXACT  # stems of five letters or more cover inflections
    element = Element(word, word, kind, False, False)
    pattern = word + ("*" if kind == PREFIX else "")
    return Entry(pattern, "*", group, label, round(weight, 3), (element,), source="corrections")


def _valid(correction: Correction, place_ids: frozenset[str]) -> Correction:
    """Drop labels the classifier does not know (a renamed place, a typo in the database)."""
    intent = correction.intent if correction.intent in INTENTS else None
    themes = None
    if correction.themes is not None:
        themes = tuple(sorted({t for t in correction.themes if t in THEMES}))
    place = correction.place if correction.place in place_ids else None
    return Correction(correction.text, intent, themes, place)
