"""Classify messages: one per line on standard input, one JSON object per line out.

Each output object has lang, intent, themes, place, confidence and explain.
With --jsonl each input line is an object with "text" and an optional
"language_code". A bad line gives an error object for that line; the rest go on.
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--jsonl", action="store_true", help='read JSON objects {"text": ..., "language_code": ...}')


def run(args: argparse.Namespace) -> int:
    from bot.classifier.cli import run_classify
    from trygg.runtime import settings_and_profile

    _, profile = settings_and_profile()
    return run_classify(sys.stdin, sys.stdout, profile, jsonl=args.jsonl, freeze=True)
