"""Fixtures for the local Bot API tests: a running server and a real PTB Bot on it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.localapi import LocalBotApi


@pytest.fixture
async def local_api() -> AsyncIterator[LocalBotApi]:
    async with LocalBotApi() as api:
        yield api


@pytest.fixture
async def ptb_bot(local_api: LocalBotApi) -> AsyncIterator[Bot]:
    """telegram.Bot talking real HTTP to ``local_api``."""
    bot = Bot(local_api.token, base_url=local_api.base_url, base_file_url=local_api.base_file_url)
    async with bot:
        yield bot
