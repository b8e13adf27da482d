"""Leave-one-corpus-out measure of the close-call intent model (``bot/classifier/intent_model.py``).

    python bench/intent_loco.py [--close 0.2] [--margin 2.0]

For each held-out set (each by a different author): train the intent model on ``tune.jsonl`` and every
other set, classify the left-out set with it and without it (rules alone; the emergency model is left out
of both so that only the intent model differs) and print intent accuracy per set and the mean over sets.
``--close`` and ``--margin`` override the shipped CLOSE and MARGIN, to compare settings the same way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import bot.classifier.classifier as classifier_module  # noqa: E402
from bot.classifier import Classifier  # noqa: E402
from bot.classifier.intent_model import CLOSE, MARGIN, IntentModel  # noqa: E402
from corpora import HELD_OUT as FOLDS, TUNE as ALWAYS_TRAINED, read  # noqa: E402  (bench/corpora.py)
from storage.profile import load_profile  # noqa: E402



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--close", type=float, default=CLOSE)
    parser.add_argument("--margin", type=float, default=MARGIN)
    args = parser.parse_args()
    classifier_module.CLOSE, classifier_module.MARGIN = args.close, args.margin
    profile = load_profile()
    corpora = {name: read(name) for name in (ALWAYS_TRAINED, *FOLDS)}
    alone = Classifier(profile, emergency_model=None, intent_model=None)
    print(f"close call within {args.close}, margin {args.margin}")
    print(f"{'left out':16} {'rules':>7} {'model':>7} {'changed':>8} {'right':>6} {'wrong':>6}")
    means = [0.0, 0.0]
    for name in FOLDS:
        model = IntentModel.trained((r["text"], r["intent"]) for n, rs in corpora.items() if n != name for r in rs)
        helped = Classifier(profile, emergency_model=None, intent_model=model)
        before = after = changed = right = wrong = 0
        for r in corpora[name]:
            a = alone.classify(r["text"], r.get("language_code")).intent
            b = helped.classify(r["text"], r.get("language_code")).intent
            before += a == r["intent"]
            after += b == r["intent"]
            changed += a != b
            right += a != b and b == r["intent"]
            wrong += a != b and a == r["intent"]
        n = len(corpora[name])
        means[0] += before / n / len(FOLDS)
        means[1] += after / n / len(FOLDS)
        print(f"{name:16} {before / n:7.3f} {after / n:7.3f} {changed:8d} {right:6d} {wrong:6d}", flush=True)
    print(f"{'mean':16} {means[0]:7.3f} {means[1]:7.3f}")


if __name__ == "__main__":
    main()
