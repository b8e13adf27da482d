"""Not available yet (issue #4)."""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    print("trygg bot: not available yet (issue #4)", file=sys.stderr)
    return 2
