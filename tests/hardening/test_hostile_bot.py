"""The hostile corpus (``tests/hostile/corpus.py``) through the real bot, the console and the export.

* Every one of the 270 texts is sent as a free-text message: each is stored
  exactly once and answered with its reference (or, when nothing readable is
  left once control characters are removed, told so), and ``/status`` with
  each bare payload as the argument is answered too. The local Bot API parses
  every answer as Telegram HTML and refuses invalid markup with 400, so an
  escaping bug shows as a failed outbox row; there must be none.
* The tip flow echoes the description in its summary: every text up to 1,000
  characters goes through it and must come back literally.
* Each of the 33 odd update kinds gets the answer the design gives it, or
  silence where that is the design (edits of unknown messages, channel posts,
  updates from bots, kinds Telegram may add later...). No update fails.
* The console (``TriageApp`` over ``App.run_test``) shows the stored texts
  literally: no markup runs, no terminal control reaches the screen, the
  layout holds. The weekly export neutralises formulas in CSV and writes no
  raw terminal escape into any file.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from sqlalchemy import func, select

from bot.localapi import LocalUser, StoredMessage
from bot.texts import clean as bot_clean
from storage.models import InboxUpdate, OutboxMessage, Submission
from storage.textsafety import storable
from tests.bot.conftest import Harness
from tests.bot.test_flows import JPEG
from tests.hardening.support import REF, record_figures
from tests.hostile.corpus import ODD_UPDATES, HostileText, hostile_texts

CHATS = 10
UNREADABLE = "Det kan jag inte läsa"


def stored_form(text: str) -> str:
    """What the bot keeps of a text: control characters out, lone surrogates replaced, trimmed."""
    return storable(bot_clean(text).strip())


async def send_as_citizen(h: Harness, user: LocalUser, text: str) -> dict[str, Any]:
    """As a Telegram client would; what no client can send (over 4,096 characters, only whitespace) as a raw update."""
    try:
        return await h.api.send_text(user, text)
    except ValueError:
        chat = h.api.state.chats[user.id]
        message = {"message_id": chat.allocate_message_id(), "from": user.to_api(), "chat": chat.to_api(),
                   "date": int(time.time()), "text": text}
        await h.api.send_raw_update({"message": message})
        return message


async def no_failures(h: Harness) -> tuple[Counter[str], Counter[str]]:
    async with h.db.read() as session:
        inbox = Counter((await session.execute(select(InboxUpdate.status))).scalars())
        outbox = Counter((await session.execute(select(OutboxMessage.status))).scalars())
        refused = (await session.execute(select(OutboxMessage.last_error)
                                         .where(OutboxMessage.status != "delivered"))).scalars().all()
    assert set(inbox) == {"done"}, (inbox, "an update failed")
    assert set(outbox) == {"delivered"}, (outbox, refused[:3])
    return inbox, outbox


async def test_every_hostile_text_is_stored_once_and_answered(harness: Harness, tmp_path: Path) -> None:
    h = harness
    cases = hostile_texts()
    users = [h.api.add_user(f"Hostil{i}", username=f"hostil_{i}") for i in range(CHATS)]
    sent: dict[tuple[int, int], HostileText] = {}
    for n, case in enumerate(cases):
        user = users[n % CHATS]
        message = await send_as_citizen(h, user, case.text)
        sent[(user.id, message["message_id"])] = case
    await h.settle()
    async with h.db.read() as session:
        rows = (await session.execute(select(Submission.source_chat_id, Submission.source_message_id,
                                             Submission.text, Submission.ref, Submission.id))).all()
    stored = {(chat, mid): (text, ref) for chat, mid, text, ref, _ in rows}
    assert len(rows) == len(stored), "no message stored twice"
    readable = {key: case for key, case in sent.items() if stored_form(case.text)}
    assert set(stored) == set(readable), {sent[k].id for k in set(sent) ^ set(stored)}
    for key, case in readable.items():
        assert stored[key][0] == stored_form(case.text), case.id

    replies = {u.id: h.api.messages_to(u.id) for u in users}
    for user in users:
        answered = [m for m in replies[user.id]]
        mine = [k for k in sent if k[0] == user.id]
        assert len(answered) == len(mine), f"one answer per message in chat {user.id}"
    refs = Counter(m.group(0) for msgs in replies.values() for msg in msgs if (m := REF.search(msg.text or "")))
    assert set(refs) == {ref for _, ref in stored.values()} and set(refs.values()) == {1}
    unreadable = [sent[k] for k in set(sent) - set(readable)]
    told = sum(1 for msgs in replies.values() for msg in msgs if UNREADABLE in (msg.text or ""))
    assert told == len(unreadable)

    # /status with every bare payload as its argument: echoed (escaped) or the citizen's list of cases.
    status_sent = 0
    for n, case in enumerate(c for c in cases if c.id.endswith("-bare") and len(c.text) < 200):
        await send_as_citizen(h, users[n % CHATS], f"/status {case.text}")
        status_sent += 1
    await h.settle()
    answers = sum(len(h.api.messages_to(u.id)) for u in users) - sum(len(r) for r in replies.values())
    assert answers == status_sent
    inbox, outbox = await no_failures(h)
    record_figures("hostile_free_text", {
        "texts_sent": len(cases),
        "sent_as_raw_update": sum(1 for c in cases if len(c.text) > 4096 or not c.text.strip()),
        "stored": len(rows), "stored_duplicated": len(rows) - len(stored), "lost": len(readable) - len(stored),
        "unreadable_told_so": told, "receipts": sum(refs.values()), "status_commands": status_sent,
        "inbox": dict(inbox), "outbox": dict(outbox)})


async def test_the_tip_summary_echoes_every_hostile_description_literally(harness: Harness) -> None:
    h = harness
    cases = [c for c in hostile_texts() if 0 < len(stored_form(c.text)) <= 1000]
    users = [h.api.add_user(f"Tips{i}") for i in range(CHATS)]

    async def tip(user: LocalUser, case: HostileText) -> str:
        seen = len(h.api.messages_to(user.id))

        async def answer(count: int = 1) -> StoredMessage:
            nonlocal seen
            seen += count
            return (await h.api.wait_for_messages(user.id, seen, timeout=10))[seen - 1]

        await h.api.send_text(user, "/start tip")
        await answer(2)  # the greeting, then "what happened?"
        await send_as_citizen(h, user, case.text)
        where = await answer()
        await h.api.press_button(user, where, where.button_data[-1])  # skip
        when = await answer()
        await h.api.press_button(user, when, when.button_data[-1])  # skip
        photo = await answer()
        await h.api.press_button(user, photo, photo.button_data[0])  # no photo
        contact = await answer()
        await h.api.press_button(user, contact, contact.button_data[0])  # anonymous
        summary = await answer()
        await h.api.press_button(user, summary, summary.button_data[-1])  # cancel: the summary is what counts
        await answer()
        return summary.text or ""

    async def chat(index: int) -> None:  # chats side by side, each one tip after the other
        for case in cases[index::CHATS]:
            summary = await tip(users[index], case)
            assert stored_form(case.text) in summary, case.id

    await asyncio.gather(*(chat(i) for i in range(CHATS)))
    await h.settle()
    await no_failures(h)
    record_figures("hostile_tip_summary", {"descriptions_echoed": len(cases)})


ODD_EXPECTED: dict[str, tuple[str | None, int]] = {
    # kind: (a word of the answer, or None for silence by design; submissions stored)
    "photo_caption_only": ("TAN-", 1), "photo_without_caption": ("TAN-", 1), "sticker": ("med ord", 0),
    "voice": ("lyssna", 0), "video": ("filmer", 0), "video_note": ("lyssna", 0), "document": ("filer", 0),
    "contact": ("kontaktkort", 0), "poll": ("inte läsa", 0), "dice": ("inte läsa", 0),
    "location_outside_flow": ("Tack för platsen", 0), "venue": ("Tack för platsen", 0),
    "forwarded_text": ("TAN-", 1), "edited_text": ("Ändringen är sparad", 1), "edited_unknown_message": (None, 0),
    "callback_never_sent": (None, 0), "callback_stale": (None, 0), "callback_oversized_garbage": (None, 0),
    "callback_empty": (None, 0), "status_other_chat": ("Hittade inget ärende", 0),
    "status_malformed": ("Hittade inget ärende", 0), "status_empty": ("inga ärenden", 0),
    "status_sql": ("Hittade inget ärende", 0), "start_payload_too_long": ("allmän handling", 0),
    "start_payload_unknown": ("allmän handling", 0), "start_payload_html": ("allmän handling", 0),
    "group_message": (None, 0), "channel_post": (None, 0), "my_chat_member_blocked": (None, 0),
    "message_from_bot": (None, 0), "empty_text": ("inte läsa", 0), "only_whitespace": ("inte läsa", 0),
    "unknown_update_kind": (None, 0),
}


def odd_actions(h: Harness, other_ref: str) -> dict[str, Callable[[LocalUser], Awaitable[Any]]]:
    api = h.api

    def raw_message(user: LocalUser, content: dict[str, Any], **sender: Any) -> Awaitable[dict[str, Any]]:
        chat = api.state.chats[user.id]
        chat.started = True  # as if the user had opened the chat (a bot cannot write first)
        message = {"message_id": chat.allocate_message_id(), "from": {**user.to_api(), **sender},
                   "chat": chat.to_api(), "date": int(time.time()), **content}
        return api.send_raw_update({"message": message})

    def media(kind: str, **extra: Any) -> dict[str, Any]:
        return {kind: {"file_id": f"{kind}-id", "file_unique_id": f"{kind}-u", **extra}}

    async def press(user: LocalUser, data: str | None) -> None:
        await api.send_text(user, "/start")
        [menu] = await api.wait_for_messages(user.id, 1)
        await api.press_button(user, menu, data, forged=True)

    async def stale(user: LocalUser) -> None:
        await api.send_text(user, "/start tip")
        await api.wait_for_messages(user.id, 2)
        await api.send_text(user, "Inbrott i källaren <b>&</b>")
        where = (await api.wait_for_messages(user.id, 3))[2]
        await api.send_text(user, "/cancel")
        await api.wait_for_messages(user.id, 4)
        await api.press_button(user, where, where.button_data[0])  # a button of a flow that is over

    async def edited(user: LocalUser) -> None:
        message = await api.send_text(user, "Bilar kör för fort på <i>Storgatan")
        await api.wait_for_messages(user.id, 1)
        await api.edit_text(user, message["message_id"], "Bilar kör för fort på Storgatan & Kyrkogatan")

    async def group(user: LocalUser) -> None:
        await api.send_group_message(api.add_group("Grannar i Hede"), user, "Hej <b>alla</b>")

    async def channel(user: LocalUser) -> None:
        await api.channel_post(api.add_channel("Tanums nyheter"), "Nyhet <b>&</b>")

    async def blocked(user: LocalUser) -> None:
        api.block_bot(user)

    return {
        "photo_caption_only": lambda u: api.send_photo(u, JPEG, caption="<b>Trasig</b> lampa & [/]"),
        "photo_without_caption": lambda u: api.send_photo(u, JPEG),
        "sticker": lambda u: api.send_sticker(u),
        "voice": lambda u: api.send_voice(u),
        "video": lambda u: raw_message(u, media("video", width=1, height=1, duration=1)),
        "video_note": lambda u: raw_message(u, media("video_note", length=1, duration=1)),
        "document": lambda u: api.send_document(u, b"%PDF-1.4", file_name="<b>x</b>.pdf"),
        "contact": lambda u: api.send_contact(u, "+46701234567"),
        "poll": lambda u: raw_message(u, {"poll": {
            "id": "p1", "question": "<b>?</b>", "options": [{"text": "a", "voter_count": 0, "persistent_id": "o1"}],
            "total_voter_count": 0, "is_closed": False, "is_anonymous": True, "type": "regular",
            "allows_multiple_answers": False, "allows_revoting": False, "members_only": False}}),
        "dice": lambda u: raw_message(u, {"dice": {"emoji": "🎲", "value": 6}}),
        "location_outside_flow": lambda u: api.send_location(u, 58.67, 11.22),
        "venue": lambda u: raw_message(u, {"location": {"latitude": 58.7, "longitude": 11.3}, "venue": {
            "location": {"latitude": 58.7, "longitude": 11.3}, "title": "<b>Torget</b>", "address": "&"}}),
        "forwarded_text": lambda u: api.send_text(u, "Vidarebefordrat: knark säljs vid <b>skolan</b>", extra={
            "forward_origin": {"type": "hidden_user", "sender_user_name": "<i>Någon</i>", "date": 1}}),
        "edited_text": edited,
        "edited_unknown_message": lambda u: api.send_raw_update({"edited_message": {
            "message_id": 987654, "from": u.to_api(), "chat": {"id": u.id, "type": "private"},
            "date": 1, "edit_date": 2, "text": "Ändrat <b>"}}),
        "callback_never_sent": lambda u: press(u, "f:abcdef:where:grebbestad"),
        "callback_stale": stale,
        "callback_oversized_garbage": lambda u: press(u, "<b>" * 100),
        "callback_empty": lambda u: press(u, None),
        "status_other_chat": lambda u: api.send_text(u, f"/status {other_ref}"),
        "status_malformed": lambda u: api.send_text(u, "/status TAN-99-<b>&x"),
        "status_empty": lambda u: api.send_text(u, "/status"),
        "status_sql": lambda u: api.send_text(u, "/status ';DROP_TABLE_submissions;--"),
        "start_payload_too_long": lambda u: api.send_text(u, "/start " + "p" * 300),
        "start_payload_unknown": lambda u: api.send_text(u, "/start place_atlantis"),
        "start_payload_html": lambda u: api.send_text(u, "/start <b>x</b>&amp;"),
        "group_message": group,
        "channel_post": channel,
        "my_chat_member_blocked": blocked,
        "message_from_bot": lambda u: raw_message(u, {"text": "Jag är en bot <b>"}, is_bot=True),
        "empty_text": lambda u: raw_message(u, {"text": ""}),
        "only_whitespace": lambda u: raw_message(u, {"text": "   \n\t "}),
        "unknown_update_kind": lambda u: api.send_raw_update({"future_update_kind": {"chat": {"id": u.id}}}),
    }


async def test_odd_updates_get_their_answer_or_silence_by_design(harness: Harness) -> None:
    h = harness
    assert set(ODD_EXPECTED) == set(ODD_UPDATES)
    owner = h.api.add_user("Ägare")
    await h.api.send_text(owner, "Mitt eget ärende om skadegörelse")
    other_ref = REF.search((await h.api.wait_for_messages(owner.id, 1))[0].text or "").group(0)
    actions = odd_actions(h, other_ref)
    outcome: dict[str, Any] = {}
    for kind in ODD_UPDATES:
        user = h.api.add_user(f"Udda {kind}")
        before = len(h.api.messages_to(user.id))
        answered_before = len(h.api.answered_callbacks)
        await actions[kind](user)
        await h.settle()
        word, submissions = ODD_EXPECTED[kind]
        if kind in ("callback_never_sent", "callback_oversized_garbage", "callback_empty"):
            before = 1  # the menu the forged button was pressed on
        elif kind == "callback_stale":
            before = 4
        elif kind in ("edited_text",):
            before = 1
        new = h.api.messages_to(user.id)[before:]
        if word is None:
            assert not new, (kind, [m.text for m in new])
        else:
            assert len(new) >= 1 and any(word in (m.text or "") for m in new), (kind, [m.text for m in new])
        if kind.startswith("callback"):
            answers = h.api.answered_callbacks[answered_before:]
            assert answers and all(a.answered for a in answers), f"{kind}: the button press is answered"
        async with h.db.read() as session:
            count = (await session.execute(select(func.count()).select_from(Submission)
                                           .where(Submission.source_chat_id == user.id))).scalar_one()
        assert count == submissions, (kind, count)
        outcome[kind] = {"answer": (new[0].text or "")[:40] if new else None, "stored": count}
        if kind == "my_chat_member_blocked":
            h.api.unblock_bot(user)
    group_notices = [m for chat in h.api.state.chats.values() if chat.type == "group"
                     for m in h.api.messages_to(chat.id)]
    assert len(group_notices) == 1 and "privat chatt" in (group_notices[0].text or "")
    async with h.db.read() as session:
        edited = (await session.execute(select(Submission.text).where(Submission.text.like("Bilar kör%")))).scalar_one()
    assert edited == "Bilar kör för fort på Storgatan & Kyrkogatan"
    inbox, outbox = await no_failures(h)
    silent = sorted(kind for kind, (word, _) in ODD_EXPECTED.items() if word is None)
    record_figures("hostile_odd_updates", {"kinds": len(ODD_UPDATES), "silent_by_design": silent,
                                           "inbox": dict(inbox), "outbox": dict(outbox)})


# --- the console and the export, over what the bot stored -------------------------------------------------------

TERMINAL_CONTROL = ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u202d", "\u2066")


def screen_text(app: Any) -> str:
    """What the terminal shows, as plain text (the rendering Textual's screenshots use)."""
    update = app.screen._compositor.render_update(full=True)  # noqa: SLF001 - as App.export_screenshot does
    console = Console(width=app.size.width, height=app.size.height, record=True, file=io.StringIO(),
                      force_terminal=True, color_system="truecolor", legacy_windows=False)
    console.print(update)
    return console.export_text()


def comparable(text: str) -> str:
    """Zero-width, combining and format characters differ between a string and its rendering: leave them out."""
    return "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Me", "Cf"))


