"""A briefly locked SQLite file or a lost PostgreSQL connection: a message, retries, no exit."""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url

from storage.db import open_database
from storage.models import Submission
from tests.conftest import truncate_all
from tests.triage.helpers import OFFICER, RecordingApp, add_submission, make_context, screen_text, settle, wait_for
from tests.triage.tcp_proxy import TcpProxy


async def test_locked_sqlite_shows_a_message_and_the_action_goes_through(sqlite_url, profile, tmp_path):
    db = open_database(sqlite_url)

    @event.listens_for(db.engine.sync_engine, "connect")
    def _short_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()  # after storage's own 30 s: give up quickly so the test is quick
        cursor.execute("PRAGMA busy_timeout=100")
        cursor.close()

    sub = await add_submission(db, profile, "Inbrott i garaget")
    app = RecordingApp(make_context(db, profile, tmp_path))
    try:
        async with app.run_test() as pilot:
            await settle(pilot)
            locker = sqlite3.connect(make_url(sqlite_url).database, isolation_level=None)
            locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock
            try:
                await pilot.press("c")
                await wait_for(pilot, lambda: "låst av en annan process" in screen_text(app), "the lock message")
            finally:
                locker.execute("COMMIT")
                locker.close()
            await settle(pilot)
            assert "Databasen svarar igen." in app.said_text()
            assert f"Du har tagit {sub.ref}" in app.said_text()
            assert "låst" not in screen_text(app)
            assert app.is_running
        async with db.read() as session:
            assert (await session.get(Submission, sub.id)).assignee == OFFICER
    finally:
        await db.close()


async def test_lost_postgres_connection_shows_a_message_and_recovers(postgres_url, profile, tmp_path):
    target = make_url(postgres_url)
    proxy = TcpProxy(target.host or "127.0.0.1", target.port or 5432)
    await proxy.start()
    db = open_database(target.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False))
    try:
        sub = await add_submission(db, profile, "Knark vid skolan")
        app = RecordingApp(make_context(db, profile, tmp_path, poll_interval=0.05))
        async with app.run_test() as pilot:
            await settle(pilot)
            await proxy.stop()  # the server goes away, open connections are cut
            await wait_for(pilot, lambda: "Databasen går inte att nå" in screen_text(app)
                           or "Anslutningen till databasen bröts" in screen_text(app), "the connection message")
            assert app.is_running
            await proxy.start()
            await wait_for(pilot, lambda: "Databasen svarar igen." in app.said_text(), "recovery")
            await pilot.press("c")
            await settle(pilot)
            assert f"Du har tagit {sub.ref}" in app.said_text()
    finally:
        await db.close()
        await proxy.stop()
        cleanup = open_database(postgres_url)
        await truncate_all(cleanup)
        await cleanup.close()


async def test_a_broken_database_is_named_and_retried_not_fatal(sqlite_url, profile, tmp_path):
    """Even a missing table (someone restored the wrong file) leaves the console running, saying why."""
    db = open_database(sqlite_url)
    sub = await add_submission(db, profile, "Inbrott")
    app = RecordingApp(make_context(db, profile, tmp_path))
    path = make_url(sqlite_url).database
    try:
        async with app.run_test() as pilot:
            await settle(pilot)
            with sqlite3.connect(path) as conn:
                conn.execute("ALTER TABLE submission_themes RENAME TO themes_elsewhere")
            await pilot.press("f5")
            await wait_for(pilot, lambda: "Databasfel: no such table" in screen_text(app), "the error banner")
            assert app.is_running
            with sqlite3.connect(path) as conn:
                conn.execute("ALTER TABLE themes_elsewhere RENAME TO submission_themes")
            await wait_for(pilot, lambda: "Databasen svarar igen." in app.said_text(), "recovery")
            assert sub.ref in screen_text(app)
    finally:
        await db.close()
