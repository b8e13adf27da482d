"""``trygg classify``: classify messages from standard input, one JSON object per line out.

Plain mode: every input line is one message (the newline is not part of it).
``--jsonl`` mode: every line is an object with ``text`` and an optional
``language_code``; an ``id`` is echoed back if present. A line that cannot be
used (invalid JSON, no ``text``, wrong types) gives an object with ``line`` and
``error`` for that line, and the rest go on. The exit status is 0.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable
from typing import Any, TextIO

from bot.classifier.classifier import Classifier
from bot.classifier.model import Correction
from storage.profile import Profile


def run_classify(stdin: TextIO, stdout: TextIO, profile: Profile, *, jsonl: bool,
                 corrections: Iterable[Correction] = (), freeze: bool = False) -> int:
    """``freeze``: for a process that does nothing else (``trygg classify``), hide what loading built from the
    garbage collector (``gc.freeze``), as ``trygg bot`` does after its start: langdetect's profiles, the lexicons
    and the models are some 200,000 objects that live as long as the process, and each full collection walked
    them all again (about 0.1 s each, several in a run of a few thousand messages)."""
    classifier = Classifier(profile, corrections)
    if freeze:
        gc.collect()
        gc.freeze()
    for number, line in enumerate(stdin, 1):
        line = line.rstrip("\r\n")
        try:
            out = _classify_line(classifier, line, number, jsonl)
        except Exception as exc:  # noqa: BLE001 - one bad line must not stop the rest
            out = {"line": number, "error": f"could not classify: {exc.__class__.__name__}: {exc}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    stdout.flush()
    return 0


def _classify_line(classifier: Classifier, line: str, number: int, jsonl: bool) -> dict[str, Any]:
    if not jsonl:
        return classifier.classify(line).to_json()
    if not line.strip():
        return {"line": number, "error": "empty line; expected a JSON object with \"text\""}
    try:
        item = json.loads(line)
    except ValueError as exc:
        return {"line": number, "error": f"invalid JSON: {exc}"}
    if not isinstance(item, dict):
        return {"line": number, "error": f"expected a JSON object, got {type(item).__name__}"}
    if "text" not in item:
        return {"line": number, "error": "missing \"text\""}
    text, code = item["text"], item.get("language_code")
    if not isinstance(text, str):
        return {"line": number, "error": f"\"text\" must be a string, got {type(text).__name__}"}
    if code is not None and not isinstance(code, str):
        return {"line": number, "error": f"\"language_code\" must be a string or null, got {type(code).__name__}"}
    out = classifier.classify(text, code).to_json()
    if "id" in item:
        out = {"id": item["id"], **out}
    return out
