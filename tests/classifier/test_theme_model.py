"""The theme model beside the rules (bot/classifier/theme_model.py): it settles only the rules' close calls about
themes, after the intent is decided, learns from officers' corrections that carry themes, and says why."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

from bot.classifier import Classifier
from bot.classifier.model import Correction
from bot.classifier.theme_model import ThemeModel, model_data
from storage.profile import Profile

BENCH = Path(__file__).resolve().parents[2] / "bench"
# A made-up word the rules know nothing of: in this tiny corpus it goes with public space and with mopeds (traffic).
PUBLIC = ["zorblat vid bryggan igen", "zorblat i parken hela helgen", "zorblat överallt på torget",
          "zorblat längs cykelvägen", "zorblat vid skolan", "zorblat bakom affären", "gruset ligger kvar zorblat",
          "zorblat och gruset ligger kvar", "gruset ligger kvar på gångvägen", "zorblat, gruset ligger kvar i backen"]
# ... and mopeds on the pavement, never with violence.
MOPEDS = ["mopeder kör på trottoaren zorblat", "zorblat och folk på trottoaren", "mopeder zorblat på trottoaren igen",
          "folk kör mopeder på trottoaren", "mopeder på trottoaren och folk får kliva undan"]
OTHERS = ["slagsmål vid macken i natt", "bråk och hot vid kiosken", "bilar kör för fort vid skolan",
          "inbrott i förrådet i natt", "någon langar vid busshållplatsen", "tack för mötet i går"]
# The rules weigh public space close (gravel left on a path, 0.40): under the threshold.
CLOSE_ADD = "gruset ligger kvar zorblat"
# The rules weigh violence close (scaring people, 0.55): over the threshold, not far.
CLOSE_REMOVE = "mopeder kör på trottoaren zorblat och skrämmer folk"


def toy_model() -> ThemeModel:
    return ThemeModel.trained([(t, ["public_space"]) for t in PUBLIC] + [(t, ["violence"]) for t in OTHERS[:2]]
                              + [(t, [theme]) for t, theme in zip(OTHERS[2:], ("traffic", "burglary", "drugs"))]
                              + [(OTHERS[5], [])] + [(t, ["traffic"]) for t in MOPEDS], min_count=1)


def test_it_adds_a_theme_on_a_close_call_and_says_why(profile: Profile) -> None:
    rules = Classifier(profile, theme_model=None).classify(CLOSE_ADD, "sv")
    assert "public_space" not in rules.themes and 0.3 <= rules.theme_scores["public_space"] < 0.49
    result = Classifier(profile, theme_model=toy_model()).classify(CLOSE_ADD, "sv")
    assert "public_space" in result.themes and result.theme_scores["public_space"] >= 0.5
    why = result.explain["themes"]["public_space"][-1]
    assert why.startswith("added by the statistical model") and "zorblat" in why
    assert result.intent == rules.intent


def test_it_removes_a_theme_on_a_close_call_and_says_why(profile: Profile) -> None:
    rules = Classifier(profile, theme_model=None).classify(CLOSE_REMOVE, "sv")
    assert "violence" in rules.themes and rules.theme_scores["violence"] < 0.8
    result = Classifier(profile, theme_model=toy_model()).classify(CLOSE_REMOVE, "sv")
    assert "violence" not in result.themes and result.theme_scores["violence"] < 0.5
    why = result.explain["themes_below_threshold"]["violence"][-1]
    assert why.startswith("removed by the statistical model") and "zorblat" in why
    assert result.intent == rules.intent


def test_it_leaves_clear_decisions_short_messages_and_the_rules_own_judgments_alone(profile: Profile) -> None:
    rules = Classifier(profile, theme_model=None)
    model = Classifier(profile, theme_model=toy_model())
    for text in ("slagsmål och knivhot vid torget zorblat",  # violence clear (0.8 or more): not a close call
                 "gruset zorblat",  # two words: too short to ask
                 "Det ligger sprutor i buskarna bredvid lekplatsen zorblat",  # public space by context words only
                 "Det brinner i huset nu zorblat, kom fort!"):
        before, after = rules.classify(text, "sv"), model.classify(text, "sv")
        assert (after.themes, after.intent) == (before.themes, before.intent), text


def test_officers_corrections_with_themes_teach_the_shipped_model() -> None:
    text = "qwxyzzy vid macken igen"
    before = ThemeModel.load().log_odds(text)["traffic"]
    taught = ThemeModel.load([Correction(f"qwxyzzy vid macken {n}", "tip", ("traffic",), None)
                              for n in range(5)]).log_odds(text)["traffic"]
    assert taught > before + 10
    unchanged = ThemeModel.load([Correction(f"qwxyzzy vid macken {n}", "tip", None, None)
                                 for n in range(5)]).log_odds(text)["traffic"]
    assert unchanged == before  # a correction of the intent alone says nothing of themes


def test_it_can_be_switched_off(profile: Profile) -> None:
    assert Classifier(profile, theme_model=None)._theme_model is None
    assert isinstance(Classifier(profile)._theme_model, ThemeModel)


def test_the_shipped_model_is_what_its_corpora_give() -> None:
    """theme_model.json is rebuilt (bench/train_theme_model.py) from corpora.TRAINING whenever it changes."""
    sys.path.insert(0, str(BENCH))
    try:
        import corpora
    finally:
        sys.path.remove(str(BENCH))
    shipped = json.loads(resources.files("bot.classifier").joinpath("theme_model.json").read_text("utf-8"))
    assert shipped["trained_on"] == list(corpora.TRAINING)
    rebuilt = model_data((row["text"], row["themes"]) for name in shipped["trained_on"] for row in corpora.read(name))
    assert (shipped["labels"], shipped["docs"], shipped["counts"]) == (rebuilt["labels"], rebuilt["docs"],
                                                                        rebuilt["counts"])
