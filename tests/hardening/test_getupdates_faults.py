"""getUpdates hanging, dropping its connection, answering 409 (another instance) or 401 (token revoked).

For the first three the bot polls again with exponential backoff, logs one
line when the trouble starts and one when it is over (not a line per retry),
and loses nothing sent meanwhile. For 401 it stops: ``trygg bot`` prints one
line naming the setting to check and exits with status 2, at start-up and
while running.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.localapi import DROP_BEFORE, Fault, FaultPolicy, Hang, LocalBotApi, fail_method
from bot.localapi.faults import CONFLICT
from storage.db import open_database
from storage.models import InboxUpdate
from tests.bot.conftest import Harness
from tests.hardening.support import REF, bot_environment, record_figures, roomy_profile_file, spawn_bot

FETCHER = "trygg.bot.fetcher"


class PollRecorder:
    """Wraps a getUpdates fault policy and notes when each poll came in."""

    def __init__(self, inner: FaultPolicy) -> None:
        self.inner = inner
        self.times: list[float] = []

    def __call__(self, method: str, params: Mapping[str, Any]) -> Fault | None:
        if method == "getUpdates":
            self.times.append(time.monotonic())
        return self.inner(method, params)


async def until(predicate: Callable[[], bool], timeout: float) -> None:
    """Poll ``predicate`` (the fault policy runs after the server's own change notification)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        await asyncio.sleep(0.01)


def fetcher_lines(caplog: pytest.LogCaptureFixture, since: int) -> list[str]:
    return [r.getMessage() for r in caplog.records[since:] if r.name == FETCHER and r.levelno >= logging.WARNING]


async def test_hanging_dropped_and_conflicting_polls_are_retried_with_backoff_and_logged_once(
        harness: Harness, caplog: pytest.LogCaptureFixture) -> None:
    h = harness
    await h.stop()
    h.options = dataclasses.replace(h.options, poll_grace=0.5)  # a poll is hung 1.5 s after it was sent
    await h.start()
    caplog.set_level(logging.WARNING, logger=FETCHER)
    anna = h.phone()
    await anna.send("Första meddelandet, innan något går fel")
    figures: dict[str, Any] = {}

    for name, fault, times, expected in (
        ("409", CONFLICT, 3, "another bot instance is polling"),
        ("drop", DROP_BEFORE, 3, "cannot reach the Bot API"),
        ("hang", Hang(h.options.poll_timeout + 1.5), 1, "cannot reach the Bot API (Timed out)"),
    ):
        await h.settle()
        recorder = PollRecorder(fail_method("getUpdates", fault, times=times))
        h.api.fault_policy = recorder
        mark = len(caplog.records)
        # Once the first faulty poll has come in, write: the message waits in Telegram meanwhile.
        await until(lambda: len(recorder.times) >= 1, timeout=10)
        started = time.monotonic()
        await h.api.send_text(anna.user, f"Meddelande under {name}: fortkörning vid skolan")
        [receipt] = await anna.expect(1, timeout=30)
        assert REF.search(receipt.text or ""), receipt.text
        took = time.monotonic() - started
        if isinstance(fault, Hang):
            # The hung request is answered late, and like any newer getUpdates it ends the poll then
            # waiting with 409 (Telegram's rule): a second, short trouble, also logged once.
            await asyncio.sleep(max(0.0, recorder.times[0] + fault.seconds + 0.2 - time.monotonic()))
        await until(lambda: fetcher_lines(caplog, mark)[-1:] != [] and
                    fetcher_lines(caplog, mark)[-1].endswith("working again"), timeout=10)
        await h.settle()
        lines = fetcher_lines(caplog, mark)
        troubles = [line for line in lines if not line.endswith("working again")]
        assert len([line for line in troubles if expected in line]) == 1, lines
        assert len(troubles) <= 2 and len(set(troubles)) == len(troubles), f"one line per trouble: {lines}"
        assert all(a != b for a, b in zip(lines, lines[1:])), f"not one line per retry: {lines}"
        gaps = [b - a for a, b in zip(recorder.times, recorder.times[1:])]
        if name != "hang":
            assert troubles == [line for line in troubles if expected in line], lines
            faulty = gaps[:times]
            assert all(later > earlier for earlier, later in zip(faulty, faulty[1:])), f"backoff grows: {gaps}"
        figures[name] = {"faulty_polls": times, "poll_gaps_s": [round(g, 2) for g in gaps[:times + 1]],
                         "message_answered_after_s": round(took, 2), "log_lines": lines}
        h.api.fault_policy = None
    record_figures("getupdates_faults", figures)


async def wait_for_line(log: Path, fragment: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while fragment not in log.read_text("utf-8", "replace"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{fragment!r} not in {log.read_text()!r}")
        await asyncio.sleep(0.05)


async def test_a_token_revoked_while_running_stops_trygg_bot_with_one_line_and_status_2(
        sqlite_url: str, tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    async with LocalBotApi() as api:
        env = bot_environment(api, sqlite_url, tmp_path, roomy_profile_file(tmp_path))
        bot = await spawn_bot(env, log)
        try:
            await wait_for_line(log, "trygg bot: running", timeout=60)
            anna = api.add_user("Anna")
            await api.send_text(anna, "Skadegörelse vid busshållplatsen")
            [receipt] = await api.wait_for_messages(anna.id, 1, timeout=30)
            assert REF.search(receipt.text or "")
            before = log.read_text("utf-8").splitlines()
            # The bot polls again once its reply is out (bot.inbox.fetcher): revoke while that poll waits.
            await api.wait_until(lambda: api.long_poll_waiting, timeout=30, description="the next long poll")
            api.revoke_token()  # every method answers 401 from now on
            await api.send_text(anna, "Ett meddelande som väcker den väntande pollen")  # ends the open long poll
            assert await asyncio.wait_for(bot.wait(), 30) == 2
        finally:
            if bot.returncode is None:
                bot.kill()
                await bot.wait()
    db = open_database(sqlite_url)
    async with db.read() as session:
        kept = (await session.execute(select(InboxUpdate.payload))).scalars().all()
    await db.close()
    assert len(kept) == 2, "the message fetched by the last good poll is kept for the next start"
    after = log.read_text("utf-8").splitlines()[len(before):]
    assert len(after) == 1, after
    assert after[0].startswith("trygg bot: Telegram rejected the bot token") and "TRYGG_TELEGRAM_TOKEN" in after[0]
    assert "Traceback" not in log.read_text("utf-8")


async def test_a_token_rejected_at_start_is_one_line_and_status_2(sqlite_url: str, tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    async with LocalBotApi() as api:
        api.revoke_token()
        bot = await spawn_bot(bot_environment(api, sqlite_url, tmp_path, roomy_profile_file(tmp_path)), log)
        assert await asyncio.wait_for(bot.wait(), 60) == 2
    lines = log.read_text("utf-8").splitlines()
    assert len(lines) == 1 and "TRYGG_TELEGRAM_TOKEN" in lines[0] and lines[0].startswith("trygg bot:"), lines
