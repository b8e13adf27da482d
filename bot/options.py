"""Tunables of the bot process: rate limits, retries, concurrency, polling.

The defaults keep Telegram's published limits. A local Bot API server (the
demo, the tests, the benchmark) has none, so ``rate_limits="off"`` lifts them
there; production should leave them on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

from storage.errors import ConfigError

RATE_LIMITS_ENV = "TRYGG_TELEGRAM_RATE_LIMITS"


@dataclass(frozen=True)
class BotOptions:
    # Telegram: ~30 messages/s overall, about 1 message/s per chat with short bursts.
    overall_per_second: float = 30.0
    chat_burst: int = 5
    chat_per_second: float = 1.0
    # getUpdates long polling.
    poll_timeout: int = 25
    poll_grace: float = 10.0  # a poll unanswered this long past poll_timeout is hung: give up and poll again
    poll_limit: int = 100
    # After a batch that emptied Telegram's queue, the next poll waits until the batch is answered, then
    # poll_linger more, so that answers to those replies join one poll (see bot.inbox.fetcher); at most
    # answer_hold in all.
    answer_hold: float = 0.25
    poll_linger: float = 0.005
    # Inbox: how many chats are handled at once, how many share one transaction (their next update each),
    # and attempts before an update is marked failed.
    max_concurrent_chats: int = 64
    inbox_batch: int = 16
    inbox_attempts: int = 3
    inbox_retry_base: float = 0.2
    # Outbox: attempts before a message is marked failed, backoff between them.
    outbox_attempts: int = 8
    outbox_retry_base: float = 1.0
    outbox_retry_max: float = 300.0
    outbox_poll_interval: float = 1.0
    # With a delivery journal (SQLite): how long deliveries gather before one commit records them all.
    delivery_commit_delay: float = 0.05
    max_concurrent_sends: int = 64
    # Backoff while the database or Telegram is unreachable.
    backoff_max: float = 30.0

    def without_rate_limits(self) -> BotOptions:
        return replace(self, overall_per_second=0.0, chat_burst=0, chat_per_second=0.0)


def options_from_env(environ: Mapping[str, str] | None = None) -> BotOptions:
    """``TRYGG_TELEGRAM_RATE_LIMITS``: "telegram" (default) or "off" for a local Bot API server."""
    env = os.environ if environ is None else environ
    value = (env.get(RATE_LIMITS_ENV) or "telegram").strip().lower()
    if value == "telegram":
        return BotOptions()
    if value == "off":
        return BotOptions().without_rate_limits()
    raise ConfigError(f"{RATE_LIMITS_ENV} must be 'telegram' or 'off', got {value!r}")
