"""Questions answered from the profile: the mobile police office, the promises, the numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.texts import Html
from bot.turn import Turn
from storage.profile import MobileOfficeVisit, Profile, fold

WEEKDAYS = {
    "sv": ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "sv": ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_OFFICE_WORDS = ("mobila polis", "mobil polis", "polisbuss", "mobile police", "police van", "poliskontor",
                 "mobila kontor", "police office")
_PROMISE_WORDS = ("medborgarlofte", "lofte", "promise")
_NUMBER_WORDS = ("nummer", "telefon", "ringa", "number", "phone", "call")


@dataclass(frozen=True)
class Visit:
    start: dt.datetime  # local time
    end: dt.datetime
    visit: MobileOfficeVisit


def next_visits(profile: Profile, now: dt.datetime, *, place: str | None = None, count: int = 3) -> list[Visit]:
    """The coming visits in the profile's time zone; one still going on counts."""
    local_now = now.astimezone(profile.tz)
    found: list[Visit] = []
    for days in range(0, 15):
        day = local_now.date() + dt.timedelta(days=days)
        for visit in profile.mobile_office:
            if visit.weekday != day.weekday() or (place and visit.place_id != place):
                continue
            start = dt.datetime.combine(day, visit.start, profile.tz)
            end = dt.datetime.combine(day, visit.end, profile.tz)
            if end > local_now:
                found.append(Visit(start, end, visit))
    return sorted(found, key=lambda v: v.start)[:count]


def office_answer(turn: Turn, place: str | None = None) -> Html:
    profile = turn.services.profile
    visits = next_visits(profile, turn.now, place=place) or next_visits(profile, turn.now)
    if not visits:
        return turn.t("office.none")
    lines = [turn.t("office.line", day=_day(turn.lang, v.start), start=f"{v.start:%H:%M}", end=f"{v.end:%H:%M}",
                    place=_place_name(profile, v.visit.place_id), where=v.visit.where)
             for v in visits]
    return turn.t("office.answer", visits=Html("\n".join(lines)))


def promises_answer(turn: Turn) -> Html:
    profile = turn.services.profile
    lines = [turn.t("promises.line", title=p.title.get(turn.lang, p.title["sv"]), text=p.text.get(turn.lang, p.text["sv"]))
             for p in profile.promises]
    return turn.t("promises.answer", municipality=profile.municipality,
                  start=profile.period_start.isoformat(), end=profile.period_end.isoformat(),
                  promises=Html("\n\n".join(lines)) if lines else turn.t("promises.none"))


def numbers_answer(turn: Turn) -> Html:
    profile = turn.services.profile
    return turn.t("numbers.answer", emergency=profile.emergency_number, non_emergency=profile.non_emergency_number)


def answer_question(turn: Turn, text: str, place: str | None) -> Html | None:
    """An answer from the profile when a free-text question is about something it knows."""
    folded = fold(text)
    if any(word in folded for word in _OFFICE_WORDS):
        return office_answer(turn, place)
    if any(word in folded for word in _PROMISE_WORDS):
        return promises_answer(turn)
    if any(word in folded for word in _NUMBER_WORDS):
        return numbers_answer(turn)
    return None


def _day(lang: str, when: dt.datetime) -> str:
    lang = lang if lang in WEEKDAYS else "sv"
    return f"{WEEKDAYS[lang][when.weekday()]} {when.day} {MONTHS[lang][when.month - 1]}"


def _place_name(profile: Profile, place_id: str) -> str:
    place = profile.place(place_id)
    return place.name if place else place_id
