"""The close-call intent model beside the rules (bot/classifier/intent_model.py): it only settles close calls
between tip, feedback and question, picks one of the two the rules weighed, and says why."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from bot.classifier import Classifier
from bot.classifier.intent_model import IntentModel, model_data
from bot.classifier.model import Correction
from storage.profile import Profile

CORPORA = Path(__file__).resolve().parents[2] / "bench" / "data" / "classifier"
# A made-up word that only the feedback of this tiny corpus uses, so the rules know nothing of it.
FEEDBACK = ["zorblat, tack för mötet", "zorblat vid bryggan, bra jobbat", "zorblat, ni var snabba",
            "zorblat med lamporna, tack"]
TIPS = ["cyklar står vid bryggan", "bilen stod vid kyrkan hela natten", "någon sålde saker vid skolan",
        "inbrott i förrådet i natt"]
# The rules weigh this close: tip (a burglary told) a little over feedback (a thanks).
CLOSE_CALL = "inbrott i förrådet förra veckan zorblat, tack"


def toy_model() -> IntentModel:
    return IntentModel.trained([(t, "feedback") for t in FEEDBACK] + [(t, "tip") for t in TIPS])


def test_it_settles_a_close_call_and_says_why(profile: Profile) -> None:
    rules = Classifier(profile, emergency_model=None, intent_model=None).classify(CLOSE_CALL, "sv")
    assert rules.intent == "tip"
    result = Classifier(profile, emergency_model=None, intent_model=toy_model()).classify(CLOSE_CALL, "sv")
    assert result.intent == "feedback"
    assert "statistical model on a close call" in result.explain["intent"][0]
    assert "zorblat" in result.explain["intent"][0]


def test_it_leaves_a_clear_decision_alone(profile: Profile) -> None:
    classifier = Classifier(profile, emergency_model=None, intent_model=toy_model())
    assert classifier.classify("inbrott i förrådet förra veckan zorblat", "sv").intent == "tip"
    assert classifier.classify("Det brinner i huset nu zorblat, kom fort!", "sv").intent == "emergency"
    assert classifier.classify("vi vill gå med i grannsamverkan zorblat", "sv").intent == "neighbourhood_watch"


def test_officers_corrections_teach_the_shipped_model() -> None:
    text = "qwxyzzy vid macken"
    before = IntentModel.load().prefers(text, "feedback", "tip")
    taught = IntentModel.load([Correction(text=f"qwxyzzy vid macken {n}", intent="feedback", themes=None,
                                          place=None) for n in range(5)]).prefers(text, "feedback", "tip")
    assert taught[0] == "feedback" and (before[0] != "feedback" or taught[1] > before[1])


def test_the_shipped_model_is_what_its_corpora_give() -> None:
    """intent_model.json is rebuilt (bench/train_booster.py) whenever a corpus it names changes."""
    shipped = json.loads(resources.files("bot.classifier").joinpath("intent_model.json").read_text("utf-8"))
    rows = [json.loads(line) for name in shipped["trained_on"]
            for line in (CORPORA / name).read_text("utf-8").splitlines() if line.strip()]
    rebuilt = model_data((row["text"], row["intent"]) for row in rows)
    assert (shipped["labels"], shipped["docs"], shipped["counts"]) == (rebuilt["labels"], rebuilt["docs"],
                                                                        rebuilt["counts"])
    booster = json.loads(resources.files("bot.classifier").joinpath("booster.json").read_text("utf-8"))
    assert shipped["trained_on"] == booster["trained_on"]
