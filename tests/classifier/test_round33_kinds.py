"""Kinds of error seen in heldout57 to heldout60, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 32's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "a_fraud_going_on_on_the_phone": [
        ("en man som säger att han är polis ringer min farmor just nu och vill att hon ska flytta pengarna", "sv",
         "emergency"),
        ("someone claiming to be from the bank is on the phone with my dad right now", "en", "emergency"),
        ("min far har en politimand i telefonen lige nu, han vil have ham til at overføre pengene", "da", "emergency"),
        ("Meine Oma hat gerade einen Anrufer am Telefon, der sagt er sei Polizist", "de", "emergency"),
        ("han sier han er fra banken og er på andre linjen nå", "no", "emergency"),
    ],
    "a_fake_official_at_the_door": [
        ("en kvinna säger sig vara från kommunen och vill in, hon står kvar på trappan", "sv", "emergency"),
        ("De sa i telefon att det ska komma en polis och hämta mina bankkort. Nu ringer det på dörren.", "sv",
         "emergency"),
        ("two men from the water company are in the house and I can hear him walking around in our bedroom", "en",
         "emergency"),
    ],
    "money_or_an_account_taken_while_we_watch": [
        ("nån har tagit över min pappas facebook och ber om pengar just nu", "sv", "emergency"),
        ("det dras pengar från kortet hela tiden, köp på 3000 i minuten", "sv", "emergency"),
    ],
    "blackmail_against_a_deadline": [
        ("Min dotter får meddelanden från nån som säger att han lägger ut bilderna om hon inte swishar inom en timme. "
         "Vad gör vi?", "sv", "emergency"),
    ],
    "a_group_waiting_for_someone": [
        ("de har skrivit i chatten att de ska slå Adam, nu står de och väntar utanför sporthallen", "sv", "emergency"),
    ],
    "the_ex_is_here": [
        ("mitt ex är här, kan ni komma", "sv", "emergency"),
    ],
    "a_dog_in_a_hot_car": [
        ("hund i varm bil utanför Coop!!", "sv", "emergency"),
        ("there is a dog in a hot car at the beach car park", "en", "emergency"),
        ("Hund im Auto auf dem Parkplatz, Hitze", "de", "emergency"),
    ],
    "animals_and_shots_now": [
        ("elg i veibanen ved Kville", "no", "emergency"),
        ("der bliver skudt tæt på legepladsen", "da", "emergency"),
        ("pies sąsiada goni dzieci na placu zabaw", "pl", "emergency"),
    ],
    "driving_danger_now": [
        ("taxin kör i fel fil på motorvägen, jag sitter i baksätet", "sv", "emergency"),
        ("en bil tvärnitar framför oss gång på gång, vi har barn i bilen", "sv", "emergency"),
        ("sjåføren kjører som en gal, jeg er livredd", "no", "emergency"),
    ],
    "within_the_scene_no_habit": [
        ("det ryker ur elcentralen och det smäller till ibland", "sv", "emergency"),
        ("en bil står mitt i vägen utan lyse och folk kör runt den, nära smäll flera gånger", "sv", "emergency"),
    ],
    "vandalism_or_theft_going_on_now": [
        ("nu är det någon som sprejar på bilarna på parkeringen", "sv", "emergency"),
        ("en man går runt och tömmer brevlådorna på vår gata", "sv", "emergency"),
    ],
    "a_terse_alert": [
        ("brinnande bil på parkeringen", "sv", "emergency"),
        ("slåsskamp utenfor kiosken", "no", "emergency"),
    ],
    "he_is_here_again": [
        ("Han är här igen, bilen har stannat i vår infart", "sv", "emergency"),
    ],
    "anyway_turns_a_long_letter_to_its_point": [
        ("Jag har väntat på bussen i en timme och det är tredje gången den här veckan, Västtrafik svarar aldrig. "
         "Iallafall har det kommit en kille hit med en flaska som skriker och slår på busskuren", "sv", "emergency"),
    ],
    # not emergencies
    "a_knife_picture_is_no_knife": [
        ("knivbild i klassens chatt", "sv", "not emergency"),
    ],
    "soon_someone_will_be_hurt": [
        ("bilarna kör förbi bussen när barnen kliver av, snart blir ett barn påkört", "sv", "not emergency"),
    ],
    "it_has_lain_there_a_while": [
        ("en kniv ligger i diket vid busskuren, har legat där länge", "sv", "not emergency"),
    ],
    "a_complaint_about_sending_police": [
        ("sluta skicka hit poliser som bötfäller och ta tjuvarna", "sv", "not emergency"),
    ],
    "thanks_for_friendly_help": [
        ("Sehr freundliche Hilfe, als unser Auto gestohlen war", "de", "not emergency"),
    ],
    "the_number_to_report": [
        ("Vad är numret för att anmäla en viltolycka utan att ringa 112", "sv", "not emergency"),
    ],
    "a_habit_of_weeks_and_years": [
        ("någon stjäl ved ur boden, flera säckar i veckan", "sv", "not emergency"),
        ("Ni måste göra nåt åt jägarna som skjuter vid stigen, vi har klagat i två år", "sv", "not emergency"),
    ],
    "a_wish_for_a_sign_or_a_crossing": [
        ("varningsskylt behövs vid kurvan, vi har sett två påkörda rådjur", "sv", "not emergency"),
        ("gör ett övergångsställe vid ridskolan, barnen springer över vägen med hästarna", "sv", "not emergency"),
        ("Autos parken auf dem Gehweg, so dass Fußgänger auf die Fahrbahn ausweichen müssen. Vielleicht wäre es "
         "möglich, im Sommer mehr zu kontrollieren.", "de", "not emergency"),
    ],
    "threatening_everyone_who": [
        ("grannen har ett slagträ vid dörren och hotar alla som går över gräset", "sv", "not emergency"),
    ],
    "missing_since_a_visit": [
        ("Två från ”hemtjänsten” var hos grannen, en pratade med henne i hallen och den andra gick runt i huset. Nu "
         "saknar hon smycken", "sv", "not emergency"),
    ],
    "seen_and_gone": [
        ("saw someone trying door handles on cars at the ferry car park around midnight, left in a blue Golf", "en",
         "not emergency"),
    ],
    "somewhere_to_talk_about_it": [
        ("Hej! Finns det något ställe i Grebbestad där man kan få prata med någon om att man blir hotad?", "sv",
         "not emergency"),
    ],
}

GUARDS = {
    "a_fraud_told_afterwards": [
        ("Wir wurden am Telefon betrogen, der Mann gab sich als Polizist aus", "de", "not emergency"),
        ("igår ringde en falsk polis och jag gav honom koden", "sv", "not emergency"),
    ],
    "a_long_tip_that_ends_with_please_do_something": [
        ("Jag går i nian och det är mycket skit på skolan. Några säljer gräs bakom gympasalen varje rast. Snälla gör "
         "nåt", "sv", "tip"),
    ],
    "a_neighbour_tells_of_a_father_who_does_not_answer": [
        ("Pappa svarar inte i telefon sen igår kväll. Grannen säger att tidningen sitter kvar i brevlådan", "sv",
         "emergency"),
    ],
}


test_round33_kind = kind_test(INTENT_KINDS, GUARDS)
