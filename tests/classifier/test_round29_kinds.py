"""Kinds of error seen in heldout49 and heldout50, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case of INTENT_KINDS is classified wrongly by round 28's rules, every
case of MODEL_KINDS by round 28's shipped classifier; GUARDS were right before and must stay so."""

from __future__ import annotations

from bot.classifier import Classifier
from bot.classifier.booster import EmergencyModel
from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "going_on_told_in_few_words": [
        ("en kille står och langar bakom idrottshallen", "sv", "emergency"),
        ("en spelare ligger med nackskada på planen", "sv", "emergency"),
        ("un bărbat conduce pe contrasens chiar acum", "ro", "emergency"),
    ],
    # not emergencies
    "a_weekday_told_after_it": [
        ("Am Sonntag hat uns ein Mann vor dem Hafen mit einem Messer bedroht", "de", "not emergency"),
    ],
}

GUARDS = {
    "asking_how_to_report_what_keeps_happening": [
        ("hur anmäler man en ledare som skriker på barnen på träningarna?", "sv", "not emergency"),
    ],
    "needles_lying_about_are_a_tip": [
        ("det ligger sprutor i sandlådan vid förskolan", "sv", "tip"),
    ],
}

# the shipped classifier: needles lying about are a hazard told, which the emergency model must not overrule
MODEL_KINDS = {
    "needles_lying_about": [
        ("Am Strand beim Campingplatz liegen Spritzen", "de", "not emergency"),
    ],
}


test_round29_kind = kind_test(INTENT_KINDS, GUARDS)


test_round29_model_kind = kind_test(MODEL_KINDS, classifier="clf")


def test_a_short_message_needs_a_cue_in_its_words_not_only_exclamation_marks(profile) -> None:
    """Round 29 ("svara på mailen!!"): an emergency model sure of "mejlen" speaks about a short message only when
    a danger, urgent or now cue stands in its words or emoji; "!!" and capitals are the text's shape."""
    examples = [(f"mejlen {n} brinner", True) for n in range(40)] + [(f"vädret {n} är fint", False) for n in range(80)]
    model = EmergencyModel.trained(examples)
    classifier = Classifier(profile, emergency_model=model, intent_model=None, theme_model=None)
    assert model.log_odds("svara på mejlen") >= 8  # the model alone would say emergency
    assert classifier.classify("svara på mejlen!!", "sv").intent != "emergency"
    assert classifier.classify("SVARA PÅ MEJLEN", "sv").intent != "emergency"
    assert classifier.classify("svara på mejlen nu", "sv").intent == "emergency"
