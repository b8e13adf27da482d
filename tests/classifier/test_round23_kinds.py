"""Kinds of error seen in heldout35 and heldout36, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case of INTENT_KINDS and THEME_KINDS is classified wrongly by round 22's
rules; GUARDS were right before and must stay so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, theme, "not emergency" or "not <theme>")
INTENT_KINDS = {
    "fraud_on_the_line": [
        ("En kvinna som säger att hon är från banken vill ha mitt bankid, hon är kvar i luren nu", "sv", "emergency"),
        ("Mannen från 'Swedbank' vill att pappa flyttar pengarna till ett säkert konto, han väntar utanför", "sv",
         "emergency"),
        ("someone from the bank wants my codes, he's still on the line", "en", "emergency"),
        ("En mann fra banken vil ha kodene mine, han venter i røret", "no", "emergency"),
        ("Ein Mann von der Bank will meine PIN, er ist noch am Telefon", "de", "emergency"),
    ],
    "fake_official_waiting": [
        ("En man sa att han är polis och ska hämta mina smycken. Han väntar i en bil på gatan.", "sv", "emergency"),
    ],
    "a_relative_fallen": [
        ("mormor har trillat igen", "sv", "emergency"),
        ("Farmor trillade på isen utanför huset", "sv", "emergency"),
    ],
    "found_after_a_fall_still_in_danger": [
        ("Han har legat där en stund innan vi hittade honom, han pratar osammanhängande", "sv", "emergency"),
    ],
    "too_much_medicine": [
        ("Min man har tagit dubbla dosen av sina hjärttabletter och mår illa", "sv", "emergency"),
        ("my mum took a double dose of her blood thinners and feels dizzy", "en", "emergency"),
        ("Mor har tatt dobbel dose av hjertemedisinen", "no", "emergency"),
    ],
    "a_cold_home": [
        ("Ingen värme i stugan, 6 grader inne och mormor som är 91 kan inte ta sig ur sängen", "sv", "emergency"),
    ],
    "terse_alert_of_a_fight_or_a_thief": [
        ("slagsmål på campingen", "en", "emergency"),
        ("tjuvar på båtplatsen", "sv", "emergency"),
        ("thief in the boathouse", "en", "emergency"),
        ("Diebe im Bootshaus", "de", "emergency"),
    ],
    "a_near_miss_inside_a_driving_scene": [
        ("En bil kör i diket och upp igen på vägen mot Lur, föraren är full, var nära att köra på en cyklist", "sv",
         "emergency"),
    ],
    "a_child_unreachable_or_out_too_long": [
        ("vår son 11 svarar inte, han gick från skolan för två timmar sen", "sv", "emergency"),
        ("Vi får inte tag i vår dotter 12 år som skulle ha cyklat hem från träningen", "sv", "emergency"),
        ("we lost our son at the market, he is 5, red cap", "en", "emergency"),
        ("little boy, 4, blue boots, last seen at the swings 10 minutes ago", "en", "emergency"),
    ],
    "someone_filming_children": [
        ("En man smyger efter barnen vid bastun och filmar dem", "sv", "emergency"),
    ],
    "first_danger_words_of_tourists": [
        ("un ubriaco guida contromano vicino al porto", "it", "emergency"),
        ("au secours mon fils est sous l'eau", "fr", "emergency"),
        ("ayuda mi padre se cayó y no puede mover el brazo", "es", "emergency"),
        ("Äiti on lähtenyt kävelemään yöpaidassa, hänellä on muistisairaus", "fi", "emergency"),
    ],
    # not emergencies
    "a_rule_or_a_risk_asked_about": [
        ("Är gasolgrill tillåtet när man hyr stuga?", "sv", "not emergency"),
        ("Hur skyddar man utombordaren mot stöld? Har precis köpt en ny", "sv", "not emergency"),
        ("Måste man ha brandvarnare i friggeboden?", "sv", "not emergency"),
    ],
    "thanks_after_an_accident": [
        ("merci aux secouristes après mon accident de kayak", "fr", "not emergency"),
    ],
    "hearsay_of_thefts": [
        ("Folk säger att nån bryter upp husvagnar på campingen när folk är på stranden", "sv", "not emergency"),
    ],
    "parking_chaos_is_a_complaint": [
        ("parkeringskaos vid badplatsen igen", "sv", "feedback"),
        ("Parkeringen vid kyrkan är totalt kaos varje söndag", "sv", "feedback"),
    ],
}

# Right with round 22 and still right: what a round-23 term might have broken
GUARDS = {
    "thieves_on_the_internet": [
        ("Tjuvar på nätet lurade min farmor på 5000 kr förra veckan", "sv", "not emergency"),
    ],
    "a_fall_told_with_its_time": [
        ("pappa ramlade förra veckan och bröt handleden", "sv", "not emergency"),
    ],
    "a_fight_told_with_its_time": [
        ("slagsmål vid macken igår kväll", "sv", "not emergency"),
    ],
    "a_thing_lying_there_for_years": [
        ("Den gamla husvagnen har legat där i tre år, ta bort den", "sv", "not emergency"),
    ],
}

THEME_KINDS = {
    "drugs_told_indirectly": [
        ("sonen är hög på något och skriker i hallen", "sv", "drugs"),
        ("en kille sitter och injicerar vid badhuset", "sv", "drugs"),
        ("my friend thinks someone put something in her drink", "en", "drugs"),
    ],
    "drunk_drivers_on_land_and_water": [
        ("full chaufför på väg ut från parkeringen", "sv", "traffic"),
        ("alldeles för många fulla båtförare runt Resö på helgerna", "sv", "traffic"),
        ("Ett segelfartyg ligger för ankar mitt i farleden", "sv", "traffic"),
    ],
    "marks_on_rocks_and_litter_on_the_beach": [
        ("Någon har ritat med krita på stenarna vid kyrkan", "sv", "public_space"),
        ("les déchets débordent des poubelles à la plage", "fr", "public_space"),
    ],
    "theft_told_by_what_is_missing_or_forced": [
        ("Det fattas pengar i kassan varje gång han har jobbat", "sv", "burglary"),
        ("Tanken tömd på traktorn i natt", "sv", "burglary"),
        ("nån skär upp tält på campingen och tar grejer", "sv", "burglary"),
        ("a man in a parked car watching the houses on our street all afternoon", "en", "burglary"),
    ],
}


test_round23_kind = kind_test(INTENT_KINDS, THEME_KINDS, GUARDS)
