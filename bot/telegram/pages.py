"""The web pages (the Mini App, bot/web) served by the adapter: beside the bot when
WIJKBOT_WEBAPP_URL is set (`serve_beside`), or alone with `wijkbot web` (`run_alone`: behind
a proxy, or for a test). Either way a save's confirmation in the chat goes out through the
postman, from the outbox. Imported only when the pages are wanted: the bot without them
never loads aiohttp."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web
from telegram.error import NetworkError
from telegram.ext import ExtBot

from ..engine_process import EngineProcess
from ..web.server import Door, build_web, start_web
from .config import Settings
from .postman import Postman
from .render import DEFAULTS

log = logging.getLogger(__name__)


async def serve_beside(
    settings: Settings, engine: EngineProcess, postman: Postman
) -> web.AppRunner:
    """Serve the pages from the bot's own process, with its engine and postman."""
    page = settings.webapp
    assert page is not None
    return await start_web(_pages(settings, engine, postman, page.script), page.listen, page.port)


def run_alone(settings: Settings, db_path: Path, listen: str, port: int, script: str) -> None:
    """Serve the pages on listen:port until stopped (Ctrl-C, SIGTERM), with an engine
    process of their own on the bot's database."""
    engine = EngineProcess(db_path, settings.operators)
    engine.launch()
    bot = ExtBot(settings.token, base_url=settings.api_base_url, defaults=DEFAULTS)
    postman = Postman(bot, engine)
    app = _pages(settings, engine, postman, script)

    async def start(app: web.Application) -> None:
        await engine.start("")
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


def _pages(
    settings: Settings, engine: EngineProcess, postman: Postman, script: str
) -> web.Application:
    return build_web(Door(engine, settings.token, postman.post, settings.clock, script))