async def settle(pilot: Any) -> None:
    from textual.worker import WorkerCancelled

    while True:
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()


def assert_clean_screen(app: Any) -> str:
    shown = screen_text(app)
    for control in TERMINAL_CONTROL:
        assert control not in shown, f"{control!r} reached the terminal"
    assert all(cell_len(line) <= app.size.width for line in shown.splitlines()), "a line wider than the screen"
    return shown


async def test_the_console_shows_and_the_export_neutralises_what_the_bot_stored(
        harness: Harness, tmp_path: Path) -> None:
    from moderation.export.run import export_weeks
    from moderation.triage import TriageApp, TriageContext, TriagePanel
    from moderation.triage.safe import clean as console_clean
    from storage.clock import utcnow
    from storage.weeks import IsoWeek

    h = harness
    cases = hostile_texts()
    users = [h.api.add_user(f"Hostil{i}") for i in range(CHATS)]
    for n, case in enumerate(cases):
        await send_as_citizen(h, users[n % CHATS], case.text)
    await h.settle()
    async with h.db.read() as session:
        rows = (await session.execute(select(Submission.id, Submission.ref, Submission.text))).all()
    assert len(rows) == sum(1 for c in cases if stored_form(c.text))

    # The detail screen for a few of each kind (opening all 266 would take minutes; the queue shows all).
    by_text = {text: (submission_id, ref, text) for submission_id, ref, text in rows}
    sample, per_target = [], Counter[str]()
    for case in cases:
        row = by_text.get(stored_form(case.text))
        if row is not None and case.id.endswith("-bare") and len(case.text) < 150 and per_target[case.target] < 3:
            sample.append(row)
            per_target[case.target] += 1

    app = TriageApp(TriageContext(db=h.db, profile=h.profile, officer="hardening", poll_interval=None,
                                  attachments_dir=h.tmp / "attachments", save_dir=tmp_path))
    seen_refs: set[str] = set()
    opened = 0
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        for _ in range(len(rows) // 20 + 2):  # every page of the queue
            shown = assert_clean_screen(app)
            seen_refs.update(m.group(0) for m in REF.finditer(shown))
            await pilot.press("pagedown")
            await settle(pilot)
        panel = app.query_one(TriagePanel)
        for submission_id, ref, text in sample:
            panel.open_detail(submission_id, ref)
            await settle(pilot)
            shown = comparable(assert_clean_screen(app))
            for line in comparable(console_clean(text)).splitlines():
                assert line.strip() in shown, (ref, text)
            opened += 1
            await pilot.press("escape")
            await settle(pilot)
        assert app.is_running and app.return_code is None, "citizen text ran an action"
    assert seen_refs == {ref for _, ref, _ in rows}, "every submission shows in the queue"

    # The export must not rely on the bot having cleaned the text: the corpus as written goes in too.
    from storage.usecases.intake import NewSubmission, submit

    for case in cases:
        await submit(h.db, h.profile, NewSubmission(kind="message", text=case.text, intent="tip"))
    tz = h.profile.tz
    week = IsoWeek.containing(utcnow(), tz)
    result = await export_weeks(h.db, h.profile, week, week, tmp_path / "export", now=utcnow() + dt.timedelta(days=8))
    risky = ("=", "+", "-", "@", "\t", "\r")
    cells = prefixed = 0
    for path in result.files:
        data = path.read_bytes()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(name) for name in archive.namelist())
            assert b"<f>" not in data and b"<f " not in data, "a formula in the workbook"
        text = data.decode("utf-8", "replace")
        for control in ("\x1b", "\x9b", "\x07", "\x08", "\u202e"):
            assert control not in text, f"{control!r} in {path.name}"
        if path.suffix == ".csv":
            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")):
                for cell in row:
                    cells += 1
                    prefixed += cell.startswith("'")
                    assert not cell.lstrip(" ").startswith(risky), (path.name, cell[:40])
    record_figures("hostile_console_export", {"queue_rows_shown": len(seen_refs), "details_opened": opened,
                                              "export_files": sorted(p.name for p in result.files),
                                              "csv_cells_checked": cells,
                                              "csv_cells_prefixed": prefixed})
    assert prefixed >= 10, "the corpus's formulas were prefixed"
