"""The queue between Telegram and the handlers, kept in the database first.

python-telegram-bot puts every update it receives into the Application's update queue
before it confirms it to Telegram: long polling moves its offset past an update only in
the next getUpdates, after the put; the webhook server answers 200 only after the put.
So an update that `put` has stored in the inbox is safe before Telegram lets go of it.

When the Application stops, what still waits in the queue is left in the inbox, unhandled,
instead of being worked through: it is handled first after the restart, in order (the
Application's post_init puts it back as `Stored`).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from telegram import Update

from ..engine_process import EngineProcess
from . import calls


@dataclass(frozen=True)
class Stored:
    """An update that is in the inbox already (after a restart, or tried again)."""

    update: Update


class DurableQueue(asyncio.Queue[Any]):
    def __init__(self, engine: EngineProcess) -> None:
        super().__init__()
        self.engine = engine

    async def put(self, item: Any) -> None:
        if isinstance(item, Stored):
            item = item.update
        elif isinstance(item, Update):
            body = json.loads(item.to_json())
            await self.engine.run(calls.receive, [(item.update_id, body)])
        else:  # the Application stops: what waits stays in the inbox for the next start
            self._leave_waiting()
        await super().put(item)

    def _leave_waiting(self) -> None:
        while not self.empty():
            self.get_nowait()
            self.task_done()
