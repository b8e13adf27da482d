"""Per-citizen message limits (profile ``[limits]``): a flooder is slowed, never silenced into loss.

Every message is stored whatever the count; over the limit the bot stops
answering until the window passes and says why once per window.
Fixed windows on the ``Citizen.rate_*`` columns: one minute from the first
message, and the local calendar day.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from zoneinfo import ZoneInfo

from storage.models import Citizen
from storage.profile import Limits

MINUTE = dt.timedelta(minutes=1)


class Verdict(Enum):
    OK = "ok"
    OVER_NOTIFY = "over_notify"  # over the limit: answer once with why, then stay quiet
    OVER_QUIET = "over_quiet"


def count_message(citizen: Citizen, limits: Limits, now: dt.datetime, tz: ZoneInfo) -> Verdict:
    if citizen.rate_minute_start is None or now - citizen.rate_minute_start >= MINUTE:
        citizen.rate_minute_start, citizen.rate_minute_count = now, 0
    citizen.rate_minute_count = (citizen.rate_minute_count or 0) + 1
    today = now.astimezone(tz).date().isoformat()
    if citizen.rate_day != today:
        citizen.rate_day, citizen.rate_day_count = today, 0
    citizen.rate_day_count = (citizen.rate_day_count or 0) + 1
    over_minute = bool(limits.messages_per_minute) and citizen.rate_minute_count > limits.messages_per_minute
    over_day = bool(limits.messages_per_day) and citizen.rate_day_count > limits.messages_per_day
    if not (over_minute or over_day):
        return Verdict.OK
    told = citizen.rate_notified_at
    if over_day:
        already = told is not None and told.astimezone(tz).date().isoformat() == today
    else:
        already = told is not None and told >= citizen.rate_minute_start
    if already:
        return Verdict.OVER_QUIET
    citizen.rate_notified_at = now
    return Verdict.OVER_NOTIFY


def over_day(citizen: Citizen, limits: Limits) -> bool:
    return bool(limits.messages_per_day) and (citizen.rate_day_count or 0) > limits.messages_per_day
