"""A second opinion on the rules' close calls about themes: per-theme naive Bayes over character n-grams.

Themes come from the lexicons and rules (``classifier.py``), and on each new author's set most theme errors
left were close calls: a theme the rules weighed a little under the threshold (a word the lexicons know only
as context, a slang spelling) or a little over it (a theme word used in passing). This model has learned,
for each theme on its own, how messages about it read against all others, from every labelled corpus and
from officers' corrections that carry themes. It reads the same character n-grams and words as the
emergency and intent models (``bayes.features``), extracted once per message.

It is asked only about a message of MIN_WORDS words or more, and only about a close call: it may ADD a theme
the rules scored in [ADD_FROM, threshold) when its log-odds for the theme reach ADD_LOG_ODDS, and REMOVE a
theme the rules kept with a score under REMOVE_UNDER when its log-odds fall to REMOVE_LOG_ODDS or below. A
theme the rules themselves set just under the threshold (only context words, a passing mention) is their
judgment, not a close call: the model does not add it back. It runs after the intent is decided, so it never
changes the intent or an emergency. The officer sees each change in ``explain`` (the log-odds and the words
that weighed most). The settings were chosen leave one corpus out over HELD_OUT (``bench/theme_loco.py
--grid``; the criterion, stated before looking, is in that script), MIN_COUNT likewise (``--min-count``: the
largest of 2, 3, 5 and 10 within 0.002 of 2's mean with no set worse than the rules alone): mean theme
macro-F1 0.936 -> 0.949 over the fourteen sets, none worse (round-13 rules, tune and heldout-heldout14).

Retraining (when ``bench/corpora.py``'s HELD_OUT changes) is one command, run in the repository:

    python bench/train_theme_model.py

It writes ``theme_model.json`` from ``corpora.TRAINING``; ``tests/classifier/test_theme_model.py`` checks that
the shipped file is what those corpora give.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from operator import itemgetter
from typing import Any

from bot.classifier.bayes import SMOOTHING, by_count_tuple, features, strongest_words
from bot.classifier.model import Correction
from storage.vocabulary import THEMES

MODEL_FILE = "theme_model.json"
MIN_COUNT = 5  # a feature is kept when this many training messages have it (fewer: no better, slower)
SCALE = 2**20  # weights are kept as whole multiples of 1 / SCALE
MIN_WORDS = 3  # a message of fewer words (split on spaces) leaves the model too little to go on
ADD_FROM = 0.3  # the rules' lowest score for a theme the model may add
ADD_LOG_ODDS = 60.0  # ... and the log-odds it must reach
REMOVE_UNDER = 0.8  # the rules' score under which the model may remove a theme
REMOVE_LOG_ODDS = -60.0  # ... and the log-odds it must fall to


class ThemeModel:
    def __init__(self, docs: Sequence[int], counts: Mapping[str, Sequence[int]]) -> None:
        """``docs``: messages with each theme (THEMES order), then all messages trained on; ``counts``: per
        feature, in how many messages with each theme it occurred, then in how many messages at all."""
        n = len(THEMES)
        total = docs[n]
        smoothed = SMOOTHING * len(counts)
        columns = [sum(column) for column in zip(*counts.values())] or [0] * (n + 1)
        # Per feature, its log-odds weight for each theme: log P(f | theme) - log P(f | not theme). Most features
        # share a few small count tuples, whose logarithms are computed once.
        offsets = [math.log(columns[n] - columns[t] + smoothed) - math.log(columns[t] + smoothed) for t in range(n)]
        # In fixed point (whole multiples of 1 / SCALE): a sum of integers is exact in any order, so the order of a
        # set of features (which differs between processes) cannot change a score, and it is quicker than fsum.
        self._prior = tuple(round(math.log(max(docs[t], 1) / max(total - docs[t], 1)) * SCALE) for t in range(n))
        self._weights = by_count_tuple(counts, lambda c: tuple(
            round((math.log((c[t] + SMOOTHING) / (c[n] - c[t] + SMOOTHING)) + offsets[t]) * SCALE) for t in range(n)))

    @classmethod
    def load(cls, corrections: Iterable[Correction] = ()) -> ThemeModel:
        """The shipped model, with the officers' corrections that carry themes counted in."""
        data = json.loads(resources.files("bot.classifier").joinpath(MODEL_FILE).read_text("utf-8"))
        docs, counts = data["docs"], data["counts"]  # freshly parsed lists: ours to add the corrections to
        _tally(((c.text, c.themes) for c in corrections if c.themes is not None and isinstance(c.text, str)),
               docs, counts)
        return cls(docs, counts)

    @classmethod
    def trained(cls, examples: Iterable[tuple[str, Iterable[str]]], min_count: int = MIN_COUNT) -> ThemeModel:
        """A model of (text, themes) examples alone; ``min_count``: as in ``model_data`` (the shipped file's)."""
        data = model_data(examples, min_count)
        return cls(data["docs"], data["counts"])

    def log_odds(self, text: str) -> dict[str, float]:
        """Every theme's log-odds for ``text``."""
        return self.log_odds_of(features(text), THEMES)

    def log_odds_of(self, found: set[str], themes: Iterable[str]) -> dict[str, float]:
        """The log-odds of ``themes`` for a message's ``features`` (unknown features weigh nothing)."""
        known = list(filter(None, map(self._weights.get, found)))
        return {theme: (self._prior[t] + sum(map(itemgetter(t), known))) / SCALE
                for theme in themes for t in (THEMES.index(theme),)}

    def strongest_words(self, text: str, theme: str, against: bool = False, most: int = 3) -> tuple[str, ...]:
        """The message's words whose fragments weigh most for ``theme`` (or, ``against``, against it)."""
        t, sign = THEMES.index(theme), -1.0 if against else 1.0

        def weight_of(feature: str) -> float:
            w = self._weights.get(feature)
            return sign * w[t] / SCALE if w is not None else 0.0

        return strongest_words(text, weight_of, most)

    def revise(self, text: str, found: set[str] | None, themes: tuple[str, ...], scores: dict[str, float],
               terms: dict[str, list[str]], threshold: float, demoted: float) -> tuple[str, ...]:
        """The rules' ``themes`` with the model's close calls settled: an added theme's score is raised to the
        ``threshold``, a removed one's lowered to ``demoted``, and each change is explained in ``terms``.
        ``demoted`` is the classifier's score for a theme the rules themselves judged not carried by its words (only
        context words, a passing mention): those are the rules' judgment, not close calls, and are left alone.
        ``found``: the message's features if already extracted (None: extracted here, only when a theme is a close
        call)."""
        if len(text.split()) < MIN_WORDS:
            return themes
        asked = [t for t in THEMES if ADD_FROM <= scores.get(t, 0.0) < demoted
                 or (t in themes and scores.get(t, 0.0) < REMOVE_UNDER)]
        if not asked:
            return themes
        odds = self.log_odds_of(features(text) if found is None else found, asked)
        revised = set(themes)
        for theme, value in odds.items():
            if theme not in revised and value >= ADD_LOG_ODDS:
                revised.add(theme)
                words = ", ".join(self.strongest_words(text, theme)) or "-"
                terms.setdefault(theme, []).append(
                    f"added by the statistical model (rules {scores.get(theme, 0.0):.2f}, under {threshold}): "
                    f"log-odds {value:.0f}, most from: {words}")
                scores[theme] = threshold
            elif theme in revised and value <= REMOVE_LOG_ODDS:
                revised.discard(theme)
                words = ", ".join(self.strongest_words(text, theme, against=True)) or "-"
                terms.setdefault(theme, []).append(
                    f"removed by the statistical model (rules {scores.get(theme, 0.0):.2f}): "
                    f"log-odds {value:.0f}, most against it: {words}")
                scores[theme] = demoted
        return tuple(sorted(revised))


def _tally(examples: Iterable[tuple[str, Iterable[str]]], docs: list[int], counts: dict[str, list[int]]) -> None:
    """Count (text, themes) examples into ``docs`` and the per-feature ``counts``: one count per theme the
    message has, and one in the last place for every message. Themes not in THEMES are ignored."""
    n = len(THEMES)
    for text, themes in examples:
        labels = sorted({THEMES.index(t) for t in themes if t in THEMES})
        docs[n] += 1
        for t in labels:
            docs[t] += 1
        for feature in features(text):
            c = counts.setdefault(feature, [0] * (n + 1))
            c[n] += 1
            for t in labels:
                c[t] += 1


def model_data(examples: Iterable[tuple[str, Iterable[str]]], min_count: int = MIN_COUNT) -> dict[str, Any]:
    """What ``theme_model.json`` holds, from (text, themes): messages per theme and in all, per-feature counts
    (the last of each is the feature's count over all messages), rare features left out."""
    docs = [0] * (len(THEMES) + 1)
    counts: dict[str, list[int]] = {}
    _tally(examples, docs, counts)
    return {"labels": [*THEMES, "all"], "docs": docs,
            "counts": {f: c for f, c in sorted(counts.items()) if c[-1] >= min_count}}
