"""Follow-up: /status REF, Mina ärenden, and citizen answers joining a case thread."""

from __future__ import annotations

import re

from sqlalchemy import func, select
from telegram import Message

from bot.texts import Html
from bot.turn import Turn
from storage.models import CaseMessage, OutboxMessage, Submission
from storage.usecases.intake import add_citizen_message, citizen_submission, citizen_submissions
from storage.vocabulary import display_name

REF_IN_TEXT = re.compile(r"\b([A-Z]{2,5}-\d{4}-\d{4,})\b")
REF_ARGUMENT_MAX = 40


async def show_status(turn: Turn, ref_text: str | None) -> None:
    if not ref_text:
        await my_cases(turn)
        return
    submission = await citizen_submission(turn.session, turn.citizen, ref_text[:REF_ARGUMENT_MAX])
    if submission is None:  # malformed, unknown or someone else's: the same answer
        await turn.say(turn.t("status.not_found", ref=ref_text[:REF_ARGUMENT_MAX]))
        return
    replies = (await turn.session.execute(
        select(func.count()).select_from(CaseMessage)
        .where(CaseMessage.submission_id == submission.id, CaseMessage.direction == "out")
    )).scalar_one()
    await turn.say(turn.t("status.one", ref=submission.ref, kind=display_name(submission.kind, turn.lang),
                          date=_date(turn, submission), status=display_name(_status(submission), turn.lang),
                          replies=replies))


async def my_cases(turn: Turn) -> None:
    submissions = await citizen_submissions(turn.session, turn.citizen, limit=10)
    if not submissions:
        await turn.say(turn.t("cases.none"))
        return
    lines = [turn.t("cases.line", ref=s.ref, kind=display_name(s.kind, turn.lang), date=_date(turn, s),
                    status=display_name(_status(s), turn.lang)) for s in submissions]
    await turn.say(turn.t("cases.list", cases=Html("\n".join(lines))))


async def replied_case(turn: Turn, replied: Message | None) -> Submission | None:
    """The citizen's own case that the message they answered (an officer reply, a receipt) is about."""
    if replied is None or replied.from_user is None or not replied.from_user.is_bot:
        return None
    submission_id = (await turn.session.execute(
        select(OutboxMessage.submission_id)
        .where(OutboxMessage.chat_id == turn.chat_id, OutboxMessage.telegram_message_id == replied.message_id)
        .limit(1)
    )).scalar_one_or_none()
    if submission_id is not None:
        submission = await turn.session.get(Submission, submission_id)
        if submission is not None and submission.citizen_id == turn.citizen.id:
            return submission
    match = REF_IN_TEXT.search(replied.text or replied.caption or "")
    return await citizen_submission(turn.session, turn.citizen, match.group(1)) if match else None


async def add_to_thread(turn: Turn, submission: Submission, text: str) -> None:
    await add_citizen_message(turn.session, submission, turn.citizen, text, now=turn.now)
    await turn.say(turn.t("case.added", ref=submission.ref), submission_id=submission.id)


def _status(submission: Submission) -> str:
    return "new" if submission.from_blocked else submission.status


def _date(turn: Turn, submission: Submission) -> str:
    return submission.created_at.astimezone(turn.services.profile.tz).date().isoformat()
