"""Kinds of error seen in heldout39 to heldout42, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case of INTENT_KINDS and PLACE_KINDS is classified wrongly by round 24's
rules; GUARDS were right before and must stay so."""

from __future__ import annotations

import pytest

from bot.classifier import Classifier
from tests.classifier.kinds import cases, kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "a_small_child_in_danger_told_in_few_words": [
        ("bilen rullar med lillasyster i", "sv", "emergency"),
        ("lillebror blir blå", "sv", "emergency"),
        ("bebis ensam i bilen på parkeringen", "sv", "emergency"),
        ("dottern har ätit råttgift", "sv", "emergency"),
        ("en pojke står på balkongräcket", "sv", "emergency"),
    ],
    "ice_and_water": [
        ("tre ungar på isen, en har gått igenom", "sv", "emergency"),
        ("where are you?? my daughter is in the water", "en", "emergency"),
    ],
    "farm_and_forest": [
        ("kulor viner över hagen där hästarna står", "sv", "emergency"),
        ("han har kapat fingret och tummen hänger", "sv", "emergency"),
        ("Ein Hund reißt gerade die Schafe des Nachbarn", "de", "emergency"),
        ("I'm lost in the woods, phone almost dead, started from the lake this morning", "en", "emergency"),
    ],
    "languages_of_seasonal_workers_and_new_arrivals": [
        ("ሓዊ ኣብ ገዛና ኣሎ ሓግዙና", "ti", "emergency"),
        ("Dziecko zamknięte w samochodzie na parkingu", "pl", "emergency"),
        ("Gęsty dym z garażu sąsiada", "pl", "emergency"),
        ("Kolega sužeistas, traktorius apvirto", "lt", "emergency"),
        ("Arde pădurea lângă drum, veniți repede", "ro", "emergency"),
    ],
    # not emergencies
    "drivers_like_madmen_in_the_plural": [
        ("Kan kommunen sätta upp farthinder vid förskolan? bilarna kör som galningar där", "sv", "not emergency"),
    ],
    "a_fear_of_what_may_happen": [
        ("jag är rädd att det ska börja brinna i sommarstugorna när folk grillar", "sv", "not emergency"),
    ],
    "a_question_without_a_question_word": [
        ("Får hunden avlivas om den bitit grannens får?", "sv", "not emergency"),
        ("Kokiu numeriu skambinti, jei matau gaisrą prie kelio?", "lt", "not emergency"),
    ],
}

THEME_KINDS = {
    "wildlife_collisions_are_traffic": [
        ("vad gör man om man kör på en älg och den springer iväg", "sv", "traffic"),
        ("Hvordan melder man en viltpåkjørsel?", "no", "traffic"),
        ("Ich habe ein Reh angefahren, was muss ich tun?", "de", "traffic"),
    ],
}

# (text, Telegram language code, expected place)
PLACE_KINDS = {
    "a_name_written_apart": [
        ("det brinner i en sjöbod i kampers vik", "sv", "kampersvik"),
        ("mörkt på cykelvägen i grebbe stad", "sv", "grebbestad"),
        ("ungdomar dricker vid skolan i tanums hede", "sv", "tanumshede"),
    ],
    "a_place_signed_on_a_line_of_its_own": [
        ("NÄR ÄR MÖTET\nOM GRANNSAMVERKAN\nBACKA", "sv", "backa"),
        ("Skogsbrand!! Lur", "sv", "lur"),
    ],
    "a_place_after_mot": [
        ("rattfull på väg mot hede", "sv", "hede"),
    ],
}

GUARDS = {
    "a_plea_that_opens_with_a_question": [
        ("kommer nån? en man ligger på rälsen", "sv", "emergency"),
    ],
    "a_scene_then_a_question": [
        ("Det sitter en räv fast i ett nät vid bryggan och den kommer inte loss. Vad gör man??", "sv", "emergency"),
    ],
    "a_driver_like_a_madman_now": [
        ("en bil kör som en galning genom byn nu mot skolan", "sv", "emergency"),
    ],
}
# No place where a name is only near: "Hamburg und" (German "and"), lying in wait ("ligga på lur"), backing a car
NO_PLACE = [
    ("Wir kommen aus Hamburg und haben ein Ferienhaus", "de"),
    ("de ligger på lur vid dörren", "sv"),
    ("Backa bilen lite. Tack", "sv"),
]


test_round25_kind = kind_test(INTENT_KINDS, THEME_KINDS, GUARDS)


@pytest.mark.parametrize(("text", "code", "expected"), cases(PLACE_KINDS))
def test_round25_place_kind(rules_only: Classifier, text: str, code: str, expected: str) -> None:
    result = rules_only.classify(text, code)
    assert result.place == expected, result.explain


@pytest.mark.parametrize(("text", "code"), NO_PLACE)
def test_round25_no_place(rules_only: Classifier, text: str, code: str) -> None:
    assert rules_only.classify(text, code).place is None
