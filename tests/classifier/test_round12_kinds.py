"""Kinds of error seen in heldout13 and heldout14, each in words of our own and in several languages (the rules
alone: what a kind's fix is about). Every case here is classified wrongly by round 11's rules."""

from __future__ import annotations

from tests.classifier.kinds import kind_test

# kind -> (text, Telegram language code, expected intent)
INTENT_KINDS = {
    # someone who went into the water and has not come up again
    "not_surfacing": [
        ("Min bror dök från bryggan och har inte kommit upp", "sv", "emergency"),
        ("my dad jumped off the pier twenty seconds ago and hasn't come back up", "en", "emergency"),
        ("Jenta hoppet fra brygga og har ikke kommet opp igjen", "no", "emergency"),
        ("Han sprang i vandet fra molen og er ikke kommet op igen", "da", "emergency"),
        ("Mein Freund ist vom Steg ins Wasser gesprungen und taucht nicht wieder auf", "de", "emergency"),
    ],
    # a person missing for a while: the duration is how long they are gone, not a past event
    "missing_for_a_while": [
        ("Farfar har demens och har varit borta i två timmar, det börjar bli mörkt", "sv", "emergency"),
        ("Vores datter har været væk i en time, vi kan ikke finde hende", "da", "emergency"),
    ],
    # lights or someone moving inside a building that should be empty
    "lights_in_empty_building": [
        ("Jag ser ljus och rörelse i grannens sommarstuga mitt i natten, de är bortresta", "sv", "emergency"),
        ("There's a torch moving about inside the school, it's the middle of the night", "en", "emergency"),
        ("Jeg ser lys og bevegelse i hytta til naboen, de er bortreist", "no", "emergency"),
        ("Die Leute im Ferienhaus nebenan sind verreist, aber ich sehe eine Taschenlampe drinnen", "de", "emergency"),
    ],
    # a body that has stopped breathing, a person who wants to die or is cutting themselves
    "stopped_breathing_or_self_harm": [
        ("Min kompis har slutat andas, kom!", "sv", "emergency"),
        ("Naboen har holdt op med at trække vejret", "da", "emergency"),
        ("Mein Mann hat aufgehört zu atmen", "de", "emergency"),
        ("Min lillasyster sitter på toaletten och säger att hon vill dö", "sv", "emergency"),
        ("my flatmate is cutting her arms in the bathroom", "en", "emergency"),
    ],
    # a child locked in a car
    "locked_in_a_car": [
        ("the kid is locked in the car in the sun and crying", "en", "emergency"),
        ("Der Hund ist im Auto eingesperrt, die Sonne knallt", "de", "emergency"),
    ],
    # someone who took something and no longer responds or shakes
    "took_something_unresponsive": [
        ("Han har taget noget og svarer ikke, han ryster", "da", "emergency"),
    ],
    # a hose from the exhaust into a car
    "exhaust_hose": [
        ("Någon har dragit en slang från avgasröret in i bilen", "sv", "emergency"),
        ("There's a hose running from the exhaust into his car window", "en", "emergency"),
    ],
    # stuck where the water rises or on a ledge
    "stuck_rising_water": [
        ("my son is stuck under the jetty and the tide is coming in", "en", "emergency"),
        ("My friend is stuck on a ledge halfway down the cliff", "en", "emergency"),
    ],
    # smoke starting from a building, water pouring into a boat
    "smoke_or_water_starting": [
        ("Det börjar ryka ur taket på ladan", "sv", "emergency"),
        ("Det kommer in vatten i båten och vi är långt ut", "sv", "emergency"),
        ("Det kommer vand ind i båden og motoren er død", "da", "emergency"),
    ],
    # a victim heard screaming "stop", over and over
    "screaming_stop": [
        ("Jag hör grannen slå sin fru, hon skriker sluta om och om igen", "sv", "emergency"),
        ("the guy next door is hitting his girlfriend, she's screaming stop over and over", "en", "emergency"),
    ],
    # "a minute ago" in the singular is still going on
    "a_minute_ago": [
        ("Ett barn ramlade i vattnet vid kajen för en minut sen och kan inte simma", "sv", "emergency"),
    ],
    # someone high or barely standing about to drive off
    "impaired_about_to_drive": [
        ("A junkie who can barely stand is about to drive off from the petrol station", "en", "emergency"),
    ],
    # a harm foretold is a warning, not a danger going on
    "harm_foretold": [
        ("Ungarna kör moped utan lampor på landsvägen, förr eller senare kommer någon köras ihjäl", "sv", "tip"),
        ("Killarna kör crossmotorcykel på badstranden bland folk, förr eller senare blir någon överkörd", "sv", "tip"),
    ],
    # asking for the police's number
    "phone_number": [
        ("hvilket nummer har politiet i Tanum", "no", "question"),
        ("Welche Nummer hat die Polizei in Tanumshede", "de", "question"),
    ],
    # "I think you should ...", "we want to see the police ..."
    "wish_to_see_police": [
        ("Jag tycker ni ska berätta för oss när det har varit inbrott i området", "sv", "feedback"),
        ("Jag tycker ni ska informera oss när det har varit inbrott på ön", "sv", "feedback"),
        ("Jeg synes I skal fortælle os når der har været indbrud i området", "da", "feedback"),
    ],
}

# kind -> (text, Telegram language code, expected theme or "not <theme>")
THEME_KINDS = {
    "following_someone": [
        ("En bil har följt efter mig från affären ända hem", "sv", "violence"),
        ("Tre gutter har fulgt etter datteren min fra skolen", "no", "violence"),
    ],
    "struck_down_passive": [
        ("En man har slagits ner utanför krogen", "sv", "violence"),
        ("Ein älterer Mann wurde vor dem Supermarkt geschubst", "de", "violence"),
    ],
    "lightning_or_own_head_not_violence": [
        ("Blixten slog ner i ladan och det brinner", "sv", "not violence"),
        ("Åskan slog ner i ett träd bredvid huset", "sv", "not violence"),
    ],
    "graffiti_with_particle": [
        ("Väggen vid macken är helt nedklottrad igen", "sv", "public_space"),
    ],
    "grow_site": [
        ("Det är ett växthus bakom ladan med fönster som är igentejpade", "sv", "drugs"),
        ("A greenhouse up the lane with grow lights and a strange smell", "en", "drugs"),
        ("Någon i grannhuset har igenklistrade fönster och lampor som lyser hela natten", "sv", "drugs"),
    ],
    "school_bus_and_speed_checks": [
        ("Folk kör förbi skolbussen när den står still och barnen går av", "sv", "traffic"),
        ("Får man verkligen ta fartböter här men inte kolla EPA-traktorerna", "sv", "traffic"),
        ("Tack för laserpistolen vid skolan, gör det oftare", "sv", "traffic"),
    ],
    "accident_thanks_not_traffic": [
        ("Vielen Dank an die Sanitäter nach dem Unfall gestern", "de", "not traffic"),
    ],
}


test_round12_kind = kind_test(INTENT_KINDS, THEME_KINDS)
