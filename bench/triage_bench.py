"""How fast the triage console is on a big queue: first paint, filter/search, scrolling, memory.

    python bench/triage_bench.py                      # 100,000 submissions (seeded on first use)
    python bench/triage_bench.py --db /tmp/trygg-bench-1m.db   # an existing seeded database

Each database is measured in a fresh child process (so its resident memory
is its own) against baselines measured in the same process:
- ``bare SQL``: the queries a first paint needs (first page + count) timed
  straight through ``storage.queries``, no UI;
- ``empty app``: the first paint of a Textual app holding one Static.
The console runs headless (``App.run_test``) at 120×40. Targets (issue #5):
first paint < 1 s at 100k, filter/search < 150 ms, a page of scrolling
< 50 ms, resident memory < 300 MB. The database is only read.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DB = Path("/tmp/trygg-triage-bench-100k.db")
MILLION_DB = Path("/tmp/trygg-bench-1m.db")
SIZE = (120, 40)
REPEATS = 5
TARGETS = {"first_paint_ms": 1000.0, "filter_ms": 150.0, "scroll_page_ms": 50.0, "rss_mb": 300.0}


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB, from /proc/self/status."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


class RenderProbe:
    """Notes when the queue list drew: its last line, and the first row after a new filter's rows arrived."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.last = self.first_row = 0.0
        self._armed = False

    def attach(self, queue_list: Any) -> None:
        draw, show = queue_list.render_line, queue_list.show_window

        def render_line(y: int) -> Any:
            strip = draw(y)
            self.last = time.perf_counter()
            if y == 1 and self._armed and "TAN-" in strip.text:
                self.first_row, self._armed = self.last, False
            return strip

        def show_window(window: Any, **kw: Any) -> None:
            if kw.get("top") == 0:  # a new filter's first rows
                self._armed = True
            show(window, **kw)

        queue_list.render_line = render_line
        queue_list.show_window = show_window


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


