"""A second opinion on one question only, "is this an emergency?": naive Bayes over character n-grams.

The rules decide every label and say why. On each new blind corpus they
still missed emergencies that were written in ways their lexicons and cues
had not met. This model has learned what emergencies look like from every
labelled corpus (``bench/train_booster.py`` writes ``booster.json`` from
``bench/data/classifier``) and from officers' corrections. It reads
character n-grams, so inflections, compounds, typos and missing diacritics
cost it little.

The model only ever *adds* the emergency label. The classifier asks it only
when the rules said "not an emergency" and found no sign that the event is
over, keeps happening, is hypothetical, is not urgent or is a complaint, and
the officer sees its reason: the log-odds and the fragments that weighed
most.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from itertools import repeat
from typing import Any

from bot.classifier.model import Correction
from storage.vocabulary import Intent

MODEL_FILE = "booster.json"
NGRAMS = (3, 4, 5)
SMOOTHING = 0.5  # additive (Lidstone) smoothing of the feature counts
# The model speaks only for a language it has seen this many emergencies and other messages of: with a
# dozen examples (Arabic, Finnish, Polish so far) a few shared fragments outweigh everything else.
MIN_EMERGENCIES, MIN_OTHERS = 20, 50
_NON_WORD = re.compile(r"[^\w!?]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")  # the diacritics NFKD splits off: "å" -> "a"


def features(text: str) -> set[str]:
    """Word unigrams ("w:kniv") and character 3- to 5-grams of the folded text (case, diacritics, punctuation)."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    padded = " " + " ".join(_NON_WORD.sub(" ", folded).split()) + " "
    found = {"w:" + word for word in padded.split()}
    for n in NGRAMS:
        found.update([padded[i:i + n] for i in range(len(padded) - n + 1)])
    return found


class EmergencyModel:
    def __init__(self, docs: Sequence[int], counts: Mapping[str, Sequence[int]],
                 languages: frozenset[str] | None = None) -> None:
        """``docs``: (emergencies, others) trained on; ``counts``: per feature, in how many of each it occurred;
        ``languages``: those it has seen enough of (None: any)."""
        self.languages = languages
        emergencies, others = docs
        self._prior = math.log(max(emergencies, 1) / max(others, 1))
        vocabulary = len(counts)
        positive = sum(p for p, _ in counts.values()) + SMOOTHING * vocabulary
        negative = sum(n for _, n in counts.values()) + SMOOTHING * vocabulary
        # A feature's weight depends only on its two counts, and most features share a few small pairs
        # ((2, 0), (1, 1), ...): computing each pair's logarithms once makes loading several times cheaper.
        by_counts: dict[tuple[int, int], float] = {}
        weights: dict[str, float] = {}
        for feature, (p, n) in counts.items():
            weight = by_counts.get((p, n))
            if weight is None:
                weight = by_counts[p, n] = math.log((p + SMOOTHING) / positive) - math.log((n + SMOOTHING) / negative)
            weights[feature] = weight
        self._weights = weights

    @classmethod
    def load(cls, corrections: Iterable[Correction] = ()) -> EmergencyModel:
        """The shipped model, with the officers' intent corrections counted in."""
        data = json.loads(resources.files("bot.classifier").joinpath(MODEL_FILE).read_text("utf-8"))
        docs, counts = data["docs"], data["counts"]  # freshly parsed lists: ours to add the corrections to
        _tally(((c.text, c.intent == Intent.EMERGENCY) for c in corrections if c.intent), docs, counts)
        languages = frozenset(lang for lang, (e, o) in data["languages"].items()
                              if e >= MIN_EMERGENCIES and o >= MIN_OTHERS)
        return cls(docs, counts, languages)

    @classmethod
    def trained(cls, examples: Iterable[tuple[str, bool]], languages: frozenset[str] | None = None) -> EmergencyModel:
        """A model of (text, is an emergency) examples alone."""
        docs: list[int] = [0, 0]
        counts: dict[str, list[int]] = {}
        _tally(examples, docs, counts)
        return cls(docs, counts, languages)

    def knows(self, lang: str) -> bool:
        return self.languages is None or lang in self.languages

    def log_odds(self, text: str) -> float:
        """log P(emergency | text) / P(other | text), naive Bayes: above 0, more likely an emergency."""
        return self.log_odds_of(features(text))

    def log_odds_of(self, found: set[str]) -> float:
        """``log_odds`` of a message's ``features``, computed once when the intent model reads them too."""
        return self._prior + sum(map(self._weights.get, found, repeat(0.0)))

    def strongest_words(self, text: str, most: int = 3) -> tuple[str, ...]:
        """The message's words whose fragments weigh most for "emergency" (what the officer is shown)."""
        weighed = {}
        for word in text.split():
            weight = sum(self._weights.get(f, 0.0) for f in features(word))
            if weight > 0:
                weighed[word.strip(".,!?:;\"'()")] = weight
        return tuple(sorted(weighed, key=weighed.__getitem__, reverse=True)[:most])


def model_data(examples: Iterable[tuple[str, str, bool]], min_count: int = 2) -> dict[str, Any]:
    """What ``booster.json`` holds, from (text, language, is an emergency): document counts overall and per
    language, and per-feature counts, rare features left out."""
    rows = list(examples)
    languages: dict[str, list[int]] = {}
    for _, lang, emergency in rows:
        languages.setdefault(lang, [0, 0])[0 if emergency else 1] += 1
    docs: list[int] = [0, 0]
    counts: dict[str, list[int]] = {}
    _tally(((text, emergency) for text, _, emergency in rows), docs, counts)
    return {"docs": docs, "languages": dict(sorted(languages.items())),
            "counts": {f: c for f, c in sorted(counts.items()) if sum(c) >= min_count}}


def _tally(examples: Iterable[tuple[str, bool]], docs: list[int], counts: dict[str, list[int]]) -> None:
    """Count (text, is an emergency) examples into ``docs`` and per-feature ``counts``, [emergency, other] each."""
    for text, emergency in examples:
        side = 0 if emergency else 1
        docs[side] += 1
        for feature in features(text):
            counts.setdefault(feature, [0, 0])[side] += 1
