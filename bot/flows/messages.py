"""A message from a citizen: emergency first, then a case answer, the current flow, or a new submission."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from telegram import CallbackQuery, Message

from bot import callbacks, keyboards
from bot.flows import cases, engine, info, menu
from bot.flows.followup import CITIZEN
from bot.flows.inputs import Input
from bot.flows.intake import attach_photo, explain_of, nearest_place, store_submission, themes_of
from bot.services import Labels
from bot.texts import Html, clean
from bot.turn import Turn
from storage.models import Submission, SubmissionTheme
from storage.usecases.intake import find_by_source
from storage.usecases.officer import record
from storage.vocabulary import Intent, Kind

RECENT = dt.timedelta(hours=1)  # a bare photo or location this soon after a message belongs to it
MEDIA_TEXT = {"sticker": "media.sticker", "voice": "media.voice", "audio": "media.voice", "video_note": "media.voice",
              "video": "media.video", "animation": "media.video", "document": "media.document",
              "contact": "media.contact"}


def is_emergency(labels: Labels) -> bool:
    return bool(labels.urgent) or labels.intent == Intent.EMERGENCY


async def on_text(turn: Turn, answer: Input, replied: Message | None) -> None:
    if answer.text is None:  # only control characters ("\x00", "\x01\x02"): nothing readable to store or answer
        await on_unsupported(turn, "other")
        return
    labels = turn.classify(answer.text)
    if is_emergency(labels):
        await emergency(turn, answer, labels)
        return
    submission = await cases.replied_case(turn, replied)
    if submission is not None:
        await cases.add_to_thread(turn, submission, answer.text)
        return
    if await engine.continue_flow(turn, answer):
        return
    await store_message(turn, answer, labels)


async def emergency(turn: Turn, answer: Input, labels: Labels) -> None:
    """The 112 redirect is the first answer, in a flow or not; the message is still stored, urgent."""
    profile = turn.services.profile
    await turn.say(turn.t("emergency.call", emergency=profile.emergency_number), urgent=True)
    submission = await store_submission(turn, kind=Kind.MESSAGE, text=answer.text or "", labels=labels,
                                        message_id=answer.message_id)
    if answer.photo is not None:
        await attach_photo(turn, submission, answer.photo)
    await turn.say(turn.t("emergency.stored", ref=submission.ref, emergency=profile.emergency_number),
                   urgent=True, kind="receipt", submission_id=submission.id)


async def store_message(turn: Turn, answer: Input, labels: Labels) -> Submission:
    """Free text outside any flow: stored at once, acknowledged with its reference and follow-up buttons."""
    text = answer.text or ""
    submission = await store_submission(turn, kind=Kind.MESSAGE, text=text, labels=labels,
                                        message_id=answer.message_id)
    note = Html("")
    if answer.photo is not None:
        attachment = await attach_photo(turn, submission, answer.photo)
        if attachment.state == "too_large":
            note = turn.t("photo.too_large_now", mb=round(turn.services.profile.limits.photo_max_bytes / 1_000_000))
    reply = info.answer_question(turn, text, labels.place) if labels.intent == Intent.QUESTION else None
    key = "message.receipt_question" if reply is not None else "message.receipt"
    await turn.say(turn.t(key, ref=submission.ref, answer=reply or "", note=note,
                          emergency=turn.services.profile.emergency_number),
                   keyboards.follow_ups(turn, submission.id), kind="receipt", submission_id=submission.id)
    return submission


async def on_photo(turn: Turn, answer: Input, replied: Message | None) -> None:
    if answer.text:  # a caption is read as text, with the photo
        labels = turn.classify(answer.text)
        if is_emergency(labels):
            await emergency(turn, answer, labels)
            return
        if turn.flow is not None and await engine.continue_flow(turn, answer):
            return
        await store_message(turn, answer, labels)
        return
    if await engine.continue_flow(turn, answer):
        return
    recent = await _recent_submission(turn)
    if recent is None or answer.photo is None:
        await store_message(turn, answer, turn.classify(""))
        return
    attachment = await attach_photo(turn, recent, answer.photo)
    key = "followup.photo_too_large" if attachment.state == "too_large" else "followup.added"
    await turn.say(turn.t(key, ref=recent.ref), submission_id=recent.id)


async def on_location(turn: Turn, answer: Input) -> None:
    if await engine.continue_flow(turn, answer):
        return
    recent = await _recent_submission(turn)
    if recent is None or recent.latitude is not None or answer.location is None:
        await turn.say(turn.t("location.thanks"), keyboards.main_menu(turn))
        return
    lat, lon = answer.location
    near = nearest_place(turn.services.profile, lat, lon)
    recent.latitude, recent.longitude = lat, lon
    recent.place = recent.place or (near.id if near else None)
    recent.updated_at = turn.now
    await record(turn.session, CITIZEN, "citizen_addition", submission=recent, after={"field": "place"})
    await turn.say(turn.t("followup.added", ref=recent.ref), submission_id=recent.id)


async def on_unsupported(turn: Turn, media: str) -> None:
    await turn.say(turn.t(MEDIA_TEXT.get(media, "media.other")))


async def on_edit(turn: Turn, message: Message) -> None:
    """An edited message updates what was stored (audited, without the text), or the open flow's answer."""
    text = clean(message.text or message.caption or "").strip()
    if not text:
        return
    submission = await find_by_source(turn.session, turn.chat_id, message.message_id)
    if submission is not None and submission.citizen_id == turn.citizen.id:
        before = len(submission.text)
        submission.text, submission.updated_at = text, turn.now
        if submission.classified_by == "classifier":
            labels = turn.classify(text)
            submission.themes = [SubmissionTheme(theme=t, confidence=c) for t, c in sorted(themes_of(labels).items())]
            submission.explain, submission.lang = explain_of(labels), labels.lang or submission.lang
        await record(turn.session, CITIZEN, "citizen_edit", submission=submission,
                     before={"chars": before}, after={"chars": len(text)})
        await turn.say(turn.t("edit.updated", ref=submission.ref), submission_id=submission.id)
        return
    data = turn.data
    if turn.conversation is not None and data.get("message_id") == message.message_id:
        field = "area" if turn.flow == "watch" else "text"
        turn.conversation.data = {**data, field: text[:4000]}
        await turn.say(turn.t("edit.noted"))


