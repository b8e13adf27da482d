"""The bot's small parts: message splitting, button payloads, texts, schedule, rate limits, inbox keys."""

from __future__ import annotations

import datetime as dt
import html
import re
import string

import pytest

from bot import callbacks
from bot.flows.info import next_visits
from bot.flows.intake import match_place, nearest_place
from bot.inbox.store import chat_and_natural_key
from bot.outbox.split import split_html, visible_length
from bot.ratelimit import Verdict, count_message
from bot.texts import Catalogue, clean
from bot.turn import ui_language
from storage.models import Citizen
from storage.profile import Limits, Profile


def test_split_keeps_every_part_within_the_limit_and_valid() -> None:
    text = "<b>Rubrik</b>\n\n" + html.escape("<&>" * 3000) + "\n<i>" + "ord " * 1500 + "</i>"
    parts = split_html(text)
    assert len(parts) > 1 and all(visible_length(p) <= 4096 for p in parts)
    assert "".join(re.sub(r"</?[bi]>", "", p) for p in parts).replace("\n", "") == \
        re.sub(r"</?[bi]>", "", text).replace("\n", "")
    for part in parts:  # no cut inside an entity or a tag; tags balanced in every part
        assert not re.search(r"&[a-z]*$", part) and part.count("<i>") == part.count("</i>")


def test_split_leaves_short_messages_alone() -> None:
    assert split_html("<b>hej</b> &amp; hå") == ["<b>hej</b> &amp; hå"]


@pytest.mark.parametrize("data", ["m:tip", "m:tip:grebbestad", "f:0a1b2c:where:skip", "s:42:photo", "l:en"])
def test_button_payloads_round_trip(data: str) -> None:
    button = callbacks.parse(data)
    assert button is not None and button.encode() == data and len(data.encode()) < 64


@pytest.mark.parametrize("data", [None, "", "m:evil", "m:tip:Grebbestad", "f:xyz:where:a", "s:0:place",
                                  "s:1:place:extra", "l:fr", "x" * 80, "m:tip\n", "s:-1:time", "🙂"])
def test_forged_button_payloads_are_refused(data: str | None) -> None:
    assert callbacks.parse(data) is None


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    texts = Catalogue.load()
    sv, en = texts.messages["sv"], texts.messages["en"]
    assert set(sv) == set(en)
    for key in sv:
        fields = {f for _, f, _, _ in string.Formatter().parse(sv[key]) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(en[key]) if f}, key
        texts("sv", key, **{f: "<x>" for f in fields})  # renders, escapes


def test_clean_removes_what_telegram_and_databases_refuse() -> None:
    assert clean("a\x00b\ud800c\x1bd\ne\tf") == "ab\ufffdcd\ne\tf"


def test_languages() -> None:
    assert [ui_language(c, ("sv", "en")) for c in ("sv", "en-GB", "nb", "da", "de", None, "fi")] == \
        ["sv", "en", "en", "en", "en", "sv", "sv"]


def test_places_from_text_and_coordinates(profile: Profile) -> None:
    assert match_place(profile, "vid hamnen i Grebbestads centrum").id == "grebbestad"  # type: ignore[union-attr]
    assert match_place(profile, "i fjallbacka") .id == "fjallbacka"  # type: ignore[union-attr]
    assert match_place(profile, "Storgatan 5") is None
    assert nearest_place(profile, 58.6911, 11.2536).id == "grebbestad"  # type: ignore[union-attr]
    assert nearest_place(profile, 59.33, 18.07) is None  # Stockholm is not in Tanum


def test_next_mobile_office_visits_in_the_profile_time_zone(profile: Profile) -> None:
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    visits = next_visits(profile, now)
    assert visits and all(v.end > now for v in visits)
    assert visits == sorted(visits, key=lambda v: v.start)
    assert all(v.start.tzinfo is not None and v.start.utcoffset() == dt.timedelta(hours=1) for v in visits)


def test_rate_limit_counts_windows_and_tells_once(profile: Profile) -> None:
    citizen = Citizen(rate_minute_count=0, rate_day_count=0)
    limits = Limits(messages_per_minute=2, messages_per_day=5)
    start = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    verdicts = [count_message(citizen, limits, start + dt.timedelta(seconds=i), profile.tz) for i in range(4)]
    assert verdicts == [Verdict.OK, Verdict.OK, Verdict.OVER_NOTIFY, Verdict.OVER_QUIET]
    assert count_message(citizen, limits, start + dt.timedelta(minutes=2), profile.tz) is Verdict.OK


def test_inbox_natural_keys() -> None:
    chat = {"id": 5, "type": "private"}
    assert chat_and_natural_key({"update_id": 1, "message": {"message_id": 7, "chat": chat}}) == (5, "msg:5:7")
    assert chat_and_natural_key({"update_id": 2, "edited_message": {"message_id": 7, "chat": chat, "edit_date": 9}}) \
        == (5, "edit:5:7:9")
    assert chat_and_natural_key({"update_id": 3, "callback_query": {"id": "abc", "from": {"id": 5}}}) == (5, "cbq:abc")
    assert chat_and_natural_key({"update_id": 4, "message": {"chat": "nonsense"}}) == (None, None)
