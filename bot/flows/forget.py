"""/forget: after a confirmation, erase the citizen's personal data in this one transaction."""

from __future__ import annotations

from typing import Any

from bot import keyboards
from bot.flows import steps
from bot.flows.inputs import Input
from bot.texts import Html, escape
from bot.turn import Turn
from storage.usecases.intake import enqueue_message
from storage.usecases.privacy import erase_citizen

OPTIONS = (("yes", "forget.yes"), ("no", "forget.no"))


class ForgetFlow:
    name = "forget"

    async def begin(self, turn: Turn, **preset: Any) -> None:
        turn.start_flow(self.name, "confirm")
        await self.prompt(turn)

    async def prompt(self, turn: Turn) -> None:
        await turn.say(turn.t("forget.ask"), keyboards.choices(turn, "confirm", OPTIONS, columns=1))

    async def handle(self, turn: Turn, answer: Input) -> None:
        if answer.button == "no":
            await turn.end_flow()
            await turn.say(turn.t("forget.kept"), keyboards.main_menu(turn))
        elif answer.button == "yes":
            await self._erase(turn)
        else:
            await steps.not_understood(turn)

    async def _erase(self, turn: Turn) -> None:
        lang, chat_id = turn.lang, turn.chat_id
        await turn.write_replies()  # the erasure cancels and blanks what is still unsent, these too
        if turn.conversation is not None:  # erase_citizen deletes the row itself
            turn.session.expunge(turn.conversation)
            turn.conversation = None
        report = await erase_citizen(turn.session, turn.citizen, lang=lang, now=turn.now)
        removed = Html("\n".join(f"• {escape(line)}" for line in report.removed))
        kept = Html("\n".join(f"• {escape(line)}" for line in report.kept) or turn.t("forget.nothing_kept"))
        # Sent after the erasure, unlinked from the citizen; the sender blanks the row once delivered.
        await enqueue_message(turn.session, chat_id=chat_id, kind="forget_report", now=turn.now,
                              text=turn.t("forget.done", removed=removed, kept=kept),
                              dedup_key=f"u{turn.unit.update_id}:forget")
        turn.unit.outbox_written = True


FLOW = ForgetFlow()
