"""Handler group -1, for every update: private chats only; open the citizen's turn; rate limit."""

from __future__ import annotations

from sqlalchemy import select
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import TryggContext
from bot.ratelimit import Verdict, count_message
from bot.turn import open_turn, opens_turn, ui_language
from storage.models import OutboxMessage
from storage.usecases.intake import enqueue_message


async def guard(update: Update, context: TryggContext) -> None:
    chat, user, services = update.effective_chat, update.effective_user, context.services
    # Not a person in a private chat (channel posts, service updates, (un)blocking the bot: its sends fail with
    # 403 and are marked), or a group: nothing to do but say once in a group that the bot works in private.
    if not opens_turn(update):
        in_group = chat is not None and chat.type != chat.PRIVATE
        if in_group and user is not None and not user.is_bot and update.message is not None:
            await _private_only(context, chat.id, ui_language(user.language_code, services.profile.languages))
        raise ApplicationHandlerStop
    assert chat is not None and user is not None
    turn = await open_turn(context.unit, services, user, chat.id)
    context.unit.turn = turn
    if update.message is not None:
        verdict = count_message(turn.citizen, services.profile.limits, turn.now, services.profile.tz)
        if verdict is Verdict.OVER_NOTIFY:
            await turn.say(turn.t("rate.slow_down", per_minute=services.profile.limits.messages_per_minute,
                                  per_day=services.profile.limits.messages_per_day), urgent=True)
        turn.quiet = verdict is not Verdict.OK


async def _private_only(context: TryggContext, chat_id: int, lang: str) -> None:
    """Say once per group that the bot works in private chat."""
    key = f"group:{chat_id}"
    session = context.unit.session
    if (await session.execute(select(OutboxMessage.id).where(OutboxMessage.dedup_key == key))).first():
        return
    await enqueue_message(session, chat_id=chat_id, kind="notice", dedup_key=key,
                          text=context.services.texts(lang, "group.private_only", bot=context.bot.username or ""))
    context.unit.outbox_written = True
