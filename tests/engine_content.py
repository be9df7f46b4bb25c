"""Imported once by the fork server of the Telegram tests' engine processes (see
tests/telegram_harness.py): the content and its matcher are built there, and each engine
process forked from it starts with them instead of parsing the YAML again. So are the
libraries the engine loads when idle (`services.warm_up`: matplotlib, python-docx, dateparser's
Dutch; seconds). The engine itself runs unchanged, like the session-wide knowledge of
tests/scripted.py; what a process changes stays in that process. Content that does not load
is left to each engine process, which reports it as it always does."""

from __future__ import annotations

import gc

from bot import services


def _built_once() -> None:
    try:
        parts = services.load_parts()
    except Exception:
        return
    # the engine process takes them from bot.services when it starts (bot/engine_process.py)
    services.load_parts = lambda: parts  # type: ignore[assignment]


_built_once()
services.warm_up()
gc.freeze()  # what is built stays out of each engine's collections: they copy no page for it
