"""``LocalBotApi``: a loopback Telegram Bot API server with a citizen side.

Used by the tests (real PTB over real HTTP), by the benchmarks and by
``trygg demo``, which runs it in-process next to the bot::

    async with LocalBotApi(token=TOKEN) as api:
        bot = telegram.Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
        anna = api.add_user("Anna", language_code="sv")
        await api.send_text(anna, "/start")
        replies = await api.wait_for_messages(anna.id, 1)

It is one bot's Telegram: every accepted token belongs to the same bot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from .citizen import CitizenActions
from .faults import FaultPolicy, InjectedFault
from .server import LATENCY_MODELS, HttpFrontEnd
from .state import BotApiState, BotMessageListener, CallbackQuery, StoredMessage

DEFAULT_TOKEN = "7000000001:LOCAL-loopback-not-a-real-token"
SHUTDOWN_GRACE_SECONDS = 1.0


def _bot_id_from_token(token: str) -> int:
    prefix = token.split(":", 1)[0]
    return int(prefix) if prefix.isdigit() else 7_000_000_001


class LocalBotApi(CitizenActions):
    """The local Bot API server plus the Python API to act as and observe users.

    Attributes meant to be set by tests:
        latency: simulated round-trip seconds added to every method call and
            download (default 0).
        latency_model: "split" (default: half before the server handles the
            request, half before the client has the answer, as on a network) or
            "before" (all of it before the request is handled).
        fault_policy: ``callable(method, params) -> Fault | None``; see faults.py.
        accepted_tokens: tokens answered as this bot; others get 401.
    Attributes to read:
        fault_log: every fault injected, in order.
        state: the whole simulated Telegram (users, chats, files, updates).
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str = DEFAULT_TOKEN,
        *,
        accepted_tokens: set[str] | None = None,
        bot_username: str = "trygg_local_bot",
        bot_first_name: str = "Trygg",
        latency: float = 0.0,
        latency_model: str = "split",
        fault_policy: FaultPolicy | None = None,
    ) -> None:
        if latency_model not in LATENCY_MODELS:
            raise ValueError(f"latency_model must be one of {LATENCY_MODELS}, not {latency_model!r}")
        self.host = host
        self.port = port
        self.token = token
        self.accepted_tokens: set[str] = set(accepted_tokens) if accepted_tokens is not None else {token}
        self.latency = latency
        self.latency_model = latency_model
        self.fault_policy = fault_policy
        self.fault_log: list[InjectedFault] = []
        self.state = BotApiState(_bot_id_from_token(token), bot_first_name, bot_username)
        self._front_end = HttpFrontEnd(self)
        self._runner: web.AppRunner | None = None

    # --- lifecycle --------------------------------------------------------

    async def start(self) -> None:
        """Listen on host:port (port 0 picks a free port, then ``self.port`` is it).

        After stop(), start() listens again on the same port with the same
        state: a Telegram outage as the bot sees it.
        """
        if self._runner is not None:
            raise RuntimeError("LocalBotApi is already running")
        self.state.closed = False
        self._front_end = HttpFrontEnd(self)
        runner = web.AppRunner(
            self._front_end.build_app(), access_log=None, shutdown_timeout=SHUTDOWN_GRACE_SECONDS
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self.port = runner.addresses[0][1]

    async def stop(self) -> None:
        """Answer waiting long polls, release hangs and close the server."""
        if self._runner is None:
            return
        self.state.close()
        self._front_end.closing()
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> LocalBotApi:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def base_url(self) -> str:
        """PTB's ``base_url``: PTB appends the token and the method name."""
        return f"{self._origin}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's ``base_file_url``: PTB appends the token and the file path."""
        return f"{self._origin}/file/bot"

    @property
    def _origin(self) -> str:
        if self._runner is None:
            raise RuntimeError("LocalBotApi is not running; use 'async with' or await start()")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def revoke_token(self, token: str | None = None) -> None:
        """Make ``token`` (default: the main one) answer 401 from now on."""
        self.accepted_tokens.discard(token or self.token)

    # --- observation ----------------------------------------------------

    def messages_to(self, chat_id: int) -> list[StoredMessage]:
        """Every message the bot sent to the chat, in order, with current text after edits."""
        return self.state.messages_to(chat_id)

    def history(self, chat_id: int) -> list[StoredMessage]:
        """Both sides of the conversation in order, without deleted messages."""
        return self.state.history(chat_id)

    async def wait_for_messages(self, chat_id: int, count: int, timeout: float = 5.0) -> list[StoredMessage]:
        """Wait until the bot has sent the chat at least ``count`` messages; return them all."""
        return await self.state.wait_for_messages(chat_id, count, timeout)

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0,
                         description: str = "condition") -> None:
        """Wait until ``predicate()`` holds; re-checked after every change and method call."""
        await self.state.wait_until(predicate, timeout, description)

    async def wait_for_confirmation(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot has confirmed ``update_id`` (polled with a higher offset)."""
        await self.state.wait_until(
            lambda: self.state.updates_confirmed_upto > update_id, timeout,
            lambda: f"update {update_id} to be confirmed (confirmed up to {self.state.updates_confirmed_upto})",
        )

    def on_bot_message(self, listener: BotMessageListener) -> Callable[[], None]:
        """Call ``listener(event, message)`` for "sent", "edited", "deleted"; returns unsubscribe."""
        return self.state.on_bot_message(listener)

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The custom keyboard the bot currently shows in the chat, if any."""
        chat = self.state.chats.get(chat_id)
        return chat.reply_keyboard if chat else None

    @property
    def answered_callbacks(self) -> list[CallbackQuery]:
        return self.state.answered_callbacks

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        """setMyCommands results by (scope, language_code), e.g. ("default", "sv")."""
        return self.state.commands

    @property
    def updates_confirmed_upto(self) -> int:
        """The highest getUpdates offset seen: every update_id below it is confirmed."""
        return self.state.updates_confirmed_upto

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        return self.state.pending_updates

    @property
    def last_update_id(self) -> int | None:
        return self.state.last_update_id

    @property
    def long_poll_waiting(self) -> bool:
        """The bot has a getUpdates long poll waiting right now."""
        return self.state.long_poll_waiting

    @property
    def method_calls(self) -> Counter[str]:
        """Calls per method name, failed and faulted ones included."""
        return self.state.method_calls
