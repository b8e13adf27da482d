"""Officers' reclassifications change results without a code change."""

from bot.classifier import Classifier, Correction


def test_exact_text_takes_the_officers_labels(profile, clf):
    text = "Det står en konstig bil vid kyrkan igen"
    before = clf.classify(text, "sv")
    corrected = Classifier(profile, [Correction(text, "tip", ("burglary",), "hede")])
    after = corrected.classify(text, "sv")
    assert (before.intent, before.themes, before.place) != ("tip", ("burglary",), "hede")
    assert (after.intent, after.themes, after.place) == ("tip", ("burglary",), "hede")
    assert after.confidence == 1.0
    assert "officer" in after.explain["correction"]


def test_case_punctuation_and_spacing_do_not_matter(profile):
    corrected = Classifier(profile, [Correction("Moppebilar på torget!!", "feedback", ("traffic",), None)])
    result = corrected.classify("moppebilar  på TORGET")
    assert (result.intent, result.themes) == ("feedback", ("traffic",))


def test_near_duplicate_of_a_long_message(profile):
    text = "Det är samma gubbe som står och väntar vid skolgrinden varje eftermiddag och pratar med barnen"
    corrected = Classifier(profile, [Correction(text, "tip", ("violence",), None)])
    result = corrected.classify(text.replace("eftermiddag", "eftermidag").replace("barnen", "barn"))
    assert (result.intent, result.themes) == ("tip", ("violence",))
    assert "near duplicate" in result.explain["correction"]


def test_none_means_unchanged(profile, clf):
    text = "mer polis i Fjällbacka"
    corrected = Classifier(profile, [Correction(text, None, ("violence",), None)])
    result = corrected.classify(text, "sv")
    assert (result.intent, result.themes, result.place) == ("feedback", ("violence",), "fjallbacka")


def test_words_mined_from_corrections_label_new_messages(profile, clf):
    new = "Snöskotrarna åker i centrum hela kvällarna"
    assert "traffic" not in clf.classify(new, "sv").themes
    corrections = [
        Correction("snöskotrar överallt på isen vid hamnen", "tip", ("traffic",), None),
        Correction("Ungdomar med snöskotrar nästan på min son", "tip", ("traffic",), None),
        Correction("snöskotrar på skolgården igen", "feedback", ("traffic",), None),
    ]
    result = Classifier(profile, corrections).classify(new, "sv")
    assert "traffic" in result.themes
    assert any("officers' corrections" in term for term in result.explain["themes"]["traffic"])


def test_one_correction_is_not_enough_to_mine_a_word(profile, clf):
    new = "Snöskotrarna åker i centrum hela kvällarna"
    corrected = Classifier(profile, [Correction("snöskotrar överallt på isen", "tip", ("traffic",), None)])
    assert "traffic" not in corrected.classify(new, "sv").themes


def test_place_alias_mined_from_corrections(profile, clf):
    new = "Det är mörkt vid stranden i Tanumstrand"
    assert clf.classify(new, "sv").place is None
    corrected = Classifier(profile, [Correction("Fest och bråk i Tanumstrand", None, None, "grebbestad")])
    result = corrected.classify(new, "sv")
    assert result.place == "grebbestad"
    assert "learned alias" in result.explain["place"]


def test_unknown_labels_from_the_database_are_ignored(profile):
    corrected = Classifier(profile, [Correction("hej hej", "no_such_intent", ("burglary", "bogus"), "atlantis")])
    result = corrected.classify("hej hej")
    assert result.intent in ("emergency", "tip", "feedback", "neighbourhood_watch", "question")
    assert result.themes == ("burglary",)
    assert result.place is None


def test_the_latest_correction_wins(profile):
    corrected = Classifier(profile, [Correction("tjo", "tip", None, None), Correction("tjo", "question", None, None)])
    assert corrected.classify("tjo").intent == "question"
