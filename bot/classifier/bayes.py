"""The counting both statistical models share (``booster``, ``intent_model``): multinomial naive Bayes over
the character n-grams and words of ``features``, one count per label and feature.

A model keeps, per label, how many messages it was trained on (``docs``) and, per feature, in how many
messages of each label it occurred (``counts``). Officers' corrections are counted into the shipped counts
at load, so both models learn from them without a code change. The intent model divides a feature's count by all
feature occurrences of the label (``log_weights``, multinomial); since round 18 the emergency model divides it by
the label's messages instead (``booster.EmergencyModel``), so a feature as common per message in both weighs 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from operator import itemgetter

NGRAMS = (3, 4, 5)
SMOOTHING = 0.5  # additive (Lidstone) smoothing of the feature counts
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


def tally(examples: Iterable[tuple[str, int]], docs: list[int], counts: dict[str, list[int]]) -> None:
    """Count (text, label index) examples into ``docs`` and the per-feature ``counts`` (one count per label)."""
    for text, label in examples:
        docs[label] += 1
        for feature in features(text):
            counts.setdefault(feature, [0] * len(docs))[label] += 1


def log_weights(counts: Mapping[str, Sequence[int]], labels: int) -> dict[str, tuple[float, ...]]:
    """Per feature, log P(feature | label) for each label, smoothed.

    A feature's weights depend only on its counts, and most features share a few small count tuples
    ((2, 0), (1, 1), ...): each tuple's logarithms are computed once, which makes loading several times cheaper.
    """
    vocabulary = len(counts)
    sums = [sum(map(itemgetter(i), counts.values())) + SMOOTHING * vocabulary for i in range(labels)]
    return by_count_tuple(counts, lambda c: tuple(math.log((c[i] + SMOOTHING) / sums[i]) for i in range(labels)))


def by_count_tuple(counts: Mapping[str, Sequence[int]],
                   weigh: Callable[[tuple[int, ...]], tuple[float, ...]]) -> dict[str, tuple[float, ...]]:
    """``weigh`` of each feature's counts, computed once per distinct tuple of counts."""
    by_counts: dict[tuple[int, ...], tuple[float, ...]] = {}
    weights: dict[str, tuple[float, ...]] = {}
    for feature, c in counts.items():
        key = tuple(c)
        weight = by_counts.get(key)
        if weight is None:
            weight = by_counts[key] = weigh(key)
        weights[feature] = weight
    return weights


def frequent(counts: Mapping[str, Sequence[int]], min_count: int) -> dict[str, Sequence[int]]:
    """The features seen in at least ``min_count`` messages, sorted (what a model file keeps)."""
    return {f: c for f, c in sorted(counts.items()) if sum(c) >= min_count}


def strongest_words(text: str, weight_of: Callable[[str], float], most: int = 3) -> tuple[str, ...]:
    """The words of ``text`` whose features weigh most (positive weights only): what the officer is shown."""
    weighed = {}
    for word in text.split():
        weight = math.fsum(map(weight_of, _word_features(word)))  # exactly rounded: set order cannot matter
        if weight > 0:
            weighed[word.strip(".,!?:;\"'()")] = weight
    return tuple(sorted(weighed, key=weighed.__getitem__, reverse=True)[:most])


@lru_cache(maxsize=8192)
def _word_features(word: str) -> frozenset[str]:
    """``features`` of one word, kept for the words seen most: every explanation of a model's call weighs each word
    of its message, and most words recur from message to message (a cache per word, not per text)."""
    return frozenset(features(word))
