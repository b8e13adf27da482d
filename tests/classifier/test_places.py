import pytest


@pytest.mark.parametrize("text, place", [
    ("Grebbestads hamn är full av skräp", "grebbestad"),
    ("inbrott i Grebbestan", "grebbestad"),
    ("raggare i Fjällbackan", "fjallbacka"),
    ("Fjellbacka har för lite polis", "fjallbacka"),
    ("mörkt vid skolan i tanumshde", "tanumshede"),
    ("inbrot i garaget i grebestad", "grebbestad"),
    ("båtmotorer stulna i Rabalshede", "rabbalshede"),
    ("inbrott i en stuga i kampersvik", "kampersvik"),
    ("badplatsen i Edsviken", "edsvik"),
    ("Havstensund", "havstenssund"),
    ("Det har varit inbrott i två garage i Backa den här veckan", "backa"),
    ("Någon har stulit vattenpumpen från vår brunn i Lur", "lur"),
    ("Tanumshedes värsta fartsträcka är vid Hedegatan", "tanumshede"),
    ("raggarbilar från Grebbestad kör runt i Kämpersvik varje kväll", "kampersvik"),
])
def test_found(clf, text, place):
    assert clf.classify(text, "sv").place == place


@pytest.mark.parametrize("text", [
    "Det finns en lur man som lurar äldre på pengar",
    "Bilen framför mig fick backa hela vägen",
    "Inbrott i bostaden i natt",
    "I Tanum behövs fler poliser",
    "stugan i Strömstad har haft inbrott",
])
def test_not_a_place(clf, text):
    assert clf.classify(text, "sv").place is None


def test_place_explain_says_how(clf):
    result = clf.classify("Det är fest i Grebbestads hamn", "sv")
    assert "genitive" in result.explain["place"]
    assert "typo" in clf.classify("inbrott i grebestad", "sv").explain["place"]
