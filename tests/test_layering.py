"""Import contracts: storage is the core; the two front ends meet only in the database.

Reads every module's imports with ``ast`` (no import is executed), so a
forbidden import anywhere, even inside a function, fails the test.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FORBIDDEN = {
    "storage": {"telegram", "textual", "bot", "moderation", "trygg"},
    "bot": {"moderation", "textual", "trygg"},
    "moderation": {"bot", "telegram", "trygg"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_respects_its_contract(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no modules found in {package}/"
    violations = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in sorted(imported_roots(path) & FORBIDDEN[package])
    ]
    assert violations == []


def test_the_contract_catches_a_violation(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("def f():\n    from telegram import Bot\n    import moderation.triage\n", "utf-8")
    assert imported_roots(sample) == {"telegram", "moderation"}
