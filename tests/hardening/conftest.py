"""The bot harness of ``tests/bot`` (real PTB over real HTTP against the local Bot API), reused here."""

from tests.bot.conftest import harness  # noqa: F401
