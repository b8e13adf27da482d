"""Every example quoted in the classifier issue comes out right."""

import pytest


@pytest.mark.parametrize("text, theme", [
    ("det pågår ett inbrott hos grannen", "burglary"),
    ("han står utanför med kniv", "violence"),
    ("det brinner", None),
])
def test_emergencies(clf, text, theme):
    result = clf.classify(text, "sv")
    assert result.intent == "emergency"
    assert result.urgent
    if theme:
        assert theme in result.themes


def test_drunk_driver_still_on_the_road_is_an_emergency(clf):
    for text, code in (("En full förare kör fortfarande omkring på vägen mot Tanumshede just nu", "sv"),
                       ("A drunk driver is still on the road right now", "en")):
        result = clf.classify(text, code)
        assert result.intent == "emergency", text
        assert "traffic" in result.themes


@pytest.mark.parametrize("text", ["ringde 112 igår men ingen kom", "förra veckan var det inbrott"])
def test_past_events_are_not_emergencies(clf, text):
    assert clf.classify(text, "sv").intent != "emergency"


def test_past_burglary_is_a_tip(clf):
    result = clf.classify("förra veckan var det inbrott", "sv")
    assert (result.intent, result.themes) == ("tip", ("burglary",))


def test_called_112_but_nobody_came_is_feedback(clf):
    assert clf.classify("ringde 112 igår men ingen kom", "sv").intent == "feedback"


def test_more_police_in_fjallbacka(clf):
    result = clf.classify("mer polis i Fjällbacka", "sv")
    assert (result.intent, result.place, result.themes) == ("feedback", "fjallbacka", ())


def test_broken_lamp_is_feedback_on_public_space(clf):
    result = clf.classify("lampan vid busshållplatsen är trasig sedan oktober", "sv")
    assert (result.intent, result.themes) == ("feedback", ("public_space",))


def test_negated_theme_does_not_count(clf):
    result = clf.classify("inget inbrott men lampan är trasig", "sv")
    assert result.themes == ("public_space",)
    assert any("inbrott" in n for n in result.explain["negated"])


@pytest.mark.parametrize("text, place", [
    ("Det är fest i Grebbestads hamn varje kväll", "grebbestad"),
    ("mycket skräp i Fjällbackan", "fjallbacka"),
    ("raggare i hamburgsund igen", "hamburgsund"),
    ("inbrott i ett förråd i ostad", "ostad"),
])
def test_places_despite_inflection_and_missing_diacritics(clf, text, place):
    assert clf.classify(text, "sv").place == place


@pytest.mark.parametrize("text, theme", [
    ("fortkörning på Storgatan", "traffic"),
    ("fortkörningarna måste stoppas", "traffic"),
    ("knarkhandel vid skolan", "drugs"),
    ("inbrottet i natt", "burglary"),
    ("inbrott i sommarstugan", "burglary"),
    ("båtmotorstöld vid bryggan", "burglary"),
    ("de röker gräs vid kyrkan", "drugs"),
    ("de säljer braja i parken", "drugs"),
    ("han brukar langa vid stationen", "drugs"),
    ("ungdomar som tjackar på toaletten", "drugs"),
    ("knarkare i trappan", "drugs"),
    ("rattfylla vid festplatsen", "traffic"),
    ("raggare på torget", "traffic"),
    ("en buse slog sönder busskuren", "violence"),
])
def test_compounds_inflection_and_slang(clf, text, theme):
    assert theme in clf.classify(text, "sv").themes


def test_question_about_the_mobile_police_office(clf):
    result = clf.classify("When is the mobile police office in Grebbestad?", "en")
    assert (result.intent, result.place, result.lang) == ("question", "grebbestad", "en")


def test_neighbourhood_watch(clf):
    assert clf.classify("Vi vill starta grannsamverkan på vår gata", "sv").intent == "neighbourhood_watch"


def test_short_swedish_sentence_is_swedish(clf):
    assert clf.classify("Polisen kom inte").lang == "sv"
    assert clf.classify("Polisen kom inte", "en").lang == "sv"
