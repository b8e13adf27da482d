"""Kinds of error seen in heldout73 to heldout76, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 36's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "a_near_miss_and_still_at_it": [
        ("mopeder på trottoaren vid torget, de körde nästan på en rullator och håller på fortfarande", "sv",
         "emergency"),
        ("en vattenskoter utan ljus kör runt i hamnen och var nära att köra på en kanot nyss", "sv", "emergency"),
    ],
    "estonian": [
        ("tulekahju laohoones", "et", "emergency"),
        ("mees kukkus ja ei liigu", "et", "emergency"),
        ("kaks meest kaklevad, ühel on nuga käes", "et", "emergency"),
    ],
    "nature_harmed_now": [
        ("olja i ån!!", "sv", "emergency"),
        ("de fäller de gamla ekarna i naturreservatet med motorsåg just nu", "sv", "emergency"),
        ("eine Drohne jagt die Robben auf den Schären", "de", "emergency"),
    ],
    "a_weapon_out": [
        ("he is holding a shotgun", "en", "emergency"),
        ("naboen har geværet fremme", "nb", "emergency"),
        ("Er hat eine Flinte", "de", "emergency"),
    ],
    "a_fight_about_to_start": [
        ("de har bestämt att de ska spöa min bror vid skolan och nu är de på väg dit", "sv", "emergency"),
    ],
    "children_lured_to_a_car": [
        ("en man i en vit bil erbjuder barnen godis om de följer med, tre barn står vid bilen nu", "sv",
         "emergency"),
    ],
    "a_while_ago_began_it": [
        ("ska jag ringa? pappa ligger i trädgården och rör sig inte, han klippte gräset för en stund sen", "sv",
         "emergency"),
    ],
    "threats_online_are_told": [
        ("de hotar min syster på snap", "sv", "not emergency"),
        ("some kids are threatening my daughter on instagram, saying they'll hit her", "en", "not emergency"),
    ],
    "where_to_call_if_one_thinks": [
        ("Vilket nummer ska man ringa om man tror att det brinner i skogen men inte är säker?", "sv",
         "not emergency"),
    ],
    "the_police_came_late_then": [
        ("Die Polizei kam erst nach zwei Stunden, als er uns mit dem Messer bedroht hat", "de", "not emergency"),
    ],
    "send_someone_to_check_is_a_request": [
        ("kan ni skicka nån att kolla på korsningen? alla kör för fort där", "sv", "not emergency"),
    ],
}

GUARDS = {
    "the_weapon_at_home": [
        ("han har ett gevär hemma för jakten", "sv", "not emergency"),
    ],
    "a_threat_at_the_door": [
        ("han står utanför och hotar mig", "sv", "emergency"),
    ],
    "it_burns_now": [
        ("det brinner i skogen vid vägen", "sv", "emergency"),
    ],
}


test_round37_kind = kind_test(INTENT_KINDS, GUARDS)
