"""Kinds of error seen in heldout65 to heldout68, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 34's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "driving_danger_going_on": [
        ("epatraktorerna kör race på torget, en höll på att köra på en barnvagn och de fortsätter", "sv",
         "emergency"),
        ("Jag pendlar här varje dag och brukar ta det lugnt, folk kör alltid om på högerkanten. Men det som händer "
         "just nu är något annat. En svart BMW har kört som en galning mellan bilarna i flera kilometer.", "sv",
         "emergency"),
        ("en bil kjører forbi over sperrelinja i svingen ved skolen", "nb", "emergency"),
        ("bilen kører vanvittigt gennem byen og er vendt om og kommer igen", "da", "emergency"),
        ("nu kör de förbi i 140 igen, fem bilar i rad, barnen leker vid vägen", "sv", "emergency"),
        ("femtio bilar kör runt i rondellen och blockar för ambulansen", "sv", "emergency"),
        ("bråk på festen, flaskor flyger", "sv", "emergency"),
        ("full förare E6 söderut", "sv", "emergency"),
        ("de drar en vajer mellan träden över cykelvägen", "sv", "emergency"),
    ],
    "a_crime_going_on": [
        ("gänget från igår är tillbaka och nu slår dom sönder rutorna på fritidsgården", "sv", "emergency"),
        ("två män sågar av katalysatorn på grannens bil", "sv", "emergency"),
        ("Min man jobbar i Norge varje dag så jag är ensam på kvällarna. Grannarna är i Norge. Jag ser två personer "
         "med pannlampor inne i deras kök. Nu bär de ut något stort till bilen.", "sv", "emergency"),
        ("Anyway, that's not really why I'm messaging. Two men just broke the glass of the neighbour's door, I can "
         "hear it from here.", "en", "emergency"),
        ("cineva fură motorina din tractor chiar acum", "ro", "emergency"),
    ],
    "threats_and_blows_now": [
        ("Fick ett sms: vi vet var dina barn går i skolan. Nu står det en bil utanför skolan.", "sv", "emergency"),
        ("jag skriver detta för att någon ropar mitt namn ute i trädgården och han har något långt i handen", "sv",
         "emergency"),
        ("han står vid disken och skriker att någon ska dö idag", "sv", "emergency"),
        ("nu kastar dom ägg och sten på mitt hus igen", "sv", "emergency"),
        ("Han brukar bli högljudd på helgerna. Men ikväll är det annorlunda, hon skriker och han slår henne.", "sv",
         "emergency"),
        ("șeful ne bate, suntem în baracă", "ro", "emergency"),
        ("chefen har låst grinden och vi kan inte gå ut", "sv", "emergency"),
    ],
    "a_body_in_danger": [
        ("mamma har fått hjärtstillestånd tror jag vad gör jag", "sv", "emergency"),
        ("en kollega har fått en spik genom handen, vi behöver hjälp", "sv", "emergency"),
        ("taket kom ner och två är kvar under brädorna", "sv", "emergency"),
        ("foc în rulota vecinilor", "ro", "emergency"),
        ("miroase a gaz în casă", "ro", "emergency"),
        ("พ่อไม่หายใจ", "th", "emergency"),
    ],
    "a_terse_call_for_help": [
        ("ambulans!! badplatsen", "sv", "emergency"),
        ("polis till stationen nu", "sv", "emergency"),
    ],
    "a_worker_exploited_is_an_offence_told": [
        ("chefen tar passen från oss och betalar inte lön", "sv", "tip"),
        ("the farmer keeps all our passports in his car", "en", "tip"),
        ("szef nie płaci nam od maja i trzyma paszporty", "pl", "tip"),
        ("patronul nu ne-a plătit de trei luni", "ro", "tip"),
    ],
}

GUARDS = {
    "neighbourhood_watch_as_soon_as_possible": [
        ("Vi vill starta grannsamverkan så fort som möjligt, hjälper polisen till med det?", "sv", "not emergency"),
    ],
    "nothing_has_happened_yet": [
        ("inget har hänt än men det står en bil med motorn igång vid lekplatsen sen en timme", "sv", "not emergency"),
    ],
    "near_misses_all_evening": [
        ("Nogle unge kører knallert på stierne hele aftenen og har næsten ramt flere børn", "da", "not emergency"),
    ],
    "stealing_fuel_every_night": [
        ("cineva fură motorină din utilaje aproape în fiecare noapte", "ro", "not emergency"),
    ],
    "police_to_the_square_as_a_wish": [
        ("Polis till torget på fredagskvällarna vore bra", "sv", "not emergency"),
    ],
}


test_round35_kind = kind_test(INTENT_KINDS, GUARDS)
