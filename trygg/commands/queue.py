"""Print the queue, most urgent first then newest, as text or one JSON object per line (--json)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys

from storage.vocabulary import INTENTS, STATUSES, THEMES


def iso_date(value: str) -> dt.datetime:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-11-01, got {value!r}") from None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def limit(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if not 1 <= number <= 1_000_000:
        raise argparse.ArgumentTypeError("must be between 1 and 1000000")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--status", choices=STATUSES, action="append", help="only this status (repeatable)")
    parser.add_argument("--intent", choices=INTENTS, action="append", help="only this intent (repeatable)")
    parser.add_argument("--theme", choices=THEMES, action="append", help="only submissions with this theme")
    parser.add_argument("--place", action="append", help="only this place id (see the profile)")
    parser.add_argument("--since", type=iso_date, help="created on or after this date (YYYY-MM-DD)")
    parser.add_argument("--limit", type=limit, default=50, help="at most this many (default 50)")


def run(args: argparse.Namespace) -> int:
    return asyncio.run(_run(args))


async def _run(args: argparse.Namespace) -> int:
    from storage.errors import ConfigError
    from storage.queries import QueueFilter, queue_page
    from trygg.runtime import open_migrated_database, settings_and_profile

    settings, profile = settings_and_profile()
    for place in args.place or ():
        if profile.place(place) is None:
            known = ", ".join(p.id for p in profile.places)
            raise ConfigError(f"unknown place {place!r}; the profile has: {known}")
    flt = QueueFilter(
        statuses=tuple(args.status or ()), intents=tuple(args.intent or ()), themes=tuple(args.theme or ()),
        places=tuple(args.place or ()), since=args.since,
    )
    db = await open_migrated_database(settings)
    out = sys.stdout
    try:
        remaining, cursor = args.limit, None
        async with db.read() as session:
            while remaining > 0:
                rows = await queue_page(session, flt, after=cursor, limit=min(remaining, 1000))
                if not rows:
                    break
                for row in rows:
                    out.write(_render(row, args.json) + "\n")
                remaining -= len(rows)
                cursor = rows[-1].cursor
    finally:
        await db.close()
    return 0


def _render(row, as_json: bool) -> str:  # noqa: ANN001 - a storage.queries.QueueRow
    if as_json:
        return json.dumps({
            "ref": row.ref, "kind": row.kind, "intent": row.intent, "status": row.status,
            "themes": list(row.themes), "lang": row.lang, "place": row.place,
            "created_at": row.created_at.isoformat(), "text": row.snippet,
        }, ensure_ascii=False)
    # Plain text for a terminal: control characters from citizens are shown escaped, never run.
    snippet = row.snippet.encode("unicode_escape").decode("ascii") if not row.snippet.isprintable() else row.snippet
    return f"{row.ref}  {row.intent:<19} {row.status:<11} {row.place or '-':<12} {','.join(row.themes) or '-':<24} {snippet[:60]}"
