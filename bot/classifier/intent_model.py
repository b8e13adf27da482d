"""A second opinion on close calls between tip, feedback and question: naive Bayes over character n-grams.

On each new author's set, most intent errors left were messages where the rules' tip, feedback and
question scores came out close: a crime named in thanks or a complaint, a wish with a tip inside it,
a question phrased as a statement. This model has learned how the three read from every labelled
corpus (``bench/train_booster.py`` writes ``intent_model.json``) and from officers' corrections. It
reads the same character n-grams and words as the emergency model (``bayes.features``).

It is asked only when the rules' two best of tip, feedback and question are within CLOSE of each
other, and it may only choose between those two, and only when it is clearly sure (MARGIN in
log-odds). It never touches an emergency or a neighbourhood-watch decision. Both were chosen by
leave-one-corpus-out (``bench/intent_loco.py``): every setting tried helped on average and none made
any left-out set worse.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

from bot.classifier.bayes import features, frequent, log_weights, strongest_words, tally
from bot.classifier.model import Correction

MODEL_FILE = "intent_model.json"
LABELS = ("tip", "feedback", "question")
CLOSE = 0.2  # the rules' two best scores this close: a close call
MARGIN = 8.0  # log-odds by which the model must prefer one of the two
_PAIR_CACHE_LIMIT = 200_000  # features remembered per pair of labels (unknown ones too) before starting afresh


class IntentModel:
    def __init__(self, docs: Sequence[int], counts: Mapping[str, Sequence[int]]) -> None:
        """``docs``: messages trained on per label (LABELS order); ``counts``: per feature, in how many of each."""
        total = sum(docs)
        self._prior = [math.log(max(d, 1) / max(total, 1)) for d in docs]
        self._weights = log_weights(counts, len(LABELS))
        # per pair of labels (i < j), the features met so far and their w[i] - w[j] (0.0 for an unknown one)
        self._pairs: dict[tuple[int, int], dict[str, float]] = {}

    @classmethod
    def load(cls, corrections: Iterable[Correction] = ()) -> IntentModel:
        """The shipped model, with the officers' intent corrections counted in."""
        data = json.loads(resources.files("bot.classifier").joinpath(MODEL_FILE).read_text("utf-8"))
        docs, counts = data["docs"], data["counts"]  # freshly parsed lists: ours to add the corrections to
        tally(((c.text, LABELS.index(c.intent)) for c in corrections if c.intent in LABELS), docs, counts)
        return cls(docs, counts)

    @classmethod
    def trained(cls, examples: Iterable[tuple[str, str]]) -> IntentModel:
        """A model of (text, intent) examples alone; intents other than LABELS are left out."""
        docs = [0] * len(LABELS)
        counts: dict[str, list[int]] = {}
        tally(((t, LABELS.index(i)) for t, i in examples if i in LABELS), docs, counts)
        return cls(docs, counts)

    def prefers(self, text: str, first: str, second: str) -> tuple[str, float]:
        """Which of two labels the model prefers for ``text``, and by how much (log-odds, >= 0)."""
        return self.prefers_of(features(text), first, second)

    def prefers_of(self, found: set[str], first: str, second: str) -> tuple[str, float]:
        """``prefers`` on a message's ``features``, computed once when the emergency model reads them too."""
        a, b = LABELS.index(first), LABELS.index(second)
        # fsum is exactly rounded: the order of the set (which differs between processes) cannot change the score,
        # and the pair taken the other way round gives exactly the negated score.
        i, j = min(a, b), max(a, b)
        score = math.fsum([self._prior[i] - self._prior[j], *self._differences(found, i, j)])
        if i != a:
            score = -score
        return (first, score) if score >= 0 else (second, -score)

    def _differences(self, found: set[str], i: int, j: int) -> list[float]:
        """Each feature's w[i] - w[j], 0.0 for one the model does not know, in the order of ``found``.

        From a per-pair cache filled as features are met: once seen, a feature costs one look-up, as in a table of
        every feature's difference, but the pair is never computed for the tens of thousands of features no
        message has had (building those tables was most of what a fresh classifier spent in this model)."""
        cache = self._pairs.get((i, j))
        if cache is None or len(cache) > _PAIR_CACHE_LIMIT:
            cache = self._pairs[i, j] = {}
        differences = list(map(cache.get, found))
        if None in differences:
            weights = self._weights
            for k, feature in enumerate(found):
                if differences[k] is None:
                    w = weights.get(feature)
                    differences[k] = cache[feature] = 0.0 if w is None else w[i] - w[j]
        return differences

    def strongest_words(self, text: str, label: str, other: str, most: int = 3) -> tuple[str, ...]:
        """The message's words whose fragments weigh most for ``label`` against ``other`` (shown to the officer)."""
        a, b = LABELS.index(label), LABELS.index(other)

        def weight_of(feature: str) -> float:
            w = self._weights.get(feature)
            return w[a] - w[b] if w is not None else 0.0

        return strongest_words(text, weight_of, most)


def model_data(examples: Iterable[tuple[str, str]], min_count: int = 2) -> dict[str, Any]:
    """What ``intent_model.json`` holds, from (text, intent): messages per label and per-feature counts,
    rare features left out."""
    docs = [0] * len(LABELS)
    counts: dict[str, list[int]] = {}
    tally(((t, LABELS.index(i)) for t, i in examples if i in LABELS), docs, counts)
    return {"labels": list(LABELS), "docs": docs, "counts": frequent(counts, min_count)}

