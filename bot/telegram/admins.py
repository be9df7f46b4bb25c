"""Who administers a group: asked of Telegram, remembered for a few minutes."""

from __future__ import annotations

import time

from telegram import Bot
from telegram.error import TelegramError

KEEP_SECONDS = 300


class GroupAdmins:
    def __init__(self) -> None:
        self._known: dict[int, tuple[float, frozenset[int]]] = {}

    async def includes(self, bot: Bot, chat_id: int, user_id: int) -> bool:
        known = self._known.get(chat_id)
        if known is None or known[0] < time.monotonic():
            try:
                admins = await bot.get_chat_administrators(chat_id)
            except TelegramError:
                return False
            known = (time.monotonic() + KEEP_SECONDS, frozenset(a.user.id for a in admins))
            self._known[chat_id] = known
        return user_id in known[1]
