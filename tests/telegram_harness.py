"""The real Telegram adapter against the stand-in Bot API, for one test, and what users do in it.

Each step a user takes is one update; the step returns once the bot is done with that update,
with exactly what the bot sent meanwhile. The bot is done when a handler of a late group
(`DONE_GROUP`) has seen the update and the postman has no mail left to deliver:
python-telegram-bot runs the handler groups of one update one after another, and the bot's
own handlers (group 0) post the turn's mail before they return. So a step waits no longer
than the bot takes, and "nothing was sent" means just that.

The clock's ticks (check-in deadlines, schedules) are jobs, not updates: `looks` waits until the
bot has looked at what is due.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from multiprocessing import forkserver
from pathlib import Path
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.engine.operators import Operators
from bot.engine_process import EngineProcess
from bot.telegram import calls
from bot.telegram.app import build_application
from bot.telegram.config import RateLimits, Settings
from tests.botapi import TOKEN, Chat, StandInBotAPI, User
from tests.scripted import GEMEENTE

T = TypeVar("T")
Message = dict[str, Any]

DONE_GROUP = 99  # after the bot's handlers, which are all in group 0

# Telegram takes 30 messages a second and 20 a minute per group; the bot keeps to that with
# its RateLimits (measured in bench/throughput.py). Here nothing waits for them.
UNPACED = RateLimits(
    per_second=1_000_000, burst=10_000, per_group_minute=60_000_000, group_burst=10_000
)
# A send Telegram had trouble with (a 5xx) is tried again after a pause that doubles each
# time, from 0.25 s; here from 0.01 s, so that a test of trouble waits for no pause of it.
QUICK_RETRIES = 0.01
QUICK_TICK = 0.02  # s between the clock's looks at what is due, for tests that move the clock


class WatchedEngine(EngineProcess):
    """The engine process, counting the bot's looks at what is due (the clock's ticks); it
    comes from a fork server that has the content loaded (`start_fork_server`)."""

    start_method = "forkserver"
    looks = 0

    async def run(
        self, call: Callable[..., T], *args: object, on_start: Callable[[], object] | None = None
    ) -> T:
        if call is calls.due:
            self.looks += 1
        return await super().run(call, *args, on_start=on_start)


@dataclass
class Running:
    api: StandInBotAPI
    app: Application
    db: Path
    engine: WatchedEngine
    done: set[int] = field(default_factory=set)  # the updates the bot is done with

    # -- what users do ------------------------------------------------------------------------

    async def say(
        self,
        user: User,
        text: str,
        chat: Chat | None = None,
        reply_to: Message | None = None,
        topic: int | None = None,
    ) -> list[Message]:
        """`user` types `text` (in private unless `chat`, in its forum topic `topic` if
        given); what the bot sent to that chat."""
        chat_id = chat.id if chat else user.id
        return await self.step(
            chat_id, lambda: self.api.send_text(user, text, chat, reply_to, topic)
        )

    async def press(self, user: User, message: Message, label: str) -> list[Message]:
        """`user` presses a button on `message`; what the bot sent to its chat."""
        chat_id = message["chat"]["id"]
        return await self.step(chat_id, lambda: self.api.press(user, message, label))

    async def toast(self, user: User, message: Message, label: str = "", data: str = "") -> str:
        """`user` presses the button `label` (or one with callback `data`); the notice Telegram
        shows them, empty when none."""
        if data:
            query_id = self.api.press_data(user, message, data)
        else:
            query_id = self.api.press(user, message, label)
        await self.handled(self.api.last_update_id)
        return self.api.toast(query_id)

    async def register(
        self, user: User, typed: str = "Oude Ijselstreek", gemeente: str = GEMEENTE
    ) -> None:
        """`user` types a gemeente's name (with a typo) in private, and becomes its coordinator
        by choosing it from the offer."""
        await self.say(user, "/start")
        [offer] = await self.say(user, typed)
        [joined] = await self.press(user, offer, gemeente)
        assert "coördinator" in joined["text"], joined

    # -- waiting for the bot ------------------------------------------------------------------

    async def step(self, chat_id: int, act: Callable[[], object]) -> list[Message]:
        """Do `act`, which gives the bot one update; what it sent to the chat while on it."""
        before = len(self.api.sent(chat_id))
        act()
        await self.handled(self.api.last_update_id)
        return self.api.sent(chat_id)[before:]

    async def taken(self, update_id: int, timeout: float = 15) -> None:
        """Until the bot's turn for the update is taken: its mail is in the outbox (and may
        still be on its way)."""
        await self.api.wait_until(lambda: update_id in self.done, timeout)

    async def handled(self, update_id: int, timeout: float = 15) -> None:
        """Until the bot is done with the update: its replies are all sent."""
        postman = self.app.bot_data["postman"]
        await self.api.wait_until(lambda: update_id in self.done and not postman.busy, timeout)

    async def looks(self, count: int = 2, timeout: float = 15) -> None:
        """Until the bot has started `count` more looks at what is due and the postman has
        delivered what they found. A look starts once the one before has posted its mail, so
        with two, the first of them saw the clock as it is now, and its mail has arrived."""
        wanted = self.engine.looks + count
        postman = self.app.bot_data["postman"]
        await self.api.wait_until(lambda: self.engine.looks >= wanted and not postman.busy, timeout)


@asynccontextmanager
async def running_bot(
    db: Path, api: StandInBotAPI, polling: bool = True, **settings: Any
) -> AsyncIterator[Running]:
    """The Application as `wijkbot run` builds it, polling the stand-in until the block ends
    (or, with `polling=False`, waiting for the test to start a webhook). Unpaced and with
    open registration, unless the test gives `rate_limits`, `trouble_pause` or `operators`."""
    settings.setdefault("rate_limits", UNPACED)
    settings.setdefault("trouble_pause", QUICK_RETRIES)
    settings.setdefault("operators", Operators())  # open registration, unless the test says
    config = Settings(token=TOKEN, api_base_url=api.base_url, poll_timeout=1, **settings)
    start_fork_server()
    pages = config.webapp.url if config.webapp else ""
    engine = WatchedEngine(db, config.operators, pages)
    app = build_application(config, engine)
    running = Running(api, app, db, engine)

    async def done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        running.done.add(update.update_id)

    app.add_handler(TypeHandler(Update, done), group=DONE_GROUP)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.start()
        assert app.updater is not None
        if polling:
            await app.updater.start_polling(poll_interval=0, timeout=config.poll_timeout)
        try:
            yield running
        finally:
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)


@functools.cache
def start_fork_server() -> None:
    """Start the fork server the engine processes come from (bot/engine_process.py) with the
    content already loaded (tests/engine_content.py): every engine of the test session then
    starts in a fraction of a second instead of parsing the YAML again. When a fork server
    already runs, it is used as it is. Returns at once; the server loads in the background."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    module = EngineProcess.__module__
    preload = [module, calls.__name__, "tests.engine_content"]
    multiprocessing.set_forkserver_preload(preload)
    forkserver.ensure_running()
