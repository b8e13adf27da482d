"""``report.html``: one self-contained page for the follow-up meeting, printable.

No script, no external stylesheet, font or image: CSS and SVG are inline and a
Content-Security-Policy forbids the browser to fetch anything, so the page
opens the same with no network. Every string goes through ``html.escape``.
The report shows only the protected figures (the same as summary.json) and
no citizen text.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from html import escape
from typing import Any

from moderation.export.charts import horizontal_bars, theme_small_multiples
from moderation.export.disclosure import SECONDARY, Published, small_label
from moderation.export.publication import Publication
from moderation.export.labels import label

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --line: #d0d5dc; --accent: #1F3A5F; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; color: var(--accent); }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; }
.sub { color: var(--muted); margin: 0 0 1rem; }
.notice { background: #fff4d6; border-left: 4px solid #e0a800; padding: .6rem .8rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .6rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; }
.card b { display: block; font-size: 1.5rem; color: var(--accent); }
.card span { color: var(--muted); font-size: .85rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: var(--muted); font-size: .85rem; }
section { break-inside: avoid-page; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 15mm; }
"""


def _e(value: Any) -> str:
    return escape(str(value), quote=True)


def _fmt(value: Published | float | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _day(day: Any) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Collection[int] | None = None) -> str:
    """A table; the ``numeric`` columns (default: all but the first) are right-aligned figures."""
    numbers = set(range(1, len(headers))) if numeric is None else set(numeric)
    head = "".join(f'<th class="n">{_e(h)}</th>' if i in numbers else f"<th>{_e(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="n">{_e(_fmt(v))}</td>' if i in numbers else f"<td>{_e(v)}</td>"
                         for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_report(pub: Publication) -> bytes:
    title = f"Kartläggning {pub.period_label} – {pub.municipality}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sv"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{_e(title)}</h1>",
        f'<p class="sub">{_e(_day(pub.first_day))} – {_e(_day(pub.last_day))} · '
        f"vad invånarna har berättat för polisen och kommunen via Trygg</p></header>",
    ]
    if pub.empty:
        parts.append('<p class="notice">Inga inlämningar under perioden: tabellerna nedan är tomma.</p>')
    parts += [_key_figures(pub), _themes(pub), _places(pub), _intents(pub), _flow(pub), _watch(pub),
              _promises(pub), _method(pub)]
    parts.append("</body></html>\n")
    return "\n".join(parts).encode("utf-8")


def _key_figures(pub: Publication) -> str:
    last = pub.weeks[-1]
    flow = pub.flow[-1]
    cards = [
        (pub.protected[last].total, f"inlämningar vecka {last.week}"),
        (flow.closed, "avslutade under veckan"),
        (_fmt(flow.median_hours_to_first_response) + (" h" if flow.median_hours_to_first_response else ""),
         "median tid till första svar"),
        (pub.mobile_office_questions[last], "frågor om mobila polisen"),
    ]
    body = "".join(f'<div class="card"><b>{_e(_fmt(v))}</b><span>{_e(text)}</span></div>' for v, text in cards)
    return f'<section><h2>I korthet</h2><div class="cards">{body}</div></section>'


def _themes(pub: Publication) -> str:
    last = pub.weeks[-1]
    rows = []
    for t in (t for t in pub.trends if t.week == last):
        promises = "; ".join(p.title["sv"] for p in pub.promises if p.theme == t.theme) or "–"
        change = "–" if t.change_percent is None else f"{t.change_percent:+.0f} %".replace("-", "−")
        rows.append((label(t.theme), t.this_week, t.previous_average, change, promises))
    table = _table(["Tema", f"Vecka {last.week}", "Snitt 4 veckor före", "Förändring", "Medborgarlöfte"], rows,
                   numeric=(1, 2, 3))
    series = {t: [pub.protected[w].by_theme[t] for w in pub.chart_weeks] for t in pub.keys.themes}
    names = {t: label(t) for t in pub.keys.themes}
    chart = theme_small_multiples([str(w) for w in pub.chart_weeks], series, names, pub.threshold,
                                  "Teman de senaste 12 veckorna")
    per_week = ""
    if len(pub.weeks) > 1:
        per_week = _table(["Tema", *[f"v{w.week}" for w in pub.weeks]],
                          [(label(t), *[pub.protected[w].by_theme[t] for w in pub.weeks])
                           for t in pub.keys.themes])
    return (f"<section><h2>Teman</h2>{table}{per_week}"
            f"<h3>De senaste 12 veckorna ({_e(pub.chart_weeks[0])} – {_e(pub.chart_weeks[-1])})</h3>{chart}"
            '<p class="muted">En inlämning kan ha flera teman. Streckade staplar: färre än '
            f"{pub.threshold}, antalet visas inte.</p></section>")


