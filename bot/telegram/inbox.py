"""The queue between Telegram and the handlers, kept in the database first.

python-telegram-bot puts every update it receives into the Application's update queue
before it confirms it to Telegram: long polling moves its offset past an update only in
the next getUpdates, after the put; the webhook server answers 200 only after the put.
So an update that is in the inbox by the time `put` returns is safe before Telegram lets
go of it.

Long polling stores earlier still, and cheaper: each getUpdates answer, as Telegram sent
it, goes into the inbox in one call and one transaction (`FetchingRequest`), before
python-telegram-bot even reads it; `put` then knows these updates are kept. A webhook
brings one update at a time, which `put` stores itself.

When the Application stops, what still waits in the queue is left in the inbox, unhandled,
instead of being worked through: it is handled first after the restart, in order (the
Application's post_init puts it back as `Stored`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from telegram import Update

from ..engine_process import EngineProcess, EngineStopped
from . import calls
from .transport import AiohttpRequest

log = logging.getLogger(__name__)
NOTHING = b'{"ok": true, "result": []}'  # a getUpdates answer without updates


@dataclass(frozen=True)
class Stored:
    """An update that is in the inbox already (after a restart, or tried again)."""

    update: Update


class DurableQueue(asyncio.Queue[Any]):
    def __init__(self, engine: EngineProcess) -> None:
        super().__init__()
        self.engine = engine
        self._kept: set[int] = set()  # fetched and stored, not yet put

    async def keep(self, updates: list[dict[str, Any]]) -> None:
        """Store updates as Telegram sent them (a getUpdates answer), in one transaction."""
        await self.engine.run(calls.receive, [(u["update_id"], u) for u in updates])
        self._kept.update(u["update_id"] for u in updates)

    async def put(self, item: Any) -> None:
        if isinstance(item, Stored):
            item = item.update
        elif isinstance(item, Update):
            if item.update_id in self._kept:
                self._kept.discard(item.update_id)
            else:
                body = json.loads(item.to_json())
                await self.engine.run(calls.receive, [(item.update_id, body)])
        else:  # the Application stops: what waits stays in the inbox for the next start
            self._leave_waiting()
        await super().put(item)

    def _leave_waiting(self) -> None:
        while not self.empty():
            self.get_nowait()
            self.task_done()


class FetchingRequest(AiohttpRequest):
    """The connection long polling fetches updates through (python-telegram-bot uses one of
    its own for getUpdates): what it fetched is in the inbox before it is returned."""

    def __init__(self, queue: DurableQueue) -> None:
        super().__init__(connections=1)  # python-telegram-bot's default for it
        self.queue = queue

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """getUpdates; updates that cannot be kept (the engine process is starting again)
        are not taken: Telegram sends them again at the next call."""
        code, payload = await super().do_request(*args, **kwargs)
        if code != HTTPStatus.OK:
            return code, payload
        if updates := json.loads(payload).get("result"):
            try:
                await self.queue.keep(updates)
            except EngineStopped as stopped:
                log.warning("Updates not fetched: %s", stopped)
                return code, NOTHING
        return code, payload
