"""Logistic regression over the emergency model's features: a comparison for ``bench/booster_loco.py`` only.

Round 7 asked whether an L2-regularised logistic regression (trained here by AdaGrad, pure Python,
deterministic) generalises better to a new author than the shipped naive Bayes (``bot/classifier/booster.py``).
Leave one corpus out, it added the same emergencies and one false emergency fewer over seven sets, within
noise, while naive Bayes can count officers' corrections in at load time and trains in a second; so naive
Bayes stays, and this is kept to repeat the comparison (``python bench/booster_loco.py --model lr``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.classifier.bayes import features  # noqa: E402


class LogisticEmergencyModel:
    """log-odds = bias + (sum of the weights of the features present) / sqrt(number of features): long messages
    have many more n-grams, and without the scaling their length alone would decide."""

    def __init__(self, bias: float, weights: Mapping[str, float], languages: frozenset[str] | None = None) -> None:
        self.bias, self._weights, self.languages = bias, dict(weights), languages

    @classmethod
    def trained(cls, examples: Iterable[tuple[str, bool]], languages: frozenset[str] | None = None,
                epochs: int = 10, rate: float = 0.5, l2: float = 1e-4, min_count: int = 2) -> "LogisticEmergencyModel":
        rows = [(features(text), emergency) for text, emergency in examples]
        seen: dict[str, int] = {}
        for found, _ in rows:
            for f in found:
                seen[f] = seen.get(f, 0) + 1
        index = {f: i for i, f in enumerate(sorted(f for f, n in seen.items() if n >= min_count))}
        docs = [([index[f] for f in found if f in index], 1.0 if e else 0.0, 1 / math.sqrt(max(len(found), 1)))
                for found, e in rows]
        w = [0.0] * len(index)
        g2 = [1e-8] * len(index)
        bias, bias_g2 = 0.0, 1e-8
        order = list(range(len(docs)))
        shuffle = random.Random(0).shuffle
        for _ in range(epochs):
            shuffle(order)
            for d in order:
                idx, y, s = docs[d]
                z = bias + s * sum([w[i] for i in idx])
                p = 1 / (1 + math.exp(-z)) if z > -30 else 0.0
                g = p - y
                bias_g2 += g * g
                bias -= rate * g / math.sqrt(bias_g2)
                gs = g * s
                for i in idx:
                    gi = gs + l2 * w[i]
                    g2[i] += gi * gi
                    w[i] -= rate * gi / math.sqrt(g2[i])
        names = sorted(index, key=index.__getitem__)
        return cls(bias, {f: w[i] for i, f in enumerate(names) if w[i]}, languages)

    def knows(self, lang: str) -> bool:
        return self.languages is None or lang in self.languages

    def log_odds(self, text: str) -> float:
        return self.log_odds_of(features(text))

    def log_odds_of(self, found: set[str]) -> float:
        weight = self._weights.get
        return self.bias + sum([weight(f, 0.0) for f in found]) / math.sqrt(max(len(found), 1))
