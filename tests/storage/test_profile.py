"""The municipality profile: the built-in Tanum profile and one-line errors for broken ones."""

from __future__ import annotations

import datetime as dt
import tomllib
from importlib import resources

import pytest

from storage.errors import ProfileError
from storage.profile import fold, load_profile

REQUIRED_PLACES = ["Tanumshede", "Grebbestad", "Fjällbacka", "Hamburgsund", "Kämpersvik", "Rabbalshede", "Hede",
                   "Sannäs", "Havstenssund", "Resö", "Lur", "Östad", "Bullaren", "Svenneby", "Skärbo", "Backa",
                   "Edsvik", "Mjölkeröd"]


def test_tanum_profile_is_complete():
    profile = load_profile()
    assert profile.ref_prefix == "TAN" and profile.emergency_number == "112"
    assert profile.non_emergency_number == "114 14"
    assert {p.name for p in profile.places} >= set(REQUIRED_PLACES)
    assert (profile.period_start, profile.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert {p.theme for p in profile.promises} >= {"drugs", "violence", "traffic", "public_space"}
    assert len(profile.promises) == 8 and profile.mobile_office
    assert profile.export.small_cell_threshold == 3
    assert fold("Östad") == "ostad"


def tanum_raw() -> str:
    return resources.files("storage.profiles").joinpath("tanum.toml").read_text("utf-8")


def broken(tmp_path, old: str, new: str):
    text = tanum_raw()
    assert old in text
    path = tmp_path / "broken.toml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ('ref_prefix = "TAN"', "", r"municipality\.ref_prefix: missing"),
    ('emergency = "112"', "emergency = 112", r"numbers\.emergency: expected a string, got int 112"),
    ('aliases = ["Hedes"]', 'aliases = ["Hedes", "Grebbestads"]', r"places\[6\]\.aliases: alias 'Grebbestads' is already used by place 'grebbestad'"),
    ('weekday = "tuesday"', 'weekday = "tisdag"', r"mobile_office\[0\]\.weekday: unknown weekday 'tisdag'"),
    ('place = "tanumshede"', 'place = "oslo"', r"mobile_office\[0\]\.place: unknown place id 'oslo'"),
    ('theme = "drugs"', 'theme = "weather"', r"promises\[0\]\.theme: unknown theme 'weather'"),
    ("small_cell_threshold = 3", "small_cell_threshold = -1", r"export\.small_cell_threshold: must not be negative"),
    ('timezone = "Europe/Stockholm"', 'timezone = "Mars/Olympus"', r"unknown time zone"),
])
def test_broken_profile_names_file_key_and_problem(tmp_path, old, new, message):
    path = broken(tmp_path, old, new)
    with pytest.raises(ProfileError, match=message) as error:
        load_profile(path)
    assert str(error.value).startswith(str(path)) and "\n" not in str(error.value)


def test_unreadable_and_invalid_toml(tmp_path):
    with pytest.raises(ProfileError, match="cannot read profile"):
        load_profile(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[municipality\nname=", "utf-8")
    with pytest.raises(ProfileError, match="invalid TOML"):
        load_profile(bad)
    tomllib.loads(tanum_raw())
