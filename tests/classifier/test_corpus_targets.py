"""The issue's targets, asserted on the tuning corpus (the held-out set is scored by bench/)."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_eval():
    spec = importlib.util.spec_from_file_location("classifier_eval", ROOT / "bench" / "classifier_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_targets_on_tune_corpus(clf):
    bench = load_eval()
    records, problems = bench.load_corpus(ROOT / "bench/data/classifier/tune.jsonl")
    assert not problems
    assert len(records) >= 300
    report = bench.evaluate(clf, records)
    figures = report.figures()
    for key, minimum in bench.TARGETS.items():
        assert figures[key] >= minimum, (key, figures[key], report.errors[:10])
    assert report.short_language_accuracy >= 0.97
