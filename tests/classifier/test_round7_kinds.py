"""Kinds of error seen in heldout7 (and left over from heldout6), each in words of our own."""

from __future__ import annotations

import pytest

from bot.classifier import Classifier

EMERGENCIES = [
    # an animal, a stone or a lost load on a road named by its number, a curve or "the middle of"
    ("Två hästar springer omkring mitt på väg 171 vid Bullaren", "sv"),
    ("En stor gren ligger i kurvan strax efter avfarten, bilarna får tvärbromsa", "sv"),
    ("There's a moose in the middle of the E6 near the junction, cars braking hard", "en"),
    # the progressive written with "o" for "och"
    ("dom håller på o tjuvtankar traktorn bakom ladan", "sv"),
    # someone at a frightened writer's window
    ("en okänd man bankar på rutan hos mig, jag är ensam hemma", "sv"),
    # someone who no longer wants to live, a body lying still
    ("min kompis skriver att hon inte orkar leva och hon svarar inte", "sv"),
    ("en cyklist har vurpat och ligger still i diket vid skolan", "sv"),
    # intensified drunkenness and driving off
    ("en dödfull kille sätter sig i bilen och ska köra iväg från festen", "sv"),
]

NOT_EMERGENCIES = [
    # a hypothetical or a legality question
    ("Hypothetically, if someone is stealing my bike, can I take it back myself?", "en"),
    ("Är det lagligt att skjuta raketer vid badplatsen på nyår?", "sv"),
    # a figure of speech
    ("jag håller på att dö av tristess på det här lägret, ordna nåt kul", "sv"),
    # a complaint about a slow response to a past emergency
    ("You were too slow last time, 40 minutes for a fight in progress. Not acceptable.", "en"),
]


@pytest.mark.parametrize(("text", "code"), EMERGENCIES)
def test_emergencies_of_new_kinds(rules_only: Classifier, text: str, code: str) -> None:
    result = rules_only.classify(text, code)
    assert result.intent == "emergency", result.explain


@pytest.mark.parametrize(("text", "code"), NOT_EMERGENCIES)
def test_not_emergencies_of_new_kinds(rules_only: Classifier, text: str, code: str) -> None:
    result = rules_only.classify(text, code)
    assert result.intent != "emergency", result.explain


@pytest.mark.parametrize(("text", "code", "intent"), [
    ("Polisen bör känna till att det säljs hembränt från ett garage i Hede", "sv", "tip"),
    ("Iemand heeft de bushalte vernield bij de haven", "nl", "tip"),
    ("Jag vill bara tacka polisen som hjälpte oss efter inbrottet i våras", "sv", "feedback"),
    ("Prosimy o więcej patroli przy plaży wieczorem", "pl", "feedback"),
])
def test_tips_and_feedback_of_new_kinds(rules_only: Classifier, text: str, code: str, intent: str) -> None:
    result = rules_only.classify(text, code)
    assert result.intent == intent, result.explain
