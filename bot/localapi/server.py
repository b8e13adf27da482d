"""The HTTP face of the local Bot API: aiohttp routes, parameter decoding, faults.

Routes follow Telegram's URL scheme so that PTB only needs ``base_url`` and
``base_file_url``:

* ``/bot<token>/<method>``        GET query, POST JSON, urlencoded or multipart
* ``/file/bot<token>/<file_path>`` file downloads for getFile results
* anything else                    404 in Telegram's JSON shape

Per request the work is one dict lookup for the token, one for the method, a
form parse and one ``json.dumps``: the benchmark compares bots on this server,
so it must not be the bottleneck.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import time
from collections.abc import Mapping
from typing import Any, Protocol

from aiohttp import web

from .errors import ApiError, bad_request, not_found, unauthorized
from .faults import DropConnection, ErrorReply, Fault, FaultPolicy, Hang, InjectedFault
from .methods import lookup
from .params import Params, UploadedFile
from .state import BotApiState

_log = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 60 * 1024 * 1024  # above Telegram's 50 MB upload limit
DOWNLOAD_METHOD = "downloadFile"  # the name fault policies see for file downloads
_JSON = "application/json"


LATENCY_MODELS = ("split", "before")


class ServerControls(Protocol):
    """What the HTTP layer reads from ``LocalBotApi`` on every request."""

    state: BotApiState
    accepted_tokens: set[str]
    latency: float
    latency_model: str
    fault_policy: FaultPolicy | None
    fault_log: list[InjectedFault]


def latency_legs(latency: float, model: str) -> tuple[float, float]:
    """The simulated round trip as (before the server handles a request, before the client has the answer).

    "split" is a network: half the round trip on the way there, half on the
    way back, so a long poll's answer also travels and a sent message shows
    in the chat half a round trip before the bot hears it was accepted.
    "before" puts the whole round trip ahead of the handling (the first
    model, kept for comparing figures measured with it).
    """
    if latency <= 0:
        return 0.0, 0.0
    if model == "before":
        return latency, 0.0
    return latency / 2, latency / 2


def _json_response(body: Any, status: int = 200) -> web.Response:
    return web.Response(body=json.dumps(body, separators=(",", ":")).encode(), status=status, content_type=_JSON)


def _ok(result: Any) -> web.Response:
    return _json_response({"ok": True, "result": result})


def _error(error: ApiError) -> web.Response:
    return _json_response(error.to_json(), error.status)


async def read_params(request: web.Request) -> Params:
    """Decode the parameters of any encoding the Bot API accepts."""
    raw: dict[str, Any] = dict(request.query) if request.query_string else {}
    files: dict[str, UploadedFile] = {}
    if request.method == "POST" and request.body_exists:
        content_type = request.content_type
        if content_type == _JSON:
            try:
                body = json.loads(await request.read())
            except ValueError:
                raise bad_request("can't parse JSON request body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON request body must be an object")
            raw.update(body)
        elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files[name] = UploadedFile(value.filename, value.content_type, value.file.read())
                else:
                    raw[name] = value
    return Params(raw, files)


class HttpFrontEnd:
    """Builds the aiohttp application and answers requests from the controls' state."""

    def __init__(self, controls: ServerControls) -> None:
        self._controls = controls
        self._closing = asyncio.Event()

    def build_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self.handle_method)
        app.router.add_get("/file/bot{token}/{file_path:.+}", self.handle_download)
        app.router.add_route("*", "/{tail:.*}", self.handle_unknown)
        return app

    def closing(self) -> None:
        """Release hanging faults so that shutdown does not wait for them."""
        self._closing.set()

    async def handle_method(self, request: web.Request) -> web.StreamResponse:
        controls = self._controls
        state = controls.state
        name = request.match_info["method"]
        found = lookup(name)
        # Counted before the token check, so tests can see a bot keep calling with a revoked token.
        state.method_calls[found[0] if found else name] += 1
        state.changed()  # a waiter may be counting calls (e.g. "the bot is polling now")
        if request.match_info["token"] not in controls.accepted_tokens:
            return _error(unauthorized())
        if found is None:
            return _error(not_found())
        method, handler = found
        try:
            params = await read_params(request)
        except ApiError as error:
            return _error(error)

        fault = self._pick_fault(method, params.as_dict())
        there, back = latency_legs(controls.latency, controls.latency_model)
        if there > 0:
            await asyncio.sleep(there)
        if fault is not None:
            early = await self._apply_fault_before(request, fault)
            if early is not None:
                return await self._after(back, early)

        result: Any = None
        try:
            result = handler(state, params)
            if inspect.isawaitable(result):
                result = await result
            response = _ok(result)
        except ApiError as error:
            response = _error(error)
        state.changed()

        if isinstance(fault, DropConnection):  # after_processing: delivered, answer lost
            self._mark_unseen(result)
            return self._drop(request)
        return await self._after(back, response)

    async def handle_download(self, request: web.Request) -> web.StreamResponse:
        controls = self._controls
        if request.match_info["token"] not in controls.accepted_tokens:
            return _error(unauthorized())
        stored = controls.state.files_by_path.get(request.match_info["file_path"])
        fault = self._pick_fault(DOWNLOAD_METHOD, {"file_path": request.match_info["file_path"]})
        there, back = latency_legs(controls.latency, controls.latency_model)
        if there > 0:
            await asyncio.sleep(there)
        if fault is not None:
            early = await self._apply_fault_before(request, fault)
            if early is not None:
                return await self._after(back, early)
        if stored is None:
            return await self._after(back, _error(not_found()))
        if isinstance(fault, DropConnection):
            return self._drop(request)
        return await self._after(
            back, web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream"))

    async def handle_unknown(self, request: web.Request) -> web.StreamResponse:
        return _error(not_found())

    @staticmethod
    async def _after(back: float, response: web.StreamResponse) -> web.StreamResponse:
        """The answer's way back to the client (the second half of a split round trip)."""
        if back > 0:
            await asyncio.sleep(back)
        return response

    # --- faults ---------------------------------------------------------

    def _pick_fault(self, method: str, params: Mapping[str, Any]) -> Fault | None:
        policy = self._controls.fault_policy
        if policy is None:
            return None
        fault = policy(method, params)
        if fault is not None:
            self._controls.fault_log.append(InjectedFault(method, fault, time.monotonic()))
        return fault

    async def _apply_fault_before(self, request: web.Request, fault: Fault) -> web.StreamResponse | None:
        """Apply the part of a fault that happens before processing; a response ends the request."""
        if isinstance(fault, ErrorReply):
            return _json_response(fault.body(), fault.status)
        if isinstance(fault, DropConnection) and not fault.after_processing:
            return self._drop(request)
        if isinstance(fault, Hang):
            try:
                await asyncio.wait_for(self._closing.wait(), fault.seconds)
            except TimeoutError:
                pass
        return None

    @staticmethod
    def _drop(request: web.Request) -> web.StreamResponse:
        """Close the TCP connection so the client gets no answer at all."""
        transport = request.transport
        if transport is not None:
            transport.close()
        return web.Response(status=500)  # never reaches the client

    def _mark_unseen(self, result: Any) -> None:
        if isinstance(result, dict) and "message_id" in result and isinstance(result.get("chat"), dict):
            chat = self._controls.state.chats.get(result["chat"]["id"])
            message = chat.messages.get(result["message_id"]) if chat else None
            if message is not None:
                message.client_saw_error = True
