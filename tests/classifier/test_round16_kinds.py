"""Kinds of error seen in heldout21 and heldout22, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case here is classified wrongly by round 14's rules."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, or "not emergency")
INTENT_KINDS = {
    "lone_neighbour_not_answering": [
        ("Tanten på nedervåningen, 86 år, öppnar inte och posten ligger kvar i hallen. Hon bor ensam", "sv", "emergency"),
        ("Our elderly neighbour has not answered the door for two days and his dog keeps howling", "en", "emergency"),
    ],
    "not_come_home_since_last_night": [
        ("Datteren vår kom ikke hjem fra byen i natt og telefonen er av", "no", "emergency"),
        ("Min bror har inte kommit tillbaka från fisketuren igår kväll och vi får inte tag på honom", "sv", "emergency"),
    ],
    "relative_just_called": [
        ("Mamma ringde precis, pappa har trillat i trappan och kan inte prata ordentligt", "sv", "emergency"),
    ],
    "slurred_speech_seizure_cold": [
        ("Farfar har skum om munnen och skakar i hela kroppen", "sv", "emergency"),
        ("En äldre man ligger i snön vid macken och är blå om händerna", "sv", "emergency"),
        ("Ein Mann hat einen Krampfanfall vor dem Supermarkt", "de", "emergency"),
    ],
    "water_rising_in_the_house": [
        ("Water is coming up through the floor of the cottage and rising fast", "en", "emergency"),
        ("Vannet stiger i kjelleren og vi får ikke ut bilen", "no", "emergency"),
    ],
    "ice_and_roof_giving_way": [
        ("Det knakar i isen och två barn står mitt ute på viken", "sv", "emergency"),
        ("Taket buktar under snön och det knakar i taket ovanför barnens rum", "sv", "emergency"),
    ],
    "boat_with_nobody_aboard": [
        ("En motorbåt går i cirklar i sundet och det är ingen ombord", "sv", "emergency"),
    ],
    "smoke_or_gas_smelt": [
        ("Det luktar röklukt i trapphuset och den blir starkare och starkare", "sv", "emergency"),
        ("Es riecht ganz stark nach Gas im Treppenhaus", "de", "emergency"),
    ],
    "labour_coming_fast": [
        ("My sister has gone into labour at the campsite and the baby is coming", "en", "emergency"),
    ],
    "stones_thrown_at_us": [
        ("Nogle drenge kaster sten efter os ved stationen", "da", "emergency"),
    ],
    "languages_without_lexicon": [
        ("Caawimaad, wiilkeyga ayaa biyaha ku dhacay", "so", "emergency"),
        ("ช่วยด้วย ลูกสาวหายไปที่ชายหาด", "th", "emergency"),
        ("Дитина важко дихає, будь ласка швидше", "uk", "emergency"),
        ("کمک! مردی با چاقو جلوی فروشگاه است", "fa", "emergency"),
        ("Er drijft een jongetje op een opblaasboot de zee op", "nl", "emergency"),
        ("Ma femme a fait un malaise dans la voiture", "fr", "emergency"),
    ],
    # not emergencies
    "weapon_kept_asked_about": [
        ("Morfar har ett gammalt gevär hemma som ingen har licens för, hur lämnar vi in det?", "sv", "not emergency"),
    ],
    "if_someone_breaks_in": [
        ("Täcker försäkringen om någon bryter sig in i båthuset?", "sv", "not emergency"),
    ],
}

# kind -> (text, Telegram language code, expected theme or "not <theme>")
THEME_KINDS = {
    "shelter_playground_litter_lights": [
        ("Kommunen borde laga gungorna vid förskolan", "sv", "public_space"),
        ("Folk fortsätter slänga saker i skogen bakom idrottsplatsen", "sv", "public_space"),
        ("Mer lampor på vägen till badplatsen tack", "sv", "public_space"),
        ("Det er altfor mørkt på stien ned til bryggen", "no", "public_space"),
        ("Geen verlichting bij de parkeerplaats van de camping", "nl", "public_space"),
        ("Ktoś zostawił worki ze śmieciami przy jeziorze", "pl", "public_space"),
    ],
    "licence_speed_checks_motocross": [
        ("Han har fått körkortet indraget men åker ändå till jobbet varje morgon", "sv", "traffic"),
        ("Bra att ni kollade farten i hamnen i somras", "sv", "traffic"),
        ("Ungar kör motorcross på elljusspåret varje kväll", "sv", "traffic"),
        ("Alle parken am Straßenrand und blockieren die Straße zum Hafen", "de", "traffic"),
        ("Folk kjører som gærninger gjennom sentrum", "no", "traffic"),
    ],
    "boat_engines_mail_fuel_drive_off": [
        ("En kille gick mellan båtarna i natt och kollade motorerna", "sv", "burglary"),
        ("Någon tar brev ur brevlådorna på vår gata", "sv", "burglary"),
        ("A man filled his tank and drove off without paying", "en", "burglary"),
        ("Qualcuno ha rubato la mia bicicletta al porto", "it", "burglary"),
    ],
    "stop_screaming_and_grooming": [
        ("Jag hör en kvinna skrika sluta sluta i huset bredvid", "sv", "violence"),
        ("En vuxen man skickar meddelanden till min dotter och vill träffa henne", "sv", "violence"),
    ],
    "finding_a_knife_or_almost_hit": [
        ("Jag hittade en kniv i sanden vid badplatsen, vart lämnar jag den?", "sv", "not violence"),
        ("The delivery van nearly hit two kids on the pavement", "en", "not violence"),
        ("Morfar har ett gammalt gevär hemma som ingen har licens för, hur lämnar vi in det?", "sv", "not violence"),
    ],
    "drugs_by_what_is_seen": [
        ("Det ligger nålar vid sandlådan", "sv", "drugs"),
        ("Någon odlar nåt i ladan, fönstren är täckta med folie", "sv", "drugs"),
        ("Dhalinyaro ayaa daroogo ka iibiya dukaanka agtiisa", "so", "drugs"),
    ],
}


test_round16_kind = kind_test(INTENT_KINDS, THEME_KINDS)
