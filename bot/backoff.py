"""Exponential backoff with jitter, and a log that says a thing once per outage, not per retry."""

from __future__ import annotations

import asyncio
import logging
import random


class Backoff:
    def __init__(self, base: float = 0.5, maximum: float = 30.0) -> None:
        self.base = base
        self.maximum = maximum
        self.failures = 0

    def next_delay(self) -> float:
        self.failures += 1
        delay = min(self.maximum, self.base * 2 ** (self.failures - 1))
        return delay * random.uniform(0.8, 1.2)

    async def sleep(self) -> None:
        await asyncio.sleep(self.next_delay())

    def reset(self) -> None:
        self.failures = 0


class OutageLog:
    """Logs the first failure of a kind and the recovery; retries in between stay quiet."""

    def __init__(self, logger: logging.Logger, what: str) -> None:
        self.logger = logger
        self.what = what
        self.current: str | None = None

    def failed(self, kind: str, message: str) -> None:
        if self.current != kind:
            self.current = kind
            self.logger.warning("%s: %s; retrying with backoff", self.what, message)

    def recovered(self) -> None:
        if self.current is not None:
            self.logger.warning("%s: working again", self.what)
            self.current = None
