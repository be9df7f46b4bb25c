"""Calls marked `aside` (drawings) are taken by one thread of the engine process beside its
turns (bot/engine_process.py): while one is held there, turns are taken and answered, each
outcome reaches its own caller, the aside calls keep their order, and when the process
ends, an aside call waiting fails like any other. The aside call is held by the test
through a socket (tests/held_aside.py): no sleeps, no hook in the engine."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest

from bot.engine.operators import Operators
from bot.engine_process import EngineStopped
from bot.telegram import calls
from bot.vocabulary import Event
from tests.engine_calls import echo
from tests.held_aside import held
from tests.telegram_harness import WatchedEngine

TURNS_WITHIN = 30  # s: a bound for a failure, not a measure (they take milliseconds)


def help_for(user: int) -> Event:
    return Event(chat_id=str(user), user_id=str(user), text="/help", user_name="Bert")


async def test_turns_are_answered_while_an_aside_call_holds_its_thread(tmp_path: Path) -> None:
    """Would catch an engine that takes aside calls in its own line (the turn would wait
    for the held call: a time-out), outcomes given to the wrong caller, an aside call
    overtaking the one before it, and `on_start` told before the engine takes a call up."""
    engine = WatchedEngine(tmp_path / "wijkbot.db", Operators())
    await engine.start("wijkbot")
    try:
        began: list[str] = []
        async with held(engine, "first") as first, asyncio.timeout(TURNS_WITHIN):
            second = asyncio.ensure_future(
                engine.run(echo, "second", on_start=lambda: began.append("second"))
            )
            await engine.run(calls.receive, [(1, {"update_id": 1})])
            turn = await engine.run(calls.turn, help_for(502), 1)
            answers = await engine.run(calls.best_answers, "wat doet een wijkteam")
            assert any("/vraag" in str(letter.body) for letter in turn.mail)
            assert answers and not first.done() and not second.done()
            assert began == []  # the aside thread has not taken it up yet
        assert await first == "first"
        assert await second == "second"
        assert began == ["second"]
    finally:
        await engine.close()


async def test_an_aside_call_fails_when_the_engine_process_ends(tmp_path: Path) -> None:
    """Would catch an adapter that forgets the aside calls when the engine process is gone:
    their callers (the postman with a chart) would wait forever."""
    engine = WatchedEngine(tmp_path / "wijkbot.db", Operators())
    await engine.start("wijkbot")
    try:
        async with held(engine) as drawing:
            assert engine.pid is not None
            os.kill(engine.pid, signal.SIGKILL)
            with pytest.raises(EngineStopped):
                await drawing
    finally:
        await engine.close()
