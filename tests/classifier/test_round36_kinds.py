"""Kinds of error seen in heldout69 to heldout72, each in words of our own (the rules alone: what a kind's fix is
about). Every case of INTENT_KINDS is classified wrongly by round 35's rules; GUARDS were right before and must stay
so."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent, "not emergency" or a theme)
INTENT_KINDS = {
    "someone_coming_onto_our_land_now": [
        ("en av dem klev precis in på tomten med ett spett", "sv", "emergency"),
        ("några berusade män har kommit in på tomten, de skäller på oss och säger att de ska ta sig in", "sv",
         "emergency"),
        ("främmande människor i vår sommarstuga, vi ser dem i kameran nu", "sv", "emergency"),
    ],
    "things_thrown_at_people_or_cars": [
        ("de slänger flaskor från balkongen på bilarna som åker förbi", "sv", "emergency"),
        ("Steine auf unser Auto!!", "de", "emergency"),
        ("they are stoning our van", "en", "emergency"),
        ("de kastar sten på husvagnarna och ett barn blev träffat", "sv", "emergency"),
    ],
    "driving_danger_in_the_last_minutes": [
        ("nån kör fram och tillbaka förbi lekparken i typ 80, barnen är ute, fjärde gången senaste kvarten", "sv",
         "emergency"),
        ("moppekillarna kör i full fart mellan barnen på bryggan", "sv", "emergency"),
        ("en lastbil tappar stenar över hela vägen och kör vidare", "sv", "emergency"),
    ],
    "a_person_down": [
        ("cyklist under bil vid macken!!", "sv", "emergency"),
        ("pappa nerslagen utanför affären", "sv", "emergency"),
    ],
    "the_restrained_or_reported_one_is_here": [
        ("mitt ex med kontaktförbud sitter i bilen utanför igen", "sv", "emergency"),
        ("han som har besøksforbud står utenfor huset nå", "nb", "emergency"),
        ("min eks er her igen trods tilhold, han hamrer på vinduet", "da", "emergency"),
        ("the guy I reported last month is outside my flat kicking the door", "en", "emergency"),
        ("mannen jag anmälde skickade nyss ett foto av mitt hus, hans bil står på gatan", "sv", "emergency"),
    ],
    "the_one_from_before_is_back": [
        ("mannen som skrek på oss i parken förra veckan är här igen och nu har han en kniv", "sv", "emergency"),
        ("samma skåpbil som vid inbrottet i oktober står på uppfarten hos grannen och två killar lastar in saker",
         "sv", "emergency"),
        ("النار في المطبخ", "ar", "emergency"),
    ],
    "a_letter_turns_to_a_scene": [
        ("Vi har bott här i tio år och i våras började det med lappar på bilen. Förra månaden skar någon sönder "
         "däcken. Och nu, medan jag skriver det här, står en okänd man i trädgården och ropar våra namn.", "sv",
         "emergency"),
        ("Sedan i vintras har vi fått brev. Jag har anmält dem. I kväll häller en man bensin längs vårt staket. "
         "Kom fort.", "sv", "emergency"),
        ("Letzte Woche wurde mein Rad gestohlen, ich habe es angezeigt. Gerade eben, während ich schreibe, schneidet "
         "ein Mann mit einem Bolzenschneider die Schlösser der Fahrräder vor dem Haus auf.", "de", "emergency"),
        ("Eilen joku sotki automme. Nyt kun kirjoitan tätä, joku heittelee kiviä ikkunoihin.", "fi", "emergency"),
        ("Hello, we rent a cottage for two weeks. The owner is abroad. Today the back door is open and someone is "
         "walking around inside, we hear drawers. What should we do?", "en", "emergency"),
        ("Förra sommaren var det fest varje helg. Men precis nu klättrar en full kille upp på taket.", "sv",
         "emergency"),
    ],
    "missing_as_it_gets_dark": [
        ("min mamma gick ut på sin rollator för två timmar sen, hon har demens och svarar inte i mobilen, det börjar "
         "bli mörkt", "sv", "emergency"),
    ],
    "a_child_approached_now": [
        ("a man in a car has stopped next to my son and is trying to grab his arm", "en", "emergency"),
    ],
    "stolen_things_seen_again_are_a_tip": [
        ("min stulna cykel står utanför biblioteket just nu, anmälde den i maj", "sv", "not emergency"),
        ("nu ser jag min stulna barnvagn i en annons på Facebook", "sv", "not emergency"),
        ("widzę teraz moje skradzione narzędzia na Marketplace", "pl", "not emergency"),
    ],
    "remembering_more_now": [
        ("jeg husker mer om innbruddet nå", "nb", "not emergency"),
    ],
    "a_complaint_about_restraining_orders": [
        ("Kontaktförbud är meningslöst om ingen kommer. Han har brutit mot det fyra gånger", "sv", "not emergency"),
    ],
    "asking_about_a_stolen_thing": [
        ("Om min cykel blir stulen och jag ser den på nätet, får jag ta tillbaka den själv?", "sv", "not emergency"),
        ("i need police report number for stolen phone for insurance, how do i get it", "en", "not emergency"),
    ],
}

GUARDS = {
    "the_reported_one_seen_before": [
        ("han jag anmälde förra veckan stod utanför igår kväll", "sv", "not emergency"),
    ],
    "asking_about_a_restraining_order": [
        ("hur länge gäller ett kontaktförbud?", "sv", "not emergency"),
    ],
    "a_stolen_bike_reported": [
        ("min cykel blev stulen vid stationen i går", "sv", "not emergency"),
    ],
}


test_round36_kind = kind_test(INTENT_KINDS, GUARDS)
