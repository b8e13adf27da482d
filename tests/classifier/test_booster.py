"""The emergency model beside the rules (bot/classifier/booster.py): it only adds emergencies, and says why."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import bot.classifier.classifier as classifier_module
from bot.classifier import Classifier
from bot.classifier.bayes import features
from bot.classifier.booster import EmergencyModel, model_data
from bot.classifier.model import Correction
from storage.profile import Profile

CORPORA = Path(__file__).resolve().parents[2] / "bench" / "data" / "classifier"
# A made-up word only the emergencies of this tiny corpus use, so the rules know nothing of it.
EMERGENCIES = ["zorblat vid bryggan", "zorblat i gränden bakom skolan", "zorblat utanför affären",
               "zorblat på parkeringen vid kyrkan"]
OTHERS = ["cyklar står vid bryggan", "tack för mötet i skolan", "när kommer mobila polisen",
          "lampan vid kyrkan är trasig", "vi vill starta grannsamverkan"]


def toy_model() -> EmergencyModel:
    return EmergencyModel.trained([(t, True) for t in EMERGENCIES] + [(t, False) for t in OTHERS])



def test_features_ignore_case_diacritics_and_punctuation() -> None:
    assert features("Det BRINNER på Ö!") == features("det brinner pa o!")
    assert {"w:brinner", "brin", "inner"} <= features("Det brinner")


def test_the_model_learns_which_fragments_mark_an_emergency() -> None:
    model = toy_model()
    assert model.log_odds("zorblat vid hamnen") > 0 > model.log_odds("tack för mötet")
    assert model.strongest_words("Zorblat vid hamnen!")[0] == "Zorblat"


def test_officers_corrections_teach_the_shipped_model() -> None:
    text = "qwxyzzy vid macken"
    before = EmergencyModel.load().log_odds(text)
    taught = EmergencyModel.load([Correction(text=f"qwxyzzy vid macken {n}", intent="emergency", themes=None,
                                             place=None) for n in range(5)])
    assert taught.log_odds(text) > before


def test_it_adds_an_emergency_the_rules_missed_and_says_why(profile: Profile) -> None:
    classifier = Classifier(profile, emergency_model=toy_model())
    assert Classifier(profile, emergency_model=None).classify("zorblat vid den gamla hamnen").intent != "emergency"
    result = classifier.classify("zorblat vid den gamla hamnen")
    assert result.intent == "emergency" and result.urgent
    assert "statistical model" in result.explain["intent"][0] and "zorblat" in result.explain["intent"][0]


def test_it_never_overrides_a_sign_that_it_is_over_recurring_or_hypothetical(profile: Profile) -> None:
    classifier = Classifier(profile, emergency_model=toy_model())
    for text in ("zorblat vid hamnen igår", "zorblat vid hamnen varje helg", "Om någon zorblat vid hamnen, vad gör man då?"):
        assert classifier.classify(text).intent != "emergency", text


def test_it_never_removes_an_emergency(profile: Profile) -> None:
    silent = EmergencyModel.trained([("det brinner i huset", False)] * 50)
    assert Classifier(profile, emergency_model=silent).classify("Det brinner i huset nu, kom fort!").intent == "emergency"


def test_the_shipped_model_is_what_its_corpora_give() -> None:
    """booster.json is rebuilt (bench/train_booster.py) whenever a corpus it names changes."""
    shipped = json.loads(resources.files("bot.classifier").joinpath("booster.json").read_text("utf-8"))
    rows = [json.loads(line) for name in shipped["trained_on"]
            for line in (CORPORA / name).read_text("utf-8").splitlines() if line.strip()]
    rebuilt = model_data((row["text"], row["lang"], row["intent"] == "emergency") for row in rows)
    assert (shipped["docs"], shipped["languages"], shipped["counts"]) == (rebuilt["docs"], rebuilt["languages"],
                                                                          rebuilt["counts"])


def test_in_a_language_it_has_seen_little_of_only_a_sure_model_speaks(profile: Profile) -> None:
    """Round 24: a language with too few examples to be known gets the model's word only at OVERRIDE_LOG_ODDS."""
    assert {"sv", "en", "no", "da", "de"} <= EmergencyModel.load().languages
    # 20 emergencies and 50 others needed: nl joined in round 12, lt in round 32; Thai has 18 and 30
    assert not EmergencyModel.load().knows("th")
    only_swedish = EmergencyModel.trained([(t, True) for t in EMERGENCIES] + [(t, False) for t in OTHERS],
                                          languages=frozenset({"sv"}))
    classifier = Classifier(profile, emergency_model=only_swedish)
    assert classifier.classify("zorblat vid den gamla hamnen", "sv").intent == "emergency"
    unsure, sure = "zorb at the harbour", "zorblat at the old harbour"
    assert classifier_module.BOOST_LOG_ODDS <= only_swedish.log_odds(unsure) < classifier_module.OVERRIDE_LOG_ODDS
    assert only_swedish.log_odds(sure) >= classifier_module.OVERRIDE_LOG_ODDS
    assert classifier.classify(unsure, "en").intent != "emergency"
    assert classifier.classify(sure, "en").intent == "emergency"
    assert classifier.classify("zorblat vid hamnen", "sv").intent != "emergency"  # three words and no cue: not asked


