"""getFile and the minimal media senders: sendPhoto, sendDocument, sendLocation."""

from __future__ import annotations

import mimetypes
from typing import Any

from ..errors import bad_request
from ..media import document_info, photo_sizes
from ..params import Params, UploadedFile
from ..state import BotApiState, StoredFile
from . import _common as common
from ._registry import bot_method

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files on the cloud Bot API
MAX_PHOTO_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


@bot_method("getFile")
def get_file(state: BotApiState, params: Params) -> dict[str, Any]:
    stored = state.files.get(params.get_str("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > MAX_DOWNLOAD_BYTES:
        raise bad_request("file is too big")
    return stored.to_api()


def _input_file(state: BotApiState, params: Params, field: str, folder: str, limit: int) -> tuple[StoredFile, str | None]:
    """Resolve an InputFile parameter to a stored file (and its upload name)."""
    value = params.file(field)
    if value is None or value == "":
        raise bad_request(f"there is no {field} in the request")
    if isinstance(value, UploadedFile):
        if len(value.data) > limit:
            raise bad_request("file is too big")
        extension = (value.filename.rsplit(".", 1)[-1] if "." in value.filename else "bin")[:8]
        mime = value.content_type or mimetypes.guess_type(value.filename)[0]
        return state.add_file(value.data, folder, extension, mime), value.filename
    if value.startswith(("http://", "https://")):
        raise bad_request("failed to get HTTP URL content")  # the local server never goes online
    stored = state.files.get(value)
    if stored is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return stored, None


def _with_caption(state: BotApiState, params: Params, payload: dict[str, Any]) -> None:
    caption, entities = common.formatted(state, params, "caption", caption=True)
    common.put_text(payload, "caption", caption, entities)


@bot_method("sendPhoto")
def send_photo(state: BotApiState, params: Params) -> dict[str, Any]:
    chat = common.target_chat(state, params)
    stored, _ = _input_file(state, params, "photo", "photos", MAX_PHOTO_UPLOAD_BYTES)
    payload = common.bot_message(state, chat)
    payload["photo"] = photo_sizes(stored)
    _with_caption(state, params, payload)
    markup = common.reply_markup(params, chat)
    return common.finish_message(state, chat, payload, params, markup, raw_text=params.get_str("caption"))


@bot_method("sendDocument")
def send_document(state: BotApiState, params: Params) -> dict[str, Any]:
    chat = common.target_chat(state, params)
    stored, file_name = _input_file(state, params, "document", "documents", MAX_UPLOAD_BYTES)
    payload = common.bot_message(state, chat)
    payload["document"] = document_info(stored, file_name)
    _with_caption(state, params, payload)
    markup = common.reply_markup(params, chat)
    return common.finish_message(state, chat, payload, params, markup, raw_text=params.get_str("caption"))


@bot_method("sendLocation")
def send_location(state: BotApiState, params: Params) -> dict[str, Any]:
    chat = common.target_chat(state, params)
    latitude, longitude = params.get_float("latitude"), params.get_float("longitude")
    if latitude is None or not -90 <= latitude <= 90:
        raise bad_request("wrong latitude specified")
    if longitude is None or not -180 <= longitude <= 180:
        raise bad_request("wrong longitude specified")
    payload = common.bot_message(state, chat)
    payload["location"] = {"latitude": latitude, "longitude": longitude}
    markup = common.reply_markup(params, chat)
    return common.finish_message(state, chat, payload, params, markup)
