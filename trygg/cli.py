"""The ``trygg`` command: one composition root per subcommand.

Each subcommand lives in ``trygg/commands/<name>.py`` with ``add_arguments``
and ``run(args) -> int``; heavy imports happen inside ``run`` so ``--help``
is instant. Every ``TryggError`` becomes one line on stderr and its exit
code; a traceback means a bug.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from storage.errors import TryggError

COMMANDS: dict[str, str] = {
    "bot": "run the citizen Telegram bot",
    "triage": "open the officers' triage console",
    "export": "write the weekly kartläggning export",
    "queue": "print the queue (for scripts)",
    "classify": "classify messages from standard input",
    "seed": "fill the database with realistic synthetic submissions",
    "db": "create, migrate or purge the database",
    "demo": "the whole system on one screen, without Telegram",
}


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the fix, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="trygg", description="Trygg: citizen dialogue and tip intake for local police.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True
    for name, summary in COMMANDS.items():
        module = importlib.import_module(f"trygg.commands.{name}")
        command_parser = sub.add_parser(name, help=summary, description=module.__doc__)
        module.add_arguments(command_parser)
        command_parser.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except TryggError as exc:
        print(f"trygg {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"trygg {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
