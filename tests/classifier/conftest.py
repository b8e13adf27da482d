import pytest

from bot.classifier import Classifier
from storage.profile import load_profile


@pytest.fixture(scope="session")
def profile():
    return load_profile()


@pytest.fixture(scope="session")
def clf(profile):
    return Classifier(profile)


@pytest.fixture(scope="session")
def rules_only(profile):
    """The rules and lexicons alone, without the statistical models: what a kind's test is about."""
    return Classifier(profile, emergency_model=None, intent_model=None, theme_model=None)
