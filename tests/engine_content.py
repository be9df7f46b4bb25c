"""Imported once by the fork server of the Telegram tests' engine processes (see
tests/telegram_harness.py): the content and its matcher are built there, and each engine
process forked from it starts with them instead of parsing the YAML again. So do the
libraries the engine loads on first use (matplotlib for charts, dateparser's Dutch for dates,
about a second). The engine itself runs unchanged, like the session-wide knowledge of
tests/scripted.py; what a process changes stays in that process. Content that does not load
is left to each engine process, which reports it as it always does."""

from __future__ import annotations

import gc
from datetime import date

from bot import services


def _built_once() -> None:
    try:
        parts = services.load_parts()
    except Exception:
        return
    # the engine process takes them from bot.services when it starts (bot/engine_process.py)
    services.load_parts = lambda: parts  # type: ignore[assignment]


def _libraries_loaded() -> None:
    from bot.engine.dates import read_date
    from bot.report import chart, checkin_chart, widths  # noqa: F401

    read_date("over twee weken", date.today())  # dateparser loads its Dutch on first use


_built_once()
_libraries_loaded()
gc.freeze()  # what is built stays out of each engine's collections: they copy no page for it
