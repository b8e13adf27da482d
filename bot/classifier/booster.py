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
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from itertools import chain, repeat
from typing import Any

from bot.classifier.bayes import SMOOTHING, by_count_tuple, features, frequent, strongest_words, tally
from bot.classifier.model import Correction
from storage.vocabulary import Intent

MODEL_FILE = "booster.json"
# The model speaks only for a language it has seen this many emergencies and other messages of: with a
# dozen examples (Arabic, Finnish, Polish so far) a few shared fragments outweigh everything else.
MIN_EMERGENCIES, MIN_OTHERS = 20, 50


class EmergencyModel:
    def __init__(self, docs: Sequence[int], counts: Mapping[str, Sequence[int]],
                 languages: frozenset[str] | None = None) -> None:
        """``docs``: (emergencies, others) trained on; ``counts``: per feature, in how many of each it occurred;
        ``languages``: those it has seen enough of (None: any)."""
        self.languages = languages
        emergencies, others = docs
        self._prior = math.log(max(emergencies, 1) / max(others, 1))
        # One weight per feature, log P(f | emergency) - log P(f | other): the sum over a message is its log-odds.
        # A message's features are a set, so P(f | label) is the share of that label's messages holding f (round
        # 18). Until round 17 it was f's share of all feature occurrences of the label (multinomial); emergencies
        # are shorter, so a feature as common in both per message weighed log(others' / emergencies' features
        # per message) = +0.07 towards "emergency", and a long message of words that say nothing gained that
        # for each of its hundred fragments: "nultecken och omvänd text och nollbredd" reached 9 (threshold 8).
        # Now such a feature weighs 0, and only what is more frequent in emergencies than in other messages is
        # evidence for one (that string: 2.6).
        per_e, per_o = emergencies + 2 * SMOOTHING, others + 2 * SMOOTHING
        self._weights = {feature: w[0] for feature, w in by_count_tuple(counts, lambda c: (
            math.log((c[0] + SMOOTHING) / per_e) - math.log((c[1] + SMOOTHING) / per_o),)).items()}

    @classmethod
    def load(cls, corrections: Iterable[Correction] = ()) -> EmergencyModel:
        """The shipped model, with the officers' intent corrections counted in."""
        data = json.loads(resources.files("bot.classifier").joinpath(MODEL_FILE).read_text("utf-8"))
        docs, counts = data["docs"], data["counts"]  # freshly parsed lists: ours to add the corrections to
        tally(((c.text, _label(c.intent == Intent.EMERGENCY)) for c in corrections if c.intent), docs, counts)
        return cls(docs, counts, spoken(data["languages"]))

    @classmethod
    def trained(cls, examples: Iterable[tuple[str, bool]], languages: frozenset[str] | None = None) -> EmergencyModel:
        """A model of (text, is an emergency) examples alone."""
        docs: list[int] = [0, 0]
        counts: dict[str, list[int]] = {}
        tally(((text, _label(emergency)) for text, emergency in examples), docs, counts)
        return cls(docs, counts, languages)

    def knows(self, lang: str) -> bool:
        return self.languages is None or lang in self.languages

    def log_odds(self, text: str) -> float:
        """log P(emergency | text) / P(other | text), naive Bayes: above 0, more likely an emergency."""
        return self.log_odds_of(features(text))

    def log_odds_of(self, found: set[str]) -> float:
        """``log_odds`` of a message's ``features``, computed once when the intent model reads them too."""
        # fsum: exactly rounded, so the order of the set (which differs between processes) cannot change the result
        return math.fsum(chain((self._prior,), map(self._weights.get, found, repeat(0.0))))

    def strongest_words(self, text: str, most: int = 3) -> tuple[str, ...]:
        """The message's words whose fragments weigh most for "emergency" (what the officer is shown)."""
        return strongest_words(text, lambda feature: self._weights.get(feature, 0.0), most)


def model_data(examples: Iterable[tuple[str, str, bool]], min_count: int = 2) -> dict[str, Any]:
    """What ``booster.json`` holds, from (text, language, is an emergency): document counts overall and per
    language, and per-feature counts, rare features left out."""
    rows = list(examples)
    languages = per_language((lang, emergency) for _, lang, emergency in rows)
    docs: list[int] = [0, 0]
    counts: dict[str, list[int]] = {}
    tally(((text, _label(emergency)) for text, _, emergency in rows), docs, counts)
    return {"docs": docs, "languages": dict(sorted(languages.items())), "counts": frequent(counts, min_count)}


def per_language(examples: Iterable[tuple[str, bool]]) -> dict[str, list[int]]:
    """(language, is an emergency) examples counted per language: [emergencies, others]."""
    languages: dict[str, list[int]] = {}
    for lang, emergency in examples:
        languages.setdefault(lang, [0, 0])[_label(emergency)] += 1
    return languages


def spoken(languages: Mapping[str, Sequence[int]]) -> frozenset[str]:
    """The languages of ``per_language`` counts that the model has seen enough of to speak for."""
    return frozenset(lang for lang, (e, o) in languages.items() if e >= MIN_EMERGENCIES and o >= MIN_OTHERS)


def _label(emergency: bool) -> int:
    """The count a message adds to: [emergency, other]."""
    return 0 if emergency else 1
