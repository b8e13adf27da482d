"""Privacy through the real bot and the real CLI: /forget, retention, the identity look, /privacy.

* /forget, after a citizen used every part of the bot (free text naming
  themselves, a tip they may be contacted about, an officer's reply and their
  answer, an edit, grannsamverkan with a phone number, a shared contact
  card): afterwards no table holds their chat or user id, username, name,
  phone number or a text that finds them; another citizen's data is intact.
* ``trygg db purge --dry-run`` prints what would go and changes nothing;
  ``trygg db purge`` then does exactly that.
* The bot runs the daily purge as a scheduled job: run many times, it purges
  once per local day (a ``job_runs`` row per day).
* An officer sees a citizen's Telegram identity only when they agreed to be
  contacted, and the look is audited with the officer's name.
* /privacy says, in Swedish and English, how long things are kept (from the
  profile, not hard-coded) and that messages can become public records.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.localapi import LocalUser
from storage.clock import utcnow
from storage.db import open_database
from storage.errors import ActionRefused
from storage.models import (
    Attachment,
    AuditEntry,
    Base,
    InboxUpdate,
    JobRun,
    Submission,
)
from storage.profile import Profile, Retention
from storage.usecases import officer
from storage.usecases.intake import NewSubmission, TelegramIdentity, add_watch_signup, create_submission, upsert_citizen
from tests.bot.conftest import Harness
from tests.bot.test_flows import JPEG
from tests.hardening.support import REF, REPO, record_figures

FIRST, LAST, USERNAME = "Zlatanina", "Unikasson", "zlatanina_u"
PHONE, WATCH_PHONE = "070-987 65 43", "073-555 12 34"


async def dump(db) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Every row of every table, as text."""
    tables: dict[str, list[str]] = {}
    async with db.read() as session:
        for table in Base.metadata.sorted_tables:
            rows = (await session.execute(select(table))).all()
            tables[table.name] = sorted(json.dumps(list(row), default=str, ensure_ascii=False) for row in rows)
    return tables


def needles_for(user: LocalUser) -> list[str]:
    digits = [PHONE.replace("-", "").replace(" ", ""), "987 65 43", "9876543", "555 12 34", "5551234"]
    return [str(user.id), USERNAME, FIRST, LAST, PHONE, WATCH_PHONE, *digits]


async def use_everything(h: Harness, user: LocalUser) -> tuple[str, str]:
    """Free text, a tip with contact allowed, an officer reply and an answer, an edit, grannsamverkan, a contact card."""
    api = h.api
    seen = 0

    async def answer(count: int = 1):  # type: ignore[no-untyped-def]
        nonlocal seen
        seen += count
        return (await api.wait_for_messages(user.id, seen, timeout=10))[seen - 1]

    first = await api.send_text(user, f"Jag heter {FIRST} {LAST} och nås på {PHONE}. Min cykel stals vid stationen.")
    free_ref = REF.search((await answer()).text).group(0)
    await api.edit_text(user, first["message_id"], f"Min cykel stals vid stationen i Grebbestad. Hälsningar {FIRST}")
    await answer()

    await api.send_text(user, "/start tip")
    await answer(2)
    await api.send_text(user, f"Det säljs knark vid skolan. /{FIRST}, @{USERNAME}")
    where = await answer()
    await api.press_button(user, where, where.button(text="Grebbestad")["callback_data"])
    when = await answer()
    await api.press_button(user, when, when.button_data[0])
    await answer()
    await api.send_photo(user, JPEG)
    contact = await answer()
    await api.press_button(user, contact, contact.button_data[1])  # may contact
    summary = await answer()
    await api.press_button(user, summary, summary.button_data[0])
    tip_ref = REF.search((await answer()).text).group(0)

    [tip] = await submissions_by_ref(h, tip_ref)
    await officer.reply(h.db, "kommunpolis.anna", tip.id, "Tack! Vilken tid var det?", profile=h.profile)
    reply = await answer()
    await api.send_text(user, f"Vid nio. Ring mig på {PHONE} / {FIRST}", reply_to=reply)
    await answer()

    await api.send_text(user, "/start watch")
    await answer(2)
    await api.send_text(user, f"Kvarnvägen hos {FIRST} {LAST}")
    await answer()  # how many households?
    await api.send_text(user, "4")
    group = await answer()
    await api.press_button(user, group, group.button_data[0])  # start a new group
    how = await answer()
    await api.press_button(user, how, how.button_data[1])  # by phone
    await answer()
    await api.send_text(user, WATCH_PHONE)
    meeting = await answer()
    await api.press_button(user, meeting, meeting.button_data[0])
    await answer()
    await api.send_contact(user, "+46 70 987 65 43")
    await answer()
    return free_ref, tip_ref


async def submissions_by_ref(h: Harness, *refs: str) -> list[Submission]:
    async with h.db.read() as session:
        return list((await session.execute(select(Submission).where(Submission.ref.in_(refs)))).scalars())


