"""Time in one place: aware UTC datetimes everywhere, local time only for display."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
