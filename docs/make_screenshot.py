"""Regenerate docs/demo.svg, the README's picture of `trygg demo` (Textual's own SVG screenshot).

    .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import asyncio
import dataclasses
import tempfile
from pathlib import Path

from storage.config import load_settings
from storage.profile import load_profile
from trygg.demo.run import Demo, prepare_database

OUT = Path(__file__).resolve().parent / "demo.svg"


async def main() -> None:
    profile = load_profile()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.db"
        settings = dataclasses.replace(load_settings({}), database_url=f"sqlite+aiosqlite:///{path}",
                                       attachments_dir=Path(tmp) / "att")
        db = await prepare_database(path, profile, empty=False)
        try:
            async with Demo(settings, profile, db, officer="anna.k") as app:
                async with app.run_test(size=(140, 40)) as pilot:
                    await pilot.pause(1.5)
                    await pilot.click("#say")
                    await pilot.press(*"Bilar kör som galningar förbi skolan i Grebbestad varje morgon", "enter")
                    await pilot.pause(2.0)
                    app.save_screenshot(str(OUT))
        finally:
            await db.close()
    print(f"wrote {OUT}")


if __name__ == "__main__":
    asyncio.run(main())
