"""``trygg export`` as a user runs it: one-line errors with exit code 2, a one-line result otherwise."""

from __future__ import annotations

import asyncio
import os
import subprocess
from pathlib import Path

import pytest

from storage.db import open_database
from storage.profile import load_profile
from tests.export.conftest import Maker, local
from trygg.cli import main

TRYGG = Path("/work/venv/bin/trygg")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--week", "2026-47"], "expected an ISO week like 2026-W47, got '2026-47'"),
        (["--week", "2026-W54"], "2026 has no ISO week 54"),
        (["--week", "nästa vecka"], "expected an ISO week"),
        (["--week", "2999-W01"], "2999-W01 is not over yet"),
        (["--from", "2026-W20", "--to", "2026-W10"], "--from 2026-W20 is after --to 2026-W10"),
        (["--to", "2026-W10"], "--to needs --from"),
        (["--week", "2026-W10", "--format", "pdf"], "unknown format 'pdf'"),
        (["--week", "2026-W10", "--from", "2026-W09"], "not allowed with argument --week"),
    ],
)
def test_bad_input_is_a_one_line_error(args: list[str], message: str, tmp_path: Path, sqlite_url: str) -> None:
    env = {**os.environ, "TRYGG_DATABASE_URL": sqlite_url}
    out = tmp_path / "out"
    done = subprocess.run([str(TRYGG), "export", *args, "--out", str(out)], capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_export_and_empty_week(sqlite_url: str, tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    async def fill() -> None:
        db = open_database(sqlite_url)
        await Maker(db, load_profile()).add(local(2026, 3, 24), count=5)
        await db.close()

    asyncio.run(fill())
    monkeypatch.setenv("TRYGG_DATABASE_URL", sqlite_url)
    assert main(["export", "--week", "2026-W13", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out == f"2026-W13: 5 submissions; wrote 7 files to {tmp_path / 'kartlaggning-2026-W13'}\n"

    assert main(["export", "--week", "2026-W20", "--out", str(tmp_path), "--format", "csv,json"]) == 0
    assert "2026-W20: no submissions; wrote empty tables to" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "kartlaggning-2026-W20").iterdir()) == [
        "manifest.json", "summary.csv", "summary.json"]

    assert main(["export", "--from", "2026-W12", "--to", "2026-W13", "--out", str(tmp_path), "--no-text"]) == 0
    assert "2026-W12..2026-W13: 5 submissions" in capsys.readouterr().out
    assert (tmp_path / "kartlaggning-2026-W12_2026-W13" / "kartlaggning-2026-W12_2026-W13.xlsx").exists()


def test_unmigrated_database_is_refused_in_one_line(tmp_path: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    monkeypatch.setenv("TRYGG_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'none.db'}")
    assert main(["export", "--week", "2026-W13", "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "trygg db upgrade" in err
