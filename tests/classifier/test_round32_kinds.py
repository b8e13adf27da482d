"""Kinds of error seen in heldout55 and heldout56, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 31's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

import pytest

import bot.classifier.classifier as classifier_module
from bot.classifier import Classifier
from bot.classifier.booster import EmergencyModel
from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    # the English letter needs both halves of round 32: its turn ("Now I am writing because") starts the scene, and
    # its "often", "usually" and "sometimes" before it count once as background, not as a habit of 0.51
    "a_letter_that_turns_to_why_it_is_written_now": [
        ("Vi har bott på gården i trettio år och brukar ha det lugnt, ibland kommer det jägare förbi. Men nu skriver "
         "jag för att en man slår på vår dörr med ett järnrör och skriker", "sv", "emergency"),
        ("We often stay at this lay-by on our way north and it is usually fine, sometimes a bit noisy. Now I'm writing "
         "because two men are pulling at our camper door and shouting", "en", "emergency"),
    ],
    "while_i_sit_writing_this": [
        ("Det har stulits diesel från bygget i flera år och alla vet om det. Och medan jag sitter och skriver det här "
         "står det två killar vid grävmaskinens tank med en slang och en dunk", "sv", "emergency"),
    ],
    "woke_up_to_it": [
        ("We park here every summer, same spot every night. I woke up with a bad headache, my wife is still in "
         "bed and I cannot wake her", "en", "emergency"),
    ],
    "a_hand_round_a_throat": [
        ("han har handen runt halsen på henne vid kiosken", "sv", "emergency"),
    ],
    "not_answering_when_spoken_to": [
        ("Det ligger en kvinna vid cykelbanan, hon andas men svarar inte när jag pratar med henne", "sv", "emergency"),
    ],
    "a_fire_crackling_and_glowing": [
        ("Jag brukar gå förbi bygdegården på kvällarna och det är alltid tomt. Nu i kväll ser jag att det lyser orange "
         "bakom fönstren och det knastrar", "sv", "emergency"),
    ],
    "driving_among_small_children": [
        ("en moped åker mellan småbarnen på förskolans gård", "sv", "emergency"),
        ("en lastbil backar över lekplatsen vid sporthallen", "sv", "emergency"),
    ],
    "a_hose_at_the_tank": [
        ("två killar står vid grävmaskinens tank med en slang", "sv", "emergency"),
    ],
    # not emergencies
    "what_my_child_says": [
        ("elever tar med sig knivar till skolan säger min son", "sv", "not emergency"),
    ],
    "knife_crime_as_a_topic": [
        ("the talk about knife crime at the youth centre was really good", "en", "not emergency"),
        ("föreläsningen om knivvåld för åttorna var bra", "sv", "not emergency"),
    ],
    "if_it_comes_to_that": [
        ("hur ska personalen göra om det blir ett pågående våld i sporthallen?", "sv", "not emergency"),
    ],
    "going_on_for_weeks": [
        ("det brinner i en sophög bakom idrottsplatsen, har pågått i veckor", "sv", "not emergency"),
    ],
    "now_in_a_month_dates_the_last_time": [
        ("Hemmet ligger mitt i byn och senast nu i februari bröt sig någon in i förrådet och tog alla verktyg", "sv",
         "not emergency"),
    ],
    "already_reported_to_social_services": [
        ("en pappa i byn slår sin son när han kommer hem sent säger grannarna, vi har gjort en orosanmälan", "sv",
         "not emergency"),
    ],
    # its last sentence made a scene of a term that counter-evidence cancels; since round 32 such a term makes none
    "a_witness_who_dares_not_go_out_and_say_something": [
        ("Varje helg sitter ungdomar i busskuren och dricker, och vid tvåtiden brukar det bli bråk. Förra helgen slog "
         "de sönder glaset igen. Jag ser rakt ut på kuren från köket. Jag vågar inte gå ut och säga något.", "sv",
         "not emergency"),
    ],
    "thanks_to_those_who_helped": [
        ("Takk til de som hjalp oss da bilen fikk motorstopp ved Hamburgsund", "no", "not emergency"),
    ],
    "seen_this_morning_nearly_collided": [
        ("Heute Morgen stand ein Elch auf der Straße bei Kville, fast zusammengestoßen", "de", "not emergency"),
    ],
}

GUARDS = {
    "a_scene_told_at_once": [
        ("det brinner i förrådet bakom skolan", "sv", "emergency"),
    ],
    "a_past_told_with_its_time": [
        ("igår kväll stod en man med kniv utanför fritidsgården", "sv", "not emergency"),
    ],
    "ought_to_have_is_a_wish": [
        ("värmestugan borde ha en vakt på kvällarna, det säljs knark där", "sv", "feedback"),
    ],
    "children_everywhere_beside_reckless_driving": [
        ("bilarna kör som idioter förbi campingen och det springer ungar överallt, sätt upp farthinder", "sv",
         "not emergency"),
    ],
}


test_round32_kind = kind_test(INTENT_KINDS, GUARDS)


@pytest.mark.parametrize(("others_with_the_word", "asked_is_emergency"), [(20, False), (14, True)])
def test_beside_a_wish_or_a_repair_asked_for_the_model_must_be_surer(profile, others_with_the_word: int,
                                                                      asked_is_emergency: bool) -> None:
    """Round 32 ("Snälla laga hålet i staketet", put at 9 by a retrained model): where the rules heard a wish, a
    repair asked for or feedback at ASKED_CUE or more, the model speaks only at ASKED_LOG_ODDS."""
    examples = ([(f"zorblat {n} vid bryggan", True) for n in range(40)]
                + [(f"zorblat {n} vid bryggan" if n < others_with_the_word else f"{n} vid bryggan", False)
                   for n in range(40)])
    model = EmergencyModel.trained(examples)
    classifier = Classifier(profile, emergency_model=model, intent_model=None, theme_model=None)
    asked, told = "snälla laga zorblat vid bryggan", "vi ser zorblat vid bryggan"
    odds = model.log_odds(asked)
    assert classifier_module.BOOST_LOG_ODDS <= odds == pytest.approx(model.log_odds(told))
    assert (odds >= classifier_module.ASKED_LOG_ODDS) == asked_is_emergency
    assert (classifier.classify(asked, "sv").intent == "emergency") == asked_is_emergency
    assert classifier.classify(told, "sv").intent == "emergency"
