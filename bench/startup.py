"""Start-up and weight of `wijkbot run`: the time from starting the process to the first
answer, and the memory (PSS) of all its processes once it has drawn a report: at once, and
once idle (what drawing keeps for the next chart is let go after REST_AFTER seconds).

    python bench/startup.py [--rounds 3]

The bot runs as a real process against the stand-in Bot API (tests/botapi.py) on a fresh
database; a user sends /help as soon as the process starts, and the clock stops when the
answer reaches the stand-in. PSS counts memory shared between processes once (psutil).
The package is compiled first, as pip compiles it when it installs the wheel: an
environment with PYTHONDONTWRITEBYTECODE would otherwise compile every module at every start.
Each round starts twice on one new cache folder (WIJKBOT_CACHE): first with it empty, as the
very first start after an install without `wijkbot kb check`, then with what that start kept
(every later start, and the first one of the Docker image, which builds it).
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

from bot.engine_process import REST_AFTER  # noqa: E402
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


async def one_start(cache: str) -> tuple[float, float, float, int]:
    api = StandInBotAPI()
    await api.start()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WIJKBOT_API_BASE_URL": api.base_url,
            "WIJKBOT_DB": str(Path(folder) / "wijkbot.db"),
            "WIJKBOT_CACHE": cache,
            "WIJKBOT_REGISTRATION": "open",  # Anna becomes her gemeente's coordinator at once
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
            await report(api)  # a chart and a Word file: every library loaded and used
            await asyncio.sleep(1)  # let the processes settle before measuring
            drawing = pss_mib(process.pid)
            await asyncio.sleep(REST_AFTER + 1)  # idle: what drawing kept is let go
            idle = pss_mib(process.pid)
            processes = 1 + len(psutil.Process(process.pid).children(recursive=True))
        finally:
            process.terminate()
            process.wait(30)
            await api.stop()
    return first, drawing, idle, processes


async def report(api: StandInBotAPI) -> None:
    """Anna registers her gemeente, fills in step 2 and asks for the report (its chart and
    Word file drawn)."""

    async def say(text: str) -> None:
        before = len(api.sent(ANNA.id))
        api.send_text(ANNA, text)
        await api.wait_until(lambda: len(api.sent(ANNA.id)) > before, 60)

    await say("/start")  # the welcome and the question for the gemeente, as one message
    await say("Oude IJsselstreek")  # the exact name: she is its coordinator at once
    await say("/stap 2")  # the introduction and the first question, as one
    for phase in ("2", "1", "3", "2", "2", "1"):
        await say(phase)
    api.send_text(ANNA, "/rapport")
    await api.wait_until(lambda: len(api.called("sendDocument")) >= 2, 60)


async def main() -> None:
    compileall.compile_dir(ROOT / "bot", quiet=1)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    cold, warm = [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as cache:
            cold.append(await one_start(cache))
            warm.append(await one_start(cache))
    print(f"{args.rounds} rounds; processes: {warm[-1][3]}")
    for name, starts in (("empty cache", cold), ("content kept ready", warm)):
        firsts = [s[0] for s in starts]
        print(
            f"{name}: first answer after start median {statistics.median(firsts):.2f} s, "
            f"max {max(firsts):.2f} s; PSS of all processes after a report, "
            f"{_weights([s[1] for s in starts])}, once idle {_weights([s[2] for s in starts])}"
        )


def _weights(mib: list[float]) -> str:
    return f"median {statistics.median(mib):.0f} MiB (max {max(mib):.0f})"


if __name__ == "__main__":
    asyncio.run(main())