def test_a_short_message_gets_the_models_word_only_beside_a_rule_cue(profile: Profile) -> None:
    """Round 26: under MODEL_MIN_WORDS words the model speaks only where the rules saw a danger, urgent or now cue;
    round 29: in the message's words or emoji ("!!" alone is no cue: tests/classifier/test_round29_kinds.py)."""
    model = EmergencyModel.trained([(t, True) for t in EMERGENCIES] + [(t, False) for t in OTHERS],
                                   languages=frozenset({"sv"}))
    classifier = Classifier(profile, emergency_model=model)
    assert model.log_odds("zorblat vid hamnen") >= classifier_module.SHORT_LOG_ODDS
    assert classifier.classify("zorblat vid hamnen", "sv").intent != "emergency"
    with_cue = classifier.classify("zorblat vid hamnen nu", "sv")  # a bare "nu": a now cue of 0.15, too weak alone
    assert with_cue.intent == "emergency", with_cue.explain
    assert "statistical model" in with_cue.explain["intent"][0]
    assert classifier.classify("zorblat", "sv").intent != "emergency"  # one word: never


def test_a_place_name_or_a_few_words_are_not_evidence(profile: Profile) -> None:
    """An answer in a flow ("Kvarnvägen i Rabbalshede") must not look like the emergencies that named the place."""
    model = EmergencyModel.trained([(f"zorblat i Rabbalshede {n}", True) for n in range(5)]
                                   + [(t, False) for t in OTHERS])
    classifier = Classifier(profile, emergency_model=model)
    assert model.log_odds("Kvarnvägen i Rabbalshede") > 0
    assert classifier.classify("Kvarnvägen i Rabbalshede", "sv").intent != "emergency"
    assert classifier.classify("vi bor på Kvarnvägen nära affären i Rabbalshede", "sv").intent != "emergency"


def test_a_street_and_a_name_are_not_evidence_for_the_shipped_model(profile: Profile) -> None:
    """Four words of names, the answer to grannsamverkan's "which area?", once reached the model's threshold."""
    classifier = Classifier(profile)
    for answer in ("Kvarnvägen hos Anna Svensson", "Kvarnvägen hos Zlatanina Unikasson", "Storgatan hos Erik Larsson"):
        assert classifier.classify(answer, "sv").intent != "emergency", answer


class _Sure:
    """A stand-in model with a fixed log-odds for every text, to test the gate alone."""

    languages = None

    def __init__(self, log_odds: float) -> None:
        self.odds = log_odds

    def knows(self, lang: str) -> bool:
        return True

    def log_odds_of(self, found: set[str]) -> float:
        return self.odds

    def strongest_words(self, text: str, most: int = 3) -> tuple[str, ...]:
        return ("zorblat",)


def test_only_a_very_sure_model_speaks_despite_a_weak_sign_of_recurring(profile: Profile) -> None:
    """Round 9 (bench/gate_loco.py): beside a weak cue (habit 0.20 here) the model needs OVERRIDE_LOG_ODDS."""
    text = "nu kör dom igen med zorblat utanför fönstret"
    assert Classifier(profile, emergency_model=_Sure(20.0)).classify(text, "sv").intent != "emergency"
    result = Classifier(profile, emergency_model=_Sure(30.0)).classify(text, "sv")
    assert result.intent == "emergency"
    assert "only weak signs" in result.explain["intent"][0] and "habit" in result.explain["intent"][0]


def test_no_model_speaks_over_a_strong_sign_that_it_is_over(profile: Profile) -> None:
    sure = Classifier(profile, emergency_model=_Sure(1000.0))
    for text in ("zorblat vid hamnen igår", "zorblat vid hamnen varje helg", "Om någon zorblat vid hamnen, vad gör man då?"):
        assert sure.classify(text, "sv").intent != "emergency", text
    threshold = classifier_module.BOOST_LOG_ODDS
    assert Classifier(profile, emergency_model=_Sure(threshold)).classify("zorblat vid den gamla hamnen", "sv") \
        .intent == "emergency"
    assert Classifier(profile, emergency_model=_Sure(threshold - 0.1)).classify("zorblat vid den gamla hamnen", "sv") \
        .intent != "emergency"
