"""PhotoSize objects for stored images, without an imaging library.

Telegram reports each photo's width and height; reading them from the JPEG
SOF or PNG IHDR header is a few lines and avoids a Pillow dependency. The
server keeps one size per photo (the original): it cannot make real
thumbnails, and a fake smaller size pointing at the same bytes would lie.
"""

from __future__ import annotations

import struct
from typing import Any

from .state import StoredFile

_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
FALLBACK_SIZE = (1280, 960)


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of a JPEG or PNG, or None if the header is not one."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data[:2] != b"\xff\xd8":
        return None
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            i += 1
            continue
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + length
    return None


def photo_sizes(stored: StoredFile) -> list[dict[str, Any]]:
    """The ``photo`` array of a Message for one stored image."""
    width, height = image_size(stored.data) or FALLBACK_SIZE
    return [
        {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "width": width,
            "height": height,
        }
    ]


def document_info(stored: StoredFile, file_name: str | None) -> dict[str, Any]:
    info: dict[str, Any] = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.data),
    }
    if file_name:
        info["file_name"] = file_name
    if stored.mime_type:
        info["mime_type"] = stored.mime_type
    return info
