"""Lämna tips: description → where → when → photo → anonymous or contact → summary → receipt."""

from __future__ import annotations

from typing import Any

from bot import keyboards
from bot.flows import steps
from bot.flows.inputs import Input, Photo
from bot.flows.intake import attach_photo, store_submission
from bot.turn import Turn
from storage.vocabulary import Intent, Kind

CONTACT_OPTIONS = (("anonymous", "tip.anonymous"), ("contact", "tip.may_contact"))
CONFIRM_OPTIONS = (("send", "tip.send"), ("edit_text", "tip.edit_text"), ("edit_where", "tip.edit_where"),
                   ("edit_when", "tip.edit_when"), ("edit_photo", "tip.edit_photo"), ("cancel", "button.cancel"))
TEXT_MAX = 4000


class TipFlow:
    name = "tip"

    async def begin(self, turn: Turn, **preset: Any) -> None:
        turn.start_flow(self.name, "describe", {k: v for k, v in preset.items() if v is not None})
        await self.prompt(turn)

    async def prompt(self, turn: Turn) -> None:
        step = turn.step
        if step == "describe":
            await turn.say(turn.t("tip.describe", emergency=turn.services.profile.emergency_number))
        elif step == "where":
            await steps.ask_place(turn, "where")
        elif step == "when":
            await steps.ask_when(turn, "when")
        elif step == "photo":
            await steps.ask_photo(turn, "photo")
        elif step == "contact":
            await turn.say(turn.t("tip.contact"), keyboards.choices(turn, "contact", CONTACT_OPTIONS, columns=1))
        else:
            await self._summary(turn)

    async def handle(self, turn: Turn, answer: Input) -> None:
        step, data = turn.step, turn.data
        changes: dict[str, Any] | None
        if step == "describe":
            changes = {"text": answer.text[:TEXT_MAX], "message_id": answer.message_id} if answer.text else None
            if answer.photo is not None and changes is not None:
                changes["photo"] = answer.photo.to_data()
        elif step == "where":
            changes = steps.read_place(turn, answer)
        elif step == "when":
            changes = steps.read_when(answer)
        elif step == "photo":
            changes = steps.read_photo(answer)
            if changes and steps.photo_too_large(turn, Photo.from_data(changes["photo"])):
                mb = round(turn.services.profile.limits.photo_max_bytes / 1_000_000)
                await turn.say(turn.t("photo.too_large_now", mb=mb))
                return
        elif step == "contact":
            changes = {"contact": answer.button} if answer.button in ("anonymous", "contact") else None
        else:
            await self._confirm(turn, answer)
            return
        if changes is None:
            await steps.not_understood(turn, "flow.describe_in_words" if step == "describe" else "flow.use_buttons")
            return
        data.update(changes)
        turn.set_step(self._next(step, data), **changes)
        await self.prompt(turn)

    @staticmethod
    def _next(step: str | None, data: dict[str, Any]) -> str:
        if data.get("editing"):
            return "confirm"
        order = ["describe", "where", "when", "photo", "contact", "confirm"]
        following = order[order.index(step) + 1] if step in order[:-1] else "confirm"
        if following == "where" and data.get("place"):
            following = "when"  # a QR poster already said where
        if following == "photo" and data.get("photo"):
            following = "contact"  # the description came with a photo
        return following

    async def _summary(self, turn: Turn) -> None:
        data = turn.data
        turn.set_step("confirm", editing=True)
        await turn.say(
            turn.t("tip.summary", text=data.get("text", ""), place=steps.describe_place(turn, data),
                   when=steps.describe_when(turn, data.get("occurred")),
                   photo=turn.services.texts.plain(turn.lang, "summary.yes" if data.get("photo") else "summary.no"),
                   contact=turn.services.texts.plain(turn.lang, "tip.anonymous" if data.get("contact") != "contact"
                                                      else "tip.may_contact")),
            keyboards.choices(turn, "confirm", CONFIRM_OPTIONS),
        )

    async def _confirm(self, turn: Turn, answer: Input) -> None:
        edits = {"edit_text": "describe", "edit_where": "where", "edit_when": "when", "edit_photo": "photo"}
        if answer.button in edits:
            turn.set_step(edits[answer.button], editing=True)
            await self.prompt(turn)
        elif answer.button == "cancel":
            await turn.end_flow()
            await turn.say(turn.t("flow.cancelled"), keyboards.main_menu(turn))
        elif answer.button == "send":
            await self._send(turn)
        else:
            await steps.not_understood(turn)

    async def _send(self, turn: Turn) -> None:
        data = turn.data
        text = str(data.get("text", ""))
        contact = data.get("contact") == "contact"
        submission = await store_submission(
            turn, kind=Kind.TIP, text=text, labels=turn.classify(text), message_id=data.get("message_id"),
            intent=Intent.TIP, place=data.get("place"), place_text=data.get("place_text"),
            latitude=data.get("lat"), longitude=data.get("lon"), occurred=data.get("occurred"),
            anonymous=not contact, contact_allowed=contact,
        )
        photo = Photo.from_data(data.get("photo"))
        if photo is not None:
            await attach_photo(turn, submission, photo)
        await turn.end_flow()
        await turn.say(turn.t("tip.receipt", ref=submission.ref, emergency=turn.services.profile.emergency_number),
                       kind="receipt", submission_id=submission.id)


FLOW = TipFlow()
