"""Train the classifier's statistical models from labelled corpora: the emergency model
(``bot/classifier/booster.json``) and the close-call intent model (``bot/classifier/intent_model.json``).

    python bench/train_booster.py [CORPUS.jsonl ...]

Default: every corpus in ``bench/data/classifier`` listed in TRAINING (``bench/corpora.py``). A
corpus still waiting to be measured blind must not be listed (see that folder's README).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bot.classifier import booster, intent_model  # noqa: E402
from corpora import DATA, TRAINING  # noqa: E402  (bench/corpora.py)



def write(name: str, data: dict) -> Path:
    out = REPO / "bot" / "classifier" / name
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[DATA / name for name in TRAINING])
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.corpora for line in path.read_text("utf-8").splitlines() if line.strip()]
    trained_on = [p.name for p in args.corpora]
    data = booster.model_data((row["text"], row["lang"], row["intent"] == "emergency") for row in rows)
    out = write(booster.MODEL_FILE, {"trained_on": trained_on, **data})
    print(f"{out.relative_to(REPO)}: {data['docs'][0]} emergencies, {data['docs'][1]} others, "
          f"{len(data['counts'])} features, {out.stat().st_size / 1e6:.1f} MB; per language: {data['languages']}")
    data = intent_model.model_data((row["text"], row["intent"]) for row in rows)
    out = write(intent_model.MODEL_FILE, {"trained_on": trained_on, **data})
    print(f"{out.relative_to(REPO)}: {dict(zip(data['labels'], data['docs']))}, {len(data['counts'])} features, "
          f"{out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
