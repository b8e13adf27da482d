"""Shared pieces of the hardening suites: a profile to taste, ``trygg bot`` as a process, the figures file.

The fault suites write what they measured (messages sent, stored,
duplicated, lost; receipts sent, duplicated; faults injected) into one JSON
file, so a run's figures can be quoted: ``$TRYGG_HARDENING_FIGURES``, by
default ``/tmp/trygg-hardening-figures.json``. Each test replaces its own
section and leaves the others.
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import re
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from bot.localapi import LocalBotApi

REPO = Path(__file__).resolve().parents[2]
REF = re.compile(r"[A-Z]{2,5}-\d{4}-\d{4}")
FIGURES_ENV = "TRYGG_HARDENING_FIGURES"


def figures_path() -> Path:
    return Path(os.environ.get(FIGURES_ENV) or "/tmp/trygg-hardening-figures.json")


def record_figures(section: str, figures: dict[str, Any]) -> None:
    """Store this test's figures under ``section`` and print them (visible with ``pytest -s``)."""
    path = figures_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # several pytest processes may write at once
        try:
            current = json.loads(path.read_text("utf-8")) if path.exists() else {}
        except ValueError:
            current = {}
        current[section] = figures
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(current, indent=2, ensure_ascii=False, sort_keys=True), "utf-8")
        os.replace(temporary, path)
    print(f"\n[{section}] {json.dumps(figures, ensure_ascii=False, sort_keys=True)}")


def profile_file(tmp: Path, **settings: int) -> Path:
    """The built-in Tanum profile with some numeric settings replaced (``messages_per_minute=3``...)."""
    text = resources.files("storage.profiles").joinpath("tanum.toml").read_text("utf-8")
    for key, value in settings.items():
        text, found = re.subn(rf"(?m)^{key} = [\d_]+", f"{key} = {value}", text)
        assert found == 1, f"the profile has no setting {key}"
    path = tmp / "profile.toml"
    path.write_text(text, "utf-8")
    return path


def roomy_profile_file(tmp: Path) -> Path:
    """Rate limits out of the way of a burst."""
    return profile_file(tmp, messages_per_minute=100_000, messages_per_day=1_000_000)


def bot_environment(api: LocalBotApi, url: str, tmp: Path, profile: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGG_")}
    env.update({"TRYGG_DATABASE_URL": url, "TRYGG_TELEGRAM_TOKEN": api.token,
                "TRYGG_TELEGRAM_API_URL": api.base_url, "TRYGG_PROFILE": str(profile),
                "TRYGG_TELEGRAM_RATE_LIMITS": "off", "TRYGG_ATTACHMENTS_DIR": str(tmp / "attachments"),
                "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


async def spawn_bot(
    env: dict[str, str], log: Path, *, log_level: str = "WARNING",
    preexec: Callable[[], None] | None = None,
) -> asyncio.subprocess.Process:
    """``trygg bot`` as its own process; stdout and stderr appended to ``log``."""
    with open(log, "ab") as handle:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "trygg.cli", "bot", "--log-level", log_level, cwd=REPO, env=env,
            stdin=asyncio.subprocess.DEVNULL, stdout=handle, stderr=handle, preexec_fn=preexec)


async def stop_bot(process: asyncio.subprocess.Process, timeout: float = 30) -> int:
    """SIGTERM and wait: the clean stop every test ends with."""
    if process.returncode is None:
        process.terminate()
    return await asyncio.wait_for(process.wait(), timeout)
