"""The engine process commits the calls queued together once (bot/engine_process.py): a
call that fails there undoes only what it did itself, and the others' work is kept."""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlite_utils

from bot.engine.operators import Operators
from tests.engine_calls import note, note_and_fail
from tests.telegram_harness import WatchedEngine


async def test_a_failed_call_undoes_only_itself_when_calls_share_a_commit(
    tmp_path: Path,
) -> None:
    db = tmp_path / "wijkbot.db"
    engine = WatchedEngine(db, Operators())
    await engine.start("wijkbot")
    try:
        outcomes = await asyncio.gather(
            *(engine.run(note, f"before {n}") for n in range(5)),
            engine.run(note_and_fail, "failing"),
            *(engine.run(note, f"after {n}") for n in range(5)),
            return_exceptions=True,
        )
    finally:
        await engine.close()
    failed = outcomes.pop(5)
    assert isinstance(failed, ValueError) and "failing went wrong" in str(failed)
    names = [f"before {n}" for n in range(5)] + [f"after {n}" for n in range(5)]
    assert outcomes == names
    kept = {name for (name,) in sqlite_utils.Database(db).execute("SELECT name FROM health")}
    assert kept == set(names)
