"""The labelled classifier corpora (``bench/data/classifier``) and which of them the models learn from.

Each ``heldoutN.jsonl`` was written by a different author. A set joins HELD_OUT (and so the models'
training and the leave-one-corpus-out scripts) only after it has been measured blind: ``heldout10.jsonl``
measured round 9 and joined in round 10; ``heldout11.jsonl`` and ``heldout12.jsonl`` measured round 10 and
joined in round 11; ``heldout13.jsonl`` and ``heldout14.jsonl`` measured round 11 and joined in round 12;
``heldout15.jsonl`` and ``heldout16.jsonl`` measured round 12 and round 13 tuned the rules on them (its
retrained models were not shipped); ``heldout17.jsonl`` and ``heldout18.jsonl`` measured rounds 12 and 13;
all four joined in round 14, which tuned the rules on heldout17 and heldout18 and retrained both models on
every set here (see that folder's README). Round 17 added ``heldout19.jsonl`` to ``heldout24.jsonl`` and
retrained all three models; it was not shipped (the emergency model made a meaningless message an emergency).
Round 18 added ``heldout19.jsonl`` to ``heldout26.jsonl`` (all eight measured blind, the last two in round 17) and
retrained all three models, with the emergency model estimating each feature's probability per message so that
words as common in other messages as in emergencies weigh nothing (see that folder's README for the figures).
``heldout27.jsonl`` and ``heldout28.jsonl`` measured round 18 blind and joined in round 19, which tuned the rules on them
and retrained all three models; ``heldout29.jsonl`` and ``heldout30.jsonl`` measured rounds 18 and 19 blind and joined
in round 20 likewise; ``heldout31.jsonl`` and ``heldout32.jsonl`` measured rounds 19 and 20 blind and joined in
round 21 likewise; ``heldout33.jsonl`` and ``heldout34.jsonl`` measured rounds 20 and 21 blind and joined in
round 22 likewise; ``heldout35.jsonl`` and ``heldout36.jsonl`` measured rounds 21 and 22 blind and joined in
round 23 likewise; ``heldout37.jsonl`` and ``heldout38.jsonl`` measured rounds 22 and 23 blind and joined in
round 24 likewise; ``heldout39.jsonl`` to ``heldout42.jsonl`` measured rounds 22 to 24 blind (the last two rounds
23 and 24) and joined in round 25 likewise; ``heldout43.jsonl`` and ``heldout44.jsonl`` measured rounds 24 to 26
blind and joined in round 27 likewise; ``heldout45.jsonl`` to ``heldout48.jsonl`` measured rounds 26 and 27 blind and
joined in round 28 likewise; ``heldout49.jsonl`` and ``heldout50.jsonl`` measured rounds 26 to 28 blind and joined in
round 29 likewise; ``heldout51.jsonl`` and ``heldout52.jsonl`` measured rounds 26 to 29 blind and joined in round 30
likewise; ``heldout53.jsonl`` and ``heldout54.jsonl`` measured rounds 28 to 30 blind and joined in round 31 likewise;
``heldout55.jsonl`` and ``heldout56.jsonl`` measured rounds 30 and 31 blind and joined in round 32 likewise;
``heldout57.jsonl`` to ``heldout62.jsonl`` measured rounds 31 and 32 blind; the first four joined in round 33
likewise; ``heldout61.jsonl`` to ``heldout64.jsonl`` (the last two measured rounds 32 and 33 blind, the first two
rounds 31 to 33) joined in round 34 likewise; ``heldout65.jsonl`` to ``heldout68.jsonl``, measured blind with rounds
33 and 34, joined in round 35 likewise; ``heldout69.jsonl`` to ``heldout72.jsonl``, measured blind with rounds 34 and
35, joined in round 36 likewise; ``heldout73.jsonl`` to ``heldout76.jsonl``, measured blind with rounds 35 and 36,
joined in round 37 likewise; ``heldout77.jsonl`` to ``heldout80.jsonl``, measured blind with rounds 36 and 37, are not
in HELD_OUT yet: they join in the next round that retrains the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "classifier"
TUNE = "tune.jsonl"
HELD_OUT = tuple(f"heldout{n}.jsonl" for n in ("", 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76))
TRAINING = (TUNE, *HELD_OUT)


def read(name: str) -> list[dict[str, Any]]:
    """The labelled messages of one corpus."""
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines() if line.strip()]
