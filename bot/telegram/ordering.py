"""Updates of different chats at once, the updates of one chat one after another."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatOrder(BaseUpdateProcessor):
    """python-telegram-bot's concurrent updates, kept in arrival order within each chat.

    Updates reach this processor in the order Telegram sent them, and waiters on an
    asyncio.Lock are served first come, first served; so one chat's messages are handled
    in order while other chats go ahead.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._waiting: dict[Hashable, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _conversation_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _conversation_key(update: object) -> Hashable | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat:
        return ("chat", update.effective_chat.id)
    if update.effective_user:  # inline queries have a user but no chat
        return ("user", update.effective_user.id)
    return None
