import pytest


@pytest.mark.parametrize("text, code, lang", [
    ("Polisen kom inte", None, "sv"),
    ("Polisen kom inte", "en", "sv"),
    ("tack!", None, "sv"),
    ("hej", "sv", "sv"),
    ("inbrott", None, "sv"),
    ("Hjelp, noen bryter seg inn i huset til naboen", "nb", "no"),
    ("Jeg har set nogen sælge stoffer ved skolen flere gange", "da", "da"),
    ("Hallo, wann kommt die mobile Polizei nach Grebbestad?", None, "de"),
    ("There is a guy selling weed behind the school every evening", "sv", "en"),
    ("Koulun takana myydään huumeita joka ilta", None, "fi"),
    ("Ktoś ukradł silnik z mojej łodzi w nocy", None, "pl"),
    ("سرقوا دراجتي أمس من أمام المحطة", "sv", "ar"),
    ("Помогите, кто-то ломится в дом соседа", None, "ru"),
    ("Me robaron la bicicleta ayer en la estación", None, "es"),
])
def test_language(clf, text, code, lang):
    assert clf.classify(text, code).lang == lang


def test_one_word_uses_telegram_code_when_the_word_says_nothing(clf):
    assert clf.classify("ok", "en").lang == "en"
    assert clf.classify("ok", "nb").lang == "no"
    assert clf.classify("ok").lang == "sv"  # the municipality's default language


def test_no_text_is_undetermined(clf):
    assert clf.classify("").lang == "und"
    assert clf.classify("   \n ").lang == "und"
    assert clf.classify("", "sv").lang == "und"


def test_emoji_only_falls_back_to_telegram_code_or_und(clf):
    assert clf.classify("👍🙏").lang == "und"
    assert clf.classify("👍", "sv").lang == "sv"
    assert clf.classify("🚨🚨", "de-AT").lang == "de"


def test_repeatable(clf, profile):
    from bot.classifier import Classifier

    text = "Det brinner i ett hus ved siden av oss"  # a mix that needs langdetect
    first = clf.classify(text).lang
    assert all(Classifier(profile).classify(text).lang == first for _ in range(3))
