"""Officers opening or saving a citizen's photo: the path is checked and the look audited."""

from __future__ import annotations

from pathlib import Path

from storage.db import Database
from storage.errors import ActionRefused, NotFound
from storage.models import Attachment, Submission
from storage.usecases.officer import record


async def attachment_file(db: Database, officer: str, attachment_id: int, store: Path, *, purpose: str) -> Path:
    """The stored file of an attachment, inside ``store``; ``purpose`` ("open"/"save") is audited."""
    async with db.write() as session:
        attachment = await session.get(Attachment, attachment_id)
        if attachment is None:
            raise NotFound(f"Attachment {attachment_id} does not exist")
        if attachment.state != "stored" or not attachment.storage_path:
            raise ActionRefused(f"The attachment was not stored ({attachment.state})")
        root = store.resolve()
        path = (root / attachment.storage_path).resolve()
        if not path.is_relative_to(root):  # a stored path must never point outside the store
            raise ActionRefused("The attachment's stored path is outside the attachment store")
        if not path.is_file():
            raise ActionRefused(f"The attachment file is missing from {root}")
        submission = await session.get(Submission, attachment.submission_id)
        await record(session, officer, "attachment", submission=submission, versioned=False,
                     after={"attachment": attachment.id, "purpose": purpose})
        return path
