"""The small-cell rule, including through the totals: checked by an independent witness test.

For every suppressed non-zero value the protector returns a *witness*: a
change to the week's table. The test applies it, recomputes every cell and
total itself, and checks that each published figure would be shown exactly
the same way while the protected value is different. Two tables that publish
the same figures cannot be told apart, so no subtraction of totals can
recover that value.
"""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest

from moderation.export.disclosure import SECONDARY, ProtectedWeek, protect_count, protect_week
from storage.stats import WeekCounts
from storage.weeks import IsoWeek

PLACES = ("tanumshede", "grebbestad", "lur", "hede", None)
THEMES = ("burglary", "drugs", "traffic", "none")
INTENTS = ("tip", "feedback", "emergency")
WEEK = IsoWeek(2026, 13)


def counts_from(cells: dict[tuple, int]) -> WeekCounts:
    """Single-theme submissions, so every total is exactly the sum of its cells."""
    counts = WeekCounts(WEEK)
    for (place, theme, intent), n in cells.items():
        if n:
            counts.add(place, intent, [] if theme == "none" else [theme], n)
    return counts


def protect(cells: dict[tuple, int], threshold: int = 3) -> ProtectedWeek:
    return protect_week(counts_from(cells), places=PLACES, themes=THEMES, intents=INTENTS, threshold=threshold)


def published_items(cells: dict[tuple, int]) -> dict[tuple, int]:
    """Every figure the week publishes, recomputed from the cells."""
    values: Counter = Counter()
    for (place, theme, intent) in itertools.product(PLACES, THEMES, INTENTS):
        n = cells.get((place, theme, intent), 0)
        values[("cell", (place, theme, intent))] += n
        values[("place", place)] += n
        values[("theme", theme)] += n
        values[("intent", intent)] += n
        values[("total", None)] += n
    return values


def shown(pw: ProtectedWeek) -> dict[tuple, object]:
    out = {("total", None): pw.total}
    out |= {("place", k): v for k, v in pw.by_place.items()}
    out |= {("theme", k): v for k, v in pw.by_theme.items()}
    out |= {("intent", k): v for k, v in pw.by_intent.items()}
    out |= {("cell", k): v for k, v in pw.cells.items()}
    return out


def consistent(value: int, published: object, threshold: int) -> bool:
    if published == f"<{threshold}":
        return 0 <= value < threshold
    if published == SECONDARY:
        return value >= threshold
    return value == published


def check_protected(cells: dict[tuple, int], threshold: int = 3) -> ProtectedWeek:
    pw = protect(cells, threshold)
    true = published_items(cells)
    display = shown(pw)
    # Primary rule: nothing below the threshold is shown as a number.
    for item, value in true.items():
        if value < threshold and value != 0 or (item[0] == "cell" and value < threshold):
            assert display[item] == f"<{threshold}", item
        assert consistent(value, display[item], threshold), (item, value, display[item])
    # Through the totals: every small non-zero value has a witness table that publishes the same.
    small = {item for item, value in true.items() if 0 < value < threshold and item[0] != "total"}
    assert set(pw.witnesses) == small
    for item, delta in pw.witnesses.items():
        other = dict(cells)
        for cell, change in delta.items():
            other[cell] = other.get(cell, 0) + change
            assert other[cell] >= 0
        alternative = published_items(other)
        assert alternative[item] != true[item], item
        for published_item, value in alternative.items():
            assert consistent(value, display[published_item], threshold), (item, published_item, value)
    return pw


def test_a_lone_small_place_cannot_be_subtracted_from_the_total() -> None:
    # Lur has 1 submission, every other place many: total - shown places would give Lur's count.
    cells = {(p, "drugs", "tip"): 20 for p in ("tanumshede", "grebbestad", "hede")}
    cells[("lur", "drugs", "tip")] = 1
    pw = check_protected(cells)
    assert pw.by_place["lur"] == "<3"
    assert pw.total == 61
    # 61 minus the shown places leaves 1, but split over Lur and "no place" (shown <3 although 0):
    # either could hold it, and check_protected has verified both tables publish the same.
    hidden = [k for k, v in pw.by_place.items() if not isinstance(v, int)]
    assert len(hidden) >= 2 and "lur" in hidden


def test_zeros_are_small_too_so_small_values_can_trade() -> None:
    cells = {("tanumshede", "drugs", "tip"): 40, ("lur", "traffic", "feedback"): 2}
    pw = check_protected(cells)
    assert pw.by_place["hede"] == "<3" and pw.by_place["lur"] == "<3"  # the zero looks like the two
    assert pw.cells[("hede", "burglary", "tip")] == "<3"
    assert not pw.secondary  # enough zeros to trade with: nothing else hidden


def test_secondary_suppression_when_no_small_partner_exists() -> None:
    # One emergency among busy intents, no zero intent: the emergency total needs a hidden partner.
    cells = {}
    for place, theme in itertools.product(PLACES, THEMES):
        cells[(place, theme, "tip")] = 5
        cells[(place, theme, "feedback")] = 4
    cells[("lur", "drugs", "emergency")] = 1
    pw = check_protected(cells)
    assert pw.by_intent["emergency"] == "<3"
    assert SECONDARY in pw.by_intent.values() or any(v == SECONDARY for v in pw.cells.values())


@pytest.mark.parametrize("density", [0.05, 0.3, 0.8])
@pytest.mark.parametrize("seed", range(12))
def test_random_weeks_are_protected(density: float, seed: int) -> None:
    rng = random.Random(seed * 100 + int(density * 100))
    cells = {}
    for cell in itertools.product(PLACES, THEMES, INTENTS):
        if rng.random() < density:
            cells[cell] = rng.choice([1, 1, 2, 2, 3, 4, 7, 15, 40])
    if sum(cells.values()) == 0:
        cells[("lur", "drugs", "tip")] = 1
    check_protected(cells, threshold=rng.choice([2, 3, 3, 5]))


def test_an_empty_week_publishes_zeros_and_no_cells() -> None:
    pw = protect({})
    assert pw.empty and pw.total == 0 and pw.cells == {}
    assert set(pw.by_theme.values()) == {0}


def test_threshold_of_one_or_zero_hides_nothing() -> None:
    cells = {("lur", "drugs", "tip"): 1, ("hede", "traffic", "tip"): 2}
    for threshold in (0, 1):
        pw = protect(cells, threshold)
        assert pw.by_place["lur"] == 1 and pw.total == 3 and pw.cells[("hede", "burglary", "tip")] == 0


def test_a_figure_on_its_own() -> None:
    assert [protect_count(n, 3) for n in (0, 1, 2, 3, 9)] == [0, "<3", "<3", 3, 9]
