"""Photos and documents: getFile and downloads through telegram.Bot."""

from __future__ import annotations

import struct

import httpx
import pytest
from telegram import Bot, InputFile
from telegram.error import BadRequest

from bot.localapi import LocalBotApi
from bot.localapi.media import image_size


def jpeg(width: int, height: int, filler: bytes = b"\x00" * 64) -> bytes:
    """A JPEG header with a baseline SOF0 segment: enough for dimensions."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + sof + filler + b"\xff\xd9"


def test_image_size_reads_jpeg_and_png_headers() -> None:
    assert image_size(jpeg(640, 480)) == (640, 480)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 32, 16) + b"\x08\x02\x00\x00\x00"
    assert image_size(png) == (32, 16)
    assert image_size(b"not an image") is None


async def test_citizen_photo_can_be_fetched_with_get_file(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    picture = jpeg(1024, 768, filler=bytes(range(256)) * 8)
    await local_api.send_photo(user, picture, caption="Krossad ruta vid #hamnen")
    [update] = await ptb_bot.get_updates()
    message = update.message
    assert message.caption == "Krossad ruta vid #hamnen"
    assert [e.type for e in message.caption_entities] == ["hashtag"]
    largest = message.photo[-1]
    assert (largest.width, largest.height, largest.file_size) == (1024, 768, len(picture))

    telegram_file = await largest.get_file()
    assert telegram_file.file_path and telegram_file.file_size == len(picture)
    assert bytes(await telegram_file.download_as_bytearray()) == picture


async def test_bot_uploads_photo_and_document(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    await local_api.send_text(user, "/start")
    picture = jpeg(320, 200)
    sent = await ptb_bot.send_photo(user.id, picture, caption="<b>Karta</b>", parse_mode="HTML")
    assert sent.caption == "Karta" and sent.photo[-1].width == 320
    downloaded = await (await ptb_bot.get_file(sent.photo[-1].file_id)).download_as_bytearray()
    assert bytes(downloaded) == picture

    again = await ptb_bot.send_photo(user.id, sent.photo[-1].file_id)  # re-send by file_id
    assert again.photo[-1].file_id == sent.photo[-1].file_id

    document = await ptb_bot.send_document(user.id, InputFile(b"a;b\n1;2\n", filename="veckorapport.csv"))
    assert document.document.file_name == "veckorapport.csv" and document.document.file_size == 8
    assert [m.kind for m in local_api.messages_to(user.id)] == ["photo", "photo", "document"]


async def test_bad_file_ids_and_download_paths(ptb_bot: Bot, local_api: LocalBotApi) -> None:
    user = local_api.add_user("Anna")
    await local_api.send_text(user, "/start")
    with pytest.raises(BadRequest, match="(?i)invalid file_id"):
        await ptb_bot.get_file("no-such-file")
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await ptb_bot.send_photo(user.id, "no-such-file")
    with pytest.raises(BadRequest, match="(?i)failed to get http url content"):
        await ptb_bot.send_photo(user.id, "https://example.com/a.jpg")  # never goes online

    await local_api.send_photo(user, jpeg(10, 10))
    path = local_api.state.files[next(iter(local_api.state.files))].file_path
    async with httpx.AsyncClient() as client:
        ok = await client.get(f"{local_api.base_file_url}{local_api.token}/{path}")
        wrong_token = await client.get(f"{local_api.base_file_url}1:nope/{path}")
        missing = await client.get(f"{local_api.base_file_url}{local_api.token}/photos/none.jpg")
    assert ok.status_code == 200 and ok.content == jpeg(10, 10)
    assert wrong_token.status_code == 401
    assert missing.status_code == 404 and missing.json()["description"] == "Not Found"
