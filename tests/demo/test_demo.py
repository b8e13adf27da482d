"""Drive the demo as a newcomer would: a tip on the phone, the reply from the console.

Everything is real and local: the bot talks HTTP to the in-process Bot API,
the console reads the SQLite file; no network beyond 127.0.0.1 is used.
"""

from __future__ import annotations

import dataclasses
import socket

import pytest
from sqlalchemy import select

from moderation.triage.panel import TriagePanel
from storage.config import load_settings
from storage.models import Submission
from trygg.demo.phone import ChatEntry
from trygg.demo.run import Demo, prepare_database


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every connection that is not to the loopback interface."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")):
            raise OSError(f"the demo tried to reach {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def chat_texts(app) -> list[str]:
    return [entry.message.text or "" for entry in app.query(ChatEntry)]


async def wait_for(pilot, predicate, what: str, tries: int = 100) -> None:
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause(0.1)
    raise AssertionError(f"timed out waiting for {what}")


async def test_tip_on_the_phone_reply_from_the_console(tmp_path, profile, no_network):
    db_path = tmp_path / "demo.db"
    settings = dataclasses.replace(load_settings({}), database_url=f"sqlite+aiosqlite:///{db_path}",
                                   attachments_dir=tmp_path / "att")
    db = await prepare_database(db_path, profile, empty=False)
    try:
        async with Demo(settings, profile, db, officer="anna.k") as app:
            async with app.run_test(size=(150, 45)) as pilot:
                await wait_for(pilot, lambda: any("112" in t for t in chat_texts(app)), "the greeting")
                await pilot.click("#say")
                tip = "Någon langar knark vid kiosken i Hamburgsund varje kväll, zebrakatt"
                await pilot.press(*tip, "enter")
                await wait_for(pilot, lambda: any("TAN-" in t for t in chat_texts(app)), "the receipt")

                async with db.read() as s:
                    stored = (await s.execute(select(Submission).where(Submission.text == tip))).scalar_one()
                panel = app.query_one(TriagePanel)
                panel.queue_list.focus()
                await pilot.press("slash", *"zebrakatt", "enter")
                await wait_for(pilot, lambda: [r.ref for r in panel.queue_list.window.rows if r] == [stored.ref],
                               "the tip in the console's queue")
                panel.queue_list.focus()
                await pilot.press("enter")
                await pilot.pause(0.3)
                await pilot.press("r")
                await wait_for(pilot, lambda: app.screen.query("#dialog-text"), "the reply dialog")
                await pilot.press(*"Tack, vi skickar en patrull", "ctrl+s")
                await wait_for(pilot, lambda: any("Tack, vi skickar en patrull" in t for t in chat_texts(app)),
                               "the officer's reply on the phone", tries=150)
    finally:
        await db.close()
