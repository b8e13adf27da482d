"""Kinds of error seen in heldout61 to heldout64, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 33's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "lost_as_it_gets_dark": [
        ("vi har gått vilse på leden ovanför Kville och det börjar bli mörkt", "sv", "emergency"),
        ("we are lost on the trail and it's getting dark, battery almost gone", "en", "emergency"),
        ("Wir haben uns im Wald verlaufen und es wird dunkel", "de", "emergency"),
        ("we zijn verdwaald op het pad en het wordt donker", "nl", "emergency"),
        ("vi har gått oss vill i skogen og det blir mørkt", "nb", "emergency"),
        ("vi er faret vild i skoven og det er mørkt", "da", "emergency"),
    ],
    "hurt_and_cold_on_the_trail": [
        ("Jag startade i morse och har gått fel ibland. Det har blivit mörkt nu och jag har ramlat och kan inte stödja "
         "på benet. Det är kallt och jag fryser.", "sv", "emergency"),
        ("kompisen flög av cykeln, han ligger i gruset och säger att han inte känner benen", "sv", "emergency"),
    ],
    "a_fire_seen_from_the_house": [
        ("Grannarna grillar ofta på helgerna. Men nu har det blivit mörkt och det flammar till ibland mellan träden, "
         "och röken driver ner mot husen.", "sv", "emergency"),
        ("ser du lågorna från vägen? hela skogen bakom skolan", "sv", "emergency"),
    ],
    "the_rock_carvings_harmed_now": [
        ("nån sprejar på ristningarna nu", "sv", "emergency"),
        ("någon står och målar på skeppen på hällen med vit färg", "sv", "emergency"),
    ],
    "still_inside_stones_thrown_at_us": [
        ("Kommer ni? Han är fortfarande inne i garaget", "sv", "emergency"),
        ("ungarna kastar sten mot oss från bron", "sv", "emergency"),
        ("Två killar kastar flaskor på oss vid kiosken, en kollega blev träffad i huvudet", "sv", "emergency"),
    ],
    "a_scene_told_by_what_is_going_on": [
        ("bil har fastnat på spåret vid stationen och bommarna har börjat gå ner", "sv", "emergency"),
        ("Det står en kille och pissar i dopfunten, dörren var uppbruten", "sv", "emergency"),
        ("vi har hittat en granat i diket när vi grävde, alla har gått undan", "sv", "emergency"),
        ("en full man i kyrkan, nu har han börjat skrika och han har en stor kniv", "sv", "emergency"),
        ("jag sitter i bilen vid maskinerna och hör en pump som går, två personer vid tanken", "sv", "emergency"),
    ],
    "a_drunk_driver_just_gone": [
        ("Han var full redan på begravningen. Efteråt körde han iväg. Han är inte i skick att köra.", "sv",
         "emergency"),
        ("bilen framför mig har kört i diket två gånger och kör vidare mot stan", "sv", "emergency"),
    ],
    "missing_the_past_tells_when_it_began": [
        ("Morfar gick från kyrkkaffet för en timme sen, han har demens och ingen jacka. vi hittar honom inte", "sv",
         "emergency"),
        ("Unsere Tochter hätte vor einer Stunde ankommen sollen. Es wird jetzt dunkel. Wir haben sie nicht gefunden.",
         "de", "emergency"),
    ],
    "a_letter_turning_to_today": [
        ("Usually I write about the bins at the harbour. But today is something else. A man is lying on the pier and "
         "does not wake up. Please come fast", "en", "emergency"),
        ("please come fast", "en", "emergency"),
    ],
    "other_languages_now": [
        ("der sidder nogen og fyrer kanonslag af ind mod husene", "da", "emergency"),
        ("cineva sparge geamurile la mașini, acum", "ro", "emergency"),
        ("śmierdzi gazem w piwnicy", "pl", "emergency"),
        ("dziecko zgubiło się na plaży, szukamy od 20 minut", "pl", "emergency"),
        ("งูกัดลูกชายที่เท้า", "th", "emergency"),
    ],
    "asking_or_a_condition": [
        ("vad säger lagen om man slår tillbaka när någon hotar med kniv?", "sv", "not emergency"),
        ("hur når jag er om det brinner?", "sv", "not emergency"),
        ("hjälp mig med anmälan", "sv", "not emergency"),
        ("Jobbar polisen med nåt mot langningen i Grebbestad nu?", "sv", "not emergency"),
        ("hur vet man om gasolen läcker i båten?", "sv", "not emergency"),
        ("bygg ett räcke på bryggan innan någon drunknar", "sv", "not emergency"),
    ],
    "told_afterwards_or_often": [
        ("Förra vintern gick två skotrar genom isen här, och nu kör folk ut igen", "sv", "not emergency"),
        ("en man står och blottar sig vid badplatsen, har hänt tre gånger nu", "sv", "not emergency"),
        ("ungarna visade filmer på mobilen där de slår en kille", "sv", "not emergency"),
        ("en kvinna i kören berättar att hennes son hotar henne", "sv", "not emergency"),
    ],
    "the_rock_carvings_and_trails_are_public_space": [
        ("någon har kritat i ristningarna igen", "sv", "public_space"),
        ("ledskylten vid Lur är nerriven", "sv", "public_space"),
        ("someone scratched their initials into the rock carvings last week", "en", "public_space"),
        ("Die Wegmarkierungen am Weg sind übermalt", "de", "public_space"),
        ("het pad langs het meer is helemaal overwoekerd", "nl", "public_space"),
        ("stien ved stranden trænger til at blive ryddet", "da", "public_space"),
    ],
    "threats_and_blows_are_violence": [
        ("personalen på biblioteket har fått hotbrev igen", "sv", "violence"),
        ("en mand sparker løs på en anden foran kiosken", "da", "violence"),
        ("Aus der Wohnung nebenan hört man Schläge", "de", "violence"),
    ],
}

GUARDS = {
    "marks_of_an_attempt": [
        ("nån har försökt bända upp dörren till förrådet, det syns märken i träet", "sv", "not emergency"),
    ],
    "thanks_for_help_when_a_colleague_got_lost": [
        ("Dziękujemy policji za szybką reakcję, kiedy nasz kolega zgubił się w lesie", "pl", "not emergency"),
    ],
    "not_knowing_whether_it_burns": [
        ("jag vet inte om det brinner men det ryker jättemycket ur ladan hos grannen", "sv", "emergency"),
    ],
    "flames_seen_in_a_letter_about_last_month": [
        ("Jag vill lämna synpunkter på hur mitt samtal till 112 hanterades förra månaden. Vi såg lågorna från köket "
         "och det tog en halvtimme innan brandbilen kom.", "sv", "not emergency"),
    ],
    "signs_for_traffic_are_not_public_space": [
        ("bättre skyltning vid övergångsstället vid skolan", "sv", "not public_space"),
    ],
}


test_round34_kind = kind_test(INTENT_KINDS, GUARDS)
