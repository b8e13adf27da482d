"""Bot throughput and latency against the local Bot API: ``trygg bot`` vs bare PTB echo bots.

    python bench/bot_bench.py [--quick] [--repeat N]

Runs, in one go, three bots as separate processes, each against its own
in-process local Bot API server: ``trygg bot`` (fresh SQLite database,
durable inbox, classifier, outbox), a PTB echo bot with PTB's defaults
(updates one at a time) and one with ``concurrent_updates``. They take
turns scenario by scenario, each scenario ``--repeat`` times (default 3),
and the report takes each bot's median run: on a shared, noisy machine
the ratios then compare runs made side by side. For each, at 0 ms and 100 ms
simulated API round trip (100 ms under both latency models of the local server:
"split", half each way as on a network, and "before", all of it before the
server handles a call): 10 citizens each sending a message and waiting for
the first reply before the next (messages/s, p50/p95 message → first reply),
and at 0 ms a burst of 1,000 messages from 20 citizens. Prints a table with
the absolute figures and the ratios the issue sets as targets.

Rate limits are off for Trygg here (TRYGG_TELEGRAM_RATE_LIMITS=off, a
profile with high per-citizen limits): the local server has none, and the
echo bots have none either.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.localapi import LocalBotApi  # noqa: E402
from storage.db import open_database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

TEXT = "Cyklar stjäls vid stationen i Tanumshede, meddelande {n}"


@dataclass
class Result:
    bot: str
    scenario: str
    messages: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.messages / self.seconds

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def start_bot(kind: str, api: LocalBotApi, tmp: Path) -> asyncio.subprocess.Process:
    env = {**os.environ, "TRYGG_TELEGRAM_TOKEN": api.token, "TRYGG_TELEGRAM_API_URL": api.base_url}
    if kind == "trygg":
        url = f"sqlite+aiosqlite:///{tmp / 'bench.db'}"
        db = open_database(url)
        await upgrade(db)
        await db.close()
        profile = resources.files("storage.profiles").joinpath("tanum.toml").read_text("utf-8")
        profile = re.sub(r"messages_per_minute = \d+", "messages_per_minute = 1000000", profile)
        profile = re.sub(r"messages_per_day = \d+", "messages_per_day = 10000000", profile)
        (tmp / "profile.toml").write_text(profile, "utf-8")
        env.update(TRYGG_DATABASE_URL=url, TRYGG_PROFILE=str(tmp / "profile.toml"), TRYGG_TELEGRAM_RATE_LIMITS="off",
                   TRYGG_ATTACHMENTS_DIR=str(tmp / "attachments"))
        command = [sys.executable, "-m", "trygg.cli", "bot", "--log-level", "WARNING"]
    else:
        command = [sys.executable, str(REPO / "bench" / "echo_bot.py")] + (["--concurrent"] if kind == "concurrent" else [])
    process = await asyncio.create_subprocess_exec(*command, cwd=REPO, env=env, stdin=asyncio.subprocess.DEVNULL,
                                                   stdout=asyncio.subprocess.DEVNULL, stderr=None)
    calls = api.method_calls["getUpdates"]
    await api.wait_until(lambda: api.method_calls["getUpdates"] > calls, timeout=60, description=f"{kind} to poll")
    return process


async def one_at_a_time(api: LocalBotApi, bot: str, citizens: int, each: int) -> Result:
    users = [api.add_user(f"Bench{i}") for i in range(citizens)]
    latencies: list[float] = []

    async def citizen(user) -> None:  # type: ignore[no-untyped-def]
        seen = len(api.messages_to(user.id))
        for n in range(each):
            started = time.perf_counter()
            await api.send_text(user, TEXT.format(n=n))
            seen += 1
            await api.wait_for_messages(user.id, seen, timeout=60)
            latencies.append(time.perf_counter() - started)
            seen = len(api.messages_to(user.id))

    started = time.perf_counter()
    await asyncio.gather(*(citizen(u) for u in users))
    return Result(bot, "", citizens * each, time.perf_counter() - started, latencies)


async def burst(api: LocalBotApi, bot: str, total: int, citizens: int = 20) -> Result:
    users = [api.add_user(f"Burst{i}") for i in range(citizens)]
    sent_at: dict[int, list[float]] = {u.id: [] for u in users}
    replied_at: dict[int, list[float]] = {u.id: [] for u in users}
    unsubscribe = api.on_bot_message(lambda event, m: replied_at[m.chat_id].append(time.perf_counter())
                                     if event == "sent" and m.chat_id in replied_at else None)
    started = time.perf_counter()
    for n in range(total // citizens):
        for user in users:
            sent_at[user.id].append(time.perf_counter())
            await api.send_text(user, TEXT.format(n=n))
    per_chat = total // citizens
    await api.wait_until(lambda: all(len(r) >= per_chat for r in replied_at.values()), timeout=600,
                         description="the burst's replies")
    elapsed = time.perf_counter() - started
    unsubscribe()
    latencies = [r - s for u in users for s, r in zip(sent_at[u.id], replied_at[u.id][:per_chat], strict=True)]
    return Result(bot, "", per_chat * citizens, elapsed, latencies)


async def run(quick: bool, repeat: int) -> list[Result]:
    """Every scenario ``repeat`` times, the three bots taking turns, each against its own local server.

    Taking turns (rather than one bot's scenarios after the other's) spreads the noise of a shared
    machine over all three; the report takes each bot's median run.
    """
    results: list[Result] = []
    each = {0.0: 5 if quick else 30, 0.1: 3 if quick else 10}
    burst_size = 200 if quick else 1000
    # (round trip, latency model): "split" is half the round trip each way, as on a network; "before" is the
    # first model, the whole round trip before the server handles a call, kept to compare with earlier figures.
    latencies = ((0.0, "split"), (0.1, "split"), (0.1, "before"))
    bots = ("default", "concurrent", "trygg")
    async with contextlib.AsyncExitStack() as stack:
        apis: dict[str, LocalBotApi] = {}
        processes: dict[str, asyncio.subprocess.Process] = {}
        for bot in bots:
            tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            apis[bot] = await stack.enter_async_context(LocalBotApi())
            processes[bot] = await start_bot(bot, apis[bot], tmp)
        try:
            for latency, model in latencies:
                scenario = f"10 citizens, {latency * 1000:.0f} ms" + (f" {model}" if latency else "")
                for _ in range(repeat):
                    for bot in bots:
                        apis[bot].latency, apis[bot].latency_model = latency, model
                        result = await one_at_a_time(apis[bot], bot, 10, each[latency])
                        result.scenario = scenario
                        results.append(result)
                        print(f"  {bot:10} {scenario:24} {result.rate:8.1f} msg/s", flush=True)
            for _ in range(repeat):
                for bot in bots:
                    apis[bot].latency, apis[bot].latency_model = 0.0, "split"
                    result = await burst(apis[bot], bot, burst_size)
                    result.scenario = f"burst {burst_size}, 0 ms"
                    results.append(result)
                    print(f"  {bot:10} {result.scenario:24} {result.rate:8.1f} msg/s", flush=True)
        finally:
            for process in processes.values():
                process.send_signal(signal.SIGTERM)
            for process in processes.values():
                await process.wait()
    return results


def median_runs(results: list[Result]) -> dict[tuple[str, str], Result]:
    """Each bot's median run of each scenario, by messages per second."""
    runs: dict[tuple[str, str], list[Result]] = {}
    for result in results:
        runs.setdefault((result.bot, result.scenario), []).append(result)
    return {key: sorted(group, key=lambda r: r.rate)[len(group) // 2] for key, group in runs.items()}


def report(results: list[Result]) -> None:
    by = median_runs(results)
    repeats = max(sum(1 for r in results if (r.bot, r.scenario) == key) for key in by)
    print(f"\nmedian of {repeats} run(s) each, the bots taking turns")
    print(f"{'bot':11}{'scenario':28}{'msg/s':>9}{'p50 ms':>9}{'p95 ms':>9}   all runs, msg/s")
    for (bot, scenario), r in by.items():
        runs = ", ".join(f"{x.rate:.1f}" for x in results if (x.bot, x.scenario) == (bot, scenario))
        print(f"{r.bot:11}{r.scenario:28}{r.rate:9.1f}{r.pct(0.5):9.1f}{r.pct(0.95):9.1f}   {runs}")
    scenarios = sorted({scenario for _, scenario in by})
    print("\nratios (trygg ÷ baseline, median messages/s):")
    for scenario in scenarios:
        trygg = by[("trygg", scenario)].rate
        print(f"  {scenario:28} vs default {trygg / by[('default', scenario)].rate:5.2f}×"
              f"   vs concurrent {trygg / by[('concurrent', scenario)].rate:5.2f}×")
    print("targets: 100 ms: ≥ 0.9× concurrent and ≥ 8× default; 0 ms burst: ≥ 0.7× default")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer messages (a smoke run)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of every scenario per bot (default 3)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    report(asyncio.run(run(args.quick, args.repeat)))


if __name__ == "__main__":
    main()
