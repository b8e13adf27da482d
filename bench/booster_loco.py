"""Leave-one-corpus-out measure of the emergency model (``bot/classifier/booster.py``) beside the rules.

    python bench/booster_loco.py [--model nb|lr|both] [--cost C]

Each ``heldoutN.jsonl`` was written by a different author, so the honest question is how the model does on
an author it has never seen: for each held-out set, train on ``tune.jsonl`` and every other set, and measure
on the one left out. The threshold is chosen the same way, one level down: for each left-out set, an inner
leave-one-corpus-out over the remaining sets picks the threshold that maximises (emergencies added) minus
C x (false emergencies added); the left-out set never takes part in choosing it.

The rules (and the gate that decides when the model may speak) are run once per message with a recording
stand-in for the model; every trained model then only scores the texts the gate let through.
Since round 9 the gate also asks the model beside weak cues, where it must reach OVERRIDE_LOG_ODDS; this
script applies its one threshold to every message asked, so it overstates additions there: for the gate
and threshold as shipped, use ``bench/gate_loco.py``.
Prints, per left-out set and as a mean over sets: emergency recall and precision, intent accuracy, for the
rules alone and with the model.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bot.classifier import Classifier  # noqa: E402
from bot.classifier.booster import EmergencyModel, per_language, spoken  # noqa: E402
from corpora import HELD_OUT as FOLDS, TUNE as ALWAYS_TRAINED, read  # noqa: E402
from logistic_model import LogisticEmergencyModel  # noqa: E402  (bench/logistic_model.py)
from storage.profile import load_profile  # noqa: E402

NB_THRESHOLDS = [float(t) for t in range(0, 41, 1)]
LR_THRESHOLDS = [t / 4 for t in range(-8, 41)]


@dataclass
class Row:
    text: str
    lang: str
    gold: str  # the labelled intent
    rules: str  # the rules' intent
    gated: set[str] | None  # the features of the text the model would be asked about, None when the gate said no


class _Recorder:
    """Stands in for the model: lets the gate decide, records what the model would be asked, never adds."""

    languages = None

    def __init__(self) -> None:
        self.asked: set[str] | None = None

    def knows(self, lang: str) -> bool:
        return True

    def log_odds_of(self, found: set[str]) -> float:
        self.asked = found  # the features of the text the classifier asks about (without its place name)
        return -math.inf


def gated_rows(name: str, profile) -> list[Row]:
    recorder = _Recorder()
    # the close-call intent model is left out: it was trained on every set, and it never touches an emergency
    classifier = Classifier(profile, emergency_model=recorder, intent_model=None)  # type: ignore[arg-type]
    rows = []
    for raw in read(name):
        recorder.asked = None
        result = classifier.classify(raw["text"], raw.get("language_code"))
        rows.append(Row(raw["text"], raw["lang"], raw["intent"], result.intent, recorder.asked))
    return rows


def train(kind: str, corpora: list[list[Row]]):
    rows = [row for corpus in corpora for row in corpus]
    languages = spoken(per_language((row.lang, row.gold == "emergency") for row in rows))
    examples = [(row.text, row.gold == "emergency") for row in rows]
    if kind == "nb":
        return EmergencyModel.trained(examples, languages)
    return LogisticEmergencyModel.trained(examples, languages)


def scores(model, rows: list[Row]) -> list[float | None]:
    return [model.log_odds_of(row.gated) if row.gated is not None and model.knows(row.lang) else None for row in rows]


def figures(rows: list[Row], odds: list[float | None], threshold: float) -> dict[str, float]:
    predicted = [("emergency" if o is not None and o >= threshold and r.rules != "emergency" else r.rules)
                 for r, o in zip(rows, odds)]
    tp = sum(p == "emergency" and r.gold == "emergency" for r, p in zip(rows, predicted))
    fp = sum(p == "emergency" and r.gold != "emergency" for r, p in zip(rows, predicted))
    fn = sum(p != "emergency" and r.gold == "emergency" for r, p in zip(rows, predicted))
    return {"recall": tp / (tp + fn) if tp + fn else 1.0, "precision": tp / (tp + fp) if tp + fp else 1.0,
            "intent": sum(p == r.gold for r, p in zip(rows, predicted)) / len(rows), "tp": tp, "fp": fp}


def gain(rows: list[Row], odds: list[float | None], threshold: float, cost: float) -> float:
    added = [(r.gold == "emergency") for r, o in zip(rows, odds)
             if o is not None and o >= threshold and r.rules != "emergency"]
    return sum(added) - cost * (len(added) - sum(added))


def choose_threshold(kind: str, sets: dict[str, list[Row]], train_always: list[Row], cost: float) -> float:
    """Inner leave-one-corpus-out over ``sets``: the threshold with the best summed gain."""
    grid = NB_THRESHOLDS if kind == "nb" else LR_THRESHOLDS
    totals = [0.0] * len(grid)
    for name, rows in sets.items():
        model = train(kind, [train_always] + [r for n, r in sets.items() if n != name])
        odds = scores(model, rows)
        for i, t in enumerate(grid):
            totals[i] += gain(rows, odds, t, cost)
    best = max(totals)
    return grid[min(i for i, total in enumerate(totals) if total == best)]  # the most permissive of the best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=("nb", "lr", "both"), default="both")
    parser.add_argument("--cost", type=float, default=2.0, help="a false emergency counts as this many missed")
    parser.add_argument("--fixed", type=float, default=None, help="use this threshold instead of choosing one")
    args = parser.parse_args()
    profile = load_profile()
    tune = gated_rows(ALWAYS_TRAINED, profile)
    sets = {name: gated_rows(name, profile) for name in FOLDS}
    kinds = ("nb", "lr") if args.model == "both" else (args.model,)
    for kind in kinds:
        print(f"\n=== {kind}: leave one corpus out (cost of a false emergency {args.cost}) ===")
        print(f"{'left out':16} {'thr':>6} | {'rules: rec':>10} {'prec':>6} {'intent':>7} | "
              f"{'model: rec':>10} {'prec':>6} {'intent':>7} {'+tp':>4} {'+fp':>4}")
        sums = {"r_rec": 0.0, "r_prec": 0.0, "r_int": 0.0, "m_rec": 0.0, "m_prec": 0.0, "m_int": 0.0}
        for name, rows in sets.items():
            rest = {n: r for n, r in sets.items() if n != name}
            threshold = args.fixed if args.fixed is not None else choose_threshold(kind, rest, tune, args.cost)
            model = train(kind, [tune] + list(rest.values()))
            odds = scores(model, rows)
            alone, boosted = figures(rows, odds, math.inf), figures(rows, odds, threshold)
            print(f"{name:16} {threshold:6.2f} | {alone['recall']:10.3f} {alone['precision']:6.3f} "
                  f"{alone['intent']:7.3f} | {boosted['recall']:10.3f} {boosted['precision']:6.3f} "
                  f"{boosted['intent']:7.3f} {boosted['tp'] - alone['tp']:4d} {boosted['fp'] - alone['fp']:4d}",
                  flush=True)
            for key, figs, prefix in (("rec", alone, "r_"), ("prec", alone, "r_"), ("int", alone, "r_"),
                                      ("rec", boosted, "m_"), ("prec", boosted, "m_"), ("int", boosted, "m_")):
                sums[prefix + key] += figs[{"rec": "recall", "prec": "precision", "int": "intent"}[key]]
        n = len(sets)
        print(f"{'mean':16} {'':6} | {sums['r_rec'] / n:10.3f} {sums['r_prec'] / n:6.3f} {sums['r_int'] / n:7.3f} | "
              f"{sums['m_rec'] / n:10.3f} {sums['m_prec'] / n:6.3f} {sums['m_int'] / n:7.3f}")


if __name__ == "__main__":
    main()
