"""The same message gets the same labels and explanation in every process.

Python salts the order of sets and of str-keyed dict building from sets per process (PYTHONHASHSEED):
a tie between languages, or a sum of model weights taken in set order, must not depend on it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Every 7th message of two corpora, with and without Telegram's language code: short Nordic messages with tied
# function words, long ones, and ones the models score.
SCRIPT = """
import json, sys
from bot.classifier import Classifier
from storage.profile import load_profile
classifier = Classifier(load_profile())
for name in ("tune.jsonl", "heldout11.jsonl"):
    rows = [json.loads(line) for line in open(f"bench/data/classifier/{name}", encoding="utf-8")][::7]
    for row in rows:
        for code in (row.get("language_code"), None):
            print(repr(classifier.classify(row["text"], code)))
"""


def _run(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300, check=True)
    return done.stdout.splitlines()


def test_results_do_not_depend_on_the_processs_hash_seed() -> None:
    first, second = _run("1"), _run("2")
    assert len(first) > 500
    differing = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    assert not differing, f"{len(differing)} results differ between processes, e.g. {differing[0]}"
