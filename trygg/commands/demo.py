"""Not available yet (issue #8)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("trygg demo: not available yet (issue #8)", file=sys.stderr)
    return 2