async def test_forget_through_the_bot_leaves_nothing_that_finds_the_citizen(harness: Harness) -> None:
    h = harness
    zlatanina = h.api.add_user(FIRST, last_name=LAST, username=USERNAME)
    other = h.api.add_user("Bertil", last_name="Kvarstående", username="bertil_stays")
    free_ref, tip_ref = await use_everything(h, zlatanina)
    await h.api.send_text(other, "Bertil Kvarstående här: fortkörning på Storgatan")
    await h.api.wait_for_messages(other.id, 1)
    await h.settle()

    # The identity look: only with consent, and audited.
    free, tip = sorted(await submissions_by_ref(h, free_ref, tip_ref), key=lambda s: s.ref != free_ref)
    with pytest.raises(ActionRefused, match="anonymous"):
        await officer.reveal_identity(h.db, "kommunpolis.anna", free.id)
    identity = await officer.reveal_identity(h.db, "kommunpolis.anna", tip.id)
    assert identity.username == USERNAME and FIRST in (identity.display_name or "")

    before = await dump(h.db)
    assert any(USERNAME in row for rows in before.values() for row in rows), "the test plants what it looks for"
    await h.api.send_text(zlatanina, "/forget")
    ask = (await h.api.wait_for_messages(zlatanina.id, len(h.api.messages_to(zlatanina.id)) + 1))[-1]
    await h.api.press_button(zlatanina, ask, ask.button_data[0])  # yes
    report = (await h.api.wait_for_messages(zlatanina.id, len(h.api.messages_to(zlatanina.id)) + 1))[-1]
    assert "raderade" in (report.text or "") or "Raderat" in (report.text or ""), report.text
    await h.settle()

    after = await dump(h.db)
    found = [(table, needle, row[:200]) for table, rows in after.items() for row in rows
             for needle in needles_for(zlatanina) if needle in row]
    assert not found, found
    assert any("bertil_stays" in row for row in after["citizens"]), "only the citizen who asked is erased"
    assert any("Kvarstående" in row for row in after["submissions"])
    async with h.db.read() as session:
        kept = (await session.execute(select(Submission).where(Submission.ref.in_((free_ref, tip_ref))))).scalars().all()
        photos = (await session.execute(select(Attachment.state))).scalars().all()
        audit = (await session.execute(select(AuditEntry.officer, AuditEntry.action))).all()
    assert len(kept) == 2 and all(s.citizen_id is None and s.anonymised_at is not None for s in kept)
    assert [s.place for s in kept if s.ref == tip_ref] == ["grebbestad"], "statistics keep the place"
    assert photos == ["stored"]
    assert ("kommunpolis.anna", "view_identity") in [tuple(a) for a in audit]
    with pytest.raises(ActionRefused, match="erased"):
        await officer.reveal_identity(h.db, "kommunpolis.anna", tip.id)
    with pytest.raises(ActionRefused, match="erased"):
        await officer.reply(h.db, "kommunpolis.anna", tip.id, "Hallå?", profile=h.profile)
    record_figures("privacy_forget", {
        "tables_read": len(after), "rows_read": sum(len(r) for r in after.values()),
        "needles": len(needles_for(zlatanina)), "needles_found": len(found)})


async def seed_old_data(url: str, profile: Profile, attachments: Path) -> None:
    """A closed tip 400 days old with a photo, old spam, an old grannsamverkan contact, old processed updates."""
    db = open_database(url)
    old = utcnow() - dt.timedelta(days=400)
    async with db.write() as session:
        citizen = await upsert_citizen(session, TelegramIdentity(42, 42, "gammal", "Gammal Medborgare"), now=old)
        closed = await create_submission(session, profile, citizen, NewSubmission(
            kind="tip", text="Gammalt tips från Gammal Medborgare", intent="tip", themes={"burglary": 1.0},
            place="lur"), now=old)
        spam = await create_submission(session, profile, citizen, NewSubmission(
            kind="message", text="köp billigt", intent="feedback"), now=old)
        fresh = await create_submission(session, profile, citizen, NewSubmission(
            kind="tip", text="Ett nytt tips", intent="tip"))
        await add_watch_signup(session, fresh, citizen, area="Hamnen", place=None, households=2,
                               wants_new_group=False, wants_info_meeting=False, contact_ok=True,
                               contact_method="phone", contact_value="070-111 22 33",
                               now=old - dt.timedelta(days=400))  # past the 730 days for contacts
        session.add(InboxUpdate(update_id=7, chat_id=42, payload={"message": {"text": "x"}}, received_at=old,
                                status="done"))
        (attachments / "2025").mkdir(parents=True)
        (attachments / "2025" / "old.jpg").write_bytes(JPEG)
        session.add(Attachment(submission_id=closed.id, storage_path="2025/old.jpg", state="stored", created_at=old))
    await officer.change_status(db, "anna", closed.id, "closed")
    await officer.mark_spam(db, "anna", spam.id)
    async with db.write() as session:
        for submission_id in (closed.id, spam.id):
            (await session.get(Submission, submission_id)).closed_at = old
    await db.close()


