"""Kinds of error seen in heldout29 and heldout30, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case here is classified wrongly by round 19's rules."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, or "not emergency")
INTENT_KINDS = {
    "door_forced_with_a_lookout": [
        ("En kille rycker i garageporten hos grannen medan en annan står vid vägen och håller utkik", "sv",
         "emergency"),
    ],
    "lock_tampered_with": [
        ("Någon petar i låset på ytterdörren, jag hör det från sovrummet", "sv", "emergency"),
    ],
    "child_left_alone": [
        ("Barnet i lägenheten under har skrikit i över en timme, föräldrarna åkte iväg i morse och ingen har kommit "
         "tillbaka", "sv", "emergency"),
    ],
    "shoving_and_refusing_to_leave": [
        ("A drunk customer is shoving the cashier and refusing to leave the shop", "en", "emergency"),
    ],
    "outboard_unscrewed_now": [
        ("To gutter skrur av motoren på båten ved siden av vår, vi ser dem fra hytta", "nb", "emergency"),
    ],
    "water_gushing": [
        ("Vatten forsar ut under grannens dörr och ner i trapphuset, de är bortresta sen i fredags", "sv", "emergency"),
    ],
    "ambulance_in_a_few_words": [
        ("ambulans till hamnen", "sv", "emergency"),
    ],
    "scene_everywhere_is_no_habit": [
        ("En bil har kört in i staketet vid skolan, glas överallt och det läcker bensin", "sv", "emergency"),
    ],
    "skidding_among_children": [
        ("En moppe sladdar runt mellan barnen på skolgården", "sv", "emergency"),
    ],
    "languages_without_lexicon": [
        ("Fadlan i caawiya, dab ayaa ka baxaya gurigayaga", "so", "emergency"),
        ("کمک کنید، دخترم از مدرسه برنگشته", "fa", "emergency"),
    ],
    # not emergencies
    "photo_asked_about": [
        ("Får jag filma grannen som kör rattfull och skicka filmen till er?", "sv", "not emergency"),
    ],
    "near_miss_told_after": [
        ("Die Jetskis rasen durch den Hafen, unser Boot ist fast gekentert", "de", "not emergency"),
    ],
}

# Past and habit told in languages the emergency model knows little: the rules see a strong sign that it is over or
# recurring, so the model stays silent (the whole classifier, which round 19 made emergencies of these).
GATED_KINDS = {
    "theft_told_in_the_past": [
        ("Хтось злив пальне з нашого трактора минулої ночі", "uk", "not emergency"),
        ("Ktoś włamał się do mojego samochodu pod sklepem", "pl", "not emergency"),
    ],
    "every_night": [
        ("كل ليلة يقف شخص أمام بيتنا ويصرخ", "ar", "not emergency"),
    ],
}

# kind -> (text, Telegram language code, expected theme or "not <theme>")
THEME_KINDS = {
    "breaking_doors_and_draining_fuel_in_ukrainian": [
        ("Хтось ламав двері гаража сусіда", "uk", "burglary"),
    ],
}


test_round20_kind = kind_test(INTENT_KINDS, THEME_KINDS)


test_round20_gated_kind = kind_test(GATED_KINDS, classifier="clf")
