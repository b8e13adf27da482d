import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.classifier import Classification, Classifier
from bot.classifier.lexicon import LexiconError, load_file
from storage.vocabulary import INTENTS, THEMES

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("text", ["Det pågår ett inbrott hos grannen", "", "👍", "x" * 20_000, "[@click=app.quit]"])
def test_result_shape(clf, text):
    result = clf.classify(text, "sv")
    assert isinstance(result, Classification)
    assert result.intent in INTENTS
    assert result.themes == tuple(sorted(result.themes)) and set(result.themes) <= set(THEMES)
    assert set(result.theme_scores) == set(THEMES) and all(0 <= v <= 1 for v in result.theme_scores.values())
    assert 0 <= result.confidence <= 1
    assert result.urgent == (result.intent == "emergency")
    data = result.to_json()
    assert set(data) == {"lang", "intent", "themes", "place", "confidence", "explain"}
    json.dumps(data)  # serialisable, explain included


def test_long_text_is_truncated_and_said_so(clf):
    assert "truncated" in clf.classify("inbrott " * 3000, "sv").explain


def test_text_must_be_a_string(clf):
    with pytest.raises(TypeError):
        clf.classify(None)  # type: ignore[arg-type]


def test_imports_nothing_of_telegram_or_the_database():
    code = ("import sys, bot.classifier, bot.classifier.cli; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('telegram', 'sqlalchemy', 'textual')"
            " or m in ('storage.db', 'storage.models')]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_bad_lexicon_file_names_file_and_key():
    with pytest.raises(LexiconError, match=r"x\.toml: themes\.drugs\.'knark\*': weight"):
        load_file("x.toml", 'lang = "sv"\n[themes.drugs]\n"knark*" = 2\n')
    with pytest.raises(LexiconError, match="too short"):
        load_file("x.toml", 'lang = "sv"\n[themes.drugs]\n"*ab*" = 0.5\n')
    with pytest.raises(LexiconError, match="invalid TOML"):
        load_file("x.toml", "lang = ")


def test_shared_between_calls_without_state(profile, clf):
    fresh = Classifier(profile)
    texts = ["Det brinner", "Polisen kom inte", "inbrot i grebestad"]
    assert [clf.classify(t).to_json() for t in texts] == [fresh.classify(t).to_json() for t in texts]
