"""Realistic synthetic submissions for demos, benchmarks and tests (``trygg seed``).

Texts are built from templates per language, theme and place, labelled by
construction (the template knows its intent and themes), and written with
bulk inserts in chunks, so 100,000 rows take seconds rather than minutes.
All identities are invented: seeded citizens have Telegram ids far above any
real one and no username.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.clock import utcnow
from storage.db import Database
from storage.models import Citizen, Submission, SubmissionTheme, WatchSignup
from storage.profile import Profile
from storage.refs import format_ref, ref_period, reserve_refs
from storage.vocabulary import Priority

SEED_TELEGRAM_ID_BASE = 9_000_000_000_000
CHUNK = 5_000

# (intent, themes, language, template). {place} is a place name, {where} a spot.
TEMPLATES: list[tuple[str, tuple[str, ...], str, str]] = [
    ("tip", ("burglary",), "sv", "Inbrott i sommarstugan vid {where} i {place} i natt, dörren uppbruten."),
    ("tip", ("burglary",), "sv", "Någon har stulit båtmotorn från bryggan i {place}."),
    ("tip", ("burglary",), "sv", "Okänd bil som kör runt och tittar på hus i {place} flera kvällar i rad."),
    ("tip", ("burglary",), "sv", "Cykeln stulen utanför {where} i {place}, andra gången i år."),
    ("tip", ("burglary",), "sv", "Diesel tappad ur traktorn på gården utanför {place}."),
    ("tip", ("traffic",), "sv", "Bilar kör alldeles för fort förbi skolan i {place}, särskilt på morgonen."),
    ("tip", ("traffic",), "sv", "EPA-traktorer som kör som galningar genom {place} på kvällarna."),
    ("tip", ("traffic",), "sv", "Misstänkt rattfylla, samma bil varje fredag från {where} i {place}."),
    ("tip", ("traffic",), "sv", "Båtar kör i full fart inne i hamnen i {place}."),
    ("tip", ("drugs",), "sv", "Det langas knark vid {where} i {place} nästan varje kväll."),
    ("tip", ("drugs",), "sv", "Stark lukt av cannabis från ett hus vid {where} i {place}."),
    ("tip", ("drugs",), "sv", "Hittade sprutor i buskarna bakom {where} i {place}."),
    ("tip", ("drugs", "traffic"), "sv", "Föraren av en moped i {place} verkade påverkad av narkotika."),
    ("tip", ("violence",), "sv", "Ett gäng ungdomar hotar folk vid {where} i {place} på helgerna."),
    ("tip", ("violence",), "sv", "Slagsmål utanför {where} i {place} i lördags natt."),
    ("feedback", ("violence",), "sv", "Det känns otryggt att gå hem genom {place} på kvällen, mer polis behövs."),
    ("feedback", ("public_space",), "sv", "Gatubelysningen vid {where} i {place} har varit trasig sedan oktober."),
    ("feedback", ("public_space",), "sv", "Mycket skräp och klotter vid {where} i {place}."),
    ("feedback", ("public_space",), "sv", "Gångvägen till {where} i {place} är helt igenvuxen."),
    ("feedback", (), "sv", "Tack till polisen för bra bemötande vid mobila poliskontoret i {place}!"),
    ("feedback", ("traffic",), "sv", "Önskar fler hastighetskontroller genom {place}."),
    ("neighbourhood_watch", ("burglary",), "sv", "Vi är fem hushåll vid {where} i {place} som vill starta grannsamverkan."),
    ("neighbourhood_watch", (), "sv", "Hur går man med i grannsamverkan i {place}?"),
    ("question", (), "sv", "När kommer mobila polisen till {place} nästa gång?"),
    ("question", (), "sv", "Hur anmäler jag en stöld som hände i {place}?"),
    ("emergency", ("burglary",), "sv", "Det pågår ett inbrott hos grannen i {place} just nu!"),
    ("emergency", ("violence",), "sv", "En man står utanför {where} i {place} med kniv nu."),
    ("tip", ("burglary",), "en", "Our holiday home near {where} in {place} was broken into last week."),
    ("tip", ("traffic",), "en", "Cars are speeding through {place} every evening, someone will get hurt."),
    ("feedback", ("public_space",), "en", "The street lights by {where} in {place} are broken."),
    ("question", (), "en", "When is the mobile police office in {place}?"),
    ("emergency", ("traffic",), "en", "A drunk driver is swerving on the road out of {place} right now."),
    ("tip", ("burglary",), "no", "Noen har stjålet påhengsmotoren fra båten vår i {place}."),
    ("feedback", ("traffic",), "no", "Det kjøres altfor fort gjennom {place} om kvelden."),
    ("tip", ("burglary",), "de", "In unser Ferienhaus in {place} wurde eingebrochen."),
    ("question", (), "de", "Wann ist die mobile Polizeiwache in {place}?"),
    ("tip", ("drugs",), "da", "Der bliver solgt hash ved {where} i {place}."),
]
SPOTS = ["hamnen", "skolan", "busshållplatsen", "torget", "Konsum", "campingen", "badplatsen", "kyrkan", "idrottsplatsen"]
# Relative frequencies: Swedish dominates, emergencies are rare.
WEIGHTS = {"emergency": 0.3, "tip": 3.0, "feedback": 2.0, "neighbourhood_watch": 0.6, "question": 1.0}
LANG_WEIGHTS = {"sv": 3.0, "en": 1.0, "no": 1.0, "de": 1.0, "da": 1.0}


@dataclass
class SeedReport:
    submissions: int
    citizens: int
    watch_signups: int
    by_theme: Counter[str]


async def seed(
    db: Database,
    profile: Profile,
    count: int,
    *,
    weeks: int = 12,
    rng_seed: int = 2026,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> SeedReport:
    rng = random.Random(rng_seed)
    now = now or utcnow()
    weights = [WEIGHTS[i] * LANG_WEIGHTS[lang] for i, _, lang, _ in TEMPLATES]
    places = list(profile.places)
    place_weights = [6 if p.id in ("tanumshede", "grebbestad", "fjallbacka", "hamburgsund") else 1 for p in places]
    span = dt.timedelta(weeks=weeks).total_seconds()
    n_citizens = max(1, count // 4)
    by_theme: Counter[str] = Counter()
    signups = 0

    async with db.write() as session:
        first_citizen = await _insert_citizens(session, n_citizens, now)
        next_id = ((await session.execute(select(func.max(Submission.id)))).scalar() or 0) + 1
        # Timestamps first, so reference numbers can be reserved per month.
        stamps = sorted(now - dt.timedelta(seconds=rng.random() * span) for _ in range(count))
        refs = iter(await _reserve_numbers(session, profile, stamps))

        for start in range(0, count, CHUNK):
            rows, theme_rows, watch_rows = [], [], []
            for offset, created in enumerate(stamps[start:start + CHUNK]):
                sid = next_id + start + offset
                intent, themes, lang, template = rng.choices(TEMPLATES, weights)[0]
                place = rng.choices(places, place_weights)[0]
                age_days = (now - created).days
                status = _status_for(rng, intent, age_days)
                rows.append({
                    "id": sid,
                    "ref": next(refs),
                    "citizen_id": first_citizen + rng.randrange(n_citizens),
                    "kind": intent if intent in ("tip", "feedback", "neighbourhood_watch", "question") else "message",
                    "text": template.format(place=place.name, where=rng.choice(SPOTS)),
                    "lang": lang,
                    "intent": intent,
                    "confidence": round(rng.uniform(0.6, 0.99), 2),
                    "explain": {"seed": "synthetic"},
                    "classified_by": "seed",
                    "place": place.id,
                    "latitude": place.lat,
                    "longitude": place.lon,
                    "anonymous": rng.random() < 0.7,
                    "contact_allowed": rng.random() < 0.5,
                    "status": status,
                    "priority": Priority.URGENT if intent == "emergency" else Priority.NORMAL,
                    "assignee": rng.choice(["anna.k", "erik.l", None]) if status != "new" else None,
                    "from_blocked": False,
                    "created_at": created,
                    "updated_at": created,
                    "first_response_at": created + dt.timedelta(hours=rng.uniform(1, 72)) if status != "new" else None,
                    "closed_at": created + dt.timedelta(days=rng.uniform(1, 10)) if status in ("closed", "spam") else None,
                    "version": 1,
                })
                for theme in themes:
                    theme_rows.append({"submission_id": sid, "theme": theme, "confidence": 0.9})
                    by_theme[theme] += 1
                if intent == "neighbourhood_watch":
                    watch_rows.append({
                        "submission_id": sid, "citizen_id": rows[-1]["citizen_id"], "area": place.name,
                        "place": place.id, "households": rng.randint(2, 12),
                        "wants_new_group": rng.random() < 0.5, "wants_info_meeting": rng.random() < 0.6,
                        "contact_ok": rng.random() < 0.7, "contact_method": "telegram", "contact_value": None,
                        "created_at": created,
                    })
            await session.execute(insert(Submission.__table__), rows)
            if theme_rows:
                await session.execute(insert(SubmissionTheme.__table__), theme_rows)
            if watch_rows:
                await session.execute(insert(WatchSignup.__table__), watch_rows)
            signups += len(watch_rows)
            if progress:
                progress(len(rows))
        if db.dialect == "postgresql":
            for table in ("submissions", "citizens"):
                await session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                ))
    return SeedReport(submissions=count, citizens=n_citizens, watch_signups=signups, by_theme=by_theme)


def _status_for(rng: random.Random, intent: str, age_days: int) -> str:
    if age_days < 3:
        return rng.choices(["new", "triaged", "in_progress"], [6, 2, 1])[0]
    if age_days < 21:
        return rng.choices(["new", "triaged", "in_progress", "closed", "spam"], [2, 3, 3, 6, 0.3])[0]
    return rng.choices(["closed", "in_progress", "spam"], [12, 1, 0.5])[0]


async def _insert_citizens(session: AsyncSession, n: int, now: dt.datetime) -> int:
    first = ((await session.execute(select(func.max(Citizen.id)))).scalar() or 0) + 1
    base = SEED_TELEGRAM_ID_BASE + first
    for start in range(0, n, CHUNK):
        await session.execute(insert(Citizen.__table__), [
            {
                "id": first + i, "telegram_user_id": base + i, "chat_id": base + i,
                "pseudonym": f"Medborgare S{first + i:05X}", "language": "sv", "language_chosen": False,
                "created_at": now, "last_seen_at": now, "rate_minute_count": 0, "rate_day_count": 0,
            }
            for i in range(start, min(n, start + CHUNK))
        ])
    return first


async def _reserve_numbers(session: AsyncSession, profile: Profile, stamps: list[dt.datetime]) -> list[str]:
    periods = [ref_period(profile.ref_prefix, s, profile.tz) for s in stamps]
    firsts: dict[str, int] = {}
    for period, n in Counter(periods).items():
        firsts[period] = await reserve_refs(session, period, n)
    used: defaultdict[str, int] = defaultdict(int)
    refs = []
    for period in periods:
        refs.append(format_ref(period, firsts[period] + used[period]))
        used[period] += 1
    return refs