def trygg_db(*args: str, url: str, attachments: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGG_")}
    env.update(TRYGG_DATABASE_URL=url, TRYGG_ATTACHMENTS_DIR=str(attachments))
    return subprocess.run([sys.executable, "-m", "trygg.cli", "db", *args], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=60)


async def test_purge_dry_run_prints_what_would_go_and_changes_nothing(
        sqlite_url: str, profile: Profile, tmp_path: Path) -> None:
    attachments = tmp_path / "attachments"
    await seed_old_data(sqlite_url, profile, attachments)
    db = open_database(sqlite_url)
    before = await dump(db)
    dry = await asyncio.to_thread(trygg_db, "purge", "--dry-run", url=sqlite_url, attachments=attachments)
    assert dry.returncode == 0, dry.stderr
    expected = ("anonymise 1 closed submissions, delete 1 spam submissions, remove 1 grannsamverkan contacts, "
                "delete 1 processed Telegram updates")
    assert dry.stdout.startswith("purge would:") and expected in dry.stdout, dry.stdout
    assert "1 photo files" in dry.stdout
    assert await dump(db) == before, "a dry run changes nothing"
    assert (attachments / "2025" / "old.jpg").exists()

    done = await asyncio.to_thread(trygg_db, "purge", url=sqlite_url, attachments=attachments)
    assert done.returncode == 0 and done.stdout.replace("did:", "would:") == dry.stdout, (dry.stdout, done.stdout)
    after = await dump(db)
    assert after != before and not (attachments / "2025" / "old.jpg").exists()
    assert not any("070-111 22 33" in row for row in after["watch_signups"])
    assert not any("Gammalt tips" in row for row in after["submissions"])
    await db.close()
    record_figures("purge_cli", {"dry_run": dry.stdout.strip(), "purge": done.stdout.strip()})


async def test_the_bot_runs_the_daily_purge_once_a_day(harness: Harness, profile: Profile) -> None:
    from trygg.commands.bot import scheduled_jobs

    h = harness
    await h.stop()
    await seed_old_data(h.url, profile, h.tmp / "attachments")
    [daily] = [job for job in scheduled_jobs(h.settings, h.profile, h.db) if job.name == "daily-purge"]
    assert daily.interval <= dt.timedelta(hours=1), "checked at least hourly, so a day is never missed for long"
    runs = 0

    async def counted() -> None:
        nonlocal runs
        runs += 1
        await daily.run()

    # The same job, due at once and every 0.2 s instead of every hour: run many times, it purges once today.
    fast = dataclasses.replace(daily, run=counted, first=dt.timedelta(0), interval=dt.timedelta(seconds=0.2))
    from bot.runner import TryggBot

    bot = TryggBot(h.settings, h.profile, h.db, options=h.options, extra_jobs=[fast])
    await bot.start()
    try:
        deadline = asyncio.get_running_loop().time() + 10
        while runs < 5:
            assert asyncio.get_running_loop().time() < deadline, "the job did not run"
            await asyncio.sleep(0.05)
    finally:
        await bot.stop()
    async with h.db.read() as session:
        job_runs = (await session.execute(select(JobRun))).scalars().all()
        texts = (await session.execute(select(Submission.text))).scalars().all()
    today = utcnow().astimezone(h.profile.tz).date().isoformat()
    assert [(r.job, r.period) for r in job_runs] == [("purge", today)]
    assert job_runs[0].finished_at is not None and job_runs[0].result["closed_anonymised"] == 1
    assert "Gammalt tips från Gammal Medborgare" not in texts and "köp billigt" not in texts
    assert "Ett nytt tips" in texts
    record_figures("daily_purge", {"job_runs_in_the_bot": runs, "purges_done": len(job_runs),
                                   "result": job_runs[0].result})


@pytest.mark.parametrize("lang,words", [
    ("sv", ["18 månader", "45 dagar", "30 månader", "9 dagar", "allmän handling", "/forget"]),
    ("en", ["18 months", "45 days", "30 months", "9 days", "public record", "/forget"]),
])
async def test_privacy_text_gives_the_profile_retention_and_says_messages_can_become_public_records(
        harness: Harness, lang: str, words: list[str]) -> None:
    h = harness
    await h.stop()
    h.profile = dataclasses.replace(h.profile, retention=Retention(
        closed_days=548, spam_days=45, watch_contact_days=912, inbox_days=9, erased_citizen_days=0))
    await h.start()
    user = h.api.add_user("Läsare", language_code=lang)
    await h.api.send_text(user, "/privacy")
    [text] = await h.api.wait_for_messages(user.id, 1)
    for word in words:
        assert word in (text.text or ""), (word, text.text)
    assert h.profile.municipality in (text.text or "")
