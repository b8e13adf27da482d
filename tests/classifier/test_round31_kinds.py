"""Kinds of error seen in heldout53 and heldout54, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 30's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "driving_among_people_now": [
        ("en epa kör i full fart mellan barnvagnarna på torget", "sv", "emergency"),
        ("en mc nästan mejade flaggvakten vid vägarbetet, nu vänder han", "sv", "emergency"),
    ],
    "a_habit_that_is_not_the_event": [
        ("svart rök från ladan och det smäller ibland", "sv", "emergency"),
        ("det ryker ur farfars stuga, han brukar sova middag där", "sv", "emergency"),
    ],
    # not emergencies
    "a_word_that_only_looks_like_a_danger": [
        ("filmen från kameran var knivskarp men ingen tittade på den", "sv", "not emergency"),
        ("låset till båtboden är uppbrutet, hänglåset ligger på marken", "sv", "not emergency"),
    ],
    "marks_left_behind": [
        ("någon har försökt bända upp förrådet, märken efter kofot på dörren", "sv", "not emergency"),
    ],
}

GUARDS = {
    "going_on_as_i_write": [
        ("two men are carrying the outboard engine off the boat as i write this", "en", "emergency"),
    ],
    "ours_for_sale_online": [
        ("Letzten Winter wurde unser Boot gestohlen, jetzt ist es auf einer Verkaufsseite", "de", "not emergency"),
    ],
    "a_person_lying_on_the_ground": [
        ("en man ligger på marken vid busshållplatsen och rör sig inte", "sv", "emergency"),
    ],
}


test_round31_kind = kind_test(INTENT_KINDS, GUARDS)
