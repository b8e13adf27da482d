"""The classifier's result and the officers' corrections it learns from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Classification:
    lang: str  # langdetect code, or "und"
    intent: str  # an Intent value
    themes: tuple[str, ...]  # Theme values, sorted
    theme_scores: dict[str, float]  # confidence per theme in [0, 1]
    place: str | None  # a profile place id
    confidence: float  # confidence of the intent in [0, 1]
    explain: dict = field(default_factory=dict)  # JSON-serialisable: why each label
    urgent: bool = False  # intent == "emergency"

    def to_json(self) -> dict:
        return {
            "lang": self.lang,
            "intent": self.intent,
            "themes": list(self.themes),
            "place": self.place,
            "confidence": self.confidence,
            "explain": self.explain,
        }


@dataclass(frozen=True)
class Correction:
    """An officer's reclassification, stored by the console; None means "not changed"."""

    text: str
    intent: str | None
    themes: tuple[str, ...] | None
    place: str | None
