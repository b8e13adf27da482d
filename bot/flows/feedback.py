"""Lämna synpunkt: the text, an optional place, a receipt."""

from __future__ import annotations

from typing import Any

from bot.flows import steps
from bot.flows.inputs import Input
from bot.flows.intake import store_submission
from bot.turn import Turn
from storage.vocabulary import Intent, Kind

TEXT_MAX = 4000


class FeedbackFlow:
    name = "feedback"

    async def begin(self, turn: Turn, **preset: Any) -> None:
        turn.start_flow(self.name, "text", {k: v for k, v in preset.items() if v is not None})
        await self.prompt(turn)

    async def prompt(self, turn: Turn) -> None:
        if turn.step == "text":
            await turn.say(turn.t("feedback.ask"))
        else:
            await steps.ask_place(turn, "where", "feedback.where")

    async def handle(self, turn: Turn, answer: Input) -> None:
        if turn.step == "text":
            if not answer.text:
                await steps.not_understood(turn, "flow.describe_in_words")
                return
            turn.set_step("where", text=answer.text[:TEXT_MAX], message_id=answer.message_id)
            if turn.data.get("place"):  # a QR poster already said where
                await self._send(turn, {})
            else:
                await self.prompt(turn)
            return
        place = steps.read_place(turn, answer)
        if place is None:
            await steps.not_understood(turn)
            return
        await self._send(turn, place)

    async def _send(self, turn: Turn, place: dict[str, Any]) -> None:
        data = {**turn.data, **place}
        text = str(data.get("text", ""))
        submission = await store_submission(
            turn, kind=Kind.FEEDBACK, text=text, labels=turn.classify(text), message_id=data.get("message_id"),
            intent=Intent.FEEDBACK, place=data.get("place"), place_text=data.get("place_text"),
            latitude=data.get("lat"), longitude=data.get("lon"),
        )
        await turn.end_flow()
        await turn.say(turn.t("feedback.receipt", ref=submission.ref), kind="receipt", submission_id=submission.id)


FLOW = FeedbackFlow()
