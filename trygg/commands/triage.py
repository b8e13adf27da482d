"""Not available yet (issue #5)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("trygg triage: not available yet (issue #5)", file=sys.stderr)
    return 2
