"""The case tables of the per-round kind tests (``test_roundN_kinds.py``) and what a case may expect.

A round's file lists kinds of error, each as (text, Telegram language code, expected) cases; ``cases`` makes
them pytest parameters with ids "<kind>-<n>", and ``labels`` is what a classification offers to match.
"""

from __future__ import annotations

import pytest

from storage.vocabulary import THEMES


def cases(*kinds: dict[str, list[tuple[str, str, str]]]) -> list:
    return [pytest.param(*case, id=f"{kind}-{number}") for group in kinds for kind, cases in group.items()
            for number, case in enumerate(cases, 1)]


def labels(result) -> set[str]:
    """The intent, "not emergency" for any other intent, the themes given and "not <theme>" for each theme not given."""
    return {result.intent, *(("not emergency",) if result.intent != "emergency" else ()), *result.themes,
            *(f"not {theme}" for theme in THEMES if theme not in result.themes)}
