"""The municipality profile: everything that differs between Sweden's 290 municipalities.

A profile is a TOML file (see ``storage/profiles/tanum.toml``), validated on
load into frozen dataclasses. Any problem is refused with one line naming the
file, the key and what is wrong, so a coordinator editing the file by hand can
fix it without reading Python.
"""

from __future__ import annotations

import datetime as dt
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.errors import ProfileError
from storage.vocabulary import THEMES, WEEKDAYS

BUILTIN_PROFILE = "tanum.toml"


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Promise:
    id: str
    theme: str | None
    owner: str  # "police", "municipality" or "both"
    title: dict[str, str]
    text: dict[str, str]


@dataclass(frozen=True)
class MobileOfficeVisit:
    weekday: int  # 0 = Monday, as datetime.weekday()
    start: dt.time
    end: dt.time
    place_id: str
    where: str  # e.g. "Torget" — a spot in the place, shown to citizens


@dataclass(frozen=True)
class Retention:
    """How long data is kept, in days (see ``storage.usecases.retention``)."""

    closed_days: int = 365
    spam_days: int = 30
    watch_contact_days: int = 730
    inbox_days: int = 7
    erased_citizen_days: int = 0


@dataclass(frozen=True)
class ExportSettings:
    small_cell_threshold: int = 3
    weekday: int = 0
    time: dt.time = dt.time(6, 0)
    directory: str = "exports"


@dataclass(frozen=True)
class Limits:
    messages_per_minute: int = 10
    messages_per_day: int = 100
    photo_max_bytes: int = 10_000_000


@dataclass(frozen=True)
class Profile:
    source: str
    municipality: str
    ref_prefix: str
    timezone: str
    languages: tuple[str, ...]
    default_language: str
    emergency_number: str
    non_emergency_number: str
    period_start: dt.date
    period_end: dt.date
    places: tuple[Place, ...]
    promises: tuple[Promise, ...]
    mobile_office: tuple[MobileOfficeVisit, ...]
    retention: Retention
    export: ExportSettings
    limits: Limits
    redaction_readers: tuple[str, ...] = ()
    _places_by_id: dict[str, Place] = field(default_factory=dict, repr=False, compare=False)

    def place(self, place_id: str | None) -> Place | None:
        return self._places_by_id.get(place_id) if place_id else None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def promises_for_theme(self, theme: str) -> list[Promise]:
        return [p for p in self.promises if p.theme == theme]


