"""Bot API errors in Telegram's JSON shape.

Telegram answers every failure as ``{"ok": false, "error_code": N,
"description": "..."}`` with the same HTTP status; PTB turns the status and
description into ``BadRequest``/``Forbidden``/``InvalidToken``/``RetryAfter``.
Method implementations raise ``ApiError`` and the server renders it.
"""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Bot API error response (HTTP status == error_code)."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> ApiError:
    """403 with Telegram's "Forbidden: " prefix."""
    return ApiError(403, f"Forbidden: {reason}")


def unauthorized() -> ApiError:
    """401 for a token the server does not accept (revoked or wrong)."""
    return ApiError(401, "Unauthorized")


def not_found() -> ApiError:
    """404 for an unknown method or file path."""
    return ApiError(404, "Not Found")
