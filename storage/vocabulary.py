"""Stable label ids shared by the classifier, the database, the console and the export.

The ids are stored in the database and written into exports, so they never
change; display names (Swedish first, English second) live beside them.
"""

from __future__ import annotations

from enum import StrEnum


class Intent(StrEnum):
    EMERGENCY = "emergency"
    TIP = "tip"
    FEEDBACK = "feedback"
    NEIGHBOURHOOD_WATCH = "neighbourhood_watch"
    QUESTION = "question"


class Theme(StrEnum):
    BURGLARY = "burglary"
    TRAFFIC = "traffic"
    DRUGS = "drugs"
    VIOLENCE = "violence"
    PUBLIC_SPACE = "public_space"


class Kind(StrEnum):
    """How the submission came in: which flow the citizen used."""

    TIP = "tip"
    FEEDBACK = "feedback"
    NEIGHBOURHOOD_WATCH = "neighbourhood_watch"
    QUESTION = "question"
    SURVEY = "survey"
    MESSAGE = "message"  # free text outside any flow


class Status(StrEnum):
    NEW = "new"
    TRIAGED = "triaged"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"
    SPAM = "spam"


class Priority:
    """Small integers so the queue can sort by them in SQL (higher first)."""

    LOW = -1
    NORMAL = 0
    HIGH = 1
    URGENT = 2


INTENTS: tuple[str, ...] = tuple(i.value for i in Intent)
THEMES: tuple[str, ...] = tuple(t.value for t in Theme)
KINDS: tuple[str, ...] = tuple(k.value for k in Kind)
STATUSES: tuple[str, ...] = tuple(s.value for s in Status)
WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Allowed status changes; closed and spam can be reopened to triaged.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.TRIAGED, Status.IN_PROGRESS, Status.CLOSED, Status.SPAM}),
    Status.TRIAGED: frozenset({Status.IN_PROGRESS, Status.CLOSED, Status.SPAM, Status.NEW}),
    Status.IN_PROGRESS: frozenset({Status.TRIAGED, Status.CLOSED, Status.SPAM}),
    Status.CLOSED: frozenset({Status.TRIAGED, Status.IN_PROGRESS}),
    Status.SPAM: frozenset({Status.TRIAGED, Status.NEW}),
}

DISPLAY_NAMES: dict[str, dict[str, str]] = {
    "sv": {
        "emergency": "Akut", "tip": "Tips", "feedback": "Synpunkt",
        "neighbourhood_watch": "Grannsamverkan", "question": "Fråga",
        "burglary": "Inbrott/stöld", "traffic": "Trafik", "drugs": "Narkotika",
        "violence": "Våld/otrygghet", "public_space": "Offentlig miljö",
        "new": "Ny", "triaged": "Sorterad", "in_progress": "Pågår", "closed": "Avslutad", "spam": "Skräp",
        "survey": "Trygghetsmätning", "message": "Meddelande",
    },
    "en": {
        "emergency": "Emergency", "tip": "Tip", "feedback": "Feedback",
        "neighbourhood_watch": "Neighbourhood watch", "question": "Question",
        "burglary": "Burglary/theft", "traffic": "Traffic", "drugs": "Drugs",
        "violence": "Violence/unsafety", "public_space": "Public space",
        "new": "New", "triaged": "Triaged", "in_progress": "In progress", "closed": "Closed", "spam": "Spam",
        "survey": "Safety survey", "message": "Message",
    },
}


def display_name(label: str, lang: str = "sv") -> str:
    return DISPLAY_NAMES.get(lang, DISPLAY_NAMES["sv"]).get(label, label)
