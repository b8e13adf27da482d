"""Typed access to Bot API request parameters, however they were encoded.

The Bot API accepts the same parameters as a JSON body, a urlencoded or
multipart form, or a GET query. PTB 22 sends forms in which every non-string
value is JSON-encoded (``chat_id=42``, ``reply_markup={"inline_keyboard":...}``,
``disable_notification=true``) while strings go raw, so a value's type cannot
be guessed from its text ("123" may be a message text). As Telegram does, each
method asks for the type it expects, and ``Params`` converts on demand.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import bad_request


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    filename: str
    content_type: str
    data: bytes


_TRUE = frozenset({"true", "1", "yes", "on"})
_FALSE = frozenset({"false", "0", "no", "off", ""})


class Params:
    """Request parameters with Telegram-style conversion and error texts."""

    __slots__ = ("_raw", "_files")

    def __init__(self, raw: Mapping[str, Any], files: Mapping[str, UploadedFile] | None = None):
        self._raw = raw
        self._files = files or {}

    def __contains__(self, name: str) -> bool:
        return self._raw.get(name) is not None or name in self._files

    def as_dict(self) -> dict[str, Any]:
        """The raw parameters (for fault policies and logs)."""
        return dict(self._raw)

    def raw(self, name: str) -> Any:
        return self._raw.get(name)

    def get_str(self, name: str, default: str | None = None) -> str | None:
        value = self._raw.get(name)
        if value is None:
            return default
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        return json.dumps(value)

    def get_int(self, name: str, default: int | None = None) -> int | None:
        value = self._raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Integer')

    def get_float(self, name: str, default: float | None = None) -> float | None:
        value = self._raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Float')

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self._raw.get(name)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in _TRUE:
                return True
            if lowered in _FALSE:
                return False
        raise bad_request(f'field "{name}" must be of type Boolean')

    def get_json(self, name: str, default: Any = None) -> Any:
        """An object/array parameter; forms carry it as a JSON string."""
        value = self._raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return value

    def chat_id(self, name: str = "chat_id", required: bool = True) -> int | str | None:
        """A chat id: an integer, or "@username" for public chats."""
        value = self._raw.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            raise bad_request(CHAT_NOT_FOUND_TEXT)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("@"):
                return text
            try:
                return int(text)
            except ValueError:
                pass
        raise bad_request(CHAT_NOT_FOUND_TEXT)

    def required_int(self, name: str, missing: str) -> int:
        value = self.get_int(name)
        if value is None:
            raise bad_request(missing)
        return value

    def file(self, name: str) -> UploadedFile | str | None:
        """An InputFile parameter: an uploaded part, or a file_id/URL string.

        ``attach://<part>`` references (used by PTB for media groups and
        thumbnails) are resolved to the named part.
        """
        if name in self._files:
            return self._files[name]
        value = self.get_str(name)
        if value is not None and value.startswith("attach://"):
            part = self._files.get(value[len("attach://") :])
            if part is None:
                raise bad_request(f"file {value} not found in the request")
            return part
        return value


CHAT_NOT_FOUND_TEXT = "chat not found"
