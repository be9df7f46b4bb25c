"""The HTTP connection to the Bot API: python-telegram-bot's requests sent with aiohttp.

python-telegram-bot sends its requests with httpx unless it is given another `BaseRequest`.
httpx spends some 4 ms of CPU on a call on this machine, aiohttp about 1 (a sendMessage
to a local server, 8 at once), and a call to Telegram is most of what the bot's main
process does per update. python-telegram-bot still builds each request and reads each
answer (`BaseRequest`); this only carries it.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

Timeout = float | None
DEFAULT = type(BaseRequest.DEFAULT_NONE)
PARTS = {"connect": 5.0, "read": 5.0, "write": 5.0, "media_write": 20.0}  # as HTTPXRequest


class AiohttpRequest(BaseRequest):
    """At most `connections` connections at once. aiohttp has one time-out for waiting for
    a free connection and making one: a request that has none after `pool_timeout` plus
    the connect time-out fails as TimedOut, unsent. Time-outs a call leaves at their
    default are PARTS."""

    def __init__(self, connections: int, pool_timeout: Timeout = 1.0) -> None:
        self.connections = connections
        self.pool_timeout = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return PARTS["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.connections)
            headers = {"User-Agent": self.USER_AGENT}
            # trust_env: a proxy in HTTP_PROXY or HTTPS_PROXY (an http:// one) is used
            self._session = aiohttp.ClientSession(
                connector=connector, headers=headers, trust_env=True
            )

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        writing = "media_write" if files else "write"
        timeout = _timeout(
            _given(connect_timeout, PARTS["connect"]),
            _given(pool_timeout, self.pool_timeout),
            _given(write_timeout, PARTS[writing]),
            _given(read_timeout, PARTS["read"]),
        )
        data: Any = request_data.json_parameters if request_data else None
        if files:
            data = _form(data or {}, files)
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as trouble:  # aiohttp's time-outs are asyncio's (TimeoutError)
            raise TimedOut from trouble
        except aiohttp.ClientError as trouble:
            raise NetworkError(f"aiohttp.{trouble.__class__.__name__}: {trouble}") from trouble


def _given(value: Any, default: Timeout) -> Timeout:
    """A time-out the call left at python-telegram-bot's default (a DefaultValue): ours."""
    return default if isinstance(value, DEFAULT) else value


def _timeout(
    connect: Timeout, pool: Timeout, write: Timeout, read: Timeout
) -> aiohttp.ClientTimeout:
    """aiohttp has no time-out for writing alone: the whole call gets them all together."""
    parts = (connect, pool, write, read)
    total = None if None in parts else sum(p for p in parts if p is not None)
    waiting = None if connect is None or pool is None else connect + pool
    return aiohttp.ClientTimeout(total=total, connect=waiting, sock_connect=connect, sock_read=read)


def _form(fields: dict[str, str], files: dict[str, Any]) -> aiohttp.FormData:
    """A call with files: its parameters and files as multipart/form-data."""
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in files.items():
        form.add_field(name, content, filename=filename, content_type=mimetype)
    return form
