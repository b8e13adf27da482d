"""The small-cell rule: no count below the threshold is published, not even through the totals.

What a week publishes: the *cube* (every place × theme × intent, including
the combinations with no submissions), the *margins* (totals by place, by
theme, by intent) and the week's *total*.

Primary suppression. Every cube cell and every margin below the threshold is
shown as ``<3``, zeros included. Showing zeros as ``<3`` too is what makes
the rule hold through the totals: the small values in a table can then trade
units with each other without any published number changing, so a total
minus the shown cells leaves a sum over several ``<3`` cells that does not pin
any one of them. Because the pattern of ``<3`` depends only on which values
are below the threshold, and the alternatives below keep every value on its
side of the threshold, the pattern itself gives nothing away either.

Protection is checked, not assumed. For every suppressed non-zero value the
protector looks for a *witness*: another table that publishes exactly the
same numbers (every shown cell, margin and total unchanged, every ``<3``
still below the threshold) but differs in that value. For a margin the
witness moves one submission to another place, theme or intent; for a cube
cell it is a 2×2 "rectangle" of +1/−1 changes that leaves every margin as it
was, or such a move of one submission between two hidden margins. A value with a witness cannot be recovered by subtracting published
numbers, however they are combined, since both tables fit them all.

Secondary suppression. When a small value has no witness among the ``<3``
values (typically a single small margin in an otherwise busy week), the
cheapest witness that also moves shown numbers is chosen and those numbers
are hidden as ``x``. This is rare (busy weeks have few small values, quiet
weeks have many zeros to trade with) and deterministic. As with any
secondary suppression, someone who knows this algorithm exactly could in
principle narrow an ``x`` down; the ``<3`` cells stay protected.

Themes: a submission with two themes counts under both, so theme margins are
not an exact partition of the total; the protector treats them as if they
were (an attacker knowing every overlap), which only makes it stricter.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storage.stats import WeekCounts
from storage.weeks import IsoWeek

SECONDARY = "x"
DIMENSIONS = ("place", "theme", "intent")

Cell = tuple[Any, str, str]  # (place or None, theme, intent)
Item = tuple[str, Hashable]  # ("cell", cell) | ("place", key) | ("theme", key) | ("intent", key) | ("total", None)
Published = int | str
Delta = dict[Cell, int]


def small_label(threshold: int) -> str:
    return f"<{threshold}"


@dataclass
class ProtectedWeek:
    """What one week publishes; values are ints or the markers ``<3`` / ``x``."""

    week: IsoWeek
    threshold: int
    total: Published
    by_place: dict[Any, Published]
    by_theme: dict[str, Published]
    by_intent: dict[str, Published]
    cells: dict[Cell, Published]  # the full grid in a fixed order; empty for an empty week
    # For each suppressed non-zero value, the change to the cube that publishes the same numbers.
    witnesses: dict[Item, Delta] = field(default_factory=dict, repr=False)
    secondary: frozenset[Item] = frozenset()

    @property
    def empty(self) -> bool:
        return self.total == 0


def protect_week(
    counts: WeekCounts,
    *,
    places: Sequence[Any],
    themes: Sequence[str],
    intents: Sequence[str],
    threshold: int,
) -> ProtectedWeek:
    """Apply the small-cell rule to one week's counts (see the module docstring)."""
    keys = {"place": list(places), "theme": list(themes), "intent": list(intents)}
    if counts.total == 0:
        zeros = {dim: {k: 0 for k in keys[dim]} for dim in DIMENSIONS}
        return ProtectedWeek(counts.week, threshold, 0, zeros["place"], zeros["theme"], zeros["intent"], {})
    protector = _Protector(counts, keys, threshold)
    protector.protect()
    return protector.result()