def _places(pub: Publication) -> str:
    last = pub.weeks[-1]
    shown = [(pub.place_name(k), v) for k, v in pub.protected[last].by_place.items() if isinstance(v, int) and v > 0]
    shown.sort(key=lambda item: (-item[1], item[0]))
    small = sum(1 for v in pub.protected[last].by_place.values() if not isinstance(v, int))
    chart = horizontal_bars(shown[:10], f"Platser vecka {last.week}")
    weeks = pub.weeks[-12:]
    rows = [(pub.place_name(k), *[pub.protected[w].by_place[k] for w in weeks]) for k in pub.keys.places]
    note = (f'<p class="muted">{small} platser med färre än {pub.threshold} inlämningar visas inte i diagrammet.</p>'
            if small else "")
    return (f"<section><h2>Platser</h2><h3>Flest inlämningar vecka {last.week}</h3>{chart}{note}"
            f"{_table(['Plats', *[f'v{w.week}' for w in weeks]], rows)}</section>")


def _intents(pub: Publication) -> str:
    weeks = pub.weeks[-12:]
    rows = [(label(i), *[pub.protected[w].by_intent[i] for w in weeks]) for i in pub.keys.intents]
    return f"<section><h2>Vad invånarna ville</h2>{_table(['Avsikt', *[f'v{w.week}' for w in weeks]], rows)}</section>"


def _flow(pub: Publication) -> str:
    rows = [(str(f.week), f.opened, f.closed, f.responded, f.median_hours_to_first_response,
             pub.mobile_office_questions[f.week]) for f in pub.flow]
    table = _table(["Vecka", "Öppnade", "Avslutade", "Besvarade", "Median timmar till första svar",
                    "Frågor om mobila polisen"], rows)
    return (f"<section><h2>Öppnade och avslutade</h2>{table}"
            '<p class="muted">Avslutade: ärenden som stängdes under veckan, oavsett när de kom in. '
            "Medianen visas när minst "
            f"{pub.threshold} ärenden har fått svar.</p></section>")


def _watch(pub: Publication) -> str:
    if not pub.watch:
        return "<section><h2>Grannsamverkan</h2><p>Inga anmälningar under perioden.</p></section>"
    rows = [(pub.place_name(a.place), a.signups, a.households, a.wants_new_group, a.wants_info_meeting)
            for a in pub.watch]
    table = _table(["Område", "Anmälningar", "Hushåll", "Vill starta grupp", "Vill ha informationsträff"], rows)
    return (f"<section><h2>Grannsamverkan</h2>{table}"
            f'<p class="muted">Områden med färre än {pub.threshold} anmälningar redovisas tillsammans som '
            "Övriga områden.</p></section>")


def _promises(pub: Publication) -> str:
    items = []
    for p in pub.promises:
        theme = f" · tema: {label(p.theme)}" if p.theme else ""
        owner = {"police": "polisen", "municipality": "kommunen", "both": "polisen och kommunen"}.get(p.owner, p.owner)
        items.append(f"<li><b>{_e(p.title['sv'])}</b> <span class=\"muted\">({_e(owner)}{_e(theme)})</span>"
                     f"<br>{_e(p.text['sv'])}</li>")
    return f"<section><h2>Medborgarlöften</h2><ul>{''.join(items)}</ul></section>"


def _method(pub: Publication) -> str:
    small = small_label(pub.threshold)
    return (
        "<section><h2>Om siffrorna</h2><ul>"
        f"<li>Antal under {pub.threshold} visas som <b>{_e(small)}</b>, aldrig som siffran; i tabellerna "
        f"gäller det även 0, så att små tal inte kan räknas fram ur summorna.</li>"
        f"<li><b>{_e(SECONDARY)}</b>: dolt för att ett litet antal annars skulle kunna räknas fram.</li>"
        "<li>Räknas: alla inlämningar utom skräp, meddelanden från blockerade avsändare och sammanslagna "
        "dubbletter. En inlämning med flera teman räknas under varje tema; summor räknar inlämningar.</li>"
        f"<li>Veckor enligt ISO 8601 i tidszonen {_e(pub.timezone)}.</li>"
        "<li>Rapporten innehåller inga personuppgifter och ingen text från invånarna.</li>"
        "</ul></section>"
    )
