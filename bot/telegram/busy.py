"""What the chat shows while the bot works on something for a noticeable while: "typing…"
during a turn, "sending a photo/file…" while a chart or report is drawn."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from telegram import Bot
from telegram.constants import ChatAction
from telegram.error import TelegramError

SHOWN_FOR = 4.5  # seconds between two actions: Telegram shows one for five


@asynccontextmanager
async def showing(
    bot: Bot, chat_id: int, thread: int | None, after: float, action: str = ChatAction.TYPING
) -> AsyncIterator[Callable[[], None]]:
    """`action` in the chat once the engine has worked on the call for `after` seconds.

    Yields the callback that says the engine has started: time spent waiting for the engine
    does not count (under load that would only add calls), and a quick call costs a timer.
    """
    loop = asyncio.get_running_loop()
    timer: asyncio.TimerHandle | None = None
    shown: asyncio.Task[None] | None = None

    async def keep_showing() -> None:
        while True:
            try:
                await bot.send_chat_action(chat_id, action, message_thread_id=thread)
            except TelegramError:
                return
            await asyncio.sleep(SHOWN_FOR)

    def start_showing() -> None:
        nonlocal shown
        shown = asyncio.create_task(keep_showing())

    def engine_started() -> None:
        nonlocal timer
        timer = loop.call_later(after, start_showing)

    try:
        yield engine_started
    finally:
        if timer:
            timer.cancel()
        if shown:
            shown.cancel()
