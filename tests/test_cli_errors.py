"""Bad input on the command line: one line, exit code 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def trygg(*args: str, env: dict[str, str] | None = None, cwd=None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGG_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "trygg.cli", *args], capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=60)


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize("args", [["--nope"], ["queue", "--frobnicate"], ["seed", "--count", "many"],
                                  ["queue", "--limit", "0"], ["queue", "--since", "yesterday"], ["nosuch"]])
def test_bad_flags(args, tmp_path):
    assert_one_line_error(trygg(*args, cwd=tmp_path), "trygg")


def test_malformed_database_url(tmp_path):
    result = trygg("queue", env={"TRYGG_DATABASE_URL": "not a url::"}, cwd=tmp_path)
    assert_one_line_error(result, "TRYGG_DATABASE_URL")
    result = trygg("queue", env={"TRYGG_DATABASE_URL": "mysql://x@y/z"}, cwd=tmp_path)
    assert_one_line_error(result, "unsupported database 'mysql'")


def test_missing_and_unmigrated_database(tmp_path):
    assert_one_line_error(trygg("queue", cwd=tmp_path), "trygg db upgrade")
    assert not (tmp_path / "trygg.db").exists()
    (tmp_path / "empty.db").touch()
    result = trygg("queue", env={"TRYGG_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}, cwd=tmp_path)
    assert_one_line_error(result, "has no Trygg tables", "trygg db upgrade")


def test_broken_profile(tmp_path):
    bad = tmp_path / "p.toml"
    bad.write_text('[municipality]\nname = "X"\n', "utf-8")
    result = trygg("queue", env={"TRYGG_PROFILE": str(bad)}, cwd=tmp_path)
    assert_one_line_error(result, str(bad), "municipality.ref_prefix: missing")


def test_every_subcommand_has_help(tmp_path):
    for command in ["bot", "triage", "export", "queue", "classify", "seed", "db", "demo"]:
        result = trygg(command, "--help", cwd=tmp_path)
        assert result.returncode == 0 and "usage: trygg" in result.stdout, command


def test_upgrade_seed_queue_round_trip(tmp_path):
    assert trygg("db", "upgrade", cwd=tmp_path).returncode == 0
    seeded = trygg("seed", "--count", "300", cwd=tmp_path)
    assert seeded.returncode == 0 and "seeded 300 submissions" in seeded.stdout
    result = trygg("queue", "--json", "--theme", "drugs", "--limit", "5", cwd=tmp_path)
    import json

    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 5 and all("drugs" in r["themes"] for r in rows)
    assert set(rows[0]) == {"ref", "kind", "intent", "status", "themes", "lang", "place", "created_at", "text"}
