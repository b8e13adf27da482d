"""Not available yet (issue #6)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("trygg export: not available yet (issue #6)", file=sys.stderr)
    return 2
