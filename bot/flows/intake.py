"""Storing what a citizen wrote: labels from the classifier, places from the profile."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from bot.flows.inputs import Photo
from bot.services import Labels
from bot.turn import Turn
from storage.models import Attachment, Submission
from storage.profile import Place, Profile, fold
from storage.usecases.intake import NewSubmission, create_submission
from storage.vocabulary import INTENTS, THEMES

NEAREST_PLACE_KM = 15.0


def match_place(profile: Profile, text: str) -> Place | None:
    """A profile place named in ``text`` ("vid hamnen i Grebbestad", "Fjallbacka"), else None."""
    words = fold(text).replace("-", " ").split()
    padded = f" {' '.join(''.join(c for c in w if c.isalnum()) for w in words)} "
    best: tuple[int, Place] | None = None
    for place in profile.places:
        for name in (place.name, *place.aliases):
            folded = f" {' '.join(fold(name).split())} "
            if folded in padded and (best is None or len(folded) > best[0]):
                best = (len(folded), place)
    return best[1] if best else None


def nearest_place(profile: Profile, latitude: float, longitude: float) -> Place | None:
    def km(place: Place) -> float:
        dlat = math.radians(place.lat - latitude)
        dlon = math.radians(place.lon - longitude) * math.cos(math.radians(latitude))
        return 6371.0 * math.hypot(dlat, dlon)

    nearest = min(profile.places, key=km, default=None)
    return nearest if nearest is not None and km(nearest) <= NEAREST_PLACE_KM else None


def themes_of(labels: Labels) -> dict[str, float]:
    scores: Mapping[str, Any] = labels.theme_scores if isinstance(labels.theme_scores, Mapping) else {}
    return {t: float(scores.get(t, 1.0)) for t in (labels.themes or ()) if t in THEMES}


def explain_of(labels: Labels) -> dict[str, Any]:
    explain = labels.explain
    if isinstance(explain, Mapping):
        return dict(explain)
    return {"explain": explain if isinstance(explain, (str, list)) else str(explain)}


async def store_submission(
    turn: Turn, *, kind: str, text: str, labels: Labels, message_id: int | None,
    intent: str | None = None, **fields: Any,
) -> Submission:
    """One submission from this citizen, labelled; urgent ones go to the top of the queue."""
    place = fields.pop("place", None) or labels.place
    # Outside the tip flow nobody was asked; an answer in this same chat reveals
    # nothing about the citizen, so officers may reply here (identity stays hidden).
    fields.setdefault("contact_allowed", True)
    chosen = turn.services.profile.place(place)
    if chosen is not None and "latitude" not in fields:
        fields.update(latitude=chosen.lat, longitude=chosen.lon)
    new = NewSubmission(
        kind=kind, text=text, intent=intent or (labels.intent if labels.intent in INTENTS else "tip"),
        lang=labels.lang or "und", themes=themes_of(labels), confidence=float(labels.confidence or 0.0),
        explain=explain_of(labels), place=chosen.id if chosen else None, urgent=bool(labels.urgent),
        source_chat_id=turn.chat_id if message_id is not None else None, source_message_id=message_id, **fields,
    )
    return await create_submission(turn.session, turn.services.profile, turn.citizen, new, now=turn.now)


async def attach_photo(turn: Turn, submission: Submission, photo: Photo) -> Attachment:
    """Record the photo now; it is downloaded right after the commit (see ``bot.attachments``)."""
    limit = turn.services.profile.limits.photo_max_bytes
    too_large = photo.size is not None and limit and photo.size > limit
    attachment = Attachment(
        submission_id=submission.id, kind="photo", mime_type="image/jpeg", size_bytes=photo.size,
        telegram_file_id=photo.file_id, state="too_large" if too_large else "pending",
        error=f"larger than the limit of {limit} bytes" if too_large else None, created_at=turn.now,
    )
    turn.session.add(attachment)
    await turn.session.flush()
    if not too_large:
        fetcher = turn.services.attachments
        attachment_id = attachment.id
        turn.unit.after_commit.append(lambda: fetcher.fetch(attachment_id))
    return attachment
