"""Questions several flows ask: where, when, a photo. Each has ``ask`` and ``read``."""

from __future__ import annotations

from typing import Any

from bot import keyboards
from bot.flows.inputs import Input, Photo
from bot.flows.intake import match_place, nearest_place
from bot.texts import Html
from bot.turn import Turn

WHEN_OPTIONS = (("just_now", "when.just_now"), ("today", "when.today"), ("earlier", "when.earlier"),
                ("skip", "button.skip"))
OCCURRED = ("just_now", "today", "earlier")
PLACE_TEXT_MAX = 200


async def ask_place(turn: Turn, step: str, question: str = "ask.where") -> None:
    await turn.say(turn.t(question), keyboards.places(turn, step))


def read_place(turn: Turn, answer: Input) -> dict[str, Any] | None:
    """Place fields for the conversation data, or None when the input is no answer to "where"."""
    profile = turn.services.profile
    if answer.button == "skip":
        return {"place": None, "place_text": None, "lat": None, "lon": None}
    if answer.button is not None:
        place = profile.place(answer.button)
        return {"place": place.id, "place_text": None, "lat": place.lat, "lon": place.lon} if place else None
    if answer.location is not None:
        lat, lon = answer.location
        near = nearest_place(profile, lat, lon)
        return {"place": near.id if near else None, "place_text": None, "lat": lat, "lon": lon}
    if answer.text:
        place = match_place(profile, answer.text)
        if place is not None:
            return {"place": place.id, "place_text": None, "lat": place.lat, "lon": place.lon}
        return {"place": None, "place_text": answer.text[:PLACE_TEXT_MAX], "lat": None, "lon": None}
    return None


def describe_place(turn: Turn, data: dict[str, Any]) -> str:
    place = turn.services.profile.place(data.get("place"))
    if place is not None:
        return place.name
    if data.get("place_text"):
        return str(data["place_text"])
    if data.get("lat") is not None:
        return turn.services.texts.plain(turn.lang, "summary.shared_location")
    return turn.services.texts.plain(turn.lang, "summary.not_given")


async def ask_when(turn: Turn, step: str) -> None:
    await turn.say(turn.t("ask.when"), keyboards.choices(turn, step, WHEN_OPTIONS))


def read_when(answer: Input) -> dict[str, Any] | None:
    if answer.button in OCCURRED:
        return {"occurred": answer.button}
    if answer.button == "skip":
        return {"occurred": None}
    return None


def describe_when(turn: Turn, occurred: str | None) -> str:
    return turn.services.texts.plain(turn.lang, f"when.{occurred}" if occurred else "summary.not_given")


async def ask_photo(turn: Turn, step: str) -> None:
    mb = round(turn.services.profile.limits.photo_max_bytes / 1_000_000)
    await turn.say(turn.t("ask.photo", mb=mb), keyboards.choices(turn, step, (("skip", "button.skip"),)))


def read_photo(answer: Input) -> dict[str, Any] | None:
    if answer.photo is not None:
        return {"photo": answer.photo.to_data()}
    if answer.button == "skip":
        return {"photo": None}
    return None


def photo_too_large(turn: Turn, photo: Photo | None) -> bool:
    limit = turn.services.profile.limits.photo_max_bytes
    return photo is not None and photo.size is not None and bool(limit) and photo.size > limit


async def not_understood(turn: Turn, hint: str = "flow.use_buttons") -> Html:
    text = turn.t(hint)
    await turn.say(text)
    return text
