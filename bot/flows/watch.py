"""Grannsamverkan: area or street → households → new group? → contact → info meeting → receipt."""

from __future__ import annotations

import re
from typing import Any

from bot import keyboards
from bot.flows import steps
from bot.flows.inputs import Input
from bot.flows.intake import match_place, store_submission
from bot.turn import Turn
from storage.usecases.intake import add_watch_signup
from storage.vocabulary import Intent, Kind

HOUSEHOLD_OPTIONS = tuple((str(n), str(n)) for n in range(1, 7)) + (("unknown", "watch.unknown"),)
GROUP_OPTIONS = (("new", "watch.group_new"), ("existing", "watch.group_existing"), ("unsure", "watch.unknown"))
CONTACT_OPTIONS = (("telegram", "watch.contact_telegram"), ("phone", "watch.contact_phone"),
                   ("email", "watch.contact_email"), ("none", "watch.contact_none"))
YES_NO = (("yes", "button.yes"), ("no", "button.no"))
AREA_MAX = 200
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,20}$")


class WatchFlow:
    name = "watch"

    async def begin(self, turn: Turn, **preset: Any) -> None:
        turn.start_flow(self.name, "area")
        await self.prompt(turn)

    async def prompt(self, turn: Turn) -> None:
        step = turn.step
        if step == "area":
            await turn.say(turn.t("watch.area"))
        elif step == "households":
            await turn.say(turn.t("watch.households"), keyboards.choices(turn, step, HOUSEHOLD_OPTIONS, columns=3))
        elif step == "group":
            await turn.say(turn.t("watch.group"), keyboards.choices(turn, step, GROUP_OPTIONS, columns=1))
        elif step == "contact":
            await turn.say(turn.t("watch.contact"), keyboards.choices(turn, step, CONTACT_OPTIONS, columns=2))
        elif step == "contact_value":
            method = turn.data.get("contact")
            await turn.say(turn.t("watch.ask_phone" if method == "phone" else "watch.ask_email"))
        else:
            await turn.say(turn.t("watch.meeting"), keyboards.choices(turn, "meeting", YES_NO))

    async def handle(self, turn: Turn, answer: Input) -> None:
        step = turn.step
        changes = self._read(step, answer)
        if changes is None:
            hint = {"area": "flow.describe_in_words", "contact_value": "watch.contact_invalid"}.get(step or "")
            await steps.not_understood(turn, hint or "flow.use_buttons")
            return
        if step == "meeting":
            await self._send(turn, {**turn.data, **changes})
            return
        following = {"area": "households", "households": "group", "group": "contact",
                     "contact_value": "meeting"}.get(step or "", "meeting")
        if step == "contact" and changes["contact"] in ("phone", "email"):
            following = "contact_value"
        turn.set_step(following, **changes)
        await self.prompt(turn)

    @staticmethod
    def _read(step: str | None, answer: Input) -> dict[str, Any] | None:
        text, button = answer.text, answer.button
        if step == "area":
            return {"area": text[:AREA_MAX], "message_id": answer.message_id} if text else None
        if step == "households":
            value = button if button is not None else (text or "").strip()
            if value == "unknown":
                return {"households": None}
            return {"households": int(value)} if value.isdigit() and 0 < int(value) <= 10_000 else None
        if step == "group":
            return {"group": button} if button in ("new", "existing", "unsure") else None
        if step == "contact":
            return {"contact": button} if button in ("telegram", "phone", "email", "none") else None
        if step == "contact_value":
            value = (text or "").strip()
            ok = _EMAIL.match(value) if "@" in value else _PHONE.match(value)
            return {"contact_value": value} if ok else None
        return {"meeting": button == "yes"} if button in ("yes", "no") else None

    async def _send(self, turn: Turn, data: dict[str, Any]) -> None:
        area = str(data.get("area", ""))
        place = match_place(turn.services.profile, area)
        contact = data.get("contact", "none")
        submission = await store_submission(
            turn, kind=Kind.NEIGHBOURHOOD_WATCH, text=area, labels=turn.classify(area),
            message_id=data.get("message_id"), intent=Intent.NEIGHBOURHOOD_WATCH,
            place=place.id if place else None, anonymous=contact == "none", contact_allowed=contact != "none",
        )
        await add_watch_signup(
            turn.session, submission, turn.citizen, area=area, place=place.id if place else None,
            households=data.get("households"), wants_new_group=data.get("group") == "new",
            wants_info_meeting=bool(data.get("meeting")), contact_ok=contact != "none",
            contact_method=contact if contact != "none" else None, contact_value=data.get("contact_value"),
            now=turn.now,
        )
        await turn.end_flow()
        await turn.say(turn.t("watch.receipt", ref=submission.ref), kind="receipt", submission_id=submission.id)


FLOW = WatchFlow()