def fold(text: str) -> str:
    """Lower-case and strip diacritics: "Östad" -> "ostad", "Kämpersvik" -> "kampersvik"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def load_profile(path: str | Path | None = None) -> Profile:
    """Load and validate a profile; ``None`` means the built-in Tanum profile."""
    if path is None:
        ref = resources.files("storage.profiles").joinpath(BUILTIN_PROFILE)
        source = f"<built-in {BUILTIN_PROFILE}>"
        raw_bytes = ref.read_bytes()
    else:
        source = str(path)
        try:
            raw_bytes = Path(path).read_bytes()
        except OSError as exc:
            raise ProfileError(f"{source}: cannot read profile: {exc.strerror}") from None
    try:
        raw = tomllib.loads(raw_bytes.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"{source}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: invalid TOML: {exc}") from None
    return _Reader(source).profile(raw)


class _Reader:
    """Turns the raw TOML dict into a Profile, naming the key of any error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, key: str, problem: str) -> ProfileError:
        return ProfileError(f"{self.source}: {key}: {problem}")

    def get(self, table: dict, key: str, prefix: str, kind: type | tuple, default: Any = ...) -> Any:
        full = f"{prefix}.{key}" if prefix else key
        if key not in table:
            if default is ...:
                raise self.fail(full, "missing")
            return default
        value = table[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            raise self.fail(full, f"expected {_kind_name(kind)}, got a boolean")
        if not isinstance(value, kind):
            raise self.fail(full, f"expected {_kind_name(kind)}, got {type(value).__name__} {value!r}")
        return value

    def text_map(self, table: dict, key: str, prefix: str) -> dict[str, str]:
        value = self.get(table, key, prefix, (str, dict))
        if isinstance(value, str):
            return {"sv": value}
        for lang, text in value.items():
            if not isinstance(text, str):
                raise self.fail(f"{prefix}.{key}.{lang}", "expected a string")
        if "sv" not in value:
            raise self.fail(f"{prefix}.{key}", "needs at least a Swedish text (sv)")
        return dict(value)

    def time_of_day(self, value: str, key: str) -> dt.time:
        try:
            return dt.time.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"expected a time like 10:00, got {value!r}") from None

    def weekday(self, value: str, key: str) -> int:
        day = value.strip().lower()
        if day not in WEEKDAYS:
            raise self.fail(key, f"unknown weekday {value!r}; use one of {', '.join(WEEKDAYS)}")
        return WEEKDAYS.index(day)

    def positive(self, table: dict, key: str, prefix: str, default: int) -> int:
        value = self.get(table, key, prefix, int, default)
        if value < 0:
            raise self.fail(f"{prefix}.{key}", f"must not be negative, got {value}")
        return value

    def profile(self, raw: dict) -> Profile:
        muni = self.get(raw, "municipality", "", dict)
        name = self.get(muni, "name", "municipality", str)
        prefix = self.get(muni, "ref_prefix", "municipality", str)
        if not (prefix.isascii() and prefix.isalpha() and prefix.isupper() and 2 <= len(prefix) <= 5):
            raise self.fail("municipality.ref_prefix", f"expected 2-5 capital letters A-Z, got {prefix!r}")
        timezone = self.get(muni, "timezone", "municipality", str, "Europe/Stockholm")
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail("municipality.timezone", f"unknown time zone {timezone!r}") from None
        languages = tuple(self.get(muni, "languages", "municipality", list, ["sv", "en"]))
        if not languages or not all(isinstance(lang, str) for lang in languages):
            raise self.fail("municipality.languages", "expected a non-empty list of language codes")
        default_language = self.get(muni, "default_language", "municipality", str, languages[0])
        if default_language not in languages:
            raise self.fail("municipality.default_language", f"{default_language!r} is not in languages")

        numbers = self.get(raw, "numbers", "", dict)
        emergency = self.get(numbers, "emergency", "numbers", str)
        non_emergency = self.get(numbers, "non_emergency", "numbers", str)

        period = self.get(raw, "period", "", dict)
        start = self.get(period, "start", "period", dt.date)
        end = self.get(period, "end", "period", dt.date)
        if end < start:
            raise self.fail("period.end", "is before period.start")

        places = self.places(self.get(raw, "places", "", list))
        by_id = {p.id: p for p in places}
        promises = self.promises(self.get(raw, "promises", "", list, []))
        visits = self.visits(self.get(raw, "mobile_office", "", list, []), by_id)

        ret = self.get(raw, "retention", "", dict, {})
        retention = Retention(
            closed_days=self.positive(ret, "closed_days", "retention", 365),
            spam_days=self.positive(ret, "spam_days", "retention", 30),
            watch_contact_days=self.positive(ret, "watch_contact_days", "retention", 730),
            inbox_days=self.positive(ret, "inbox_days", "retention", 7),
            erased_citizen_days=self.positive(ret, "erased_citizen_days", "retention", 0),
        )
        exp = self.get(raw, "export", "", dict, {})
        export = ExportSettings(
            small_cell_threshold=self.positive(exp, "small_cell_threshold", "export", 3),
            weekday=self.weekday(self.get(exp, "weekday", "export", str, "monday"), "export.weekday"),
            time=self.time_of_day(self.get(exp, "time", "export", str, "06:00"), "export.time"),
            directory=self.get(exp, "directory", "export", str, "exports"),
        )
        lim = self.get(raw, "limits", "", dict, {})
        limits = Limits(
            messages_per_minute=self.positive(lim, "messages_per_minute", "limits", 10),
            messages_per_day=self.positive(lim, "messages_per_day", "limits", 100),
            photo_max_bytes=self.positive(lim, "photo_max_bytes", "limits", 10_000_000),
        )
        roles = self.get(raw, "roles", "", dict, {})
        readers = tuple(self.get(roles, "redaction_readers", "roles", list, []))
        return Profile(
            source=self.source,
            municipality=name,
            ref_prefix=prefix,
            timezone=timezone,
            languages=languages,
            default_language=default_language,
            emergency_number=emergency,
            non_emergency_number=non_emergency,
            period_start=start,
            period_end=end,
            places=tuple(places),
            promises=tuple(promises),
            mobile_office=tuple(visits),
            retention=retention,
            export=export,
            limits=limits,
            redaction_readers=readers,
            _places_by_id=by_id,
        )

    def places(self, items: list) -> list[Place]:
        if not items:
            raise self.fail("places", "needs at least one place")
        places: list[Place] = []
        owner_of_alias: dict[str, str] = {}
        for i, item in enumerate(items):
            key = f"places[{i}]"
            if not isinstance(item, dict):
                raise self.fail(key, "expected a table")
            place_id = self.get(item, "id", key, str)
            if not place_id.isidentifier() or not place_id.isascii() or place_id != place_id.lower():
                raise self.fail(f"{key}.id", f"expected a lower-case ascii identifier, got {place_id!r}")
            name = self.get(item, "name", key, str)
            lat = self.get(item, "lat", key, float)
            lon = self.get(item, "lon", key, float)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise self.fail(f"{key}", f"coordinates out of range: {lat}, {lon}")
            aliases = self.get(item, "aliases", key, list, [])
            if not all(isinstance(a, str) and a.strip() for a in aliases):
                raise self.fail(f"{key}.aliases", "expected a list of non-empty strings")
            for alias in [name, *aliases]:
                folded = fold(alias.strip())
                other = owner_of_alias.get(folded)
                if other is not None and other != place_id:
                    raise self.fail(f"{key}.aliases", f"alias {alias!r} is already used by place {other!r}")
                owner_of_alias[folded] = place_id
            if any(p.id == place_id for p in places):
                raise self.fail(f"{key}.id", f"duplicate place id {place_id!r}")
            places.append(Place(place_id, name, lat, lon, tuple(aliases)))
        return places

    def promises(self, items: list) -> list[Promise]:
        promises = []
        for i, item in enumerate(items):
            key = f"promises[{i}]"
            if not isinstance(item, dict):
                raise self.fail(key, "expected a table")
            theme = self.get(item, "theme", key, str, None)
            if theme is not None and theme not in THEMES:
                raise self.fail(f"{key}.theme", f"unknown theme {theme!r}; use one of {', '.join(THEMES)}")
            owner = self.get(item, "owner", key, str, "police")
            if owner not in ("police", "municipality", "both"):
                raise self.fail(f"{key}.owner", f"expected police, municipality or both, got {owner!r}")
            promises.append(
                Promise(
                    id=self.get(item, "id", key, str),
                    theme=theme,
                    owner=owner,
                    title=self.text_map(item, "title", key),
                    text=self.text_map(item, "text", key),
                )
            )
        return promises

    def visits(self, items: list, places: dict[str, Place]) -> list[MobileOfficeVisit]:
        visits = []
        for i, item in enumerate(items):
            key = f"mobile_office[{i}]"
            if not isinstance(item, dict):
                raise self.fail(key, "expected a table")
            place_id = self.get(item, "place", key, str)
            if place_id not in places:
                raise self.fail(f"{key}.place", f"unknown place id {place_id!r}")
            start = self.time_of_day(self.get(item, "start", key, str), f"{key}.start")
            end = self.time_of_day(self.get(item, "end", key, str), f"{key}.end")
            if end <= start:
                raise self.fail(f"{key}.end", "must be after start")
            visits.append(
                MobileOfficeVisit(
                    weekday=self.weekday(self.get(item, "weekday", key, str), f"{key}.weekday"),
                    start=start,
                    end=end,
                    place_id=place_id,
                    where=self.get(item, "where", key, str, ""),
                )
            )
        return visits


def _kind_name(kind: type | tuple) -> str:
    names = {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table",
             bool: "true or false", dt.date: "a date (YYYY-MM-DD)"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)
