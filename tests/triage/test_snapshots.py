"""Snapshots of the queue, detail and statistics screens at 80×24 and 120×40 (pytest-textual-snapshot).

The database is built once per module from ``storage.seed`` with a fixed
random seed and a frozen clock, so ages, references and counts are the same
on every run. Update with ``pytest tests/triage/test_snapshots.py --snapshot-update``
after checking the new pictures.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from moderation.triage import TriageApp, TriagePanel
from storage.db import open_database
from storage.migrate import upgrade
from storage.models import CaseMessage
from storage.profile import Profile
from storage.seed import seed
from storage.usecases.intake import add_citizen_message, enqueue_message
from tests.triage.helpers import FROZEN, add_submission, make_context, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(scope="module")
def snapshot_db(tmp_path_factory: pytest.TempPathFactory, profile: Profile) -> tuple[str, int]:
    """A seeded SQLite file and the id of a hand-made submission with a thread."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('snapshots') / 'trygg.db'}"
    return url, asyncio.run(_build(url, profile))


async def _build(url: str, profile: Profile) -> int:
    db = open_database(url)
    try:
        await upgrade(db)
        await seed(db, profile, 600, weeks=12, rng_seed=7, now=FROZEN - dt.timedelta(hours=1))
        sub = await add_submission(
            db, profile, "Det har varit inbrott i tre båthus vid hamnen i Grebbestad den här veckan. "
            "Jag såg en vit skåpbil utan skyltar köra fram och tillbaka sent på kvällen.",
            themes=("burglary",), place="grebbestad", age=dt.timedelta(minutes=10), contact=True,
            pseudonym="Medborgare 4F2A",
        )
        async with db.write() as session:
            from storage.models import Citizen, Submission

            submission = await session.get(Submission, sub.id)
            citizen = await session.get(Citizen, sub.citizen_id)
            await add_citizen_message(session, submission, citizen, "Bilen stod där igen i kväll.",
                                      now=FROZEN - dt.timedelta(minutes=5))
            outbox = await enqueue_message(session, chat_id=citizen.chat_id or 0, citizen_id=citizen.id,
                                           submission_id=submission.id, text="Tack!", kind="officer_reply",
                                           created_by="erik.l", now=FROZEN - dt.timedelta(minutes=4))
            outbox.status, outbox.delivered_at = "delivered", FROZEN - dt.timedelta(minutes=3)
            session.add(CaseMessage(submission_id=submission.id, direction="out", author="erik.l",
                                    text="Tack, vi skickar en patrull i kväll.", outbox_id=outbox.id,
                                    created_at=FROZEN - dt.timedelta(minutes=4)))
        return sub.id
    finally:
        await db.close()


def snapshot_app(url: str, profile: Profile, tmp_path: Path) -> TriageApp:
    # NullPool: the app's event loop owns every connection it opens and closes it again.
    return TriageApp(make_context(open_database(url, poolclass=NullPool), profile, tmp_path))


@pytest.mark.parametrize("size", SIZES)
def test_queue_screen(snap_compare, snapshot_db, profile, tmp_path, size):
    async def ready(pilot) -> None:
        await settle(pilot)

    assert snap_compare(snapshot_app(snapshot_db[0], profile, tmp_path), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_detail_screen(snap_compare, snapshot_db, profile, tmp_path, size):
    url, submission_id = snapshot_db

    async def open_detail(pilot) -> None:
        await settle(pilot)
        pilot.app.query_one(TriagePanel).open_detail(submission_id, "")
        await settle(pilot)

    assert snap_compare(snapshot_app(url, profile, tmp_path), terminal_size=size, run_before=open_detail)


@pytest.mark.parametrize("size", SIZES)
def test_statistics_screen(snap_compare, snapshot_db, profile, tmp_path, size):
    async def open_stats(pilot) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(snapshot_app(snapshot_db[0], profile, tmp_path), terminal_size=size, run_before=open_stats)


def test_queue_screen_in_english(snap_compare, snapshot_db, profile, tmp_path):
    async def english(pilot) -> None:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)

    assert snap_compare(snapshot_app(snapshot_db[0], profile, tmp_path), terminal_size=(80, 24), run_before=english)
