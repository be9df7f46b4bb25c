"""The Telegram bot under load, through the stand-in Bot API.

    python bench/throughput.py [--gemeenten 20] [--members 10] [--rounds 3] [--skip-limits]

Throughput: the bot runs in a process of its own (bench/serve_bot.py), exactly as `wijkbot
run` builds it but with the rate limiter's caps raised, and polls the stand-in Bot API in
this process. Every gemeente's coordinator registers and invites colleagues by code; one
colleague types step 1, one presses the buttons of step 2, one types step 3, one step 4,
the others ask questions and look at /voortgang, all gemeenten at once. Then a minimal echo
bot on the same Application settings gets as many users sending as many messages: its rate
is what the harness itself can carry. And the same echo bot once more with
python-telegram-bot's own HTTP client (httpx) where Wijkbot's go through aiohttp
(bot/telegram/transport.py): python-telegram-bot alone. All run in turns, three rounds by
default (a shared machine has moods), and the median round of each is reported: updates
per second and Wijkbot's share of each echo bot's, time from update to first reply (p50,
p99), CPU per update of all the bot's processes (and of its main process alone), Bot API
calls per update, and whether every answer is in the database afterwards.

Limits: the bot again, now with its default rate limits, gets a burst of questions in a
busy group, then from ten private chats, then from 150 more. From the stand-in's
timestamps: the most messages in any one second, the most to the group in any one minute,
and how long the ten private chats waited for their replies while the group waited for
its limit.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.steps import STEP_1, STEP_3, STEP_4  # noqa: E402
from bot.content import load_knowledge  # noqa: E402
from tests.botapi import SENDS, TOKEN, Chat, StandInBotAPI, User, labels, text_of  # noqa: E402

STARTING = {"getUpdates", "getMe", "setMyCommands", "setMyDescription", "setMyShortDescription"}
REPLY_TIMEOUT = 60  # seconds before a reply counts as lost
ECHOS = {  # bench/serve_bot.py's kinds
    "echo": "echo bot (the harness's ceiling)",
    "echo-httpx": "echo bot on httpx (python-telegram-bot alone)",
}
Message = dict[str, Any]
Until = Callable[[list[Message]], bool]


def count(n: int) -> Until:
    return lambda received: len(received) >= n


ONE = count(1)


def settled(received: list[Message]) -> bool:
    """A flow turn ends with the next question (its heading may follow "Genoteerd" or the
    step's introduction in the same message), or with buttons (step done, what next)."""
    last = received[-1]
    asked = any(line.startswith("Stap ") and "vraag" in line for line in text_of(last).split("\n"))
    return bool(labels(last)) or asked


@dataclass
class Measured:
    latencies: list[float] = field(default_factory=list)
    lost: int = 0
    started: float = 0.0
    finished: float = 0.0
    cpu: float = 0.0  # seconds the bot's processes computed, start-up included
    adapter_cpu: float = 0.0  # of which the main process (python-telegram-bot's)
    calls: int = 0  # Bot API calls the bot made, getUpdates and the start-up's aside

    @property
    def updates(self) -> int:
        return len(self.latencies) + self.lost

    @property
    def rate(self) -> float:
        return self.updates / (self.finished - self.started)


class Driver:
    """Users talking to the bot through the stand-in, each waiting for the bot's reply."""

    def __init__(self, api: StandInBotAPI, measured: Measured) -> None:
        self.api = api
        self.measured = measured

    async def say(self, user: User, text: str, until: Until = ONE) -> list[Message]:
        return await self._turn(user, lambda: self.api.send_text(user, text), until)

    async def press(self, user: User, message: Message, label: str, until: Until) -> list[Message]:
        return await self._turn(user, lambda: self.api.press(user, message, label), until)

    async def _turn(self, user: User, act: Callable[[], Any], until: Until) -> list[Message]:
        inbox = self.api.inbox(user.id)
        sent = time.monotonic()
        act()
        received: list[Message] = []
        try:
            while not received or not until(received):
                received.append(await asyncio.wait_for(inbox.get(), REPLY_TIMEOUT))
                if len(received) == 1:
                    self.measured.latencies.append(time.monotonic() - sent)
        except TimeoutError:
            self.measured.lost += not received
        self.measured.finished = time.monotonic()
        return received


async def gemeente_walk(
    driver: Driver, name: str, number: int, members: int, questions: list[str]
) -> None:
    coordinator, *colleagues = [User(10_000 * (number + 1) + i, f"Lid {i}") for i in range(members)]
    await driver.say(coordinator, "/start")
    [found] = await driver.say(coordinator, name)
    await driver.press(coordinator, found, labels(found)[0], settled)
    codes = []
    for _ in colleagues:
        [invite] = await driver.say(coordinator, "/uitnodigen")
        codes.append(text_of(invite).split("code ")[1].split(",")[0])

    async def colleague(user: User, code: str, role: int) -> None:
        await driver.say(user, f"/start join-{code}", settled)
        if role == 2:
            *_, question = await driver.say(user, "/stap 2", settled)
            for phase in ("2", "1", "3", "2", "2", "1"):
                *_, question = await driver.press(user, question, f"Fase {phase}:", settled)
        elif role in (1, 3, 4):
            await driver.say(user, f"/stap {role}", settled)
            for answer in {1: STEP_1, 3: STEP_3, 4: STEP_4}[role]:
                await driver.say(user, answer, settled)
        else:
            for question in questions[role::members][:5]:
                await driver.say(user, question)
            await driver.say(user, "/voortgang", settled)

    await asyncio.gather(
        *(colleague(u, c, r) for r, (u, c) in enumerate(zip(colleagues, codes, strict=True), 1))
    )
    await driver.say(coordinator, "/voortgang", settled)


async def echo_users(driver: Driver, users: int, messages: int) -> None:
    async def talk(user: User) -> None:
        for n in range(messages):
            await driver.say(user, f"Bericht {n} van {user.first_name}")

    await asyncio.gather(*(talk(User(900_000 + i, f"Echo {i}")) for i in range(users)))


class BotProcess:
    """bench/serve_bot.py: the bot in a process of its own."""

    def __init__(self, kind: str, api: StandInBotAPI, db: Path, raised: bool) -> None:
        self.args = [kind, TOKEN, api.base_url, str(db), *(["--raised"] if raised else [])]
        self.api = api

    async def __aenter__(self) -> BotProcess:
        serving = str(ROOT / "bench/serve_bot.py")
        self.process = await asyncio.create_subprocess_exec(sys.executable, serving, *self.args)
        await self.api.wait_until(lambda: self.api.called("getUpdates"), timeout=120)
        return self

    async def __aexit__(self, *exc: object) -> None:
        bot = psutil.Process(self.process.pid)
        processes = [bot, *bot.children(recursive=True)]  # the engine process too
        self.cpu = sum(sum(p.cpu_times()[:2]) for p in processes)
        self.adapter_cpu = sum(bot.cpu_times()[:2])  # the engine process aside
        self.process.terminate()
        await self.process.wait()


async def measure(kind: str, db: Path, load: Callable[[Driver], Awaitable[object]]) -> Measured:
    """One bot with raised rate limits, under `load`, from its first update to its last reply."""
    measured = Measured()
    api = StandInBotAPI()
    await api.start()
    async with BotProcess(kind, api, db, raised=True) as process:
        measured.started = time.monotonic()
        await load(Driver(api, measured))
    measured.cpu, measured.adapter_cpu = process.cpu, process.adapter_cpu
    measured.calls = sum(c.method not in STARTING for c in api.calls)
    await api.stop()
    return measured


async def throughput(
    gemeenten: int, members: int, rounds: int, folder: Path
) -> tuple[list[Measured], dict[str, list[Measured]], list[Path]]:
    """Rounds of Wijkbot then the echo bots, so that all meet the machine in the same moods."""
    kb = load_knowledge()
    names = [g.name for g in kb.gemeenten if not g.aliases][:gemeenten]
    asked = yaml.safe_load((ROOT / "bench/questions_b.yaml").read_text())["in_scope"]
    questions = [case["q"] for case in asked]
    users = gemeenten * members

    async def walks(driver: Driver) -> None:
        await asyncio.gather(
            *(gemeente_walk(driver, n, i, members, questions) for i, n in enumerate(names))
        )

    bots, dbs = [], []
    echos: dict[str, list[Measured]] = {kind: [] for kind in ECHOS}
    for number in range(rounds):
        dbs.append(folder / f"bench-{number}.db")
        bots.append(await measure("wijkbot", dbs[-1], walks))
        messages = -(-bots[-1].updates // users)  # as many updates as Wijkbot got
        echo = partial(echo_users, users=users, messages=messages)
        for kind, measured in echos.items():
            measured.append(await measure(kind, folder / "echo.db", echo))
    return bots, echos, dbs


async def limits() -> tuple[int, int, int, float, float]:
    """At the defaults: a busy group first, then ten private chats, then 150 more. Messages
    in the busiest second, to the group in its busiest minute, and the p99 of the ten
    private replies' time while the group waits for its limit (a chat that waits must hold
    back no other chat)."""
    api = StandInBotAPI()
    await api.start()
    group = Chat(-100_777, "supergroup", "Wijknetwerk")
    asked: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        async with BotProcess("wijkbot", api, Path(folder) / "limits.db", False):
            started = time.monotonic()
            for i in range(30):
                api.send_text(
                    User(800_000 + i, f"Lid {i}"), f"/vraag wat doet een wijkteam {i}", group
                )
            for i in range(10):
                asked[700_000 + i] = time.monotonic()
                api.send_text(User(700_000 + i, f"Vrager {i}"), "/vraag wat is een buurtbudget")
            await api.wait_until(lambda: all(api.sent(user) for user in asked), timeout=120)
            private = [_first_reply(api, user) - at for user, at in asked.items()]
            for i in range(10, 160):
                api.send_text(User(700_000 + i, f"Vrager {i}"), "/vraag wat is een buurtbudget")
            await api.wait_until(lambda: len(api.sent()) >= 190, timeout=300)
            elapsed = time.monotonic() - started
    await api.stop()
    # the messages, which Telegram limits ("typing…" and questions about a chat it does not)
    messages = [c for c in api.calls if c.method in SENDS and c.status == 200]
    sends = sorted(c.at for c in messages)
    to_group = sorted(c.at for c in messages if c.chat_id == group.id)
    return busiest(sends, 1.0), busiest(to_group, 60.0), len(sends), elapsed, max(private)


def _first_reply(api: StandInBotAPI, user: int) -> float:
    return min(c.at for c in api.calls if c.chat_id == user and c.method in SENDS)


def busiest(times: list[float], window: float) -> int:
    """The most events in any window of `window` seconds (sliding, not clock-aligned)."""
    most, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= window:
            start += 1
        most = max(most, end - start + 1)
    return most


def answers_stored(db: Path) -> tuple[int, int]:
    import sqlite_utils

    from bot.report.build import gemeente_ids, load_progress
    from bot.store import Store

    store = Store(db)
    kb = load_knowledge()
    done = sum(
        set(load_progress(store, kb, i).statuses.values()) == {"klaar"} for i in gemeente_ids(store)
    )
    stored = sqlite_utils.Database(db).execute("SELECT COUNT(*) FROM answers").fetchone()[0]
    store.close()
    return stored, done


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def median(rounds: list[Measured]) -> Measured:
    return sorted(rounds, key=lambda m: m.rate)[len(rounds) // 2]


def report(name: str, rounds: list[Measured]) -> str:
    m = median(rounds)
    p50, p99 = (percentile(m.latencies, s) * 1000 for s in (0.5, 0.99))
    cpu, adapter = (c / m.updates * 1000 for c in (m.cpu, m.adapter_cpu))
    rates = ", ".join(f"{r.rate:.0f}" for r in rounds)
    return (
        f"| {name} | {m.updates} | {m.rate:.0f} ({rates}) | {p50:.0f} | {p99:.0f} "
        f"| {cpu:.1f} ({adapter:.1f}) | {m.calls / m.updates:.2f} | {sum(r.lost for r in rounds)} |"
    )


def main() -> None:
    # A bot stopped mid-poll drops its connection; the stand-in need not report that.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, default=20)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--skip-limits", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bots, echos, dbs = asyncio.run(
            throughput(args.gemeenten, args.members, args.rounds, Path(folder))
        )
        stored = [answers_stored(db) for db in dbs]
    users = args.gemeenten * args.members
    print(f"{users} users in {args.gemeenten} gemeenten, each waiting for the bot's reply;")
    print(f"the median of {args.rounds} rounds (every round's rate in brackets)")
    print("| bot | updates | updates/s | p50 ms | p99 ms | CPU ms/update (adapter) ", end="")
    print("| calls/update | lost |")
    print("|---|---|---|---|---|---|---|---|")
    print(report("Wijkbot", bots))
    for kind, name in ECHOS.items():
        print(report(name, echos[kind]))
    for kind, name in ECHOS.items():
        share = median(bots).rate / median(echos[kind]).rate
        print(f"Wijkbot reaches {share:.0%} of the rate of the {name}")
    print(f"answers in the database after each round: {', '.join(str(a) for a, _ in stored)};")
    print(f"gemeenten with all four steps klaar: {', '.join(str(d) for _, d in stored)}")
    if not args.skip_limits:
        second, minute, sends, elapsed, private = asyncio.run(limits())
        print(f"default limits: {sends} sends in {elapsed:.0f} s; busiest second {second} sends")
        print(f"(Telegram: 30), busiest minute to the group {minute} sends (Telegram: 20);")
        print(f"while the group waits: the slowest of ten private replies {private:.2f} s")


if __name__ == "__main__":
    main()
