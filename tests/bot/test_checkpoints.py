"""SQLite's write-ahead log goes into the database file in the background, not in a round's commit.

``trygg bot`` opens its database with ``background_checkpoints`` (so does the
harness): no commit copies the log, and the bot's ``wal-checkpoint`` job does,
every second, on a connection of its own.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from sqlalchemy import insert

from storage.models import RefCounter
from tests.bot.conftest import Harness


async def test_the_bot_copies_the_log_into_the_database_file(harness: Harness) -> None:
    path = Path(harness.db.engine.url.database or "")
    log = path.with_name(path.name + "-wal")
    before = path.stat().st_size
    for start in range(0, 6000, 100):  # about 1,500 pages, past SQLite's own 1,000-page checkpoint
        async with harness.db.write() as session:
            await session.execute(insert(RefCounter.__table__),
                                  [{"period": f"{i:06d}" + "x" * 200, "last": i} for i in range(start, start + 100)])
    assert log.stat().st_size > 1200 * 4096  # no commit copied it
    deadline = time.monotonic() + 15
    while path.stat().st_size < before + 500 * 4096:
        assert time.monotonic() < deadline, "the bot did not checkpoint the log"
        await asyncio.sleep(0.1)
    anna = harness.phone()
    assert "TAN-" in (await anna.send("Cyklar stjäls vid stationen i Tanumshede"))[0].text  # and goes on answering
