"""A photo that cannot be written to disk: the submission is kept without it, and the citizen is told.

``trygg bot`` runs as its own process with ``RLIMIT_FSIZE`` set (portable, no
root, no mounts): any file it writes stops growing at 8 MB and the write
fails (EFBIG, "File too large"), exactly where a full disk fails with ENOSPC
(that one is covered in-process by ``tests/bot``, through ``/dev/full``).
The SQLite database and its WAL stay well below the limit; a 9 MB photo does
not fit. A small photo afterwards is stored: the bot carries on.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import resource
from pathlib import Path

from sqlalchemy import select

from bot.localapi import LocalBotApi
from storage.db import open_database
from storage.models import Attachment, InboxUpdate, OutboxMessage, Submission
from tests.bot.test_flows import JPEG
from tests.hardening.support import REF, bot_environment, record_figures, roomy_profile_file, spawn_bot, stop_bot

FILE_LIMIT = 8_000_000
BIG_PHOTO = JPEG[:-2] + os.urandom(9_000_000) + b"\xff\xd9"  # under the profile's 10 MB limit, over the disk's


def limit_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_LIMIT, FILE_LIMIT))


async def test_a_photo_that_does_not_fit_on_disk_leaves_the_submission_without_it_and_says_so(
        sqlite_url: str, tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    store = tmp_path / "attachments"
    async with LocalBotApi() as api:
        bot = await spawn_bot(bot_environment(api, sqlite_url, tmp_path, roomy_profile_file(tmp_path)), log,
                              preexec=limit_file_size)
        try:
            anna = api.add_user("Anna")
            await api.send_photo(anna, BIG_PHOTO, caption="Någon har sprejat klotter på skolans vägg")
            receipt, notice = await api.wait_for_messages(anna.id, 2, timeout=60)
            ref = REF.search(receipt.text or "").group(0)
            assert ref in notice.text and "utan bild" in notice.text, notice.text

            # The same in the tip flow: the photo is the flow's answer, the receipt comes first.
            erik = api.add_user("Erik")
            await api.send_text(erik, "/start tip")
            _, ask = await api.wait_for_messages(erik.id, 2, timeout=30)
            await api.send_text(erik, "Inbrott i förrådet vid hamnen i natt")
            [where] = (await api.wait_for_messages(erik.id, 3, timeout=30))[2:]
            await api.press_button(erik, where, where.button(text="Grebbestad")["callback_data"])
            [when] = (await api.wait_for_messages(erik.id, 4, timeout=30))[3:]
            await api.press_button(erik, when, when.button_data[0])
            await api.wait_for_messages(erik.id, 5, timeout=30)
            await api.send_photo(erik, BIG_PHOTO)
            [contact] = (await api.wait_for_messages(erik.id, 6, timeout=30))[5:]
            await api.press_button(erik, contact, contact.button_data[0])
            [summary] = (await api.wait_for_messages(erik.id, 7, timeout=30))[6:]
            await api.press_button(erik, summary, summary.button_data[0])
            tip_receipt, tip_notice = (await api.wait_for_messages(erik.id, 9, timeout=60))[7:]
            tip_ref = REF.search(tip_receipt.text or "").group(0)
            assert tip_ref in tip_notice.text and "utan bild" in tip_notice.text, tip_notice.text

            # A photo that fits is stored as usual: the bot carries on.
            await api.send_photo(anna, JPEG, caption="Och en liten bild på cykeln som stals")
            small_receipt = (await api.wait_for_messages(anna.id, 3, timeout=30))[2]
            small_ref = REF.search(small_receipt.text or "").group(0)
            await asyncio.sleep(0.5)  # the download runs after the receipt; give it a moment to finish
            db = open_database(sqlite_url)
            try:
                for _ in range(100):
                    async with db.read() as session:
                        states = (await session.execute(select(Attachment.state))).scalars().all()
                    if "pending" not in states:
                        break
                    await asyncio.sleep(0.1)
                assert await stop_bot(bot) == 0, log.read_text()
                async with db.read() as session:
                    rows = (await session.execute(
                        select(Submission.ref, Submission.text, Attachment.state, Attachment.error,
                               Attachment.storage_path, Attachment.sha256)
                        .join(Attachment, Attachment.submission_id == Submission.id))).all()
                    inbox = set((await session.execute(select(InboxUpdate.status))).scalars())
                    outbox = set((await session.execute(select(OutboxMessage.status))).scalars())
            finally:
                await db.close()
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()

    by_ref = {ref: (text, state, error, path, sha) for ref, text, state, error, path, sha in rows}
    for failed in (ref, tip_ref):
        text, state, error, path, _ = by_ref[failed]
        assert text and state == "failed" and path is None, by_ref[failed]
        assert "could not save the photo" in error and "File too large" in error, error
    assert by_ref[ref][0] == "Någon har sprejat klotter på skolans vägg"
    _, state, _, path, sha = by_ref[small_ref]
    assert state == "stored" and hashlib.sha256((store / path).read_bytes()).hexdigest() == sha
    leftovers = [p.name for p in store.rglob("*") if p.is_file() and p.name.endswith(".part")]
    assert not leftovers, "no half-written photo is left behind"
    assert [p for p in store.rglob("*.jpg")] == [store / path], "only the photo that fitted is on disk"
    assert inbox == {"done"} and outbox == {"delivered"}
    assert "Traceback" not in log.read_text("utf-8")
    record_figures("disk_full", {"photos_sent": 3, "photos_too_big_for_disk": 2, "submissions_kept": len(by_ref),
                                 "citizens_told": 2, "errors": sorted({by_ref[r][2] for r in (ref, tip_ref)})})
