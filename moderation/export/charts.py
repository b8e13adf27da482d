"""Inline SVG charts for report.html: drawn here as text, no JavaScript, no external files.

Suppressed figures are drawn as what they are: a dashed outline reaching up
to the threshold labelled ``<3`` (the value is somewhere below), or nothing
but an ``x``. Every label goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from moderation.export.disclosure import Published

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in grey print.
THEME_COLOURS = {
    "burglary": "#0072B2", "traffic": "#E69F00", "drugs": "#CC79A7",
    "violence": "#D55E00", "public_space": "#009E73", "none": "#888888",
}
DEFAULT_COLOUR = "#56B4E9"
FONT = 'font-family="system-ui, sans-serif"'
LABEL_ROOM = 14


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def theme_small_multiples(
    weeks: Sequence[str],
    series: dict[str, Sequence[Published]],
    names: dict[str, str],
    threshold: int,
    title: str,
) -> str:
    """One small bar chart per theme, all on the same scale, the weeks along the bottom."""
    numbers = [v for values in series.values() for v in values if isinstance(v, int)]
    top = max([threshold, *numbers])
    panel_w, panel_h, gap, cols = 250, 120, 16, 3
    rows = (len(series) + cols - 1) // cols
    width = cols * panel_w + (cols - 1) * gap
    height = rows * (panel_h + 44)
    out = [f'<svg viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-label="{escape(title)}" {FONT} font-size="11">']
    for index, (theme, values) in enumerate(series.items()):
        x0 = (index % cols) * (panel_w + gap)
        y0 = (index // cols) * (panel_h + 44) + 16
        colour = THEME_COLOURS.get(theme, DEFAULT_COLOUR)
        out.append(f'<text x="{x0}" y="{y0 - 4}" font-weight="bold">{escape(names.get(theme, theme))}</text>')
        out.append(f'<line x1="{x0}" y1="{y0 + panel_h}" x2="{x0 + panel_w}" y2="{y0 + panel_h}" stroke="#999"/>')
        bar_w = panel_w / max(len(values), 1)
        for i, value in enumerate(values):
            x = x0 + i * bar_w + 2
            w = max(bar_w - 4, 1)
            # Bars start below a strip kept free for the value labels of the tallest bars.
            out.append(_bar(x, w, y0 + LABEL_ROOM, panel_h - LABEL_ROOM, value, top, threshold, colour))
        for i in (0, len(weeks) - 1) if weeks else ():
            label = escape(weeks[i].split("-")[-1])
            anchor = "start" if i == 0 else "end"
            x = x0 if i == 0 else x0 + panel_w
            out.append(f'<text x="{x}" y="{y0 + panel_h + 13}" text-anchor="{anchor}" fill="#555">{label}</text>')
    out.append("</svg>")
    return "".join(out)


def _bar(x: float, w: float, y0: float, h: float, value: Published, top: int, threshold: int, colour: str) -> str:
    base = y0 + h
    if isinstance(value, int):
        bar_h = h * value / top
        label = f'<text x="{_num(x + w / 2)}" y="{_num(base - bar_h - 2)}" text-anchor="middle" font-size="9">{value}</text>'
        return (f'<rect x="{_num(x)}" y="{_num(base - bar_h)}" width="{_num(w)}" height="{_num(bar_h)}" '
                f'fill="{colour}"/>' + (label if value else ""))
    marker = escape(str(value))
    if value == f"<{threshold}":
        bar_h = h * (threshold - 1) / top
        return (f'<rect x="{_num(x)}" y="{_num(base - bar_h)}" width="{_num(w)}" height="{_num(bar_h)}" '
                f'fill="none" stroke="{colour}" stroke-dasharray="2 2"/>'
                f'<text x="{_num(x + w / 2)}" y="{_num(base - bar_h - 2)}" text-anchor="middle" font-size="8" '
                f'fill="#555">{marker}</text>')
    return f'<text x="{_num(x + w / 2)}" y="{_num(base - 2)}" text-anchor="middle" font-size="9" fill="#555">{marker}</text>'


def horizontal_bars(items: Sequence[tuple[str, int]], title: str, colour: str = "#1F3A5F") -> str:
    """Labelled horizontal bars, largest first (the caller sorts and cuts)."""
    if not items:
        return ""
    label_w, bar_max, row_h = 150, 420, 22
    width, height = label_w + bar_max + 50, row_h * len(items) + 8
    top = max(v for _, v in items) or 1
    out = [f'<svg viewBox="0 0 {width} {height}" width="100%" '
           f'role="img" aria-label="{escape(title)}" {FONT} font-size="12">']
    for i, (label, value) in enumerate(items):
        y = i * row_h + 4
        w = bar_max * value / top
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{_num(w)}" height="{row_h - 6}" fill="{colour}"/>')
        out.append(f'<text x="{_num(label_w + w + 4)}" y="{y + 14}">{value}</text>')
    out.append("</svg>")
    return "".join(out)
