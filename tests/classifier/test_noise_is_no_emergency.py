"""Text that says nothing is never an emergency, whatever the statistical models learnt.

Round 17's retrained emergency model gave "nultecken och omvänd text och nollbredd" (the hostile-text case of
tests/bot/test_durability.py, control characters and all) log-odds 9 from "text", "och" and a word it had never
seen, and the bot answered it with the 112 redirect. Only the whole suite caught it; this catches it where a
retraining is checked, in tests/classifier.
"""

import pytest

NOISE = [
    "nul\x00tecken och \u202eomvänd\u202c text och \u200bnollbredd",
    "nultecken och omvänd text och nollbredd",
    "<b>bold</b> & </code> <a href='javascript:alert(1)'>x</a>",
    "[@click=app.quit] [/] [link=https://evil.example]klick[/link]",
    "=HYPERLINK(\"http://evil.example\",\"klicka\") +cmd @SUM(A1)",
    "'; DROP TABLE submissions; --",
    "\x1b[31mröd\x1b[0m \x1b]8;;http://x\x07länk\x1b]8;;\x07 \x07\x08",
    "ensamt surrogat \ud800 här",
    "🚲" * 500,
    "asdf qwerty zxcv hjkl uiop bnm",
    "lorem ipsum dolor sit amet consectetur adipiscing elit",
    "test test test test test test",
    "blaha blaha och blaha och text och mer text",
]


@pytest.mark.parametrize("text", NOISE)
def test_noise_is_no_emergency(clf, text: str) -> None:
    result = clf.classify(text, "sv")
    assert result.intent != "emergency", result.explain["intent"]
    assert not result.urgent
