"""Text that says nothing is never an emergency, whatever the statistical models learnt.

Round 17's retrained emergency model gave the hostile-text case of tests/bot/test_durability.py, as the bot
stores it ("nultecken och \\u202eomvänd\\u202c text och \\u200bnollbredd": the NUL dropped, the rest kept),
log-odds 9 from "text", "och" and a word it had never seen, and the bot answered it with the 112 redirect. Only
the whole suite caught it; this catches it where a retraining is checked, in tests/classifier. The hostile
corpus (tests/hostile/corpus.py, bare and inside an ordinary tip or complaint) must not become emergencies either.
"""

import pytest

from tests.hostile.corpus import hostile_texts

NOISE = {
    "durability-case-as-stored": "nultecken och \u202eomvänd\u202c text och \u200bnollbredd",
    "durability-case-plain": "nultecken och omvänd text och nollbredd",
    "keyboard-rows": "asdf qwerty zxcv hjkl uiop bnm",
    "lorem-ipsum": "lorem ipsum dolor sit amet consectetur adipiscing elit",
    "test-repeated": "test test test test test test",
    "filler": "blaha blaha och blaha och text och mer text",
}
CASES = {**NOISE, **{f"hostile-{case.id}": case.text for case in hostile_texts()}}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_noise_is_no_emergency(clf, text: str) -> None:
    result = clf.classify(text, "sv")
    assert result.intent != "emergency", result.explain["intent"]
    assert not result.urgent