async def on_button(turn: Turn, query: CallbackQuery) -> None:
    """A button press: checked against what the bot offered and the citizen's current step."""
    button = callbacks.parse(query.data)
    if isinstance(button, callbacks.Menu):
        turn.answer_button(query)
        await menu.menu_action(turn, button.action, button.place)
    elif isinstance(button, callbacks.FlowAnswer) and _current(turn, button):
        turn.answer_button(query)
        await engine.continue_flow(turn, Input(button=button.value))
    elif isinstance(button, callbacks.FollowUp):
        submission = await turn.session.get(Submission, button.submission_id)
        if submission is None or submission.citizen_id != turn.citizen.id:
            turn.answer_button(query, turn.services.texts.plain(turn.lang, "button.stale_short"))
            return
        turn.answer_button(query)
        await engine.begin(turn, "followup", what=button.what, submission_id=submission.id, ref=submission.ref)
    elif isinstance(button, callbacks.Language):
        turn.answer_button(query)
        await menu.set_language(turn, button.lang)
    else:  # forged, or from a flow that has moved on
        turn.answer_button(query, turn.services.texts.plain(turn.lang, "button.stale_short"))


def _current(turn: Turn, button: callbacks.FlowAnswer) -> bool:
    return turn.conversation is not None and turn.data.get("nonce") == button.nonce and turn.step == button.step


async def _recent_submission(turn: Turn) -> Submission | None:
    return (await turn.session.execute(
        select(Submission)
        .where(Submission.citizen_id == turn.citizen.id, Submission.created_at >= turn.now - RECENT)
        .order_by(Submission.id.desc()).limit(1)
    )).scalar_one_or_none()
