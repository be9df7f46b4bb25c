"""Imported once by the fork server of the Telegram tests' engine processes (see
tests/telegram_harness.py): the content and its matcher are built there, and each engine
process forked from it starts with them instead of parsing the YAML again. So do the
libraries the engine loads on first use (matplotlib for charts, dateparser's Dutch for dates,
about a second). The engine itself runs unchanged, like the session-wide knowledge of
tests/scripted.py; what a process changes stays in that process. Content that does not load
is left to each engine process, which reports it as it always does."""

from __future__ import annotations

import gc
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from bot import services


def _built_once() -> None:
    with tempfile.TemporaryDirectory() as folder:
        try:
            built = services.build_services(Path(folder) / "wijkbot.db")
        except Exception:
            return
        built.close()

    build = services.build_services

    def build_services(db_path: Path | str, **parts: Any) -> services.Services:
        parts.setdefault("kb", built.kb)
        parts.setdefault("matcher", built.matcher)
        return build(db_path, **parts)

    # the engine process imports it from bot.services when it starts (worker._serve)
    services.build_services = build_services  # type: ignore[assignment]


def _libraries_loaded() -> None:
    from bot.engine.dates import read_date
    from bot.report import chart, checkin_chart, widths  # noqa: F401

    read_date("over twee weken", date.today())  # dateparser loads its Dutch on first use


_built_once()
_libraries_loaded()
gc.freeze()  # what is built stays out of each engine's collections: they copy no page for it
