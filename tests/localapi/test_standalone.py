"""``python -m bot.localapi`` runs on its own and stops cleanly."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def test_runs_answers_and_stops_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.localapi", "--port", "0", "--token", "42:standalone"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
        match = re.search(r"base_url=(\S+)", first_line)
        assert match, first_line
        response = httpx.get(f"{match.group(1)}42:standalone/getMe", timeout=5)
        assert response.json()["result"]["id"] == 42
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err


def test_bad_port_is_one_clear_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.localapi", "--port", "70000"],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )
    assert result.returncode == 2
    assert "--port must be 0-65535" in result.stderr and "Traceback" not in result.stderr
