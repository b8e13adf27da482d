"""Adding a place, a time or a photo to something already stored (the buttons under a receipt)."""

from __future__ import annotations

from typing import Any

from bot.flows import steps
from bot.flows.inputs import Input, Photo
from bot.flows.intake import attach_photo
from bot.turn import Turn
from storage.models import Submission
from storage.usecases.officer import record

CITIZEN = "citizen"  # the audit log's "officer" for changes the citizen made


class FollowUpFlow:
    name = "followup"

    async def begin(self, turn: Turn, **preset: Any) -> None:
        turn.start_flow(self.name, str(preset["what"]), {"submission_id": preset["submission_id"],
                                                          "ref": preset["ref"]})
        await self.prompt(turn)

    async def prompt(self, turn: Turn) -> None:
        if turn.step == "place":
            await steps.ask_place(turn, "place")
        elif turn.step == "time":
            await steps.ask_when(turn, "time")
        else:
            await steps.ask_photo(turn, "photo")

    async def handle(self, turn: Turn, answer: Input) -> None:
        step = turn.step
        reader = {"place": lambda: steps.read_place(turn, answer), "time": lambda: steps.read_when(answer),
                  "photo": lambda: steps.read_photo(answer)}[step or "photo"]
        changes = reader()
        if changes is None:
            await steps.not_understood(turn)
            return
        submission = await turn.session.get(Submission, turn.data.get("submission_id"))
        await turn.end_flow()
        if submission is None or submission.citizen_id != turn.citizen.id:
            await turn.say(turn.t("button.stale"))
            return
        key = await self._apply(turn, submission, step or "photo", changes)
        await turn.say(turn.t(key, ref=submission.ref), submission_id=submission.id)

    async def _apply(self, turn: Turn, submission: Submission, step: str, changes: dict[str, Any]) -> str:
        if step == "photo":
            photo = Photo.from_data(changes.get("photo"))
            if photo is None:
                return "followup.nothing_added"
            attachment = await attach_photo(turn, submission, photo)
            await record(turn.session, CITIZEN, "citizen_addition", submission=submission, versioned=False,
                         after={"field": "photo"})
            return "followup.photo_too_large" if attachment.state == "too_large" else "followup.added"
        if step == "time":
            if changes.get("occurred") is None:
                return "followup.nothing_added"
            submission.occurred = changes["occurred"]
        else:
            if all(changes.get(k) is None for k in ("place", "place_text", "lat")):
                return "followup.nothing_added"
            submission.place, submission.place_text = changes.get("place"), changes.get("place_text")
            submission.latitude, submission.longitude = changes.get("lat"), changes.get("lon")
        submission.updated_at = turn.now
        await record(turn.session, CITIZEN, "citizen_addition", submission=submission,
                     after={"field": "occurred" if step == "time" else "place"})
        return "followup.added"


FLOW = FollowUpFlow()
