"""One bot of bench/throughput.py, in a process of its own that imports no more than the bot:

    python bench/serve_bot.py wijkbot|echo|echo-httpx TOKEN BASE_URL DB [--raised]

`wijkbot`: as `wijkbot run` builds it (the engine process forked first of all), with the
rate limiter's caps raised (`--raised`); `echo`: a bot on the same Application settings
that answers each message with its text; `echo-httpx`: that bot with python-telegram-bot's
own HTTP client instead of Wijkbot's (bot/telegram/transport.py), as it came before.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine.operators import Operators, Registration  # noqa: E402
from bot.engine_process import EngineProcess  # noqa: E402
from bot.telegram.config import RateLimits, Settings  # noqa: E402

RAISED = {
    "per_second": 100_000,
    "burst": 10_000,
    "per_group_minute": 100_000,
    "group_burst": 10_000,
}


def serve(kind: str, token: str, base_url: str, db: str, raised: bool) -> None:
    limits = RateLimits(**RAISED) if raised else RateLimits()
    open_registration = Operators(Registration.OPEN)  # each coordinator registers at once
    settings = Settings(
        token=token, api_base_url=base_url, rate_limits=limits, operators=open_registration
    )
    if kind == "wijkbot":
        engine = EngineProcess(Path(db), settings.operators)
        engine.launch("fork")  # as `wijkbot run`: before python-telegram-bot is imported
        from bot.telegram.app import run_bot

        run_bot(settings, engine)
        return
    echo(settings, httpx=kind == "echo-httpx")


def echo(settings: Settings, httpx: bool) -> None:
    from telegram import Update
    from telegram.ext import ContextTypes, MessageHandler, filters
    from telegram.request import HTTPXRequest

    from bot.telegram.app import CONNECTIONS, POOL_TIMEOUT, UPDATES, application_builder

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message and update.effective_message.text
        await update.effective_message.reply_text(update.effective_message.text, do_quote=False)

    builder = application_builder(settings)
    if httpx:  # python-telegram-bot's own, sized as Wijkbot's
        builder.request(HTTPXRequest(CONNECTIONS, pool_timeout=POOL_TIMEOUT))
        builder.get_updates_request(HTTPXRequest())
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, answer))
    app.run_polling(allowed_updates=UPDATES)


if __name__ == "__main__":
    serve(*sys.argv[1:5], raised="--raised" in sys.argv)
