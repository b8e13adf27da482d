"""The hostile and odd input corpus: every text a citizen could send to break us.

One list, used by the storage, bot, console and export suites, so each
front end is checked against the same inputs. Each case is a payload aimed
at one target (Telegram HTML, Rich/Textual markup, spreadsheets, SQL,
terminals, Unicode edge cases, sizes), sent bare and wrapped in an ordinary
Swedish sentence, so both "only the attack" and "attack inside a real tip"
are covered.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HostileText:
    id: str
    target: str
    text: str


PAYLOADS: dict[str, list[str]] = {
    "telegram_html": [
        "<b>fet</b>", "</code>", "<code>", "a & b", "&amp;", "&lt;script&gt;", "<script>alert(1)</script>",
        '<a href="javascript:alert(1)">klick</a>', "<tg-spoiler>x", "<pre><code class=\"x\">", "1 < 2 > 0",
        "<i>kursiv", "&#0;", "&unknown;", "<blockquote expandable>", "<span class=tg-spoiler>s</span>",
    ],
    "rich_markup": [
        "[@click=app.quit]klicka[/]", "[/]", "[link=http://x]länk[/link]", "[bold red]röd[/]",
        "[@click=app.bell]", "[/bold]", "[link=file:///etc/passwd]x", "[b][i][u]", "\\[escaped]",
        "[on red]bakgrund", "[@click=screen.dismiss()]x[/]", "[reverse blink]",
    ],
    "spreadsheet": [
        '=HYPERLINK("http://evil.example","klicka")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
        "-2+3", "=1+1", "\t=1+1", "\r=1+1", "=cmd|'/c calc'!A1", "+46 70 000 00 00", "@anna",
        '=IMPORTXML("http://x","//a")', "-=1",
    ],
    "sql": [
        "'; DROP TABLE submissions; --", "\" OR 1=1 --", "1; DELETE FROM audit_log", "' UNION SELECT * FROM citizens --",
        "Robert'); DROP TABLE students;--", "%' OR '%'='", "\\'; SELECT pg_sleep(5); --",
        "submissions_fts MATCH '*'", "NEAR(a b)", "\"unterminated",
    ],
    "terminal": [
        "\x1b[31mröd\x1b[0m", "\x1b]8;;http://evil.example\x1b\\länk\x1b]8;;\x1b\\", "pling\x07\x07\x07",
        "bak\x08\x08\x08steg", "\x1b[2J\x1b[H", "\x1b]0;titel\x07", "\x1b[?1049h", "rad\rskriv över",
        "\x9b31m", "\x1bc", "tab\there", "\x1b[6n",
    ],
    "control": [
        "nul\x00byte", "\x00", "\x01\x02\x03\x04\x05", "\x7f", "\x0b\x0c", "\u2028rad\u2029stycke",
        "\x85next", "a\x00b\x00c",
    ],
    "unicode": [
        "\ud800", "ensam \udfff surrogat", "\u200b\u200b\u200b", "noll\u200dbredd\u200c", "\u202eGNIRTS\u202c",
        "\u2066isolat\u2069", "\u202dLTR\u202c \u202bRTL\u202c", "مرحبا الشرطة", "שלום", "\ufeffBOM",
        "e\u0301\u0301\u0301\u0301\u0301", "Z̸̡̢̛͖̗͓a̷̢̛̤͎l̸̡̛g̸̨̛o̵̧̢", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "𝕿𝖗𝖞𝖌𝖌", "ﷺ" * 20, "\uffff\ufffe", "Ⅻ ½ ²",
    ],
    "size": [
        "x" * 4096, "å" * 4096, "knark " * 800, "😀" * 10_000, "a\n" * 2000, "word " * 1000 + "<b>",
    ],
}

WRAPPERS = {
    "bare": "{}",
    "in_tip": "Det säljs knark vid skolan i Grebbestad {} varje kväll",
    "in_feedback": "Lampan vid hamnen i Fjällbacka är trasig {}",
}


def hostile_texts() -> list[HostileText]:
    cases = []
    for target, payloads in PAYLOADS.items():
        for i, payload in enumerate(payloads):
            for wrapper, pattern in WRAPPERS.items():
                if target == "size" and wrapper != "bare":
                    continue
                cases.append(HostileText(f"{target}-{i}-{wrapper}", target, pattern.format(payload)))
    return cases


# Non-text updates and protocol oddities the bot must survive (see tests/bot).
ODD_UPDATES = [
    "photo_caption_only", "photo_without_caption", "sticker", "voice", "video", "video_note", "document",
    "contact", "poll", "dice", "location_outside_flow", "venue", "forwarded_text", "edited_text",
    "edited_unknown_message", "callback_never_sent", "callback_stale", "callback_oversized_garbage",
    "callback_empty", "status_other_chat", "status_malformed", "status_empty", "status_sql",
    "start_payload_too_long", "start_payload_unknown", "start_payload_html", "group_message", "channel_post",
    "my_chat_member_blocked", "message_from_bot", "empty_text", "only_whitespace", "unknown_update_kind",
]

CORPUS_SIZE = len(hostile_texts()) + len(ODD_UPDATES)
