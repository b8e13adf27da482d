"""Fault injection: make the local Bot API fail the way Telegram and networks do.

A fault policy is any ``callable(method, params) -> Fault | None`` called for
every authorised method call (``method`` is Telegram's spelling, e.g.
"sendMessage"; ``params`` the raw request parameters). Set it as
``api.fault_policy``. The ready-made policies below cover what the hardening
tests and the benchmark need; ``combine`` chains them.

Faults:
* ``ErrorReply``  - an error answer in Telegram's JSON shape (429 with
  ``retry_after`` becomes PTB's ``RetryAfter``; 5xx a ``NetworkError``);
* ``DropConnection(after_processing=False)`` - the connection closes before
  the request is processed: nothing happened;
* ``DropConnection(after_processing=True)`` - the request is processed (a
  message is delivered and recorded) but the connection closes before the
  answer, so the bot sees a network error for something that succeeded;
* ``Hang(seconds)`` - the answer is held back, then given normally (the
  client has usually timed out by then, like a stuck Telegram front end).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ErrorReply:
    """Answer with this error instead of processing the request."""

    status: int
    description: str
    retry_after: int | None = None

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class DropConnection:
    """Close the connection without an answer, before or after processing."""

    after_processing: bool = False


@dataclass(frozen=True)
class Hang:
    """Hold the request this long, then process and answer it normally."""

    seconds: float


Fault = ErrorReply | DropConnection | Hang
FaultPolicy = Callable[[str, Mapping[str, Any]], Fault | None]

DROP_BEFORE = DropConnection(after_processing=False)
DROP_AFTER = DropConnection(after_processing=True)


def too_many_requests(retry_after: int = 1) -> ErrorReply:
    return ErrorReply(429, f"Too Many Requests: retry after {retry_after}", retry_after)


def server_error(status: int = 500) -> ErrorReply:
    descriptions = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
                    504: "Gateway Timeout"}
    return ErrorReply(status, descriptions.get(status, "Internal Server Error"))


CONFLICT = ErrorReply(
    409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)
UNAUTHORIZED = ErrorReply(401, "Unauthorized")


def random_faults(
    seed: int,
    rate_429: float = 0.2,
    rate_5xx: float = 0.1,
    rate_drop_after: float = 0.05,
    methods: Collection[str] = frozenset({"sendMessage"}),
    *,
    rate_drop_before: float = 0.0,
    retry_after: int = 1,
) -> FaultPolicy:
    """Seeded random faults on ``methods``: one draw per call decides at most one fault.

    5xx faults are 500 or 502 with equal chance. The same seed and the same
    sequence of calls give the same faults, so a failing run can be replayed.
    """
    if rate_429 + rate_5xx + rate_drop_after + rate_drop_before > 1:
        raise ValueError("fault rates add up to more than 1")
    rng = random.Random(seed)
    targets = frozenset(methods)

    def policy(method: str, params: Mapping[str, Any]) -> Fault | None:
        if method not in targets:
            return None
        draw = rng.random()
        if draw < rate_429:
            return too_many_requests(retry_after)
        draw -= rate_429
        if draw < rate_5xx:
            return server_error(rng.choice((500, 502)))
        draw -= rate_5xx
        if draw < rate_drop_after:
            return DROP_AFTER
        draw -= rate_drop_after
        if draw < rate_drop_before:
            return DROP_BEFORE
        return None

    return policy


def fail_method(method: str, fault: Fault, *, times: int | None = None, skip: int = 0) -> FaultPolicy:
    """Inject ``fault`` on calls of ``method``: after ``skip`` calls, ``times`` times (None: always)."""
    seen = 0

    def policy(called: str, params: Mapping[str, Any]) -> Fault | None:
        nonlocal seen
        if called != method:
            return None
        seen += 1
        if seen <= skip:
            return None
        if times is not None and seen > skip + times:
            return None
        return fault

    return policy


def get_updates_conflict(times: int | None = None) -> FaultPolicy:
    """getUpdates answers 409 Conflict, as when another instance polls the same token."""
    return fail_method("getUpdates", CONFLICT, times=times)


def get_updates_unauthorized(times: int | None = None) -> FaultPolicy:
    """getUpdates answers 401 Unauthorized, as after the token was revoked."""
    return fail_method("getUpdates", UNAUTHORIZED, times=times)


def get_updates_hang(seconds: float, times: int | None = None) -> FaultPolicy:
    """getUpdates hangs ``seconds`` before answering."""
    return fail_method("getUpdates", Hang(seconds), times=times)


def get_updates_drop(times: int | None = None) -> FaultPolicy:
    """getUpdates loses its connection before the request is processed."""
    return fail_method("getUpdates", DROP_BEFORE, times=times)


def combine(*policies: FaultPolicy) -> FaultPolicy:
    """The first fault any policy returns (every policy sees every call)."""

    def policy(method: str, params: Mapping[str, Any]) -> Fault | None:
        chosen: Fault | None = None
        for each in policies:
            fault = each(method, params)
            if chosen is None:
                chosen = fault
        return chosen

    return policy


@dataclass(frozen=True)
class InjectedFault:
    """One fault the server applied, for test reports."""

    method: str
    fault: Fault
    at: float
