"""Spreadsheet safety: text that a spreadsheet could run as a formula is neutralised.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``,
``+``, ``-`` or ``@`` (and, through DDE tricks, a tab or carriage return) as
a formula, also when it comes from a CSV file. Every *text* value written to
CSV or XLSX goes through ``neutralise``, which puts an apostrophe in front
(OWASP's advice); the full-width forms some spreadsheets also accept are
covered, and so is such a character after leading spaces. Numbers we compute
ourselves are written as numbers and need no treatment.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")

Value = str | int | float | None


_FIRST = frozenset(FORMULA_STARTS) | {" "}


def is_risky(text: str) -> bool:
    if not text or text[0] not in _FIRST:  # the common case, decided by one set lookup
        return False
    return text.lstrip(" ").startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    return "'" + text if is_risky(text) else text


def csv_value(value: Value) -> str:
    if type(value) is str:
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    return neutralise(value)


def format_number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    return f"{value:.2f}".rstrip("0").rstrip(".") if value == value else ""


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Value]]) -> bytes:
    """RFC 4180 CSV (comma, CRLF, quotes where needed) in UTF-8, every text cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([csv_value(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")
