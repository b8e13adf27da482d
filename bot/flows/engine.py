"""Which flow a citizen is in, and handing their input to it."""

from __future__ import annotations

from typing import Any

from bot import keyboards
from bot.flows import feedback, followup, forget, tip, watch
from bot.flows.base import Flow
from bot.flows.inputs import Input
from bot.turn import Turn

FLOWS: dict[str, Flow] = {f.name: f for f in (tip.FLOW, feedback.FLOW, watch.FLOW, followup.FLOW, forget.FLOW)}


async def begin(turn: Turn, name: str, **preset: Any) -> None:
    await FLOWS[name].begin(turn, **preset)


async def continue_flow(turn: Turn, answer: Input) -> bool:
    """Give the input to the citizen's current flow; False when they are in none."""
    flow = FLOWS.get(turn.flow or "")
    if flow is None:
        if turn.conversation is not None:  # a flow this version does not know: start afresh
            await turn.end_flow()
        return False
    await flow.handle(turn, answer)
    return True


async def cancel(turn: Turn) -> None:
    had_flow = turn.conversation is not None
    await turn.end_flow()
    await turn.say(turn.t("flow.cancelled" if had_flow else "flow.nothing_to_cancel"), keyboards.main_menu(turn))


async def reprompt(turn: Turn) -> None:
    flow = FLOWS.get(turn.flow or "")
    if flow is not None:
        await flow.prompt(turn)
