"""``summary.csv`` and ``summary.json``: the protected counts, in a tidy table and as a document.

summary.csv has one row per published figure, with the columns
``table, week, place, theme, intent, measure, value``; ``*`` in place, theme
or intent means "all" (a total), an empty column does not apply. The tables:

- ``counts``: submissions per week × place × theme × intent, and the totals;
- ``trend``: per theme, the week against the average of the 4 weeks before;
- ``flow``: opened, closed, answered and the median hours to a first answer;
- ``mobile_office``: questions about the mobile police office;
- ``grannsamverkan``: sign-ups per area for the whole period.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from moderation.export.cells import Value, csv_bytes
from moderation.export.disclosure import SECONDARY, small_label
from moderation.export.publication import UNKNOWN_PLACE, Publication
from moderation.export.labels import label

FORMAT = "trygg-kartlaggning-summary/1"
ALL = "*"
CSV_HEADER = ("table", "week", "place", "theme", "intent", "measure", "value")


def _place_id(place: str | None) -> str:
    return place if place is not None else UNKNOWN_PLACE


def summary_rows(pub: Publication) -> Iterator[tuple[Value, ...]]:
    for week in pub.weeks:
        w = str(week)
        p = pub.protected[week]
        yield ("counts", w, ALL, ALL, ALL, "submissions", p.total)
        for theme, value in p.by_theme.items():
            yield ("counts", w, ALL, theme, ALL, "submissions", value)
        for intent, value in p.by_intent.items():
            yield ("counts", w, ALL, ALL, intent, "submissions", value)
        for place, value in p.by_place.items():
            yield ("counts", w, _place_id(place), ALL, ALL, "submissions", value)
        for (place, theme, intent), value in p.cells.items():
            yield ("counts", w, _place_id(place), theme, intent, "submissions", value)
    for t in pub.trends:
        w = str(t.week)
        yield ("trend", w, "", t.theme, "", "this_week", t.this_week)
        for i, value in enumerate(t.previous, 1):
            yield ("trend", w, "", t.theme, "", f"week_minus_{len(t.previous) - i + 1}", value)
        yield ("trend", w, "", t.theme, "", "previous_average", t.previous_average)
        yield ("trend", w, "", t.theme, "", "change_percent", t.change_percent)
    for f in pub.flow:
        w = str(f.week)
        yield ("flow", w, "", "", "", "opened", f.opened)
        yield ("flow", w, "", "", "", "closed", f.closed)
        yield ("flow", w, "", "", "", "responded", f.responded)
        yield ("flow", w, "", "", "", "median_hours_to_first_response", f.median_hours_to_first_response)
    for week, value in pub.mobile_office_questions.items():
        yield ("mobile_office", str(week), "", "", "", "questions", value)
    for a in pub.watch:
        period = pub.period_label
        yield ("grannsamverkan", period, a.place, "", "", "signups", a.signups)
        yield ("grannsamverkan", period, a.place, "", "", "households", a.households)
        yield ("grannsamverkan", period, a.place, "", "", "wants_new_group", a.wants_new_group)
        yield ("grannsamverkan", period, a.place, "", "", "wants_info_meeting", a.wants_info_meeting)


def summary_csv(pub: Publication) -> tuple[bytes, int]:
    rows = list(summary_rows(pub))
    return csv_bytes(CSV_HEADER, rows), len(rows)


def summary_document(pub: Publication) -> dict[str, Any]:
    small = small_label(pub.threshold)
    return {
        "format": FORMAT,
        "municipality": pub.municipality,
        "weeks": [str(w) for w in pub.weeks],
        "period": {"first_day": pub.first_day.isoformat(), "last_day": pub.last_day.isoformat(),
                   "timezone": pub.timezone},
        "empty": pub.empty,
        "small_cell_threshold": pub.threshold,
        "markers": {
            small: f"fewer than {pub.threshold} (0 included in tables), not shown",
            SECONDARY: "hidden so that a small count cannot be worked out from the totals",
        },
        "counted": "all submissions except spam, messages from blocked citizens and merged duplicates; "
                   "a submission with several themes counts under each theme, totals count submissions",
        "places": {_place_id(p): pub.place_name(p) for p in pub.keys.places},
        "themes": {t: label(t) for t in pub.keys.themes},
        "intents": {i: label(i) for i in pub.keys.intents},
        "weeks_detail": [_week_document(pub, w) for w in pub.weeks],
        "themes_by_week": [
            {"week": str(w), "total": pub.protected[w].total, "by_theme": pub.protected[w].by_theme}
            for w in pub.chart_weeks
        ],
        "grannsamverkan": {
            "period": pub.period_label,
            "areas": [
                {"place": a.place, "name": pub.place_name(a.place), "signups": a.signups, "households": a.households,
                 "wants_new_group": a.wants_new_group, "wants_info_meeting": a.wants_info_meeting}
                for a in pub.watch
            ],
        },
        "promises": [
            {"id": p.id, "theme": p.theme, "owner": p.owner, "title": p.title} for p in pub.promises
        ],
    }


def _week_document(pub: Publication, week: Any) -> dict[str, Any]:
    p = pub.protected[week]
    flow = next(f for f in pub.flow if f.week == week)
    return {
        "week": str(week),
        "first_day": week.monday.isoformat(),
        "last_day": week.sunday.isoformat(),
        "empty": p.empty,
        "total": p.total,
        "by_theme": p.by_theme,
        "by_intent": p.by_intent,
        "by_place": {_place_id(k): v for k, v in p.by_place.items()},
        "cells": [
            {"place": _place_id(place), "theme": theme, "intent": intent, "submissions": value}
            for (place, theme, intent), value in p.cells.items()
        ],
        "trend": [
            {"theme": t.theme, "this_week": t.this_week, "previous_weeks": list(t.previous),
             "previous_average": t.previous_average, "change_percent": t.change_percent}
            for t in pub.trends if t.week == week
        ],
        "flow": {"opened": flow.opened, "closed": flow.closed, "responded": flow.responded,
                 "median_hours_to_first_response": flow.median_hours_to_first_response},
        "mobile_office_questions": pub.mobile_office_questions[week],
    }


def summary_json(pub: Publication) -> bytes:
    """Stable JSON: keys in insertion order (fixed by the code), UTF-8, newline at the end."""
    return (json.dumps(summary_document(pub), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
