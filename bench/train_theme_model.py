"""Train the classifier's theme model (``bot/classifier/theme_model.json``) from labelled corpora.

    python bench/train_theme_model.py [CORPUS.jsonl ...]

Default: every corpus in ``bench/data/classifier`` listed in TRAINING (``bench/corpora.py``), as
``bench/train_booster.py`` does for the emergency and intent models: when HELD_OUT changes, run both. A
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

from bot.classifier import theme_model  # noqa: E402
from corpora import DATA, TRAINING  # noqa: E402  (bench/corpora.py)
from train_booster import write  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=[DATA / name for name in TRAINING])
    args = parser.parse_args()
    rows = [json.loads(line) for path in args.corpora for line in path.read_text("utf-8").splitlines() if line.strip()]
    data = theme_model.model_data((row["text"], row["themes"]) for row in rows)
    out = write(theme_model.MODEL_FILE, {"trained_on": [p.name for p in args.corpora], **data})
    print(f"{out.relative_to(REPO)}: {dict(zip(data['labels'], data['docs']))}, {len(data['counts'])} features, "
          f"{out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
