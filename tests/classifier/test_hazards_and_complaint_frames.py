"""Kinds added after the fourth blind set: emergencies in water and on the road (drowning, a crashed car
with people inside, a wrong-way driver, a person on the carriageway), a dog set on people, racing where
children are; a sentence that dates the event ("Det hände i lördags") is not background; figures of
speech ("kniven i hjärtat"); "several nights" as a habit; complaint and praise frames ("jag vill klaga",
"ich möchte mich beschweren") against told crimes; telling the police what they should know; verb-first
questions and "what happens if"; hazards to people (a tip, not an upkeep complaint); vandalism words
in Danish, Norwegian, German and Dutch."""

import pytest


@pytest.mark.parametrize("text, code", [
    ("Min pappa har trillat i vattnet från bryggan och kommer inte upp", "sv"),
    ("An old man fell in the water by the ferry and went under", "en"),
    ("Et barn er faldet i vandet ved molen og kommer ikke op", "da"),
    ("Gutten falt i sjøen fra kaia og er under vannet", "no"),
    ("Ein Mann ist ins Wasser gestürzt und ertrinkt", "de"),
])
def test_someone_in_the_water_is_an_emergency(clf, text, code):
    assert clf.classify(text, code).intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Bil har voltat vid rondellen, två personer sitter fast i bilen", "sv"),
    ("Car crashed into the ditch on the coast road, the driver is still inside and bleeding", "en"),
    ("En bil har kørt af vejen og ligger på taget, der sidder nogen fast", "da"),
    ("Ein Auto hat sich überschlagen, im Wagen sind noch Leute drin", "de"),
])
def test_a_crashed_car_with_people_inside_is_an_emergency(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "emergency"
    assert "traffic" in result.themes


@pytest.mark.parametrize("text, code", [
    ("Det kommer en bil på fel sida vägen mot Kville", "sv"),
    ("Someone is driving on the wrong side of the road towards the campsite", "en"),
    ("En bil kjører mot kjøreretningen på E6", "no"),
    ("Der kører en spøgelsesbilist på motorvejen", "da"),
    ("Ein Geisterfahrer fährt auf der Landstraße", "de"),
])
def test_a_wrong_way_driver_is_an_emergency_and_traffic(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "emergency"
    assert "traffic" in result.themes


def test_a_person_on_the_carriageway_is_an_emergency(clf):
    assert clf.classify("En kvinna ligger mitt i vägen vid macken och bilarna tvärbromsar", "sv").intent == "emergency"
    assert clf.classify("A man is lying in the road by the school, cars swerving round him", "en").intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("En kille hetsar sin pitbull på folk vid busshållplatsen", "sv"),
    ("Some guy is setting his dog on the kids in the park", "en"),
    ("Ein Mann hetzt seinen Hund auf Passanten am Hafen", "de"),
])
def test_a_dog_set_on_people_is_violence_now(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "emergency"
    assert "violence" in result.themes


def test_a_loose_dog_that_bites_is_not_violence(clf):
    assert "violence" not in clf.classify("Vem ska man kontakta om en hund som springer lös och biter?", "sv").themes


@pytest.mark.parametrize("text, code", [
    ("Två bilar kör race genom byn och det går barn längs vägen", "sv"),
    ("Kids on mopeds are racing on the footpath, toddlers everywhere", "en"),
])
def test_racing_where_children_walk_is_an_emergency(clf, text, code):
    assert clf.classify(text, code).intent == "emergency"


@pytest.mark.parametrize("text, code", [
    ("Någon har lagt ut en film där tre killar misshandlar en pojke vid skolan. Det hände i lördags", "sv"),
    ("There's a clip going round of two men beating a guy outside the pub. It happened last weekend", "en"),
])
def test_a_sentence_dating_the_event_is_not_background(clf, text, code):
    assert clf.classify(text, code).intent == "tip"


def test_figures_of_speech_are_no_danger(clf):
    result = clf.classify("Nedläggningen av skolan var en kniv i hjärtat för byn. Kommunen måste tänka om", "sv")
    assert result.intent == "feedback"
    assert "violence" not in result.themes


@pytest.mark.parametrize("text, code", [
    ("En bil har stått på parkeringen flera nätter med motorn igång, folk sitter och väntar", "sv"),
    ("En bil har stått med motoren i gang i flere netter ved badeplassen", "no"),
    ("A car has been parked with the engine running for several nights by the beach", "en"),
])
def test_several_nights_is_a_habit_not_now(clf, text, code):
    assert clf.classify(text, code).intent != "emergency"


@pytest.mark.parametrize("text, code", [
    ("Jag vill klaga på hur ni skötte inbrottet i vår stuga, ingen ringde tillbaka", "sv"),
    ("I want to complain about the burglary at our cottage, the police took forever", "en"),
    ("Jeg vil klage på at politiet gjør ingenting med tyveriene på brygga", "no"),
    ("Jeg vil gerne klage over hvordan indbruddet hos os blev behandlet", "da"),
    ("Ich möchte mich beschweren: nach dem Einbruch kam niemand, niemand ist gekommen", "de"),
    ("Polisen gör ingenting åt langningen vid skolan, ni bryr er inte", "sv"),
    ("Vore bra om ni berättade när det varit inbrott i byn", "sv"),
])
def test_a_complaint_or_wish_naming_a_crime_is_feedback(clf, text, code):
    assert clf.classify(text, code).intent == "feedback"


@pytest.mark.parametrize("text, code", [
    ("Polisen borde veta att det säljs knark från en lägenhet vid torget", "sv"),
    ("You should know that someone is selling drugs from the kiosk", "en"),
    ("Politiet bør vite at det selges hasj ved skolen", "no"),
])
def test_telling_the_police_what_they_should_know_is_a_tip(clf, text, code):
    assert clf.classify(text, code).intent == "tip"


@pytest.mark.parametrize("text, code", [
    ("Är ni på plats i Grebbestad på lördag", "sv"),
    ("Har dere åpent i morgen", "no"),
    ("Sind Sie am Samstag im Büro", "de"),
    ("Vad händer om man åker fast med lite hasch?", "sv"),
    ("What happens if you get caught with a bit of weed?", "en"),
    ("Miten voin ilmoittaa varkaudesta?", "fi"),
    ("Moi", "fi"),
])
def test_questions_without_a_mark_or_about_a_case(clf, text, code):
    assert clf.classify(text, code).intent == "question"


@pytest.mark.parametrize("text, code", [
    ("Det ligger krossat glas vid badplatsen och två barn har skurit sig", "sv"),
    ("The broken slide at the playground is dangerous for kids, my son cut his hand", "en"),
    ("Am Spielplatz liegen Scherben, die Kinder schneiden sich", "de"),
])
def test_a_hazard_to_people_is_a_tip(clf, text, code):
    result = clf.classify(text, code)
    assert result.intent == "tip"
    assert "hazard" in str(result.explain["intent"])


def test_a_hazard_with_a_wish_is_still_feedback(clf):
    text = "Gungan på lekplatsen är trasig och farlig för barnen, snälla kommunen laga den"
    assert clf.classify(text, "sv").intent == "feedback"


@pytest.mark.parametrize("text, code", [
    ("Nogen har smadret vinduerne i sportshallen", "da"),
    ("Noen har smadret bussholdeplassen ved skolen", "no"),
    ("Jemand hat die Wand der Schule mit Farbe besprüht", "de"),
    ("Iemand heeft de bushalte vernield", "nl"),
])
def test_vandalism_words_in_other_languages(clf, text, code):
    assert "public_space" in clf.classify(text, code).themes
