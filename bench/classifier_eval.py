"""Measure the classifier on a labelled corpus: quality per label and throughput.

    /work/venv/bin/python bench/classifier_eval.py [CORPUS.jsonl ...] [--errors] [--messages N]

Without a corpus argument it scores bench/data/classifier/tune.jsonl and
bench/data/classifier/heldout.jsonl, each reported on its own (a missing file
is reported and skipped). Each line: {"text", "language_code"?, "lang",
"intent", "themes", "place"}. Prints per-label precision/recall/F1 (each
intent, each theme, emergency), theme macro-F1, intent accuracy and the
confusion matrix, language accuracy (all and on messages of at most five
words), place accuracy; then throughput on one core (a cold classifier that
has seen nothing, and a warm run of N classifications with language
detection included) against langdetect's own detect() per message measured
in the same run, per CPU second of this process (wall-clock figures beside
them: on a shared machine they also count other jobs). Always exits 0.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.classifier import Classifier  # noqa: E402
from storage.profile import load_profile  # noqa: E402
from storage.vocabulary import INTENTS, THEMES  # noqa: E402

DEFAULT_CORPORA = [ROOT / "bench/data/classifier/tune.jsonl", ROOT / "bench/data/classifier/heldout.jsonl"]
TARGETS = {"emergency_recall": 0.98, "emergency_precision": 0.80, "theme_macro_f1": 0.90,
           "intent_accuracy": 0.90, "language_accuracy": 0.97, "place_accuracy": 0.95}


@dataclass
class Record:
    line: int
    text: str
    language_code: str | None
    lang: str
    intent: str
    themes: tuple[str, ...]
    place: str | None


@dataclass
class Report:
    n: int = 0
    intent_correct: int = 0
    lang_correct: int = 0
    short_n: int = 0
    short_lang_correct: int = 0
    place_correct: int = 0
    confusion: Counter = field(default_factory=Counter)
    label_counts: dict[str, Counter] = field(default_factory=dict)  # label -> tp/fp/fn
    errors: list[str] = field(default_factory=list)

    def count(self, label: str, gold: bool, predicted: bool) -> None:
        counts = self.label_counts.setdefault(label, Counter())
        if gold and predicted:
            counts["tp"] += 1
        elif predicted:
            counts["fp"] += 1
        elif gold:
            counts["fn"] += 1

    def prf(self, label: str) -> tuple[float, float, float, int]:
        c = self.label_counts.get(label, Counter())
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1, tp + fn

    @property
    def theme_macro_f1(self) -> float:
        return sum(self.prf(f"theme:{t}")[2] for t in THEMES) / len(THEMES)

    @property
    def intent_accuracy(self) -> float:
        return self.intent_correct / self.n if self.n else 0.0

    @property
    def language_accuracy(self) -> float:
        return self.lang_correct / self.n if self.n else 0.0

    @property
    def short_language_accuracy(self) -> float:
        return self.short_lang_correct / self.short_n if self.short_n else 1.0

    @property
    def place_accuracy(self) -> float:
        return self.place_correct / self.n if self.n else 0.0

    def figures(self) -> dict[str, float]:
        precision, recall, _, _ = self.prf("intent:emergency")
        return {"emergency_recall": recall, "emergency_precision": precision,
                "theme_macro_f1": self.theme_macro_f1, "intent_accuracy": self.intent_accuracy,
                "language_accuracy": self.language_accuracy, "place_accuracy": self.place_accuracy}


def load_corpus(path: Path) -> tuple[list[Record], list[str]]:
    records: list[Record] = []
    problems: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            records.append(Record(number, raw["text"], raw.get("language_code"), raw["lang"], raw["intent"],
                                  tuple(sorted(raw.get("themes") or ())), raw.get("place")))
        except (ValueError, KeyError, TypeError) as exc:
            problems.append(f"{path.name}:{number}: skipped ({exc.__class__.__name__}: {exc})")
    return records, problems


def evaluate(classifier: Classifier, records: list[Record]) -> Report:
    report = Report()
    for record in records:
        result = classifier.classify(record.text, record.language_code)
        report.n += 1
        report.confusion[(record.intent, result.intent)] += 1
        report.intent_correct += result.intent == record.intent
        for intent in INTENTS:
            report.count(f"intent:{intent}", record.intent == intent, result.intent == intent)
        for theme in THEMES:
            report.count(f"theme:{theme}", theme in record.themes, theme in result.themes)
        report.lang_correct += result.lang == record.lang
        if len(record.text.split()) <= 5:
            report.short_n += 1
            report.short_lang_correct += result.lang == record.lang
        report.place_correct += result.place == record.place
        wrong = []
        if result.intent != record.intent:
            wrong.append(f"intent {result.intent} (gold {record.intent})")
        if result.themes != record.themes:
            wrong.append(f"themes {list(result.themes)} (gold {list(record.themes)})")
        if result.lang != record.lang:
            wrong.append(f"lang {result.lang} (gold {record.lang})")
        if result.place != record.place:
            wrong.append(f"place {result.place} (gold {record.place})")
        if wrong:
            report.errors.append(f"line {record.line}: {'; '.join(wrong)}\n    {record.text[:160]!r}\n"
                                 f"    {json.dumps(result.explain, ensure_ascii=False)[:600]}")
    return report


def print_report(name: str, report: Report, show_errors: bool) -> None:
    print(f"\n=== {name}: {report.n} messages ===")
    print(f"{'label':28} {'prec':>6} {'recall':>7} {'F1':>6} {'support':>8}")
    for label in [f"intent:{i}" for i in INTENTS] + [f"theme:{t}" for t in THEMES]:
        p, r, f, support = report.prf(label)
        print(f"{label:28} {p:6.3f} {r:7.3f} {f:6.3f} {support:8d}")
    p, r, f, support = report.prf("intent:emergency")
    print(f"\nemergency: precision {p:.3f}, recall {r:.3f}, F1 {f:.3f} (support {support})")
    print(f"theme macro-F1: {report.theme_macro_f1:.3f}")
    print(f"intent accuracy: {report.intent_accuracy:.3f}")
    print(f"language accuracy: {report.language_accuracy:.3f} (messages of <= 5 words: "
          f"{report.short_language_accuracy:.3f} of {report.short_n})")
    print(f"place accuracy: {report.place_accuracy:.3f}")
    print("\nintent confusion (rows gold, columns predicted):")
    short = {"emergency": "emerg", "tip": "tip", "feedback": "feedb", "neighbourhood_watch": "watch", "question": "quest"}
    print(" " * 10 + "".join(f"{short[i]:>7}" for i in INTENTS))
    for gold in INTENTS:
        print(f"{short[gold]:10}" + "".join(f"{report.confusion[(gold, pred)]:7d}" for pred in INTENTS))
    print("\ntargets:")
    for key, value in report.figures().items():
        target = TARGETS[key]
        print(f"  {key:20} {value:.3f}  (target >= {target:.2f}) {'ok' if value >= target else 'BELOW'}")
    if show_errors and report.errors:
        print(f"\n{len(report.errors)} messages with at least one wrong label:")
        for error in report.errors:
            print(error)


def _timed(work) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``work()``. The CPU time of this one process is the figure for
    "one core": on a machine shared with other jobs the wall clock also counts their time."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def throughput(profile, texts: list[tuple[str, str | None]], messages: int) -> None:
    import langdetect
    from langdetect import DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    print(f"\n=== throughput (one core, {len(texts)} distinct corpus texts; "
          f"messages per CPU second of this process, wall clock in brackets) ===")
    start = time.perf_counter()
    cold = Classifier(profile)
    built = time.perf_counter() - start
    # As `trygg bot` and `trygg classify` do once loaded: what loading built lives as long as the process, and a
    # full collection would otherwise walk its ~200,000 objects again (bot/classifier/cli.py, trygg/commands/bot.py).
    gc.collect()
    gc.freeze()
    wall, cpu = _timed(lambda: [cold.classify(text, code) for text, code in texts])
    cold_rate = len(texts) / cpu
    print(f"classifier built in {built * 1000:.0f} ms (lexicons, langdetect profiles, places)")
    print(f"cold (fresh classifier, every text seen once; loaded objects frozen, as in the product): "
          f"{cold_rate:,.0f} messages/s [{len(texts) / wall:,.0f}]")

    warm = Classifier(profile)
    gc.freeze()
    batch = [texts[i % len(texts)] for i in range(messages)]
    wall, cpu = _timed(lambda: [warm.classify(text, code) for text, code in batch])
    rate = len(batch) / cpu
    print(f"steady state ({len(batch):,} classifications; no cache keyed on the whole text, "
          f"per-word caches warm): {rate:,.0f} messages/s [{len(batch) / wall:,.0f}]")

    explains = [warm.classify(text, code).explain for text, code in texts]
    langdetect_calls = sum(1 for explain in explains if "langdetect" in explain["lang"])
    print(f"messages that needed langdetect itself: {langdetect_calls} of {len(texts)}")
    boosted = sum(1 for explain in explains if "statistical model" in str(explain.get("intent", "")))
    print(f"emergencies the statistical model added to the rules' (bot/classifier/booster.py): {boosted} of {len(texts)}")

    DetectorFactory.seed = 0
    sample = [t for t, _ in texts if t.strip()]
    calls = sample * 3
    calls = calls[:2000]

    def detect_all() -> None:
        for text in calls:
            try:
                langdetect.detect(text)
            except LangDetectException:
                pass

    wall, cpu = _timed(detect_all)
    baseline = len(calls) / cpu
    print(f"baseline, langdetect.detect() alone per message ({len(calls):,} calls): {baseline:,.0f} messages/s "
          f"[{len(calls) / wall:,.0f}]")
    print(f"ratio classifier/langdetect: cold {cold_rate / baseline:.1f}x, steady {rate / baseline:.1f}x "
          f"(target: >= 2,000 messages/s including language detection: "
          f"{'ok' if min(cold_rate, rate) >= 2000 else 'BELOW'})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="JSONL corpus files (default: tune and heldout)")
    parser.add_argument("--errors", action="store_true", help="list every message with a wrong label")
    parser.add_argument("--messages", type=int, default=20_000, help="classifications for the throughput run")
    parser.add_argument("--no-throughput", action="store_true")
    args = parser.parse_args(argv)
    profile = load_profile()
    classifier = Classifier(profile)
    all_texts: list[tuple[str, str | None]] = []
    for path in args.corpora or DEFAULT_CORPORA:
        if not path.exists():
            print(f"\n=== {path}: not found, skipped ===")
            continue
        records, problems = load_corpus(path)
        for problem in problems:
            print(problem)
        print_report(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
                     evaluate(classifier, records), args.errors)
        all_texts.extend((r.text, r.language_code) for r in records)
    if all_texts and not args.no_throughput:
        throughput(profile, list(dict.fromkeys(all_texts)), args.messages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
