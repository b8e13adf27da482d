"""``submissions.csv``: one row per submission, labels and redacted text, nothing that identifies a citizen.

The columns are fixed; ``--no-text`` leaves the text column out entirely.
This file is microdata for the analysts: it allows exact counts, so it is
not for publication the way the summary files are.
"""

from __future__ import annotations

from moderation.export.cells import csv_bytes
from moderation.export.publication import Publication

HEADER = ("ref", "date", "week", "place", "themes", "intent", "lang", "status")


def submissions_header(pub: Publication) -> tuple[str, ...]:
    return (*HEADER, "text") if pub.include_text else HEADER


def submissions_csv(pub: Publication) -> tuple[bytes, int]:
    lines = pub.submissions or ()
    if pub.include_text:
        rows = [(s.ref, s.date, s.week, s.place, s.themes, s.intent, s.lang, s.status, s.text) for s in lines]
    else:
        rows = [(s.ref, s.date, s.week, s.place, s.themes, s.intent, s.lang, s.status) for s in lines]
    return csv_bytes(submissions_header(pub), rows), len(rows)
