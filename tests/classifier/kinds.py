"""The case tables of the per-round kind tests (``test_roundN_kinds.py``) and what a case may expect.

A round's file lists kinds of error, each as (text, Telegram language code, expected) cases; ``cases`` makes
them pytest parameters with ids "<kind>-<n>", ``labels`` is what a classification offers to match, and
``kind_test`` is the test a round's tables get: ``test_round37_kind = kind_test(INTENT_KINDS, GUARDS)``.
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


def kind_test(*kinds: dict[str, list[tuple[str, str, str]]], classifier: str = "rules_only"):
    """A test of every case of ``kinds`` with the ``classifier`` fixture: "rules_only" (the rules and lexicons alone,
    what a kind's fix is about) or "clf" (the shipped classifier, for a kind the models settle)."""

    @pytest.mark.parametrize(("text", "code", "expected"), cases(*kinds))
    def test(request: pytest.FixtureRequest, text: str, code: str, expected: str) -> None:
        result = request.getfixturevalue(classifier).classify(text, code)
        assert expected in labels(result), result.explain

    return test
