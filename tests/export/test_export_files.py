"""The export's files end to end, on SQLite and PostgreSQL: privacy, formulas, the report, determinism."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

from sqlalchemy import delete, select

from moderation.export.disclosure import protect_week
from moderation.export.cells import neutralise
from storage.pii import Redactor
from moderation.export.publication import keys_for, window_for
from moderation.export.run import ALL_FORMATS, export_week
from storage.models import Submission, SubmissionTheme
from storage.profile import load_profile
from storage.stats import NO_THEME, weekly_counts
from storage.weeks import IsoWeek
from tests.export.conftest import Maker, all_text_of_export, local

WEEK = IsoWeek(2026, 13)  # 23-29 March 2026
TELEGRAM_ID = 987654321987

PLANTED_SV = (
    "Min granne Anna Svensson på Storgatan 12B säljer knark, ring henne på 070-123 45 67 "
    "eller mejla anna.svensson@example.se. Hennes pnr är 19811218-9876 och bilen ABC 123."
)
PLANTED_EN = (
    "My neighbour John Smith at 221B Baker Street deals drugs, call +44 20 7946 0958, "
    "he is @johnny_s99 on Telegram and drives XYZ12A. His wife is called Vladimira."
)
SECRETS = [
    "Anna Svensson", "Svensson", "Storgatan 12B", "070-123 45 67", "123 45 67", "anna.svensson@example.se",
    "19811218-9876", "ABC 123", "John Smith", "Smith", "221B Baker Street", "7946 0958", "@johnny_s99",
    "johnny_s99", "XYZ12A", "Vladimira", str(TELEGRAM_ID), "grannen_olle", "Olle Grannsson", "0709876543",
    "Kungsgatan 7",
]
INJECTIONS = ['=HYPERLINK("http://evil.example/x","klicka")', "+1+2", "-2+3", "@SUM(A1:A2)", "@A1*2",
              "\t=1+1", "\r=1+1", "  =cmd|' /C calc'!A0", "\uff1d1+1", '=IMPORTXML(CONCAT("x",A1),"//a")']
REDACT = Redactor.for_places(p.name for p in load_profile().places)


async def export(db, profile, out: Path, week: IsoWeek = WEEK, **options):  # noqa: ANN001, ANN201
    return await export_week(db, profile, week, out, **options)


async def test_planted_personal_data_appears_in_no_file(db, profile, maker: Maker, tmp_path: Path) -> None:
    citizen = await maker.citizen(TELEGRAM_ID, username="grannen_olle", name="Olle Grannsson")
    await maker.add(local(2026, 3, 24), text=PLANTED_SV, citizen=citizen, place="lur")
    await maker.add(local(2026, 3, 25), text=PLANTED_EN, lang="en", citizen=citizen, place="hede")
    await maker.watch(local(2026, 3, 25), "hede", area="Kungsgatan 7", contact="0709876543")
    await maker.add(local(2026, 3, 26), count=5)

    result = await export(db, profile, tmp_path)
    everything = all_text_of_export(result.out_dir)
    for secret in SECRETS:
        assert secret not in everything, secret
    # The redacted texts are there, with tags where the personal data was.
    rows = list(csv.DictReader(io.StringIO((result.out_dir / "submissions.csv").read_text("utf-8"))))
    texts = {r["text"] for r in rows}
    assert any("[namn]" in t and "[telefon]" in t and "[personnummer]" in t and "[regnr]" in t for t in texts)
    assert any("[adress]" in t and "[användarnamn]" in t for t in texts)
    assert set(rows[0]) == {"ref", "date", "week", "place", "themes", "intent", "lang", "status", "text"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in rows)  # a date, no time of day


async def test_no_text_leaves_the_text_out(db, profile, maker: Maker, tmp_path: Path) -> None:
    await maker.add(local(2026, 3, 24), text="Bilarna kör för fort vid skolan")
    result = await export(db, profile, tmp_path, include_text=False)
    rows = list(csv.reader(io.StringIO((result.out_dir / "submissions.csv").read_text("utf-8"))))
    assert rows[0] == ["ref", "date", "week", "place", "themes", "intent", "lang", "status"]
    assert "kör för fort" not in all_text_of_export(result.out_dir)


async def test_formulas_are_neutralised_in_csv_and_xlsx(db, profile, maker: Maker, tmp_path: Path) -> None:
    for text in INJECTIONS:
        await maker.add(local(2026, 3, 24), text=text)
    result = await export(db, profile, tmp_path)
    expected = {neutralise(REDACT(t)) for t in INJECTIONS}  # redaction first (the link goes), then the apostrophe
    assert sum(e.startswith("'") for e in expected) == len(INJECTIONS) - 1  # "@SUM" became a username tag

    raw = (result.out_dir / "submissions.csv").read_bytes().decode("utf-8")  # keep the \r inside fields
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert {r["text"] for r in rows} == expected
    for row in rows:
        for value in row.values():
            assert not value.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\uff1d")), value

    cells = xlsx_cells(result.out_dir / "kartlaggning-2026-W13.xlsx")
    assert all(c["formula"] is None for c in cells)  # no <f> anywhere in the workbook
    for text in expected:
        holding = [c for c in cells if c["value"] == text]
        assert holding, text
        assert all(c["type"] == "s" and c["quote_prefix"] == text.startswith("'") for c in holding), holding


def xlsx_cells(path: Path) -> list[dict]:
    """Every cell of every sheet: its string value, type, formula (if any) and quote-prefix style."""
    import xml.etree.ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as archive:
        shared = ["".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t"))
                  for si in ET.fromstring(archive.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        shared = [re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), s) for s in shared]
        xfs = ET.fromstring(archive.read("xl/styles.xml")).find("m:cellXfs", ns).findall("m:xf", ns)
        cells = []
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/sheet"):
                continue
            for c in ET.fromstring(archive.read(name)).iter(f"{{{ns['m']}}}c"):
                v, f = c.find("m:v", ns), c.find("m:f", ns)
                value = shared[int(v.text)] if c.get("t") == "s" and v is not None else (v.text if v is not None else None)
                cells.append({"ref": c.get("r"), "type": c.get("t"), "value": value,
                              "formula": None if f is None else f.text,
                              "quote_prefix": xfs[int(c.get("s", 0))].get("quotePrefix") == "1"})
    return cells


async def test_report_is_self_contained_and_escaped(db, maker: Maker, tmp_path: Path) -> None:
    toml = (Path(__file__).parents[2] / "storage" / "profiles" / "tanum.toml").read_text("utf-8")
    toml = toml.replace('name = "Hede"', 'name = "Hede <script>alert(1)</script> & \\"Co\\""')
    toml = toml.replace("Riktade insatser mot narkotika", "Riktade <b>insatser</b> mot narkotika")
    path = tmp_path / "hostile.toml"
    path.write_text(toml, "utf-8")
    profile = load_profile(path)
    maker.profile = profile
    await maker.add(local(2026, 3, 24), place="hede", count=4)
    await maker.add(local(2026, 3, 24), place="lur", themes=("traffic",), count=3)
    result = await export(db, profile, tmp_path / "out")

    page = (result.out_dir / "report.html").read_text("utf-8")
    assert not re.search(r"https?://", page)
    assert not re.search(r"""\b(?:src|href|xlink:href|action)\s*=""", page, re.I)
    assert "@import" not in page and "url(" not in page and "<script" not in page.lower()
    assert "<link" not in page and "<iframe" not in page and "<img" not in page
    import html

    assert "Content-Security-Policy" in page and "default-src 'none'" in html.unescape(page)
    assert "Hede &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in page
    assert "Riktade &lt;b&gt;insatser&lt;/b&gt; mot narkotika" in page
    assert page.count("<svg") == 2  # themes over 12 weeks, top places
    assert "@media print" in page


async def test_empty_week_gives_empty_tables_and_says_so(db, profile, tmp_path: Path) -> None:
    result = await export(db, profile, tmp_path)
    assert result.empty and result.submissions == 0
    assert sorted(p.name for p in result.out_dir.iterdir()) == sorted(
        ["summary.csv", "summary.json", "submissions.csv", "kartlaggning-2026-W13.xlsx", "report.html",
         "places.geojson", "manifest.json"])
    summary = json.loads((result.out_dir / "summary.json").read_text("utf-8"))
    assert summary["empty"] is True
    [week] = summary["weeks_detail"]
    assert week["total"] == 0 and week["cells"] == [] and set(week["by_theme"].values()) == {0}
    assert (result.out_dir / "submissions.csv").read_bytes() == b"ref,date,week,place,themes,intent,lang,status,text\r\n"
    assert "Inga inlämningar under perioden" in (result.out_dir / "report.html").read_text("utf-8")
    manifest = json.loads((result.out_dir / "manifest.json").read_text("utf-8"))
    assert manifest["empty"] is True


async def test_same_data_gives_byte_identical_files(db, profile, maker: Maker, tmp_path: Path) -> None:
    from storage.seed import seed

    await seed(db, profile, 600, weeks=6, now=local(2026, 3, 29, 20))
    await maker.add(local(2026, 3, 24), text=PLANTED_SV)
    first = await export(db, profile, tmp_path / "a")
    second = await export(db, profile, tmp_path / "b")
    third = await export(db, profile, tmp_path / "a")  # over the first: replaced, not mixed
    names = sorted(p.name for p in first.out_dir.iterdir())
    assert names == sorted(p.name for p in second.out_dir.iterdir())
    for name in names:
        assert (first.out_dir / name).read_bytes() == (second.out_dir / name).read_bytes(), name
        assert (third.out_dir / name).read_bytes() == (second.out_dir / name).read_bytes(), name
    manifest = json.loads((first.out_dir / "manifest.json").read_text("utf-8"))
    import hashlib

    for entry in manifest["files"]:
        assert hashlib.sha256((first.out_dir / entry["name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert [p.name for p in tmp_path.joinpath("a").iterdir()] == ["kartlaggning-2026-W13"]  # no leftovers


async def test_summary_counts_equal_the_database(db, profile, tmp_path: Path) -> None:
    from storage.seed import seed

    await seed(db, profile, 1500, weeks=3, now=local(2026, 3, 29, 20))
    result = await export(db, profile, tmp_path, formats=["json", "csv"])
    summary = json.loads((result.out_dir / "summary.json").read_text("utf-8"))
    [week] = summary["weeks_detail"]
    start, end = WEEK.start(profile.tz), WEEK.end(profile.tz)
    async with db.read() as session:
        rows = (await session.execute(
            select(Submission).where(Submission.created_at >= start, Submission.created_at < end)
        )).scalars().all()
    counted = [s for s in rows if s.status != "spam" and not s.from_blocked and s.merged_into_id is None]
    assert week["total"] == len(counted) == result.submissions
    for theme in profile_themes():
        expected = sum(1 for s in counted if theme in (s.theme_ids or (NO_THEME,)))
        assert week["by_theme"][theme] == (expected if expected >= 3 else "<3"), theme
    for place in [p.id for p in profile.places]:
        expected = sum(1 for s in counted if s.place == place)
        assert week["by_place"][place] == (expected if expected >= 3 else "<3"), place
    shown_cells = {(c["place"], c["theme"], c["intent"]): c["submissions"] for c in week["cells"]}
    for (place, theme, intent), value in shown_cells.items():
        expected = sum(1 for s in counted if s.place == place and s.intent == intent
                       and theme in (s.theme_ids or (NO_THEME,)))
        assert value in (expected, "x") if expected >= 3 else value == "<3"
    # The same figures in summary.csv.
    table = list(csv.DictReader(io.StringIO((result.out_dir / "summary.csv").read_text("utf-8"))))
    total_row = next(r for r in table if r["table"] == "counts" and r["place"] == r["theme"] == r["intent"] == "*")
    assert total_row["value"] == str(len(counted))


def profile_themes() -> list[str]:
    from storage.vocabulary import THEMES

    return [*THEMES, NO_THEME]


async def test_an_alternative_database_publishes_identical_summaries(db, profile, maker: Maker, tmp_path: Path) -> None:
    """The small-cell rule end to end: move one submission as a witness says, export again, same bytes."""
    await maker.add(local(2026, 3, 23), place="grebbestad", themes=("drugs",), intent="tip", count=6)
    await maker.add(local(2026, 3, 24), place="fjallbacka", themes=("traffic",), intent="tip", count=4)
    await maker.add(local(2026, 3, 24), place="lur", themes=("drugs",), intent="tip")
    await maker.add(local(2026, 3, 25), place="hede", themes=("burglary",), intent="feedback", count=2)
    await maker.add(local(2026, 3, 26), place="grebbestad", themes=("violence",), intent="emergency")
    baseline = await export(db, profile, tmp_path / "base", formats=["csv", "json", "html", "geojson"])

    async with db.read() as session:
        counts = await weekly_counts(session, window_for(WEEK, WEEK), profile.tz)
    keys = keys_for(profile, counts)
    week_counts = next(c for c in counts if c.week == WEEK)
    protected = protect_week(week_counts, places=keys.places, themes=keys.themes, intents=keys.intents,
                             threshold=profile.export.small_cell_threshold)
    assert not protected.secondary
    margin_item = ("place", "lur")
    cell_item = ("cell", ("hede", "burglary", "feedback"))
    for item in (margin_item, cell_item):
        delta = protected.witnesses[item]
        undo = await realise(db, delta)
        other = await export(db, profile, tmp_path / f"alt-{item[0]}", formats=["csv", "json", "html", "geojson"])
        for name in ("summary.csv", "summary.json", "report.html", "places.geojson"):
            assert (other.out_dir / name).read_bytes() == (baseline.out_dir / name).read_bytes(), (item, name)
        await realise(db, undo)


async def realise(db, delta: dict) -> dict:  # noqa: ANN001
    """Carry out a witness by moving submissions between cells; returns the opposite change."""
    decrease = [c for c, ch in delta.items() if ch < 0]
    increase = [c for c, ch in delta.items() if ch > 0]
    pairs = []
    for source in decrease:  # each decreased cell pairs with an increased one differing in one dimension
        target = next(t for t in increase if sum(a != b for a, b in zip(source, t, strict=True)) == 1)
        increase.remove(target)
        pairs.append((source, target))
    async with db.write() as session:
        for (place, theme, intent), (new_place, new_theme, new_intent) in pairs:
            candidates = (await session.execute(
                select(Submission).where(Submission.intent == intent,
                                         Submission.place.is_(None) if place is None else Submission.place == place)
            )).scalars().all()
            submission = next(s for s in candidates if (s.theme_ids or (NO_THEME,)) == (theme,))
            submission.place, submission.intent = new_place, new_intent
            await session.execute(delete(SubmissionTheme).where(SubmissionTheme.submission_id == submission.id))
            if new_theme != NO_THEME:
                session.add(SubmissionTheme(submission_id=submission.id, theme=new_theme, confidence=0.9))
            await session.flush()
            session.expire(submission)
    return {cell: -change for cell, change in delta.items()}


async def test_formats_subset_and_manifest(db, profile, maker: Maker, tmp_path: Path) -> None:
    await maker.add(local(2026, 3, 24), count=3)
    result = await export(db, profile, tmp_path, formats=["csv", "geojson"])
    assert sorted(p.name for p in result.out_dir.iterdir()) == ["manifest.json", "places.geojson", "summary.csv"]
    manifest = json.loads((result.out_dir / "manifest.json").read_text("utf-8"))
    assert manifest["weeks"] == ["2026-W13"] and manifest["profile"]["municipality"] == "Tanum"
    assert manifest["trygg_version"] and {f["name"] for f in manifest["files"]} == {"summary.csv", "places.geojson"}
    geo = json.loads((result.out_dir / "places.geojson").read_text("utf-8"))
    grebbestad = next(f for f in geo["features"] if f["properties"]["id"] == "grebbestad")
    assert grebbestad["properties"]["submissions"] == 3
    assert grebbestad["geometry"]["coordinates"] == [11.2536, 58.6911]
    assert next(f for f in geo["features"] if f["properties"]["id"] == "lur")["properties"]["submissions"] == "<3"
    assert set(ALL_FORMATS) == {"csv", "json", "submissions", "xlsx", "html", "geojson"}
