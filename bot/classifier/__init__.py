"""Classifies a citizen's message: intent (emergency first), themes, place and language.

    from bot.classifier import Classifier, Classification, Correction
    clf = Classifier(profile, corrections)
    clf.classify("Det pågår ett inbrott hos grannen", "sv").intent  # "emergency"
"""

from bot.classifier.classifier import Classifier
from bot.classifier.model import Classification, Correction

__all__ = ["Classifier", "Classification", "Correction"]
