import pytest

from bot.classifier import Classifier
from storage.profile import load_profile


@pytest.fixture(scope="session")
def profile():
    return load_profile()


@pytest.fixture(scope="session")
def clf(profile):
    return Classifier(profile)
