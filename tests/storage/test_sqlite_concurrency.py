"""Two OS processes writing into one SQLite file at once: no "database is locked"."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from sqlalchemy import func, select

from storage.db import open_database
from storage.models import Submission

WRITER = textwrap.dedent("""
    import asyncio, sys
    from storage.db import open_database
    from storage.profile import load_profile
    from storage.usecases.intake import NewSubmission, TelegramIdentity, submit

    async def main(url, worker, count):
        db = open_database(url)
        profile = load_profile()
        who = TelegramIdentity(user_id=worker, chat_id=worker)
        for i in range(count):
            await submit(db, profile, NewSubmission(kind="tip", text=f"w{worker} nr {i}", intent="tip"), who)
        await db.close()

    asyncio.run(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
""")


async def test_two_processes_write_1000_each(sqlite_url):
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, sqlite_url, str(worker), "1000"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for worker in (1, 2)
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (_, err) in zip(procs, outputs):
        assert "locked" not in err
        assert proc.returncode == 0, err
    db = open_database(sqlite_url)
    try:
        async with db.read() as s:
            assert (await s.execute(select(func.count()).select_from(Submission))).scalar_one() == 2000
            refs = (await s.execute(select(func.count(func.distinct(Submission.ref))))).scalar_one()
            assert refs == 2000
    finally:
        await db.close()
