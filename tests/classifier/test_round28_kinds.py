"""Kinds of error seen in heldout45 to heldout48, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case of INTENT_KINDS is classified wrongly by round 27's rules; GUARDS
were right before and must stay so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    # classifier._background_past: a long letter that turns to why it is written now
    "a_long_letter_that_turns_to_why_it_is_written": [
        ("Vi har haft sommarstuga här i trettio år och varje sommar är det lika fint. Men det är inte därför jag "
         "skriver. Nere vid bryggan har en man ramlat i och han orkar inte upp.", "sv", "emergency"),
        ("Vi kommer hver påske og har alltid hatt det fint her, barna fisker hver dag. Men grunnen til at jeg "
         "skriver er at en mann har ramlet i vannet ved brygga og roper om hjelp.", "nb", "emergency"),
    ],
    "the_story_s_own_conditions_and_wishes_are_background": [
        ("Jag har länge tyckt att det vore bra om kommunen satte upp räcken vid kajen, om man halkar där åker man "
         "rakt i. Men nu till varför jag skriver: just nu ligger en kvinna i vattnet nedanför kajen och ropar.",
         "sv", "emergency"),
    ],
    "a_fire_emoji_in_a_few_words": [
        ("🔥🔥 förrådet bakom kyrkan", "sv", "emergency"),
        ("🔥 campingen", "sv", "emergency"),
    ],
    "thai_danger_words": [
        ("ไฟไหม้บ้านข้างๆ", "th", "emergency"),
        ("มีคนจมน้ำที่ท่าเรือ", "th", "emergency"),
    ],
    "a_greeting_with_a_question_mark_asks_nothing": [
        ("Hallå? Det står en okänd bil på gården och nu såg jag en skugga i fönstret", "sv", "emergency"),
    ],
    "going_on_told_in_few_words": [
        ("en bil nästan körde på två barn, nu vänder den och kommer tillbaka", "sv", "emergency"),
        ("jag sitter i bussen och chauffören körde nästan i diket, han pratar i telefon", "sv", "emergency"),
        ("nödrop från en segelbåt utanför Resö", "sv", "emergency"),
        ("två män har sågat av kättingen och drar iväg med grannens båt", "sv", "emergency"),
        ("nån skruvar loss motorn på grannens båt, klockan är 3 på natten", "sv", "emergency"),
        ("bussen holder i et sving og det er helt mørkt", "da", "emergency"),
        ("two men in balaclavas walking between the empty cottages", "en", "emergency"),
        ("Eben habe ich gehört, wie jemand die Tür der Garage aufgebrochen hat", "de", "emergency"),
    ],
    # not emergencies
    "nothing_has_happened_yet": [
        ("inget har hänt än men barnen leker vid en gasoltub som läcker vid lekplatsen", "sv", "not emergency"),
    ],
    "lasting_a_month": [
        ("en båt ligger övergiven i hamnen sen en månad och nu har nån tagit motorn", "sv", "not emergency"),
    ],
    "a_wish_to_start_neighbourhood_watch_after_burglaries": [
        ("Vi har haft tre inbrott i byn i höst och vill nu dra igång grannsamverkan, kan ni komma?", "sv",
         "neighbourhood_watch"),
    ],
    "a_visit_with_a_pretext": [
        ("Två män går runt och knackar dörr och säger att de ska kontrollera brandvarnare i huset", "sv",
         "not emergency"),
    ],
}

GUARDS = {
    "a_fire_emoji_praising": [
        ("🔥🔥 bra jobbat", "sv", "not emergency"),
        ("🔥 snyggt!", "sv", "not emergency"),
    ],
    "hearsay_or_a_suspicion": [
        ("mormor berättade att en man ringt och sagt att han var från banken och skulle hämta hennes kort", "sv",
         "not emergency"),
        ("Jag misstänker att grannen blir slagen av sin man, hur anmäler man det?", "sv", "not emergency"),
    ],
    "a_smoke_alarm_going_off": [
        ("brandvarnaren piper hos grannen och ingen öppnar", "sv", "emergency"),
    ],
}


test_round28_kind = kind_test(INTENT_KINDS, GUARDS)
