"""Kinds of error seen in heldout51 and heldout52, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case of INTENT_KINDS is classified wrongly by round 29's rules; GUARDS
were right before and must stay so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "a_body_in_danger_in_young_people_s_words": [
        ("kompisen har odat i bilen, han är helt blå", "sv", "emergency"),
        ("someone put something in my drink, i cant feel my legs", "en", "emergency"),
    ],
    "since_this_morning_is_still_so": [
        ("mamma har druckit vin sen i morse och nu har hon satt sig i bilen", "sv", "emergency"),
    ],
    "the_time_now_at_night": [
        ("det låter som nån sågar i hänglåset på boden, kl är 2 på natten", "sv", "emergency"),
    ],
    "going_on_told_in_the_neighbours_languages": [
        ("nogen er ved at skære låsene over på cyklerne, vi kan se dem herfra", "da", "emergency"),
        ("bilen foran kjører helt vilt og treffer nesten en syklist", "nb", "emergency"),
    ],
    "a_fire_everywhere": [
        ("typ brand i skogen, lågor överallt, nån måste komma", "sv", "emergency"),
    ],
    # not emergencies
    "since_a_week_or_midsummer_or_for_weeks": [
        ("nån snor båtmotorer i hamnen, minst 3 borta sen midsommar", "sv", "not emergency"),
    ],
    "a_weekday_told_after_it": [
        ("a man pulled a knife on my brother outside the pub last saturday", "en", "not emergency"),
    ],
    "a_recurring_scene": [
        ("Vid hämtningen på förskolan backar föräldrarna rakt ut bland barnen", "sv", "not emergency"),
    ],
    "a_path_is_no_progress": [
        ("någon kör moped på gång och cykelvägen vid skolan", "sv", "not emergency"),
    ],
    "thanks_in_persian": [
        ("ممنون از کمک شما", "fa", "not emergency"),
    ],
}

GUARDS = {
    "three_times_now_within_one_drive": [
        ("bilen framför mig vinglar och har kört över i mötande körfält tre gånger nu", "sv", "emergency"),
    ],
    "a_weekday_told_after_it_in_danish": [
        ("en fyr truede mig med en kniv ved havnen i fredags", "da", "not emergency"),
    ],
    "burns_after_the_fire_is_out": [
        ("brukaren har brännskador på armen, koftan fattade eld, elden är släckt nu", "sv", "emergency"),
    ],
}


# the shipped classifier: a week number since which it happens makes it recurring, which the model must respect
MODEL_KINDS = {
    "since_a_week_number": [
        ("sen v 28 kör nån vattenskoter precis vid badplatsen", "sv", "not emergency"),
    ],
}


test_round30_model_kind = kind_test(MODEL_KINDS, classifier="clf")


test_round30_kind = kind_test(INTENT_KINDS, GUARDS)
