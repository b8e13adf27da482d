"""Kinds of error seen in heldout33 and heldout34, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case here is classified wrongly by round 21's rules."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, or "not emergency")
INTENT_KINDS = {
    "gone_after_a_party": [
        ("Emma kom aldrig hem efter festen igår kväll, mobilen e död och ingen vet vart hon tog vägen", "sv",
         "emergency"),
        ("our son went to the beach party and hasnt come home, its 4 hours now", "en", "emergency"),
    ],
    "child_not_answering_for_hours": [
        ("Sonen 12 år har inte svarat på tre timmar, han skulle cykla till kompisen", "sv", "emergency"),
    ],
    "surrounded_or_chased": [
        ("Min kompis är omringad av några killar vid busshållplatsen som vill ha hans mobil", "sv", "emergency"),
        ("En kvinna blir jagad av en man med hund längs elljusspåret", "sv", "emergency"),
    ],
    "onset_of_a_fight": [
        ("två pappor har börjat slåss vid sidlinjen på matchen", "sv", "emergency"),
    ],
    "self_harm_behind_a_locked_door": [
        ("Min dotter skär sig på sitt rum och vägrar öppna dörren", "sv", "emergency"),
    ],
    "oxygen_in_a_power_cut": [
        ("Grannen har syrgasapparat och strömmen gick för tre timmar sen", "sv", "emergency"),
        ("Mein Vater braucht sein Sauerstoffgerät, aber seit dem Sturm ist kein Strom da", "de", "emergency"),
    ],
    "blocked_emergency_vehicle": [
        ("Snöplogen står på tvären och ambulansen bakom den kommer inte förbi", "sv", "emergency"),
    ],
    "theft_going_on_with_tools": [
        ("Två män klipper ner kablarna från elstolpen bakom ladan", "sv", "emergency"),
        ("A man with bolt cutters is going from boat to boat in the marina", "en", "emergency"),
    ],
    "stranded_in_the_snow": [
        ("Har kört fast i snön på en skogsväg, mobilen på 5 procent och det blir kallt", "sv", "emergency"),
    ],
    "gone_to_check_in_a_storm": [
        ("Pappa gick ner för att kolla båten i stormen för en timme sen och svarar inte", "sv", "emergency"),
    ],
    "languages_without_lexicon": [
        ("Walaalkay waxaa garaacaya rag, fadlan imaada", "so", "emergency"),
    ],
    # not emergencies
    "legality_of_a_ban": [
        ("Gäller eldningsförbudet gasolgrillar på campingen?", "sv", "not emergency"),
        ("is there a fire ban in the nature reserve this week?", "en", "not emergency"),
    ],
    "whenever_and_every_season": [
        ("Varje höst dyker samma gäng upp och plockar motorer från båtarna", "sv", "not emergency"),
    ],
}


test_round22_kind = kind_test(INTENT_KINDS)
