import asyncio

from storage.usecases.intake import NewSubmission, submit
from storage.usecases.jobs import claim_job, run_daily_purge


async def test_a_job_is_claimed_once_per_period(committed_db):
    results = await asyncio.gather(*(claim_job(committed_db, "purge", "2026-11-25") for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]
    assert await claim_job(committed_db, "purge", "2026-11-26")


async def test_daily_purge_runs_once_a_day(committed_db, profile, tmp_path):
    await submit(committed_db, profile, NewSubmission(kind="tip", text="x", intent="tip"))
    first = await run_daily_purge(committed_db, profile, attachments_dir=tmp_path)
    second = await run_daily_purge(committed_db, profile, attachments_dir=tmp_path)
    assert first is not None and second is None
