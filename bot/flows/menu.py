"""/start (with QR-poster deep links), the menu, /help, /privacy, /language."""

from __future__ import annotations

import re

from bot import keyboards
from bot.flows import cases, engine, info
from bot.turn import Turn

DEEP_LINK = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
FLOW_LINKS = {"tip": "tip", "feedback": "feedback", "synpunkt": "feedback", "watch": "watch",
              "grannsamverkan": "watch"}


async def start(turn: Turn, payload: str | None) -> None:
    profile = turn.services.profile
    place = None
    flow = None
    if payload and DEEP_LINK.match(payload):
        key = payload.lower()
        if key.startswith("place_"):
            place = profile.place(key.removeprefix("place_"))
        flow = FLOW_LINKS.get(key)
    await turn.end_flow()
    greeting = turn.t("start.greeting", municipality=profile.municipality, emergency=profile.emergency_number,
                      non_emergency=profile.non_emergency_number)
    if place is not None:
        greeting = turn.t("start.at_place", greeting=greeting, place=place.name)
    await turn.say(greeting, keyboards.main_menu(turn, place.id if place else None))
    if flow is not None:
        await engine.begin(turn, flow)


async def menu_action(turn: Turn, action: str, place: str | None) -> None:
    if action in ("tip", "feedback", "watch"):
        place_id = place if turn.services.profile.place(place) else None
        await engine.begin(turn, action, place=place_id)
    elif action == "office":
        await turn.say(info.office_answer(turn))
    elif action == "promises":
        await turn.say(info.promises_answer(turn))
    elif action == "numbers":
        await turn.say(info.numbers_answer(turn))
    elif action == "cases":
        await cases.my_cases(turn)
    else:
        await show_help(turn)


async def show_help(turn: Turn) -> None:
    profile = turn.services.profile
    await turn.say(turn.t("help.text", emergency=profile.emergency_number, non_emergency=profile.non_emergency_number),
                   keyboards.main_menu(turn))


async def show_privacy(turn: Turn) -> None:
    profile = turn.services.profile
    days = profile.retention
    await turn.say(turn.t("privacy.text", municipality=profile.municipality, closed_months=round(days.closed_days / 30.4),
                          spam_days=days.spam_days, watch_months=round(days.watch_contact_days / 30.4),
                          inbox_days=days.inbox_days))


async def ask_language(turn: Turn) -> None:
    await turn.say(turn.t("language.ask"), keyboards.languages())


async def set_language(turn: Turn, lang: str) -> None:
    turn.citizen.language, turn.citizen.language_chosen = lang, True
    await turn.say(turn.t("language.set"), keyboards.main_menu(turn))
