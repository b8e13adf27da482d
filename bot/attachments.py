"""Photos into Trygg's attachment store, after the commit that recorded them.

Downloading inside the update's transaction would hold the (SQLite) write
lock for the length of a download, so a photo is recorded as a ``pending``
attachment with its Telegram file id, and fetched here once that commit is
done (and again at start-up for any a stop interrupted). The file is written
under a temporary name and renamed, named by its SHA-256. If it cannot be
stored (too large, Telegram refuses, disk full) the attachment says why and
the citizen is told that their submission was kept without the photo.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from telegram import Bot
from telegram.error import TelegramError

from bot.database import BotDatabase
from bot.texts import Catalogue
from storage.clock import utcnow
from storage.models import Attachment, Citizen, Submission
from storage.profile import Profile
from storage.usecases.intake import enqueue_message

_log = logging.getLogger("trygg.bot.attachments")


class AttachmentFetcher:
    def __init__(
        self, bot: Bot, database: BotDatabase, store_dir: Path, profile: Profile, texts: Catalogue,
        wake_outbox: Callable[[], None],
    ) -> None:
        self._bot = bot
        self._database = database
        self._store_dir = store_dir
        self._profile = profile
        self._texts = texts
        self._wake_outbox = wake_outbox
        self._tasks: set[asyncio.Task[None]] = set()

    async def fetch(self, attachment_id: int) -> None:
        """Start fetching in the background (tracked, so a clean stop waits for it)."""
        task = asyncio.create_task(self._fetch(attachment_id), name=f"trygg-photo-{attachment_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def resume(self) -> None:
        async with self._database.read() as session:
            ids = list((await session.execute(select(Attachment.id).where(Attachment.state == "pending"))).scalars())
        for attachment_id in ids:
            await self.fetch(attachment_id)

    async def close(self) -> None:
        if self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _fetch(self, attachment_id: int) -> None:
        async with self._database.read() as session:
            attachment = await session.get(Attachment, attachment_id)
        if attachment is None or attachment.state != "pending" or not attachment.telegram_file_id:
            return
        limit = self._profile.limits.photo_max_bytes
        state, error, relative, digest, size = "failed", None, None, None, None
        try:
            file = await self._bot.get_file(attachment.telegram_file_id)
            if limit and file.file_size and file.file_size > limit:
                state, error = "too_large", f"larger than the limit of {limit} bytes"
            else:
                data = bytes(await file.download_as_bytearray())
                if limit and len(data) > limit:
                    state, error = "too_large", f"larger than the limit of {limit} bytes"
                else:
                    digest, size = hashlib.sha256(data).hexdigest(), len(data)
                    relative = await asyncio.to_thread(self._write, data, digest)
                    state = "stored"
        except TelegramError as exc:
            error = f"Telegram did not give the photo: {exc.message}"
        except OSError as exc:
            reason = "the disk is full" if exc.errno in (errno.ENOSPC, errno.EDQUOT) else exc.strerror or str(exc)
            error = f"could not save the photo: {reason}"
        if error:
            _log.warning("photo of attachment %d not stored: %s", attachment_id, error)
        await self._record(attachment_id, state, error, relative, digest, size)

    def _write(self, data: bytes, digest: str) -> str:
        now = utcnow()
        relative = Path(f"{now:%Y}") / f"{now:%m}" / f"{digest}.jpg"
        target = self._store_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            partial = target.with_name(f"{digest}.part")
            try:
                with open(partial, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(partial, target)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
        return relative.as_posix()

    async def _record(
        self, attachment_id: int, state: str, error: str | None, relative: str | None, digest: str | None,
        size: int | None,
    ) -> None:
        async with self._database.write() as session:
            attachment = await session.get(Attachment, attachment_id)
            if attachment is None or attachment.state != "pending":
                return
            attachment.state, attachment.error = state, error
            attachment.storage_path, attachment.sha256 = relative, digest
            if size is not None:
                attachment.size_bytes = size
            if state == "stored":
                return
            row = (await session.execute(
                select(Submission.id, Submission.ref, Citizen.id, Citizen.chat_id, Citizen.language)
                .join(Citizen, Citizen.id == Submission.citizen_id)
                .where(Submission.id == attachment.submission_id)
            )).first()
            if row is None or row[3] is None:
                return
            submission_id, ref, citizen_id, chat_id, lang = row
            key = "photo.too_large" if state == "too_large" else "photo.not_stored"
            text = self._texts(lang, key, ref=ref, mb=round(self._profile.limits.photo_max_bytes / 1_000_000))
            await enqueue_message(session, chat_id=chat_id, citizen_id=citizen_id, submission_id=submission_id,
                                  kind="notice", text=text, dedup_key=f"photo:{attachment_id}:{state}")
        self._wake_outbox()
