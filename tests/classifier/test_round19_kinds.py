"""Kinds of error seen in heldout27 and heldout28, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case here is classified wrongly by round 18's rules."""

from __future__ import annotations

from bot.classifier import Classifier
from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, or "not emergency")
INTENT_KINDS = {
    "scene_after_a_long_story": [
        ("Vi har haft stugan här i trettio år och varje sommar är det fest på bryggan på lördagarna, det har alltid "
         "varit stökigt men okej. Jag skulle egentligen skriva om soporna. Men just nu ser jag att det brinner i "
         "förrådet bakom grannens hus och lågorna tar sig upp mot taket.", "sv", "emergency"),
        ("We come to this campsite every summer and every evening the teenagers are loud by the jetty. I meant to "
         "complain about that. But right now a man is lying on the jetty and he is not breathing, his lips look "
         "blue.", "en", "emergency"),
    ],
    "missing_right_now": [
        ("Vi har tappat bort en av eleverna på utflykten, 11 år, har varit borta sen fikat och det börjar bli mörkt",
         "sv", "emergency"),
        ("My son took the kayak out an hour ago and we can't see him anymore, the wind is getting up", "en",
         "emergency"),
    ],
    "relayed_call_in_the_present": [
        ("Min syster ringde mig och säger att det står en man på hennes trappa och hotar henne med kniv", "sv",
         "emergency"),
    ],
    "reckless_driving_among_children": [
        ("En bil driftar på grusplanen där det är fotbollsträning med småbarn, har snurrat två gånger precis vid "
         "barnen", "sv", "emergency"),
    ],
    "languages_without_lexicon": [
        ("tulipalo satamassa", "fi", "emergency"),
        ("Gabar yar ayaa ku dhacay biyaha, fadlan dhaqso", "so", "emergency"),
        ("ลูกสาวหลงในป่า ตอนนี้มืดแล้ว", "th", "emergency"),
    ],
    "stuck_on_the_level_crossing": [
        ("En lastbil har fastnat på järnvägsövergången och tåget brukar gå förbi om några minuter", "sv",
         "emergency"),
    ],
    # not emergencies
    "break_in_found_between_then_and_now": [
        ("Our cottage was broken into sometime between New Year and now, we arrived today and the door was forced",
         "en", "not emergency"),
    ],
    "said_laughing": [
        ("Haha det \"brinner\" på dansbanan ikväll, bästa bandet på länge", "sv", "not emergency"),
    ],
    "dumped_in_the_water": [
        ("Det har kastats ut gamla cyklar i vattnet vid bryggan, man ser dem vid lågvatten", "sv", "not emergency"),
    ],
    "hunting_questions": [
        ("Behöver jag jaktkort för att följa med min bror när han jagar älg?", "sv", "not emergency"),
    ],
    "a_sign_knocked_down": [
        ("Någon har kört ner skylten vid avfarten, den ligger i vägrenen och syns inte", "sv", "not emergency"),
    ],
}

# kind -> (text, Telegram language code, expected theme or "not <theme>")
THEME_KINDS = {
    "locked_in_knocked_down_followed": [
        ("Han har låst in henne i källaren och tagit hennes telefon", "sv", "violence"),
        ("En man går bakom mig på gångvägen och nu följer han efter", "sv", "violence"),
        ("He locked me in the bathroom and took my phone", "en", "violence"),
    ],
}

# what a kind's fix must leave alone (right with round 18's rules too)
GUARDS = {
    "hiding_is_no_violence": [
        ("Någon bänder på altandörren, jag har låst in mig på toaletten", "sv", "not violence"),
    ],
}


test_round19_kind = kind_test(INTENT_KINDS, THEME_KINDS, GUARDS)


def test_the_explanation_says_what_was_told_before_the_scene(rules_only: Classifier) -> None:
    text, code, _ = INTENT_KINDS["scene_after_a_long_story"][0]
    reasons = " ".join(rules_only.classify(text, code).explain["intent"])
    assert "varje sommar ~ varje *sommar (background: told before the scene)" in reasons, reasons
