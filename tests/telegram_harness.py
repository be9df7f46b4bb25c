"""The real Telegram adapter against the stand-in Bot API, for one test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from telegram.ext import Application

from bot.services import files_dir
from bot.telegram import Settings, build_application
from bot.telegram.worker import EngineProcess
from tests.botapi import TOKEN, StandInBotAPI


@dataclass
class Running:
    api: StandInBotAPI
    app: Application
    db: Path
    engine: EngineProcess


@asynccontextmanager
async def running_bot(
    db: Path, api: StandInBotAPI, polling: bool = True, **settings: object
) -> AsyncIterator[Running]:
    """The Application as `wijkbot run` builds it, polling the stand-in until the block ends
    (or, with `polling=False`, waiting for the test to start a webhook)."""
    config = Settings(token=TOKEN, api_base_url=api.base_url, poll_timeout=1, **settings)
    engine = EngineProcess(db, files_dir(db))
    app = build_application(config, engine)
    async with app:
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.start()
        assert app.updater is not None
        if polling:
            await app.updater.start_polling(poll_interval=0, timeout=config.poll_timeout)
        try:
            yield Running(api, app, db, engine)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)
