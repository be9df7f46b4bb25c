"""Imported once by the fork server of the Telegram tests' engine processes (see
tests/telegram_harness.py): the content and its matcher are built there, and each engine
process forked from it starts with them instead of parsing the YAML again. So are the
libraries for dates (`services.warm_up`: dateparser's Dutch) and for drawings (matplotlib,
python-docx): seconds, which every drawing process (bot/drawing_process.py), forked from an
engine, would otherwise spend. The engine itself runs unchanged, like the session-wide knowledge of
tests/scripted.py; what a process changes stays in that process. Content that does not load
is left to each engine process, which reports it as it always does."""

from __future__ import annotations

import gc

from bot import services
from bot.report import chart, checkin_chart, document, widths  # noqa: F401


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
