"""Kinds of error seen in heldout43 and heldout44, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case of INTENT_KINDS is classified wrongly by round 26's rules; GUARDS
were right before and must stay so. MODEL_KINDS are about the emergency model's gate and use the shipped models."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "a_boat_capsized_or_the_ice_cracking": [
        ("kanoten har välte", "sv", "emergency"),
        ("jollen tar in vatten och det har börjat blåsa upp ordentligt", "sv", "emergency"),
        ("isen spricker under skoteråkarna", "sv", "emergency"),
    ],
    "man_overboard_in_the_neighbours_languages": [
        ("mann over bord ved moloen!", "nb", "emergency"),
        ("mand over bord ud for havnen", "da", "emergency"),
        ("man overboord bij de haven", "nl", "emergency"),
    ],
    "people_targeted_now": [
        ("killar kastar smällare på folk vid busstationen, en tjej blev precis träffad", "sv", "emergency"),
        ("ring mig, vågar inte skriva mer", "sv", "emergency"),
        ("Twee mannen kijken door de ramen van het huis van de buren", "nl", "emergency"),
        ("en båt drar upp mina tinor ute vid skäret, de har just tagit två", "sv", "emergency"),
    ],
    "going_on_told_in_other_languages": [
        ("Щойно хтось розбив вікно в машині сусіда", "uk", "emergency"),
        ("Szef pije wódkę i zaraz chce jechać samochodem", "pl", "emergency"),
        ("en kar har stjålet sykkelen min og løper mot bussen", "nb", "emergency"),
        ("bilen har nesten påkjørt et barn og snur nå", "nb", "emergency"),
        ("De kaster snøballer med is mot bussen akkurat nå", "nb", "emergency"),
        ("my dad has had a pain going down his left arm for about ten minutes", "en", "emergency"),
    ],
    # not emergencies
    "a_danger_as_a_condition": [
        ("Om en eka sjunker vid bryggan, vems ansvar är bärgningen?", "sv", "not emergency"),
        ("grannen förvarar gasol i garaget, om det tar eld smäller det. Får han det?", "sv", "not emergency"),
    ],
    "lasting_a_week_or_noticed_over_time": [
        ("en båt vid bryggan håller på att sjunka sen en vecka tillbaka", "sv", "not emergency"),
        ("har märkt att nån tappar diesel ur grävmaskinerna vid bygget", "sv", "not emergency"),
    ],
    "a_fear_of_some_day": [
        ("jag oroar mig för att gardinerna ska börja brinna nån gång", "sv", "not emergency"),
    ],
}

GUARDS = {
    "man_overboard_in_german": [
        ("Mann über Bord vor Fjällbacka", "de", "emergency"),
    ],
    "followed_by_a_car_now": [
        ("vi blir förföljda av en bil med helljus, den kör sakta bakom oss", "sv", "emergency"),
    ],
    # the emergency model made heldout44's "raketer mot ladugårdsfönster på nyårsnatten" an emergency; the past
    # "på nyårsnatten" now raises its bar
    "fireworks_on_new_years_night_told_after": [
        ("nån har skjutit raketer mot skolans fönster på nyårsnatten, tre rutor är krossade", "sv", "not emergency"),
    ],
    "a_fear_told_in_a_scene": [
        ("de slår honom med ett rör nu, jag är rädd att de ska döda honom", "sv", "emergency"),
    ],
    "followed_after_school_every_day": [
        ("tjejerna blir förföljda av en gubbe efter skolan varje dag", "sv", "not emergency"),
    ],
}

# the shipped classifier: the emergency model must not overrule the rules' "wants to join neighbourhood watch"
MODEL_KINDS = {
    "a_wish_to_join_neighbourhood_watch": [
        ("Ми живемо у Фʼєльбаці і хочемо приєднатися до групи сусідського нагляду. Куди звертатися?", "uk",
         "neighbourhood_watch"),
        ("Onko Östadissa naapuriapua? Asun yksin", "fi", "neighbourhood_watch"),
    ],
}


test_round27_kind = kind_test(INTENT_KINDS, GUARDS)


test_round27_model_kind = kind_test(MODEL_KINDS, classifier="clf")
