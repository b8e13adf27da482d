"""The submissions of a period as the weekly export lists them: labels and text, no identities.

Only columns without personal data are selected (no citizen, chat or
message ids, no coordinates, no free-text "where"); the text is the one
officers see (``text_redacted`` when an officer redacted a passage), with
terminal and bidirectional controls made inert (``without_controls``), and the
export redacts personal data from it before writing it anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Submission
from storage.stats import themes_of_submission, counted
from storage.textsafety import without_controls


@dataclass(frozen=True)
class ExportRow:
    ref: str
    created_at: dt.datetime
    place: str | None
    themes: tuple[str, ...]
    intent: str
    lang: str
    status: str
    text: str


async def export_rows(session: AsyncSession, start: dt.datetime, end: dt.datetime) -> list[ExportRow]:
    """Counted submissions created in [start, end), oldest first (the same set the counts use)."""
    themes = themes_of_submission(session.bind.dialect.name)
    stmt = (
        select(
            Submission.ref,
            Submission.created_at,
            Submission.place,
            themes,
            Submission.intent,
            Submission.lang,
            Submission.status,
            func.coalesce(Submission.text_redacted, Submission.text),
        )
        .where(Submission.created_at >= start, Submission.created_at < end, counted())
        .order_by(Submission.created_at, Submission.id)
    )
    return [
        ExportRow(ref, created, place, tuple(sorted(set(theme_list.split(",")))) if theme_list else (),
                  intent, lang, status, without_controls(text or ""))
        for ref, created, place, theme_list, intent, lang, status, text in (await session.execute(stmt)).all()
    ]
