"""Everything the handlers share, built once by ``TryggBot`` and reached as ``context.services``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from bot.database import BotDatabase
from bot.options import BotOptions
from bot.texts import Catalogue
from storage.config import Settings
from storage.profile import Profile

if TYPE_CHECKING:
    from bot.attachments import AttachmentFetcher


class Labels(Protocol):
    """What the bot reads from the classifier's ``Classification``."""

    lang: str
    intent: str
    themes: Any
    theme_scores: Any
    place: str | None
    confidence: float
    explain: Any
    urgent: bool


class TextClassifier(Protocol):
    def classify(self, text: str, language_code: str | None = None) -> Labels: ...


@dataclass
class Services:
    settings: Settings
    profile: Profile
    options: BotOptions
    database: BotDatabase
    texts: Catalogue
    _classifier: TextClassifier | None = None
    _attachments: AttachmentFetcher | None = field(default=None, repr=False)

    @property
    def classifier(self) -> TextClassifier:
        if self._classifier is None:
            raise RuntimeError("the classifier is loaded in post_init; the bot is not started")
        return self._classifier

    @property
    def attachments(self) -> AttachmentFetcher:
        if self._attachments is None:
            raise RuntimeError("the attachment fetcher is created when the bot starts")
        return self._attachments
