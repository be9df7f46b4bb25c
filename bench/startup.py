"""Start-up and weight of `wijkbot run`: the time from starting the process to the first
answer, and the memory (PSS) of all its processes once it has answered.

    python bench/startup.py [--rounds 3]

The bot runs as a real process against the stand-in Bot API (tests/botapi.py) on a fresh
database; a user sends /help as soon as the process starts, and the clock stops when the
answer reaches the stand-in. PSS counts memory shared between processes once (psutil).
The package is compiled first, as pip compiles it when it installs the wheel: an
environment with PYTHONDONTWRITEBYTECODE would otherwise compile every module at every start.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.botapi import TOKEN, StandInBotAPI, User  # noqa: E402

ANNA = User(501, "Anna")


def pss_mib(pid: int) -> float:
    """PSS of the process and all its children, in MiB (each printed when WIJKBOT_BENCH_EACH
    is set)."""
    root = psutil.Process(pid)
    total = 0
    for process in [root, *root.children(recursive=True)]:
        try:
            pss = process.memory_full_info().pss
        except psutil.Error:
            continue
        total += pss
        if os.environ.get("WIJKBOT_BENCH_EACH"):
            print(f"  {process.pid} {' '.join(process.cmdline())[:70]}: {pss / 2**20:.0f} MiB")
    return total / 2**20


async def one_round() -> tuple[float, float, int]:
    api = StandInBotAPI()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WIJKBOT_API_BASE_URL": api.base_url,
            "WIJKBOT_DB": str(Path(folder) / "wijkbot.db"),
        }
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            env=env,
            cwd=ROOT,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            api.send_text(ANNA, "/help")
            await api.wait_until(lambda: api.sent(ANNA.id), 120)
            first = time.perf_counter() - started
            for question in ("wat is een buurtbudget", "/stap", "/voortgang"):
                count = len(api.sent(ANNA.id))
                api.send_text(ANNA, question)
                await api.wait_until(lambda c=count: len(api.sent(ANNA.id)) > c, 60)
            await asyncio.sleep(1)  # let the processes settle before measuring
            weight = pss_mib(process.pid)
            processes = 1 + len(psutil.Process(process.pid).children(recursive=True))
        finally:
            process.terminate()
            process.wait(30)
            await api.stop()
    return first, weight, processes


async def main() -> None:
    compileall.compile_dir(ROOT / "bot", quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rounds = [await one_round() for _ in range(args.rounds)]
    firsts = [r[0] for r in rounds]
    weights = [r[1] for r in rounds]
    print(f"{args.rounds} rounds; processes: {rounds[-1][2]}")
    first, worst = statistics.median(firsts), max(firsts)
    print(f"first answer after start: median {first:.2f} s, max {worst:.2f} s")
    weight, heaviest = statistics.median(weights), max(weights)
    print(f"PSS of all processes: median {weight:.0f} MiB, max {heaviest:.0f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