class _Protector:
    def __init__(self, counts: WeekCounts, keys: dict[str, list[Any]], threshold: int) -> None:
        self.week = counts.week
        self.threshold = threshold
        self.keys = keys
        self.grid: list[Cell] = list(itertools.product(keys["place"], keys["theme"], keys["intent"]))
        self.values: dict[Item, int] = {("cell", c): counts.cells.get(c, 0) for c in self.grid}
        margins = {"place": counts.by_place, "theme": counts.by_theme, "intent": counts.by_intent}
        for dim in DIMENSIONS:
            for key in keys[dim]:
                self.values[(dim, key)] = margins[dim].get(key, 0)
        self.values[("total", None)] = counts.total
        self.secondary: set[Item] = set()
        self.witnesses: dict[Item, Delta] = {}
        self._hidden_cache: tuple[int, list[Cell], set[Cell]] | None = None

    # -- the published state -------------------------------------------------

    def is_small(self, item: Item) -> bool:
        # A threshold of 0 or 1 means no rule: then not even zeros are hidden.
        return self.threshold > 1 and self.values[item] < self.threshold

    def can_change(self, item: Item, change: int, extra_secondary: frozenset[Item] = frozenset()) -> bool:
        """Whether ``item`` can change by ``change`` and still be published the same way."""
        if change == 0:
            return True
        value = self.values[item] + change
        if self.is_small(item):
            return 0 <= value < self.threshold
        if item in self.secondary or item in extra_secondary:
            return value >= self.threshold
        return False

    def effects(self, delta: Delta) -> dict[Item, int]:
        changes: dict[Item, int] = {}
        for cell, change in delta.items():
            for item in (("cell", cell), ("place", cell[0]), ("theme", cell[1]), ("intent", cell[2]), ("total", None)):
                changes[item] = changes.get(item, 0) + change
        return changes

    def newly_hidden(self, delta: Delta) -> frozenset[Item] | None:
        """Shown numbers ``delta`` would have to hide as ``x``; None if it cannot work at all."""
        hidden = []
        for item, change in self.effects(delta).items():
            if change == 0 or self.is_small(item) or item in self.secondary:
                continue
            if item[0] == "total" or self.values[item] + change < self.threshold:
                return None
            hidden.append(item)
        extra = frozenset(hidden)
        if all(self.can_change(item, change, extra) for item, change in self.effects(delta).items()):
            return extra
        return None

    # -- witnesses -------------------------------------------------------------

    def hidden(self, item: Item) -> bool:
        return self.is_small(item) or item in self.secondary

    def hidden_cells(self) -> tuple[list[Cell], set[Cell]]:
        key = len(self.secondary)  # the hidden cells change only when secondaries are added
        if self._hidden_cache is None or self._hidden_cache[0] != key:
            cells = [c for c in self.grid if self.hidden(("cell", c))]
            self._hidden_cache = (key, cells, set(cells))
        return self._hidden_cache[1], self._hidden_cache[2]

    def margin_moves(self, item: Item) -> Iterable[Delta]:
        """Move one submission out of (or into) this margin's key, to another key of the dimension."""
        dim, key = item
        axis = DIMENSIONS.index(dim)
        inside = [c for c in self.grid if c[axis] == key]
        for other in self.keys[dim]:
            if other == key:
                continue
            for cell in inside:
                moved = cell[:axis] + (other,) + cell[axis + 1:]
                yield {cell: -1, moved: +1}
                yield {cell: +1, moved: -1}

    def rectangle_moves(self, cell: Cell) -> Iterable[Delta]:
        """2×2 changes (+1/−1) that keep every margin: split the dimensions in two groups."""
        for axis in range(3):
            rest = _rest(cell, axis)
            for corner in self.grid:
                if corner[axis] == cell[axis] or _rest(corner, axis) == rest:
                    continue
                across = cell[:axis] + (corner[axis],) + cell[axis + 1:]
                down = corner[:axis] + (cell[axis],) + corner[axis + 1:]
                for sign in (-1, +1):
                    yield {cell: sign, across: -sign, down: -sign, corner: sign}

    def pair_moves(self, cell: Cell) -> Iterable[Delta]:
        """Move one submission of this cell to another key of one dimension (changes two margins)."""
        for axis, dim in enumerate(DIMENSIONS):
            for other in self.keys[dim]:
                if other != cell[axis]:
                    moved = cell[:axis] + (other,) + cell[axis + 1:]
                    yield {cell: -1, moved: +1}
                    yield {cell: +1, moved: -1}

    def valid(self, delta: Delta) -> bool:
        return all(self.can_change(i, ch) for i, ch in self.effects(delta).items())

    def find_witness(self, item: Item) -> Delta | None:
        if item[0] == "cell":
            return self.find_rectangle(item[1]) or next(filter(self.valid, self.pair_moves(item[1])), None)
        return next(filter(self.valid, self.margin_moves(item)), None)

    def find_rectangle(self, cell: Cell) -> Delta | None:
        """A rectangle among hidden cells only: it changes four cells and no published number.

        The hot loop of the protector, so the structural tests (all four
        corners hidden) come before any value test or allocation.
        """
        hidden, hidden_set = self.hidden_cells()
        fits = self.cell_fits
        for axis in range(3):
            rest = _rest(cell, axis)
            for corner in hidden:
                if corner[axis] == cell[axis] or _rest(corner, axis) == rest:
                    continue
                across = cell[:axis] + (corner[axis],) + cell[axis + 1:]
                if across not in hidden_set:
                    continue
                down = corner[:axis] + (cell[axis],) + corner[axis + 1:]
                if down not in hidden_set:
                    continue
                for sign in (-1, +1):
                    if fits(cell, sign) and fits(corner, sign) and fits(across, -sign) and fits(down, -sign):
                        return {cell: sign, across: -sign, down: -sign, corner: sign}
        return None

    def cell_fits(self, cell: Cell, change: int) -> bool:
        return self.can_change(("cell", cell), change)

    def cheapest_secondary(self, item: Item) -> tuple[Delta, frozenset[Item]] | None:
        best: tuple[tuple[int, int], Delta, frozenset[Item]] | None = None
        if item[0] == "cell":
            moves = itertools.chain(self.pair_moves(item[1]), self.rectangle_moves(item[1]))
        else:
            moves = self.margin_moves(item)
        for delta in moves:
            hidden = self.newly_hidden(delta)
            if hidden is None:
                continue
            cost = (len(hidden), sum(self.values[i] for i in hidden))
            if best is None or cost < best[0]:
                best = (cost, delta, hidden)
                if cost[0] == 1 and cost[1] == self.threshold:
                    break  # cannot do better
        return (best[1], best[2]) if best else None

    def protect(self) -> None:
        margins = [(dim, key) for dim in DIMENSIONS for key in self.keys[dim]]
        cells = [("cell", c) for c in self.grid]
        for item in [*margins, *cells]:
            if not (0 < self.values[item] < self.threshold):
                continue
            delta = self.find_witness(item)
            if delta is None:
                found = self.cheapest_secondary(item)
                if found is None:  # only possible with a single key in every dimension
                    raise RuntimeError(f"no way to protect {item} in {self.week}")
                delta, hidden = found
                self.secondary |= hidden
            self.witnesses[item] = delta

    def shown(self, item: Item) -> Published:
        if self.is_small(item):
            return small_label(self.threshold)
        if item in self.secondary:
            return SECONDARY
        return self.values[item]

    def result(self) -> ProtectedWeek:
        return ProtectedWeek(
            week=self.week,
            threshold=self.threshold,
            total=self.shown(("total", None)),
            by_place={k: self.shown(("place", k)) for k in self.keys["place"]},
            by_theme={k: self.shown(("theme", k)) for k in self.keys["theme"]},
            by_intent={k: self.shown(("intent", k)) for k in self.keys["intent"]},
            cells={c: self.shown(("cell", c)) for c in self.grid},
            witnesses=self.witnesses,
            secondary=frozenset(self.secondary),
        )


def _rest(cell: Cell, axis: int) -> tuple[Any, ...]:
    return cell[:axis] + cell[axis + 1:]


def protect_count(value: int, threshold: int) -> Published:
    """A figure published on its own (no total above it): below the threshold it is ``<3``; 0 stays 0."""
    return small_label(threshold) if 0 < value < threshold else value
