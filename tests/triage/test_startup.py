"""`trygg triage` as a user starts it: refused in one line on a missing or un-migrated database."""

from __future__ import annotations

import asyncio
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage.db import open_database
from storage.migrate import upgrade
from tests.conftest import postgres_admin_url

ROOT = Path(__file__).resolve().parents[2]


def run_triage(database_url: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRYGG_DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "trygg.cli", "triage", *args], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=ROOT)


def assert_one_line_refusal(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("trygg triage: ")
    for fragment in fragments:
        assert fragment in lines[0]


def test_missing_sqlite_file(tmp_path):
    missing = tmp_path / "nowhere.db"
    result = run_triage(f"sqlite+aiosqlite:///{missing}")
    assert_one_line_refusal(result, str(missing), "trygg db upgrade")
    assert not missing.exists()  # refusing does not create an empty file


def test_unmigrated_sqlite_file(tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    assert_one_line_refusal(run_triage(f"sqlite+aiosqlite:///{empty}"), "no Trygg tables", "trygg db upgrade")


def test_sqlite_behind_the_code(tmp_path, sqlite_url):
    import sqlite3

    path = make_url(sqlite_url).database
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0000_old'")
    assert_one_line_refusal(run_triage(sqlite_url), "0000_old", "trygg db upgrade")


def test_unreachable_and_unmigrated_postgres():
    admin = postgres_admin_url()
    if admin is None:
        pytest.skip("TRYGG_TEST_POSTGRES_URL is not set")
    url = make_url(admin)
    assert_one_line_refusal(run_triage(url.set(port=1).render_as_string(hide_password=False)), "Cannot open")
    name = f"trygg_empty_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(admin, f'CREATE DATABASE "{name}"'))
    try:
        result = run_triage(url.set(database=name).render_as_string(hide_password=False))
        assert_one_line_refusal(result, "no Trygg tables", "trygg db upgrade")
    finally:
        asyncio.run(_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(admin_url: str, sql: str) -> None:
    import asyncpg

    url = make_url(admin_url)
    conn = await asyncpg.connect(host=url.host, port=url.port or 5432, user=url.username, password=url.password,
                                 database=url.database)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def test_bad_flag_is_one_line(tmp_path):
    result = run_triage(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}", "--poll", "soon")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--poll" in result.stderr


def test_opens_in_a_terminal_and_quits_cleanly(tmp_path):
    """The real command in a pseudo-terminal: the queue paints, Ctrl+Q ends it with exit code 0."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'trygg.db'}"

    async def prepare() -> None:
        db = open_database(url)
        await upgrade(db)
        await db.close()

    asyncio.run(prepare())
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TRYGG_DATABASE_URL": url, "PYTHONPATH": str(ROOT), "TERM": "xterm-256color",
           "TRYGG_OFFICER": "anna.k"}
    proc = subprocess.Popen([sys.executable, "-m", "trygg.cli", "triage"], stdin=slave, stdout=slave, stderr=slave,
                            env=env, cwd=tmp_path, close_fds=True)
    os.close(slave)
    output = b""
    try:
        deadline = time.monotonic() + 30
        while "0 ärenden" not in _screen_text(output) and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    output += os.read(master, 65536)
                except OSError:
                    break
        assert "0 ärenden · Öppna" in _screen_text(output), output[-2000:]
        os.write(master, b"\x11")  # Ctrl+Q
        # Keep reading while it exits: a terminal nobody reads fills up and blocks the app's last writes.
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    output += os.read(master, 65536)
                except OSError:
                    break
        assert proc.wait(timeout=5) == 0, _screen_text(output)[-3000:]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def _screen_text(output: bytes) -> str:
    """The terminal output without its escape sequences."""
    return re.sub(r"\x1b(\[[0-9;?>=$ ]*[A-Za-z]|\][^\x07]*\x07|[()][A-Z0-9])", "", output.decode("utf-8", "replace"))
