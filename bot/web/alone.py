"""`wijkbot web`: the pages without the bot (behind a proxy, or for a test). It has an
engine process of its own on the same database, and delivers the chat's confirmation of
a save itself, through the Bot API, as the bot's postman does."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web
from telegram.error import NetworkError
from telegram.ext import ExtBot

from ..store.chats import BLOCKED
from ..telegram import calls
from ..telegram.app import DEFAULTS
from ..telegram.config import Settings
from ..telegram.postman import Postman
from ..telegram.worker import EngineProcess
from .server import Door, build_web

log = logging.getLogger(__name__)


def run_web(settings: Settings, db_path: Path, listen: str, port: int, script: str) -> None:
    """Serve the pages on listen:port until stopped (Ctrl-C, SIGTERM)."""
    engine = EngineProcess(db_path, settings.operators)
    bot = ExtBot(settings.token, base_url=settings.api_base_url, defaults=DEFAULTS)

    async def gone(chat_id: int) -> None:
        await engine.run(calls.leave_chat, str(chat_id), BLOCKED)

    async def moved(old_id: int, new_id: int) -> None:
        await engine.run(calls.move_chat, str(old_id), str(new_id))

    postman = Postman(bot, engine, gone, moved)
    app = build_web(Door(engine, settings.token, postman.post, settings.clock, script))

    async def start(app: web.Application) -> None:
        engine.start("")
        try:
            await bot.initialize()
        except NetworkError as trouble:  # confirmations wait in the outbox, tried again
            log.warning("Telegram cannot be reached (%s); the pages are served", trouble)
        log.info("The web pages are served on %s:%s", listen, port)

    async def stop(app: web.Application) -> None:
        await postman.stop()
        await engine.close()
        await bot.shutdown()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
    web.run_app(app, host=listen, port=port, access_log=None, print=None)