async def ensure_seeded(path: Path, count: int) -> None:
    from storage.db import open_database
    from storage.migrate import upgrade
    from storage.profile import load_profile
    from storage.seed import seed

    if path.exists():
        return
    print(f"seeding {count:,} submissions into {path} ...", file=sys.stderr)
    db = open_database(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(db)
        started = time.perf_counter()
        await seed(db, load_profile(), count)
        print(f"seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    finally:
        await db.close()


async def measure(url: str) -> dict[str, Any]:
    from sqlalchemy import func, select
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from moderation.triage import TriageApp, TriageContext, TriagePanel
    from moderation.triage.saved_views import OPEN
    from storage.db import open_database
    from storage.models import Submission
    from storage.profile import load_profile
    from storage.queries import QueueFilter, count_queue, queue_page

    profile = load_profile()
    db = open_database(url, create_sqlite_file=False)
    out: dict[str, Any] = {"url": url}
    async with db.read() as session:
        out["submissions"] = (await session.execute(select(func.count()).select_from(Submission))).scalar_one()

    async def bare(flt: QueueFilter) -> float:
        started = time.perf_counter()
        async with db.read() as session:
            await queue_page(session, flt, limit=60)
            await count_queue(session, flt)
        return time.perf_counter() - started

    await bare(QueueFilter(statuses=OPEN))  # warm the page cache once, as a console that has been open would
    out["bare_sql_first_page_ms"] = ms(statistics.median([await bare(QueueFilter(statuses=OPEN)) for _ in range(REPEATS)]))

    drawn: list[float] = []

    class TimedStatic(Static):
        def render_line(self, y: int) -> Any:
            drawn.append(time.perf_counter())
            return super().render_line(y)

    class EmptyApp(App[None]):
        def compose(self) -> ComposeResult:
            yield TimedStatic("Trygg")

    empty = []
    for _ in range(REPEATS):
        drawn.clear()
        started = time.perf_counter()
        async with EmptyApp().run_test(size=SIZE) as pilot:
            await pilot.pause()
            empty.append(drawn[0] - started)
    out["empty_app_first_paint_ms"] = ms(statistics.median(empty))

    def console() -> TriageApp:
        context = TriageContext(db=db, profile=profile, officer="bench", attachments_dir=Path("/tmp"),
                                poll_interval=None)
        return TriageApp(context, freeze_gc=True)  # as `trygg triage` runs it

    probe = RenderProbe()

    async def idle(pilot: Any) -> None:
        """Until no worker runs and the list waits for no rows (a request may still be a message in flight)."""
        from textual.worker import WorkerCancelled, WorkerState

        while True:
            try:
                await pilot.app.workers.wait_for_complete()
            except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait for that
                continue
            await pilot.pause()
            panels = pilot.app.query(TriagePanel)
            waiting = bool(panels) and panels.first().queue_list._wanted is not None  # noqa: SLF001
            running = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers)
            if not waiting and not running:
                return

    async def painted(pilot: Any) -> TriagePanel:
        """Wait until the console is idle with its first rows drawn."""
        panel = pilot.app.query_one(TriagePanel)
        await idle(pilot)
        assert "TAN-" in panel.queue_list.render_line(1).text, "the first row is not drawn"
        return panel

    async def timed(pilot: Any, start_action: Any) -> tuple[float, float]:
        """From the action to (the last queue line drawn for it, a new filter's first row drawn).

        The Pilot's own idle-waiting is not counted: the times are when the list drew.
        """
        probe.reset()
        started = time.perf_counter()
        start_action()
        await idle(pilot)
        return probe.last - started, (probe.first_row - started if probe.first_row else 0.0)

    paints = []
    for _ in range(REPEATS):
        probe.reset()
        app = console()
        app.call_later(lambda app=app: probe.attach(app.query_one(TriagePanel).queue_list))
        started = time.perf_counter()
        async with app.run_test(size=SIZE) as pilot:
            await painted(pilot)
            paints.append(probe.first_row - started)
    out["first_paint_ms"] = ms(statistics.median(paints))

    filters = {
        "view Nya (status new)": QueueFilter(statuses=("new",)),
        "view Akut (priority)": QueueFilter(statuses=OPEN, min_priority=1),
        "theme drugs": QueueFilter(statuses=OPEN, themes=("drugs",)),
        "place grebbestad": QueueFilter(statuses=OPEN, places=("grebbestad",)),
        "lang de, all statuses": QueueFilter(langs=("de",)),
        "search 'knark'": QueueFilter(statuses=OPEN, search="knark"),
        "search 'båtmotorn'": QueueFilter(search="båtmotorn"),
        "search a reference": None,  # filled in below
    }
    async with console().run_test(size=SIZE) as pilot:
        panel = await painted(pilot)
        probe.attach(panel.queue_list)
        filters["search a reference"] = QueueFilter(search=panel.queue_list.current.ref)
        timings: dict[str, dict[str, float]] = {}
        for name, flt in filters.items():
            def apply(flt: QueueFilter = flt) -> None:
                panel.filter, panel.search_query = flt, flt.search  # what the filter dialog / search field set
                panel.load_queue()

            rows_drawn, counted = [], []
            for _ in range(REPEATS):
                last, first_row = await timed(pilot, apply)
                counted.append(last)
                rows_drawn.append(first_row)
            timings[name] = {"ui_ms": ms(statistics.median(rows_drawn)), "counted_ms": ms(statistics.median(counted)),
                             "bare_sql_ms": ms(statistics.median([await bare(flt) for _ in range(REPEATS)])),
                             "rows": panel.pager.window.total}
        out["filters"] = timings

        panel.filter, panel.search_query = QueueFilter(), ""  # everything: the longest queue
        panel.load_queue()
        await pilot.app.workers.wait_for_complete()
        queue_list = panel.queue_list
        queue_list.focus()
        pages = [(await timed(pilot, lambda: queue_list.action_page(1)))[0] for _ in range(40)]
        out["scroll_page_ms"] = {"median": ms(statistics.median(pages)), "max": ms(max(pages)),
                                 "p90": ms(sorted(pages)[int(len(pages) * 0.9)])}
        out["jump_to_end_ms"] = ms((await timed(pilot, lambda: queue_list.action_jump(-1)))[0])
        assert queue_list.current is not None and queue_list.cursor == panel.pager.window.total - 1
        assert "TAN-" in queue_list.render_line(SIZE[1] - 6).text
        out["rows_in_memory"] = len(panel.pager.window.rows)

        shown: list[float] = []
        show_detail = panel.detail_view.show
        panel.detail_view.show = lambda *a, **kw: (show_detail(*a, **kw), shown.append(time.perf_counter()))
        opens = []
        for _ in range(REPEATS):
            row = queue_list.current
            shown.clear()
            started = time.perf_counter()
            panel.open_detail(row.id, row.ref)
            await idle(pilot)
            opens.append(shown[0] - started)
            panel.action_back()
            queue_list.action_move(-7)
            await idle(pilot)
        out["open_detail_ms"] = ms(statistics.median(opens))
    out["rss_mb"], out["peak_rss_mb"] = (round(v, 1) for v in rss_mb())
    await db.close()
    return out


def report(result: dict[str, Any]) -> None:
    n = result["submissions"]
    filters = result["filters"]
    worst_filter = max(v["ui_ms"] for v in filters.values())
    print(f"\n== {n:,} submissions ({result['url']})")
    print(f"baseline bare SQL (first page + count): {result['bare_sql_first_page_ms']} ms")
    print(f"baseline empty Textual app first paint: {result['empty_app_first_paint_ms']} ms")
    fp = result["first_paint_ms"]
    print(f"first paint of the queue:  {fp} ms  (target < {TARGETS['first_paint_ms']:.0f}; "
          f"{fp / result['empty_app_first_paint_ms']:.2f}× empty app, "
          f"{fp / max(result['bare_sql_first_page_ms'], 0.1):.1f}× bare SQL)")
    print("filter / search, median of 5: rows on screen | total counted | bare SQL (page+count) | ratio | matches")
    for name, v in filters.items():
        ratio = v["ui_ms"] / max(v["bare_sql_ms"], 0.1)
        print(f"  {name:<24} {v['ui_ms']:>7} ms | {v['counted_ms']:>7} ms | SQL {v['bare_sql_ms']:>7} ms |"
              f" {ratio:4.1f}× | {v['rows']:>9,}")
    print(f"  worst: {worst_filter} ms (target < {TARGETS['filter_ms']:.0f})")
    scroll = result["scroll_page_ms"]
    print(f"scroll one page (40 pages): median {scroll['median']} ms, p90 {scroll['p90']} ms, max {scroll['max']} ms "
          f"(target < {TARGETS['scroll_page_ms']:.0f}); jump to the end {result['jump_to_end_ms']} ms")
    print(f"open the detail screen (text, thread, history, duplicates): {result['open_detail_ms']} ms")
    print(f"rows held in memory: {result['rows_in_memory']}")
    print(f"resident memory: {result['rss_mb']} MB, peak {result['peak_rss_mb']} MB (target < {TARGETS['rss_mb']:.0f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, action="append", help="SQLite database(s) to measure")
    parser.add_argument("--count", type=int, default=100_000, help="seed this many if --db does not exist")
    parser.add_argument("--url", help="measure this database URL instead (e.g. PostgreSQL)")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(asyncio.run(measure(args.child))))
        return 0
    urls = [args.url] if args.url else []
    if not urls:
        paths = args.db or [DEFAULT_DB] + ([MILLION_DB] if MILLION_DB.exists() else [])
        for path in paths:
            asyncio.run(ensure_seeded(path, args.count))
            urls.append(f"sqlite+aiosqlite:///{path}")
    results = []
    for url in urls:
        child = subprocess.run([sys.executable, __file__, "--child", url], capture_output=True, text=True)
        if child.returncode != 0:
            print(child.stderr, file=sys.stderr)
            return child.returncode
        results.append(json.loads(child.stdout.strip().splitlines()[-1]))
    for result in results:
        report(result)
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
