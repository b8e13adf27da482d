"""Kinds of cue added after the third blind set: a person gone missing, a body in distress with a plea,
someone about to jump, a boat taking in water and gas, a driver weaving or just driven off drunk, the
writer in the scene ("bakom oss", "I'm behind him") turning "all the time" into one episode, minutes ago;
and on the other side: "what do we do if ...", asking whether or how to report, childhood and near
misses, a missing person found, greetings, staff conduct and broken promises, a past fire as a tip,
"när jag ringde ..." as a time and "what happened?" as a question."""

import pytest


@pytest.mark.parametrize("text, code", [
    ("Lillebror har kommit bort i skogen vid Bullaren, han är nio år", "sv"),
    ("mamma har demens och är borta sedan lunch, hon har bara tofflor på sig", "sv"),
    ("We can't find our daughter anywhere on the campsite, she is three", "en"),
    ("Gutten vår er borte fra stranden, han er fem år gammel", "no"),
    ("Vores datter er forsvundet ved havnen, hun er fire", "da"),
    ("Unser Sohn ist am Strand verschwunden, er ist sechs Jahre alt", "de"),
])
def test_a_missing_person_is_an_emergency(clf, text, code):
    assert clf.classify(text, code).intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Skicka ambulans, pappa har ont i bröstet och svettas", "sv"),
    ("Please send an ambulance, my husband has chest pain and is sweating", "en"),
    ("Han har vondt i brystet og er helt grå i ansiktet", "no"),
    ("Min mand har ondt i brystet og svarer ikke ordentligt", "da"),
    ("Meine Frau hat starke Brustschmerzen, bitte schnell", "de"),
    ("Mój kolega spadł z dachu i nie rusza się", "pl"),
])
def test_a_body_in_distress_is_an_emergency(clf, text, code):
    assert clf.classify(text, code).intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("En man sitter på räcket på bron och säger att han vill hoppa", "sv"),
    ("Someone is standing at the edge of the cliff threatening to jump", "en"),
    ("Der sitzt jemand auf dem Dach und droht zu springen", "de"),
])
def test_someone_about_to_jump_is_an_emergency_without_a_violence_theme(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "emergency"
    assert "violence" not in result.themes


@pytest.mark.parametrize("text, code", [
    ("Det luktar starkt av gas i trapphuset", "sv"),
    ("Det lukter kraftig av gass på kjøkkenet", "no"),
    ("Båden tager vand ind og vi kan ikke nå land", "da"),
    ("Unser Boot sinkt, wir sind zu dritt an Bord", "de"),
])
def test_gas_and_a_sinking_boat_are_emergencies(clf, text, code):
    assert clf.classify(text, code).intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Bilen framför mig kör i sicksack på E6, jag ligger bakom den", "sv"),
    ("A van keeps swerving into oncoming traffic, I'm behind it now", "en"),
    ("En stupfull kille har just kört iväg från grillplatsen", "sv"),
    ("Ein sturzbetrunkener Mann ist gerade losgefahren", "de"),
])
def test_a_driver_weaving_or_just_driven_off_drunk_is_an_emergency(clf, text, code):
    assert clf.classify(text, code).intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Tre killar går efter oss från stationen, de är bakom oss hela tiden", "sv"),
    ("A man has been following us since the shop and keeps getting closer, he is right behind us", "en"),
])
def test_all_the_time_with_the_writer_in_the_scene_is_one_episode(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "emergency"
    assert "all the time" in str(result.explain["intent"])


@pytest.mark.parametrize("text, code", [
    ("Grannen skäller på oss hela tiden över häcken", "sv"),
    ("Kids keep riding mopeds on the footpath all the time", "en"),
])
def test_all_the_time_without_the_writer_in_the_scene_is_a_habit(rules_only, text, code):
    assert rules_only.classify(text, code).intent != "emergency"


def test_minutes_ago_is_still_now(clf):
    assert clf.classify("Barnet försvann från badplatsen för tio minuter sedan", "sv").intent == "emergency"
    assert clf.classify("Our son disappeared from the playground 15 minutes ago", "en").intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Hur gör vi om det börjar brinna i båten ute på sjön?", "sv"),
    ("What should I do if there's ever a burglar in the house at night?", "en"),
    ("Hvad gør vi hvis der nogensinde går ild i sommerhuset?", "da"),
    ("Was machen wir, falls es einmal im Wohnwagen brennt?", "de"),
])
def test_what_to_do_if_is_a_question(clf, text, code):
    assert clf.classify(text, code).intent == "question"


@pytest.mark.parametrize("text, code", [
    ("Kan jag anmäla en rattfull granne här eller ska jag ringa?", "sv"),
    ("Can I report a drunk driver through this bot?", "en"),
    ("Kan man tipse om narkotikasalg her?", "no"),
    ("Kann ich hier einen betrunkenen Fahrer melden?", "de"),
])
def test_asking_how_to_report_is_a_question(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "question"
    assert "asking about reporting" in str(result.explain["intent"])


def test_asking_about_reporting_does_not_hide_a_danger_going_on(clf):
    result = clf.classify("Ska jag ringa 112? Det står en man med kniv utanför dörren", "sv")
    assert result.intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Som liten höll jag på att drunkna vid badplatsen, nu är livbojen borta. Sätt upp en ny!", "sv"),
    ("When I was a kid I nearly drowned at that beach, please put the lifebuoy back", "en"),
    ("Tack för att ni hittade min farfar som hade gått vilse i helgen", "sv"),
    ("Thanks to the officers who found her when my mother with dementia went missing", "en"),
])
def test_childhood_near_misses_and_people_found_are_not_emergencies(clf, text, code):
    assert clf.classify(text, code).intent != "emergency"


@pytest.mark.parametrize("text, code", [
    ("tjenare", "sv"), ("God kväll", "sv"), ("Good morning", "en"), ("God morgen", "no"),
    ("Guten Abend", "de"), ("أهلا", "ar"), ("هل تتحدثون الإنجليزية؟", "ar"),
])
def test_greetings_and_questions_in_other_scripts_are_questions(clf, text, code):
    assert clf.classify(text, code).intent == "question"


@pytest.mark.parametrize("text, code", [
    ("Kvinnan i växeln var otrevlig och lyssnade inte", "sv"),
    ("The officer on the phone was rude to my elderly mother", "en"),
    ("Politimannen var svært uhøflig mot oss", "no"),
    ("Der Beamte war sehr unhöflich zu meinem Sohn", "de"),
    ("När jag ringde om inbrottet i våras kom ingen på två dagar, det är inte okej", "sv"),
    ("Ni lovade fler kontroller i sommar men ni dök aldrig upp", "sv"),
])
def test_staff_conduct_and_broken_promises_are_feedback(clf, text, code):
    assert clf.classify(text, code).intent == "feedback"


@pytest.mark.parametrize("text, code", [
    ("Det har brunnit i en sopcontainer bakom skolan i natt", "sv"),
    ("There was a car fire at the marina last night, the fire brigade put it out", "en"),
])
def test_a_past_fire_is_a_tip(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "tip"


@pytest.mark.parametrize("text, code", [
    ("Blåljus vid hamnen hela kvällen igår, vad hände?", "sv"),
    ("Lots of police cars by the school this morning, what happened?", "en"),
])
def test_asking_what_happened_is_a_question(clf, text, code):
    assert clf.classify(text, code).intent == "question"
