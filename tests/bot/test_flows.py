"""Every citizen flow, in Swedish and in English, end to end over HTTP."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from bot.localapi import StoredMessage
from storage.models import Attachment, AuditEntry, CaseMessage, Citizen, Submission, WatchSignup
from storage.usecases import officer
from storage.vocabulary import Priority
from tests.bot.conftest import Harness

REF = re.compile(r"[A-Z]{2,5}-\d{4}-\d{4}")
LANGS = ["sv", "en"]
WORDS = {  # one word each answer must contain, per language
    "sv": {"greeting": "allmän handling", "tip_receipt": "Tack för ditt tips", "where": "Var hände det",
           "when": "När hände det", "photo": "bild", "contact": "kontakta dig", "summary": "Stämmer det här",
           "feedback_receipt": "Tack för din synpunkt", "watch_receipt": "grannsamverkan", "office": "Mobila polisen",
           "promises": "Medborgarlöftena", "not_found": "Hittade inget ärende", "erased": "raderade",
           "emergency": "Ring 112 nu", "urgent": "brådskande", "private": "privat chatt", "sticker": "med ord",
           "voice": "lyssna", "edited": "Ändringen är sparad", "stale": "gäller inte längre",
           "help": "Så här fungerar", "privacy": "Allmän handling", "cancelled": "Avbrutet", "cases": "Mina ärenden",
           "added": "tillagt i", "case_added": "Ditt svar är tillagt", "slow": "många meddelanden"},
    "en": {"greeting": "public record", "tip_receipt": "Thank you for your tip", "where": "Where did it happen",
           "when": "When did it happen", "photo": "photo", "contact": "contact you", "summary": "Is this right",
           "feedback_receipt": "Thank you for your feedback", "watch_receipt": "neighbourhood watch",
           "office": "mobile police", "promises": "citizen promises", "not_found": "No case",
           "erased": "erased", "emergency": "Call 112 now", "urgent": "urgent", "private": "private chat",
           "sticker": "in words", "voice": "listen", "edited": "Your change has been saved", "stale": "no longer valid",
           "help": "How the bot works", "privacy": "Public records", "cancelled": "Cancelled", "cases": "My cases",
           "added": "added to", "case_added": "Your answer has been added", "slow": "many messages"},
}
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9") + b"trygg-test-photo"


def ref_of(message: StoredMessage) -> str:
    match = REF.search(message.text or "")
    assert match, f"no reference in {message.text!r}"
    return match.group(0)


async def submission(h: Harness, ref: str) -> Submission:
    async with h.db.read() as session:
        found = (await session.execute(select(Submission).where(Submission.ref == ref))).scalar_one()
        return found


@pytest.mark.parametrize("lang", LANGS)
async def test_start_greets_with_numbers_public_record_note_and_menu(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [greeting] = await anna.send("/start")
    assert WORDS[lang]["greeting"] in greeting.text
    assert "112" in greeting.text and "114 14" in greeting.text and "/privacy" in greeting.text
    assert greeting.button_data == ["m:tip", "m:feedback", "m:watch", "m:office", "m:promises", "m:cases"]
    assert harness.api.commands[("default", lang)], "setMyCommands in both languages"


@pytest.mark.parametrize("lang", LANGS)
async def test_tip_flow_with_place_button_photo_and_contact(harness: Harness, lang: str) -> None:
    w = WORDS[lang]
    anna = harness.phone(language_code=lang)
    [menu] = await anna.send("/start")
    [describe] = await anna.press(menu, "m:tip")
    [where] = await anna.send("Igår kväll var det inbrott i ett hus på Storgatan, de bar ut en tv, bilen hade nummer ABC123")
    assert w["where"] in where.text and len(where.button_data) == len(harness.profile.places) + 1
    [when] = await anna.press(where, where.button(text="Fjällbacka")["callback_data"])
    assert w["when"] in when.text
    [photo] = await anna.press(when, when.button_data[1])  # today
    assert w["photo"] in photo.text
    await harness.api.send_photo(anna.user, JPEG)
    [contact] = await anna.expect()
    assert w["contact"] in contact.text
    [summary] = await anna.press(contact, contact.button_data[1])  # may contact
    assert w["summary"] in summary.text and "Fjällbacka" in summary.text and "ABC123" in summary.text
    [receipt] = await anna.press(summary, summary.button_data[0])  # send
    assert w["tip_receipt"] in receipt.text
    await harness.settle()
    stored = await submission(harness, ref_of(receipt))
    assert (stored.kind, stored.intent, stored.place, stored.occurred) == ("tip", "tip", "fjallbacka", "today")
    assert stored.contact_allowed and not stored.anonymous and "ABC123" in stored.text
    assert "burglary" in stored.theme_ids
    async with harness.db.read() as session:
        attachment = (await session.execute(select(Attachment).where(Attachment.submission_id == stored.id))).scalar_one()
    assert attachment.state == "stored", attachment.error
    assert (harness.tmp / "attachments" / attachment.storage_path).read_bytes() == JPEG
    assert all(q.answered for q in harness.api.answered_callbacks)


@pytest.mark.parametrize("lang", LANGS)
async def test_tip_flow_with_location_free_text_edit_and_skip(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    await anna.send("/start tip", count=2)
    [where] = await anna.send("Folk kör för fort förbi skolan varje morgon")
    await harness.api.send_location(anna.user, 58.6911, 11.2536)
    [when] = await anna.expect()
    [photo] = await anna.press(when, when.button_data[-1])  # skip
    [contact] = await anna.press(photo, photo.button_data[0])  # skip photo
    [summary] = await anna.press(contact, contact.button_data[0])  # anonymous
    assert "Grebbestad" in summary.text
    [where_again] = await anna.press(summary, summary.button_data[2])  # edit place
    [summary2] = await anna.send("vid Tanumskolan")
    assert "vid Tanumskolan" in summary2.text
    [receipt] = await anna.press(summary2, summary2.button_data[0])
    stored = await submission(harness, ref_of(receipt))
    assert stored.anonymous and not stored.contact_allowed and stored.place is None
    assert stored.place_text == "vid Tanumskolan" and "traffic" in stored.theme_ids


@pytest.mark.parametrize("lang", LANGS)
async def test_feedback_flow(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [menu] = await anna.send("/start")
    [ask] = await anna.press(menu, "m:feedback")
    [where] = await anna.send("Belysningen i parken är trasig sedan veckor")
    [receipt] = await anna.press(where, where.button(text="Hamburgsund")["callback_data"])
    assert WORDS[lang]["feedback_receipt"] in receipt.text
    stored = await submission(harness, ref_of(receipt))
    assert (stored.kind, stored.intent, stored.place) == ("feedback", "feedback", "hamburgsund")


@pytest.mark.parametrize("lang", LANGS)
async def test_neighbourhood_watch_flow(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [menu] = await anna.send("/start")
    [area] = await anna.press(menu, "m:watch")
    [households] = await anna.send("Kvarnvägen i Rabbalshede")
    [group] = await anna.send("12")
    [contact] = await anna.press(group, group.button_data[0])  # new group
    [ask_phone] = await anna.press(contact, contact.button_data[1])  # phone
    [bad] = await anna.send("inte ett nummer")
    [meeting] = await anna.send("070-123 45 67")
    [receipt] = await anna.press(meeting, meeting.button_data[0])  # yes
    assert WORDS[lang]["watch_receipt"] in receipt.text
    stored = await submission(harness, ref_of(receipt))
    async with harness.db.read() as session:
        signup = (await session.execute(select(WatchSignup))).scalar_one()
    assert stored.kind == "neighbourhood_watch" and stored.place == "rabbalshede"
    assert (signup.households, signup.wants_new_group, signup.wants_info_meeting) == (12, True, True)
    assert (signup.contact_method, signup.contact_value) == ("phone", "070-123 45 67")


@pytest.mark.parametrize("lang", LANGS)
async def test_questions_answered_from_the_profile(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [menu] = await anna.send("/start")
    [office] = await anna.press(menu, "m:office")
    assert WORDS[lang]["office"].lower() in office.text.lower() and re.search(r"\d\d:\d\d", office.text)
    [promises] = await anna.press(menu, "m:promises")
    assert WORDS[lang]["promises"].lower() in promises.text.lower()
    [answer] = await anna.send("När kommer mobila polisen till Grebbestad?")
    assert re.search(r"\d\d:\d\d", answer.text) and REF.search(answer.text)


@pytest.mark.parametrize("lang", LANGS)
async def test_free_text_is_stored_at_once_with_follow_up_buttons(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [receipt] = await anna.send("Det luktar cannabis från lekparken varje kväll")
    ref = ref_of(receipt)
    stored = await submission(harness, ref)
    assert (stored.kind, stored.intent) == ("message", "tip") and "drugs" in stored.theme_ids
    assert receipt.button_data == [f"s:{stored.id}:place", f"s:{stored.id}:time", f"s:{stored.id}:photo"]
    [where] = await anna.press(receipt, f"s:{stored.id}:place")
    [added] = await anna.press(where, where.button(text="Resö")["callback_data"])
    assert WORDS[lang]["added"] in added.text
    assert (await submission(harness, ref)).place == "reso"
    [when] = await anna.press(receipt, f"s:{stored.id}:time")
    await anna.press(when, when.button_data[0])
    assert (await submission(harness, ref)).occurred == "just_now"


@pytest.mark.parametrize("lang", LANGS)
async def test_emergency_mid_flow_first_reply_is_112_and_message_is_stored_urgent(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [menu] = await anna.send("/start")
    await anna.press(menu, "m:tip")
    first, stored_note = await anna.send("Hjälp! Någon slår ner en man med kniv utanför Konsum just nu", count=2)
    assert WORDS[lang]["emergency"] in first.text
    assert WORDS[lang]["urgent"] in stored_note.text
    stored = await submission(harness, ref_of(stored_note))
    assert stored.priority == Priority.URGENT and stored.intent == "emergency"


@pytest.mark.parametrize("lang", LANGS)
async def test_status_my_cases_and_other_chats_references(harness: Harness, lang: str) -> None:
    anna, bertil = harness.phone(language_code=lang), harness.phone("Bertil", language_code=lang)
    [receipt] = await anna.send("Cyklar stjäls vid stationen")
    ref = ref_of(receipt)
    [status] = await anna.send(f"/status {ref.lower()}")
    assert ref in status.text
    [nope] = await bertil.send(f"/status {ref}")
    assert WORDS[lang]["not_found"] in nope.text and "Cyklar" not in nope.text
    [malformed] = await bertil.send("/status <script>&" + "x" * 100)
    assert WORDS[lang]["not_found"] in malformed.text
    [menu] = await anna.send("/start")
    [cases] = await anna.press(menu, "m:cases")
    assert WORDS[lang]["cases"] in cases.text and ref in cases.text


@pytest.mark.parametrize("lang", LANGS)
async def test_officer_reply_is_delivered_and_the_answer_joins_the_case(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    await anna.send("/start tip", count=2)
    tip = await anna.send("Någon säljer knark vid busstationen på kvällarna")
    for _ in range(3):  # where, when, photo: skip them all
        [prompt] = tip
        tip = await anna.press(prompt, prompt.button_data[-1])
    [contact] = tip
    [summary] = await anna.press(contact, contact.button_data[1])
    [receipt] = await anna.press(summary, summary.button_data[0])
    stored = await submission(harness, ref_of(receipt))
    await officer.reply(harness.db, "kommunpolis.anna", stored.id, "Tack! Kan du säga vilken tid? <b>&", profile=harness.profile)
    [reply] = await anna.expect()
    assert "Tack! Kan du säga vilken tid? <b>&" in reply.text and stored.ref in reply.text
    [added] = await anna.send("Runt klockan 21", reply_to=reply)
    assert WORDS[lang]["case_added"] in added.text
    async with harness.db.read() as session:
        thread = (await session.execute(select(CaseMessage.direction, CaseMessage.text)
                                        .where(CaseMessage.submission_id == stored.id).order_by(CaseMessage.id))).all()
    assert [tuple(t) for t in thread] == [("out", "Tack! Kan du säga vilken tid? <b>&"), ("in", "Runt klockan 21")]


@pytest.mark.parametrize("lang", LANGS)
async def test_forget_erases_after_confirmation(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    [receipt] = await anna.send("Mopeder kör på gångvägen")
    [ask] = await anna.send("/forget")
    [kept] = await anna.press(ask, ask.button_data[1])  # no
    async with harness.db.read() as session:
        assert (await session.execute(select(func.count()).select_from(Citizen).where(Citizen.erased_at.is_(None)))).scalar_one() == 1
    [ask] = await anna.send("/forget")
    [report] = await anna.press(ask, ask.button_data[0])  # yes
    assert WORDS[lang]["erased"] in report.text
    await harness.settle()
    async with harness.db.read() as session:
        citizen = (await session.execute(select(Citizen))).scalar_one()
        stored = await session.get(Submission, (await submission(harness, ref_of(receipt))).id)
    assert citizen.erased_at is not None and citizen.chat_id is None and citizen.telegram_user_id is None
    assert stored.citizen_id is None and stored.source_chat_id is None


@pytest.mark.parametrize("lang", LANGS)
async def test_cancel_help_privacy_language(harness: Harness, lang: str) -> None:
    w = WORDS[lang]
    anna = harness.phone(language_code=lang)
    await anna.send("/start tip", count=2)
    [cancelled] = await anna.send("/cancel")
    assert w["cancelled"] in cancelled.text
    [help_] = await anna.send("/help")
    assert w["help"] in help_.text
    [privacy] = await anna.send("/privacy")
    assert w["privacy"] in privacy.text and "365" not in privacy.text and "12" in privacy.text
    [choose] = await anna.send("/language")
    other = "en" if lang == "sv" else "sv"
    [switched] = await anna.press(choose, f"l:{other}")
    [help2] = await anna.send("/help")
    assert WORDS[other]["help"] in help2.text


@pytest.mark.parametrize("lang", LANGS)
async def test_groups_channels_media_and_captions(harness: Harness, lang: str) -> None:
    w = WORDS[lang]
    anna = harness.phone(language_code=lang)
    group = harness.api.add_group("Grannar på Kvarnvägen")
    await harness.api.send_group_message(group, anna.user, "hej bot")
    await harness.api.send_group_message(group, anna.user, "hallå?")
    channel = harness.api.add_channel("Tanum nyheter")
    await harness.api.channel_post(channel, "nyhet")
    await harness.api.send_sticker(anna.user)
    [sticker] = await anna.expect()
    assert w["sticker"] in sticker.text
    await harness.api.send_voice(anna.user)
    [voice] = await anna.expect()
    assert w["voice"] in voice.text
    await harness.api.send_photo(anna.user, JPEG, caption="Klotter på skolans vägg")
    [receipt] = await anna.expect()
    stored = await submission(harness, ref_of(receipt))
    assert stored.text == "Klotter på skolans vägg"
    await harness.settle()
    in_group = harness.api.messages_to(group.id)
    assert len(in_group) == 1 and w["private"] in in_group[0].text
    assert harness.api.messages_to(channel.id) == []


@pytest.mark.parametrize("lang", LANGS)
async def test_edited_message_updates_the_stored_text_and_audits_without_text(harness: Harness, lang: str) -> None:
    anna = harness.phone(language_code=lang)
    sent = await harness.api.send_text(anna.user, "Någon har klottrat på kyrkan")
    [receipt] = await anna.expect()
    await harness.api.edit_text(anna.user, sent["message_id"], "Någon har klottrat på kyrkan i Svenneby")
    [edited] = await anna.expect()
    assert WORDS[lang]["edited"] in edited.text
    stored = await submission(harness, ref_of(receipt))
    assert stored.text.endswith("i Svenneby")
    async with harness.db.read() as session:
        entry = (await session.execute(select(AuditEntry).where(AuditEntry.submission_id == stored.id))).scalar_one()
    assert entry.officer == "citizen" and "kyrkan" not in str(entry.before) + str(entry.after)


async def test_qr_poster_deep_links_and_made_up_payloads(harness: Harness) -> None:
    anna = harness.phone(language_code="nb")  # Norwegian: understood, answered in English
    [greeting] = await anna.send("/start place_grebbestad")
    assert "Grebbestad" in greeting.text and WORDS["en"]["greeting"] in greeting.text
    assert "m:tip:grebbestad" in greeting.button_data
    [describe] = await anna.press(greeting, "m:tip:grebbestad")
    [when] = await anna.send("Igår stals två cyklar från cykelstället vid hamnen")
    assert WORDS["en"]["when"] in when.text  # the poster said where: no place question
    bertil = harness.phone("Bertil")
    for payload in ("place_atlantis", "x" * 64, "tip%20drop", "<b>"):
        [plain] = await bertil.send(f"/start {payload}")
        assert WORDS["sv"]["greeting"] in plain.text
    greeting_and_tip = await bertil.send("/start watch", count=2)
    assert "Grannsamverkan" in greeting_and_tip[1].text
