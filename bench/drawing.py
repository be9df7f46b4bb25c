"""Turns while charts are drawn: what drawing costs the other chats.

    python bench/drawing.py [--turns 300]

The engine process is forked as `wijkbot run` forks it, on a new database. Users' turns
(a question, /help, /stap) go through it one after another, each timed from the adapter's
side (the round trip through the pipe, as the bot sees it): first with nothing else to do,
then while the drawing process (bot/drawing_process.py) makes one radar chart after another
(a new file each time, so each is drawn). First, how long the first chart takes, which
starts the drawing process, and the next. p50, p99 and max per turn, the charts made
meanwhile, and the CPU time the engine used.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content.models import THEME_KEYS as THEMES  # noqa: E402
from bot.engine.operators import Operators  # noqa: E402
from bot.engine_process import WARM_AFTER, EngineProcess  # noqa: E402
from bot.telegram import calls  # noqa: E402
from bot.vocabulary import Drawing, DrawingKind, Event  # noqa: E402

TEXTS = ("wat is een buurtbudget", "/help", "hoe werkt een wijkteam", "/stap")


def cpu(services: Any) -> float:
    """In the engine process: the CPU time it has used so far (not its children's)."""
    import os

    times = os.times()
    return times.user + times.system


def recipe(folder: Path, n: int) -> dict[str, Any]:
    phases = {theme: 1 + (n + i) % 4 for i, theme in enumerate(THEMES)}
    path = folder / f"chart-{n}.png"
    return Drawing(DrawingKind.PROFILE_CHART, path, {"phases": phases, "title": "Bench"}).to_json()


async def turns(engine: EngineProcess, count: int, first_id: int) -> list[float]:
    timings = []
    for n in range(count):
        update_id = first_id + n
        user = str(1000 + n % 50)
        event = Event(chat_id=user, user_id=user, text=TEXTS[n % len(TEXTS)], user_name="B")
        started = time.perf_counter()
        await engine.run(calls.receive, [(update_id, {"update_id": update_id})])
        await engine.run(calls.turn, event, update_id)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


async def drawing(engine: EngineProcess, folder: Path, stop: asyncio.Event) -> int:
    made = 0
    while not stop.is_set():
        await engine.run(calls.draw, recipe(folder, made))
        made += 1
    return made


def summary(name: str, timings: list[float], made: int, cpu: float) -> str:
    ordered = sorted(timings)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return (
        f"{name:34s} p50 {statistics.median(ordered):5.1f} ms  p99 {p99:5.1f} ms  "
        f"max {ordered[-1]:6.1f} ms  charts {made:3d}  engine cpu {cpu:5.1f} s"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = EngineProcess(Path(folder) / "wijkbot.db", Operators())
        engine.launch("fork")
        await engine.start("wijkbot_bench_bot")
        await asyncio.sleep(2 * WARM_AFTER)  # idle: it warms up, as after the bot's start
        for n, name in enumerate(("first chart (a new drawing process)", "second chart")):
            started = time.perf_counter()
            await engine.run(calls.draw, recipe(Path(folder), -1 - n))
            print(f"{name}: {(time.perf_counter() - started) * 1000:.0f} ms")
        first_id = 1
        await turns(engine, 40, first_id)  # warm: the matcher, the database
        first_id += 40
        before = await engine.run(cpu)
        quiet = await turns(engine, args.turns, first_id)
        first_id += args.turns
        middle = await engine.run(cpu)
        stop = asyncio.Event()
        drawer = asyncio.create_task(drawing(engine, Path(folder), stop))
        busy = await turns(engine, args.turns, first_id)
        stop.set()
        made = await drawer
        after = await engine.run(cpu)
        print(summary("turns alone", quiet, 0, middle - before))
        print(summary("turns while charts are drawn", busy, made, after - middle))
        await engine.close()


if __name__ == "__main__":
    asyncio.run(main())
