"""A loopback Telegram Bot API server for tests, benchmarks and ``trygg demo``.

It speaks the Bot API over real HTTP with Telegram's semantics and
validation (getUpdates offsets and long polling, HTML entity parsing, length
and keyboard limits, error shapes), and offers a Python side that acts as
Telegram users and observes what the bot sent. It is a standalone component:
it imports nothing else from Trygg and keeps everything in memory.
"""

from .api import DEFAULT_TOKEN, LocalBotApi
from .faults import (
    DROP_AFTER,
    DROP_BEFORE,
    DropConnection,
    ErrorReply,
    Fault,
    FaultPolicy,
    Hang,
    InjectedFault,
    combine,
    fail_method,
    get_updates_conflict,
    get_updates_drop,
    get_updates_hang,
    get_updates_unauthorized,
    random_faults,
    server_error,
    too_many_requests,
)
from .state import CallbackQuery, Chat, LocalUser, StoredMessage

__all__ = [
    "DEFAULT_TOKEN",
    "DROP_AFTER",
    "DROP_BEFORE",
    "CallbackQuery",
    "Chat",
    "DropConnection",
    "ErrorReply",
    "Fault",
    "FaultPolicy",
    "Hang",
    "InjectedFault",
    "LocalBotApi",
    "LocalUser",
    "StoredMessage",
    "combine",
    "fail_method",
    "get_updates_conflict",
    "get_updates_drop",
    "get_updates_hang",
    "get_updates_unauthorized",
    "random_faults",
    "server_error",
    "too_many_requests",
]
