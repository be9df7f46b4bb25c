"""Engine calls of the tests' own. The engine process finds a call by importing its module,
so they live here, beside nothing heavy: in a test module they would bring that module's
imports along (python-telegram-bot, through tests/telegram_harness.py: 0.7 s of every
engine process that takes one)."""

from __future__ import annotations

from typing import Any

from bot.engine_process import aside, together
from bot.services import Services


@aside
def echo(services: Any, text: str) -> str:
    return text


@together
def note(services: Services, name: str) -> str:
    """Note `name` in the health table: the test reads back which calls were kept."""
    services.store.db.execute("INSERT INTO health (name, at) VALUES (?, 'now')", [name])
    return name


@together
def note_and_fail(services: Services, name: str) -> str:
    note(services, name)
    raise ValueError(f"{name} went wrong after writing")
