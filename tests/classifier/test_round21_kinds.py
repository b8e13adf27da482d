"""Kinds of error seen in heldout31 and heldout32, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case here is classified wrongly by round 20's rules."""

from __future__ import annotations

import pytest

from bot.classifier.text import tokenize
from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, or "not emergency")
INTENT_KINDS = {
    "overdue_by_the_clock": [
        ("Sonen skulle vara hemma vid midnatt. Klockan är 03.15 och mobilen är avstängd", "sv", "emergency"),
        ("Sambon kom inte hem efter jobbet, han brukar vara hemma vid sex. Klockan är 22.30 och han svarar inte",
         "sv", "emergency"),
    ],
    "edge_of_a_roof": [
        ("Ungdomar sitter på taket till skolan och dinglar med benen vid kanten, en höll på att ramla", "sv",
         "emergency"),
    ],
    "throwing_things_at_each_other": [
        ("Folk från festen kastar flaskor på varandra nere vid bryggan", "sv", "emergency"),
        ("Noen kaster stoler mot hverandre utenfor puben", "nb", "emergency"),
    ],
    "scam_going_on": [
        ("My grandfather is on the phone with someone who says he is from the bank and he is about to hand over "
         "his codes", "en", "emergency"),
    ],
    "drugged_and_led_away": [
        ("En tjej kan inte stå på benen och en okänd man försöker få med henne in i sin bil", "sv", "emergency"),
    ],
    "child_alone_by_the_water": [
        ("Ein kleines Kind ist allein am Steg, niemand da, es steht ganz an der Kante", "de", "emergency"),
    ],
    "languages_without_lexicon": [
        ("Un bărbat ne amenință cu cuțitul în parcare", "ro", "emergency"),
        ("Colegul meu a căzut de pe schelă și nu se mișcă", "ro", "emergency"),
        ("Gaisras garaže prie mūsų namo", "lt", "emergency"),
    ],
    "slurry_gas": [
        ("Två jobbare har blivit dåliga av gasen från gödselbrunnen, en ligger nere på golvet", "sv", "emergency"),
    ],
    # not emergencies
    "legality_and_protection_questions": [
        ("What is the drink driving limit here, the same as in Germany?", "en", "not emergency"),
        ("Kan jag få kontaktförbud om mitt ex hotar mig?", "sv", "not emergency"),
    ],
}


test_round21_kind = kind_test(INTENT_KINDS)


@pytest.mark.parametrize("text", ["klockan är 01.40 och hon svarar inte", "vi ses 23:30 vid bryggan",
                                  "han hade 1,5 promille"])
def test_a_time_or_a_number_ends_no_sentence(text: str) -> None:
    tokens = tokenize(text)
    assert [t.sentence_start for t in tokens] == [True] + [False] * (len(tokens) - 1)


def test_a_point_between_words_still_ends_a_sentence() -> None:
    tokens = tokenize("Hon kom inte hem. 2 timmar sen")
    assert [t.lower for t in tokens if t.sentence_start] == ["hon", "2"]
