"""Run the local Bot API on its own: ``python -m bot.localapi --port 8081 --token T``.

Useful to point a separately started bot (``TRYGG_TELEGRAM_API_URL``) at it.
Without a citizen side attached nobody writes to the bot, so this mainly
serves manual checks of the bot's startup calls (getMe, setMyCommands, ...).
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from .api import DEFAULT_TOKEN, LocalBotApi
from .server import LATENCY_MODELS


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot.localapi", description="Run the loopback Telegram Bot API server on its own."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8081, help="port to listen on, 0 for any free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="bot token to accept")
    parser.add_argument("--latency", type=float, default=0.0, help="round-trip seconds added to every method call")
    parser.add_argument("--latency-model", choices=LATENCY_MODELS, default="split",
                        help="split: half before the call is handled, half on the way back (default); "
                             "before: all of it before the call is handled")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be 0-65535, not {args.port}")
    if args.latency < 0:
        parser.error("--latency must not be negative")
    if not args.token.strip():
        parser.error("--token must not be empty")
    return args


async def _serve(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with LocalBotApi(args.host, args.port, args.token, latency=args.latency,
                           latency_model=args.latency_model) as api:
        print(f"Local Bot API listening: base_url={api.base_url} base_file_url={api.base_file_url}", flush=True)
        print(f"token={api.token}  (Ctrl+C stops)", flush=True)
        await stop.wait()
    print("Local Bot API stopped.", flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    try:
        asyncio.run(_serve(args))
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
