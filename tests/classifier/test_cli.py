import io
import json

from bot.classifier import Correction
from bot.classifier.cli import run_classify


def run(profile, text, *, jsonl, **kwargs):
    out = io.StringIO()
    code = run_classify(io.StringIO(text), out, profile, jsonl=jsonl, **kwargs)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_plain_lines(profile):
    code, rows = run(profile, "Det brinner!\nmer polis i Fjällbacka\n", jsonl=False)
    assert code == 0
    assert [r["intent"] for r in rows] == ["emergency", "feedback"]
    assert set(rows[0]) == {"lang", "intent", "themes", "place", "confidence", "explain"}
    assert rows[1]["place"] == "fjallbacka"


def test_jsonl_with_language_code_and_id(profile):
    line = json.dumps({"id": "a1", "text": "Polisen kom inte", "language_code": "en"})
    code, rows = run(profile, line + "\n", jsonl=True)
    assert code == 0
    assert rows == [{**rows[0], "id": "a1", "lang": "sv"}]


def test_bad_lines_give_an_error_object_and_the_rest_go_on(profile):
    lines = [
        '{"text": "han står utanför med kniv"}',
        '{"text": "unterminated',
        "[1, 2]",
        '{"language_code": "sv"}',
        '{"text": 42}',
        '{"text": "hej", "language_code": 7}',
        "",
        '{"text": "förra veckan var det inbrott", "language_code": null}',
    ]
    code, rows = run(profile, "\n".join(lines) + "\n", jsonl=True)
    assert code == 0
    assert len(rows) == len(lines)
    assert rows[0]["intent"] == "emergency"
    assert rows[-1]["intent"] == "tip"
    errors = {row["line"]: row["error"] for row in rows if "error" in row}
    assert sorted(errors) == [2, 3, 4, 5, 6, 7]
    assert errors[2].startswith("invalid JSON")
    assert "missing" in errors[4] and "text" in errors[4]
    assert "string" in errors[5]


def test_empty_input(profile):
    assert run(profile, "", jsonl=True) == (0, [])


def test_corrections_are_used(profile):
    _, rows = run(profile, "tjo tjena\n", jsonl=False, corrections=[Correction("tjo tjena", "question", None, None)])
    assert rows[0]["intent"] == "question"
