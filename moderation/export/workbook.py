"""``kartlaggning-2026-W47.xlsx``: the export's tables as sheets, for staff who work in Excel.

XlsxWriter keeps the sheets in memory and writes them at the end (twice as
fast as its constant-memory mode); an export of more than
``STREAM_ABOVE_ROWS`` submissions streams rows to disk instead, so a
two-year range does not need gigabytes. Every text is written with ``write_string``,
so it is stored as a string and never as a formula, whatever it starts with;
text that *looks* like a formula also gets the apostrophe of
``cells.neutralise`` and Excel's own quote-prefix style, so editing the cell
in Excel does not turn it into one either. The document's creation date is
the end of the exported period, which keeps the file byte-identical between
runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

from moderation.export.cells import is_risky, neutralise
from moderation.export.disclosure import SECONDARY, small_label
from moderation.export.publication import Publication
from moderation.export.labels import label

XLSX_MAX_STRING = 32_767
STREAM_ABOVE_ROWS = 200_000
ALL_LABEL = "Alla"


class _Sheets:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.header = book.add_format({"bold": True, "bg_color": "#1F3A5F", "font_color": "#FFFFFF",
                                       "border": 1, "text_wrap": True, "valign": "top"})
        self.text = book.add_format({"valign": "top"})
        self.risky = book.add_format({"valign": "top", "quote_prefix": True})
        self.wrapped = book.add_format({"valign": "top", "text_wrap": True})
        self.marker = book.add_format({"align": "right", "font_color": "#555555"})
        self.number = book.add_format({"num_format": "0"})
        self.decimal = book.add_format({"num_format": "0.0"})

    def add(self, name: str, headers: Sequence[str], widths: Sequence[int], *, freeze_columns: int = 0) -> Any:
        sheet = self.book.add_worksheet(name)
        for col, (title, width) in enumerate(zip(headers, widths, strict=True)):
            sheet.set_column(col, col, width)
            sheet.write_string(0, col, title, self.header)
        sheet.freeze_panes(1, freeze_columns)
        return sheet

    def string(self, sheet: Any, row: int, col: int, value: str, fmt: Any = None) -> None:
        value = value[:XLSX_MAX_STRING]
        if is_risky(value):
            sheet.write_string(row, col, neutralise(value)[:XLSX_MAX_STRING], self.risky)
        else:
            sheet.write_string(row, col, value, fmt or self.text)

    def value(self, sheet: Any, row: int, col: int, value: Any) -> None:
        """A published figure: a number, a marker (<3, x) or nothing."""
        if value is None:
            sheet.write_blank(row, col, None)
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int):
            sheet.write_number(row, col, value, self.number)
        elif isinstance(value, float):
            sheet.write_number(row, col, value, self.decimal)
        else:
            self.string(sheet, row, col, str(value), self.marker)


def write_workbook(pub: Publication, path: Path, *, on_rows: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write the workbook; returns the number of data rows per sheet."""
    created = dt.datetime.combine(pub.last_day + dt.timedelta(days=1), dt.time())
    book = xlsxwriter.Workbook(str(path), {
        "constant_memory": len(pub.submissions or ()) > STREAM_ABOVE_ROWS, "tmpdir": str(path.parent),
        "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
    })
    book.set_properties({"title": f"Kartläggning {pub.period_label} – {pub.municipality}",
                         "author": "Trygg", "created": created})
    sheets = _Sheets(book)
    rows = {
        "Om exporten": _about(sheets, pub),
        "Antal": _counts(sheets, pub),
        "Trend": _trend(sheets, pub),
        "Flöde": _flow(sheets, pub),
        "Grannsamverkan": _watch(sheets, pub),
    }
    if pub.submissions is not None:
        rows["Inlämningar"] = _submissions(sheets, pub, on_rows)
    book.close()
    return rows


def _about(s: _Sheets, pub: Publication) -> int:
    sheet = s.add("Om exporten", ["Uppgift", "Värde"], [28, 90])
    small = small_label(pub.threshold)
    lines = [
        ("Kommun", pub.municipality),
        ("Veckor", pub.period_label),
        ("Period", f"{pub.first_day.isoformat()} – {pub.last_day.isoformat()} ({pub.timezone})"),
        ("Innehåll", "Inga inlämningar under perioden." if pub.empty else "Antal per vecka, plats, tema och avsikt."),
        ("Små tal", f"Antal under {pub.threshold} visas som {small} (i tabellerna även 0), aldrig som siffran."),
        (SECONDARY, "Dolt för att ett litet antal inte ska kunna räknas fram ur summorna."),
        ("Räknas", "Alla inlämningar utom skräp, meddelanden från blockerade och sammanslagna dubbletter. "
                   "En inlämning med flera teman räknas under varje tema; summor räknar inlämningar."),
        ("Alla", "Summa över alla platser, teman eller avsikter."),
    ]
    for row, (key, text) in enumerate(lines, 1):
        s.string(sheet, row, 0, key)
        s.string(sheet, row, 1, text, s.wrapped)
    return len(lines)


