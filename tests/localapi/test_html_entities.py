"""Telegram's HTML parse mode and text rules, checked without HTTP."""

from __future__ import annotations

import pytest

from bot.localapi.errors import ApiError
from bot.localapi.formatting import format_text
from bot.localapi.html_entities import EntityParseError, detect_entities, parse_html, strip_formatted


def test_plain_text_passes_through() -> None:
    assert parse_html("Hej världen") == ("Hej världen", [])


def test_bold_and_nesting_give_sorted_entities() -> None:
    text, entities = parse_html("<b>Hej <i>du</i></b> där")
    assert text == "Hej du där"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 6},
        {"type": "italic", "offset": 4, "length": 2},
    ]


def test_offsets_are_utf16_code_units() -> None:
    text, entities = parse_html("😀 å <u>x</u>")
    assert text == "😀 å x"
    assert entities == [{"type": "underline", "offset": 5, "length": 1}]


def test_only_telegrams_named_references_are_decoded() -> None:
    text, _ = parse_html("a &amp; b &lt;c&gt; &quot;q&quot; &#65;&#x42; &amp &nbsp; Fish & chips")
    assert text == 'a & b <c> "q" AB & &nbsp; Fish & chips'


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a href="https://polisen.se">Polisen</a>', {"type": "text_link", "url": "https://polisen.se"}),
        ("<a href='polisen.se'>P</a>", {"type": "text_link", "url": "http://polisen.se"}),
        ('<a href="tg://user?id=42">Anna</a>', {"type": "text_mention", "user": {"id": 42}}),
        ('<span class="tg-spoiler">s</span>', {"type": "spoiler"}),
        ("<tg-spoiler>s</tg-spoiler>", {"type": "spoiler"}),
        ("<blockquote expandable>q</blockquote>", {"type": "expandable_blockquote"}),
        ("<blockquote>q</blockquote>", {"type": "blockquote"}),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', {"type": "custom_emoji"}),
        ("<s>x</s>", {"type": "strikethrough"}),
        ("<ins>x</ins>", {"type": "underline"}),
        ("<STRONG>x</strong>", {"type": "bold"}),
    ],
)
def test_supported_tags(markup: str, expected: dict) -> None:
    _, entities = parse_html(markup)
    assert len(entities) == 1
    assert expected.items() <= entities[0].items()


def test_pre_with_code_language_is_one_pre_entity() -> None:
    text, entities = parse_html('<pre><code class="language-python">print(1)</code></pre>')
    assert text == "print(1)"
    assert entities == [{"type": "pre", "offset": 0, "length": 8, "language": "python"}]


def test_code_alone_drops_language() -> None:
    _, entities = parse_html('<code class="language-python">x</code>')
    assert entities == [{"type": "code", "offset": 0, "length": 1}]


def test_empty_tags_make_no_entity() -> None:
    assert parse_html("<b></b>x") == ("x", [])


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<br/>", 'Unsupported start tag "br/" at byte offset 0'),
        ("å<foo>", 'Unsupported start tag "foo" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ('<a href="x', "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href>x</a>", 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'),
        ("<tg-emoji>x</tg-emoji>", "Invalid custom emoji identifier specified"),
        ("&#55357;", "Text contains invalid Unicode characters after decoding HTML entities"),
        ("<!-- c -->", 'Unsupported start tag "!--" at byte offset 0'),
    ],
)
def test_telegram_refuses_bad_markup(markup: str, error: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(markup)
    assert str(caught.value).startswith(error)


def test_strip_moves_entities() -> None:
    text, entities = parse_html("\n  <b>hi</b> there \n")
    assert strip_formatted(text, entities) == ("hi there", [{"type": "bold", "offset": 0, "length": 2}])


def test_detects_what_telegram_detects() -> None:
    text = "/start place_x mejla a.b@kommun.se, se https://polisen.se. @polisen #grannsamverkan a/b"
    found = {(e["type"], text[e["offset"] : e["offset"] + e["length"]]) for e in detect_entities(text)}
    assert found == {
        ("bot_command", "/start"),
        ("email", "a.b@kommun.se"),
        ("url", "https://polisen.se"),
        ("mention", "@polisen"),
        ("hashtag", "#grannsamverkan"),
    }


def test_format_text_limits_count_code_points_after_parsing() -> None:
    assert format_text("x" * 4096, None, None)[0] == "x" * 4096
    assert format_text("😀" * 4096, None, None)[0] == "😀" * 4096
    assert format_text("<b>" + "x" * 4096 + "</b>", "HTML", None)[0] == "x" * 4096
    for too_long in ("x" * 4097, "😀" * 4097):
        with pytest.raises(ApiError, match="message is too long"):
            format_text(too_long, None, None)


@pytest.mark.parametrize("text", ["", "   \n", "<b></b>"])
def test_format_text_refuses_empty(text: str) -> None:
    with pytest.raises(ApiError, match="message text is empty"):
        format_text(text, "HTML", None)


def test_format_text_refuses_lone_surrogates_and_unknown_modes() -> None:
    with pytest.raises(ApiError, match="UTF-8"):
        format_text("a\ud800b", None, None)
    with pytest.raises(ApiError, match="MarkdownV2 is not implemented"):
        format_text("*x*", "MarkdownV2", None)
    with pytest.raises(ApiError, match="unsupported parse_mode"):
        format_text("x", "BBCode", None)