def _counts(s: _Sheets, pub: Publication) -> int:
    sheet = s.add("Antal", ["Vecka", "Plats", "Tema", "Avsikt", "Inlämningar"], [10, 18, 18, 20, 12])
    row = 0
    for week in pub.weeks:
        p = pub.protected[week]
        lines: list[tuple[str, str, str, Any]] = [(ALL_LABEL, ALL_LABEL, ALL_LABEL, p.total)]
        lines += [(ALL_LABEL, label(t), ALL_LABEL, v) for t, v in p.by_theme.items()]
        lines += [(ALL_LABEL, ALL_LABEL, label(i), v) for i, v in p.by_intent.items()]
        lines += [(pub.place_name(pl), ALL_LABEL, ALL_LABEL, v) for pl, v in p.by_place.items()]
        lines += [(pub.place_name(pl), label(t), label(i), v) for (pl, t, i), v in p.cells.items()]
        for place, theme, intent, value in lines:
            row += 1
            s.string(sheet, row, 0, str(week))
            s.string(sheet, row, 1, place)
            s.string(sheet, row, 2, theme)
            s.string(sheet, row, 3, intent)
            s.value(sheet, row, 4, value)
    sheet.autofilter(0, 0, max(row, 1), 4)
    return row


def _trend(s: _Sheets, pub: Publication) -> int:
    headers = ["Vecka", "Tema", "Veckan", "v-4", "v-3", "v-2", "v-1", "Snitt 4 veckor", "Förändring %", "Medborgarlöfte"]
    sheet = s.add("Trend", headers, [10, 18, 9, 7, 7, 7, 7, 14, 13, 50])
    for row, t in enumerate(pub.trends, 1):
        s.string(sheet, row, 0, str(t.week))
        s.string(sheet, row, 1, label(t.theme))
        s.value(sheet, row, 2, t.this_week)
        for col, value in enumerate(t.previous, 3):
            s.value(sheet, row, col, value)
        s.value(sheet, row, 7, t.previous_average)
        s.value(sheet, row, 8, t.change_percent)
        s.string(sheet, row, 9, "; ".join(p.title["sv"] for p in pub.promises if p.theme == t.theme))
    return len(pub.trends)


def _flow(s: _Sheets, pub: Publication) -> int:
    headers = ["Vecka", "Öppnade", "Avslutade", "Besvarade", "Median timmar till första svar",
               "Frågor om mobila polisen"]
    sheet = s.add("Flöde", headers, [10, 10, 10, 10, 16, 16])
    for row, f in enumerate(pub.flow, 1):
        s.string(sheet, row, 0, str(f.week))
        for col, value in enumerate((f.opened, f.closed, f.responded, f.median_hours_to_first_response,
                                     pub.mobile_office_questions[f.week]), 1):
            s.value(sheet, row, col, value)
    return len(pub.flow)


def _watch(s: _Sheets, pub: Publication) -> int:
    headers = ["Period", "Område", "Anmälningar", "Hushåll", "Vill starta grupp", "Vill ha informationsträff"]
    sheet = s.add("Grannsamverkan", headers, [22, 20, 12, 10, 14, 18])
    for row, a in enumerate(pub.watch, 1):
        s.string(sheet, row, 0, pub.period_label)
        s.string(sheet, row, 1, pub.place_name(a.place))
        for col, value in enumerate((a.signups, a.households, a.wants_new_group, a.wants_info_meeting), 2):
            s.value(sheet, row, col, value)
    return len(pub.watch)


def _submissions(s: _Sheets, pub: Publication, on_rows: Callable[[int], None] | None) -> int:
    headers = ["Referens", "Datum", "Vecka", "Plats", "Teman", "Avsikt", "Språk", "Status"]
    widths = [15, 11, 10, 16, 22, 18, 6, 11]
    if pub.include_text:
        headers, widths = [*headers, "Text (personuppgifter borttagna)"], [*widths, 90]
    sheet = s.add("Inlämningar", headers, widths, freeze_columns=1)
    string, write, plain, wrapped = s.string, sheet.write_string, s.text, s.wrapped
    names: dict[str, str] = {}  # display names of the ids, looked up once

    def name(value: str) -> str:
        if value not in names:
            names[value] = label(value)
        return names[value]

    lines = pub.submissions or ()
    for row, line in enumerate(lines, 1):
        values = (line.ref, line.date, line.week, pub.place_name(line.place),
                  ", ".join(name(t) for t in line.themes.split(";") if t), name(line.intent), line.lang,
                  name(line.status))
        for col, value in enumerate(values):
            if is_risky(value):
                string(sheet, row, col, value)
            else:
                write(row, col, value, plain)
        if line.text is not None:
            string(sheet, row, 8, line.text, wrapped)
        if on_rows and row % 1000 == 0:
            on_rows(1000)
    if on_rows and len(lines) % 1000:
        on_rows(len(lines) % 1000)
    if lines:
        sheet.autofilter(0, 0, len(lines), len(headers) - 1)
    return len(lines)
