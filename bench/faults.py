"""The fault campaign of issue 14: `wijkbot run` as a real process against the stand-in Bot
API (tests/botapi.py), killed, stopped and refused at random moments, then counted.

    python bench/faults.py [--seed N] [--rounds 10] [--users 20] [--load-users 150]
                           [--stops 3] [--walkers 5] [--only kills|stops|trouble]

1. Kills. `--users` users each register a gemeente of their own (WIJKBOT_REGISTRATION=open)
   and open step 2, then all type their six answers at once. `--rounds` times, at a random
   moment of that walk (once a random number of the bot's messages has reached the
   stand-in, plus 0-250 ms), the whole process group gets SIGKILL and the bot is started
   again at once. After the last start: until every answer is handled and the outbox empty.
   Per user: the answers stored once and under their own question, lost, stored twice,
   misfiled; whether they saw every question and the profile; messages that arrived twice.
2. Stops under load. `--load-users` volunteers send three messages each at once (/help and
   two questions, as someone trying the bot), and `--stops` times, at a random moment (up
   to 2.5 s after the load began or the bot was up again: while it handles the updates or
   sends the replies), SIGTERM goes to the whole group as systemd and Docker send it. The
   bot gets 10 s (the README's grace period) before SIGKILL, as Docker would; then it is
   started again. Counted: how fast it stopped, its exit code, processes of the group left
   behind, and per message whether it was answered, never answered or answered twice.
3. Telegram in trouble, each on a fresh bot while `--walkers` users walk step 2 (three
   answers at once, the other three once the fourth question came): 10 x 429 in a row
   (retry_after 1 s), 10 x 502 in a row, and sendMessage time-outs (the stand-in answers
   6 s late, after the bot's 5 s read time-out): once without taking the message, once
   after taking it (the user has it; the bot cannot know); then 5 x 502 on getUpdates.

Prints a table per scenario, asserts nothing. Random moments come from `--seed` (printed;
a new one when not given), so a run can be repeated as it went, as far as timing allows.
CPU is that of all the bot's processes, read just before each kill or stop.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.telegram.texts import SOMETHING_WENT_WRONG  # noqa: E402
from tests.botapi import TOKEN, StandInBotAPI, User, labels, text_of  # noqa: E402
from tests.scripted import PHASES  # noqa: E402
from tests.test_durability import questions_seen, stored  # noqa: E402

THEMES = [
    t["key"] for t in yaml.safe_load((ROOT / "knowledge/reference/themes.yaml").open())["themes"]
]
GRACE = 10.0  # s a stop may take before SIGKILL (README: Nothing is lost)
JITTER = 0.25  # s: a kill comes up to this long after the message it waits for
STOP_WITHIN = 2.5  # s: a stop comes up to this long after the load began or the bot is up
WAIT = 180.0  # s before a user still waiting counts as stuck
LOAD_MESSAGES = ("/help", "wat is een buurtbudget", "hoe zet ik een wijkteam op")
LATE = 6.0  # s the stand-in answers a call that times out (the bot reads for 5 s)
Message = dict[str, Any]


# -- the bot as a process --------------------------------------------------------------------


@dataclass
class Life:
    """One run of `wijkbot run`, from its start to its end."""

    started: float
    sent_before: int  # messages the stand-in had when it started
    ended: float = 0.0
    cpu: float = 0.0  # s, all its processes
    exit_code: int | None = None
    stop_seconds: float | None = None  # SIGTERM to exit
    killed_after_grace: bool = False
    left_behind: int = 0  # processes of its group alive after the main one ended


class Bot:
    """`wijkbot run` in a process group of its own, polling the stand-in; each life's log in
    a file of its own (a pipe nobody reads would fill and hold the bot)."""

    def __init__(self, api: StandInBotAPI, db: Path) -> None:
        self.api = api
        self.db = db
        self.lives: list[Life] = []
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WIJKBOT_API_BASE_URL": self.api.base_url,
            "WIJKBOT_DB": str(self.db),
            "WIJKBOT_REGISTRATION": "open",  # each user registers their own gemeente at once
        }
        log = self.db.with_name(f"{self.db.stem}-{len(self.lives) + 1}.log")
        with log.open("wb") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                env=env,
                cwd=ROOT,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )
        self.lives.append(Life(time.monotonic(), len(self.api.sent())))

    def count_from_here(self) -> None:
        """This life's messages count from now on (after the users' registration)."""
        self.lives[-1].sent_before = len(self.api.sent())

    async def has_sent(self, count: int, over: Callable[[], bool] = lambda: False) -> bool:
        """Until this life has delivered `count` messages (False: not within WAIT, or what
        the messages would come from is `over`)."""
        before = self.lives[-1].sent_before

        def sent() -> bool:
            return len(self.api.sent()) - before >= count

        return await until(self.api, lambda: sent() or over()) and sent()

    async def polling(self) -> None:
        """Until this life asks Telegram for updates: it is up (a stop before that is a stop
        during start-up, which these figures are not about)."""
        started = self.lives[-1].started
        await until(self.api, lambda: any(c.at > started for c in self.api.called("getUpdates")))

    async def kill(self) -> Life:
        """SIGKILL to the whole group."""
        process, life = self._ending()
        os.killpg(process.pid, signal.SIGKILL)
        life.exit_code = await asyncio.to_thread(process.wait)
        return self._ended(life)

    async def stop(self) -> Life:
        """SIGTERM to the whole group; SIGKILL after GRACE seconds, as Docker does."""
        await self.polling()
        process, life = self._ending()
        asked = time.monotonic()
        os.killpg(process.pid, signal.SIGTERM)
        try:
            life.exit_code = await asyncio.to_thread(process.wait, GRACE)
        except subprocess.TimeoutExpired:
            life.killed_after_grace = True
            os.killpg(process.pid, signal.SIGKILL)
            life.exit_code = await asyncio.to_thread(process.wait)
        life.stop_seconds = time.monotonic() - asked
        life.left_behind = len(_group(process.pid))
        return self._ended(life)

    def _ending(self) -> tuple[subprocess.Popen[bytes], Life]:
        assert self.process is not None
        life = self.lives[-1]
        life.cpu = sum(_cpu(p) for p in _group(self.process.pid))
        return self.process, life

    def _ended(self, life: Life) -> Life:
        life.ended = time.monotonic()
        self.process = None
        return life


def _group(pgid: int) -> list[psutil.Process]:
    """The live processes of a process group (not its zombies)."""
    found = []
    for process in psutil.process_iter(["status"]):
        try:
            if os.getpgid(process.pid) == pgid and process.info["status"] != "zombie":
                found.append(process)
        except (ProcessLookupError, psutil.Error):
            continue
    return found


def _cpu(process: psutil.Process) -> float:
    try:
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return times.user + times.system


@contextmanager
def running(api: StandInBotAPI, db: Path) -> Iterator[Bot]:
    bot = Bot(api, db)
    bot.start()
    try:
        yield bot
    finally:
        if bot.process is not None and bot.process.poll() is None:
            os.killpg(bot.process.pid, signal.SIGKILL)
            bot.process.wait()


async def stand_in() -> StandInBotAPI:
    api = StandInBotAPI()
    await api.start()
    return api


# -- what the users do and what the database holds --------------------------------------------


def gemeenten(count: int) -> list[str]:
    """`count` gemeente names spread over the list, each a plain word."""
    listed = yaml.safe_load((ROOT / "knowledge/reference/gemeenten.yaml").read_text())
    names = [g["name"] for g in listed["gemeenten"] if g["name"].isalpha()]
    return [names[i * len(names) // count] for i in range(count)]


async def until(api: StandInBotAPI, condition: Callable[[], bool], timeout: float = WAIT) -> bool:
    """Whether `condition` came true within `timeout` s (looked at every 0.05 s)."""
    try:
        await api.wait_until(condition, timeout, every=0.05)
    except AssertionError:
        return False
    return True


async def say(api: StandInBotAPI, user: User, text: str) -> Message:
    """The user sends `text`; the bot's first message after it."""
    count = len(api.sent(user.id))
    api.send_text(user, text)
    if not await until(api, lambda: len(api.sent(user.id)) > count, 90):
        raise SystemExit(f"{user.first_name} got no answer to {text!r}; see the bot's log")
    return api.sent(user.id)[count]


async def open_step_2(api: StandInBotAPI, user: User, place: str) -> None:
    """The user registers as the coordinator of `place` and opens step 2."""
    await say(api, user, "/start")
    registered = await say(api, user, place)
    if not text_of(registered).startswith("Gelukt"):
        raise SystemExit(f"{place}: {text_of(registered)[:200]}")
    await say(api, user, "/stap 2")


async def open_all(api: StandInBotAPI, users: list[User], places: list[str]) -> None:
    await asyncio.gather(*(open_step_2(api, u, p) for u, p in zip(users, places, strict=True)))


def walkers(count: int, first_id: int) -> tuple[list[User], list[str]]:
    return [User(first_id + n, f"Gebruiker {n}") for n in range(count)], gemeenten(count)


def type_answers(api: StandInBotAPI, users: list[User], phases: tuple[str, ...] = PHASES) -> None:
    """Every user types their answers at once, as people who know what they want."""
    for phase in phases:
        for user in users:
            api.send_text(user, phase)


async def type_in_two_goes(api: StandInBotAPI, users: list[User]) -> None:
    """Every user types three answers at once, and the other three once the fourth question
    has come (so that these come through a later getUpdates)."""
    half = len(PHASES) // 2
    type_answers(api, users, PHASES[:half])
    await until(api, lambda: all(half + 1 in questions_seen(api, u) for u in users))
    type_answers(api, users, PHASES[half:])


def walked(api: StandInBotAPI, db: Path, user: User) -> bool:
    """The user's six answers are handled and the profile has reached them."""
    profile = any("photo" in m for m in api.sent(user.id))
    return profile and len(stored(db, user)) >= len(PHASES)


def all_walked(api: StandInBotAPI, db: Path, users: list[User]) -> bool:
    return all(walked(api, db, u) for u in users)


def _count(db: Path, query: str) -> int:
    if not db.exists():
        return 0
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)) as connection:
        return int(connection.execute(query).fetchone()[0])


def unhandled(db: Path) -> int:
    return _count(db, "SELECT count(*) FROM inbox WHERE handled_at IS NULL")


def unsent(db: Path) -> int:
    return _count(db, "SELECT count(*) FROM outbox WHERE status = 'pending'")


def answers_stored(db: Path) -> int:
    return _count(db, "SELECT count(*) FROM answers WHERE flow = 'startpositie'")


def settled(db: Path) -> bool:
    return unhandled(db) == 0 and unsent(db) == 0


def repeats(messages: list[Message]) -> list[int]:
    """The positions of messages that are the same as one before them to the same chat."""
    seen: set[tuple[Any, ...]] = set()
    found = []
    for n, message in enumerate(messages):
        key = (message["chat"]["id"], text_of(message), tuple(labels(message)), "photo" in message)
        if key in seen:
            found.append(n)
        seen.add(key)
    return found


# -- the walk's outcome, per user --------------------------------------------------------------


@dataclass
class Outcome:
    users: int = 0
    right: int = 0  # answers stored once and under their own question
    lost: int = 0
    twice: int = 0
    misfiled: int = 0
    stuck: list[str] = field(default_factory=list)  # users who missed a question or the profile
    duplicates: int = 0  # messages that reached a user twice
    sorry: int = 0  # "Sorry, er ging iets mis" notices

    def add(self, api: StandInBotAPI, db: Path, user: User) -> None:
        expected = list(zip(THEMES, PHASES, strict=True))
        answers = [(theme, str(value)) for theme, value in stored(db, user)]
        self.users += 1
        self.right += sum(a == e for a, e in zip(answers, expected, strict=False))
        self.misfiled += sum(a != e for a, e in zip(answers, expected, strict=False))
        self.lost += max(0, len(expected) - len(answers))
        self.twice += max(0, len(answers) - len(expected))
        messages = api.sent(user.id)
        seen = set(questions_seen(api, user))
        if seen != set(range(1, len(PHASES) + 1)) or not any("photo" in m for m in messages):
            self.stuck.append(f"{user.first_name} (saw {sorted(seen)})")
        self.duplicates += len(repeats(messages))
        self.sorry += sum(SOMETHING_WENT_WRONG in text_of(m) for m in messages)

    def row(self) -> str:
        expected = self.users * len(PHASES)
        return (
            f"{self.right}/{expected} right, {self.lost} lost, {self.twice} stored twice, "
            f"{self.misfiled} misfiled; {len(self.stuck)} users stuck; "
            f"{self.duplicates} messages arrived twice; {self.sorry} 'Sorry' notices"
        )


def outcome(api: StandInBotAPI, db: Path, users: list[User]) -> Outcome:
    counted = Outcome()
    for user in users:
        counted.add(api, db, user)
    return counted


# -- 1. kills ---------------------------------------------------------------------------------


async def kills(rng: random.Random, users: int, rounds: int, folder: Path) -> None:
    db = folder / "kills.db"
    people, places = walkers(users, 7000)
    api = await stand_in()
    with running(api, db) as bot:
        await open_all(api, people, places)
        begun = len(api.sent())
        bot.count_from_here()
        type_answers(api, people)
        most = max(1, 2 * users * len(PHASES) // (rounds + 1))  # the kills span the walk
        moments = [rng.randint(1, most) for _ in range(rounds)]
        print(f"{users} users walk step 2 (at least {users * len(PHASES)} messages); each life "
              f"is killed once it has sent {moments} messages, plus 0-{JITTER:.2f} s")  # fmt: skip
        print("round  kill at  life s  CPU s  sent  stored  left: unhandled unsent  repeats")
        for number, moment in enumerate(moments, 1):
            if not await bot.has_sent(moment, lambda: all_walked(api, db, people)):
                print(f"  the walk was over before kill {number}, or the bot sent nothing")
                break
            await asyncio.sleep(rng.uniform(0, JITTER))
            life = await bot.kill()
            print(_round(number, len(api.sent()) - begun, life, api, db))
            bot.start()
        finished = await until(api, lambda: all_walked(api, db, people))
        await until(api, lambda: settled(db), 60)
        last = await bot.stop()
    print(_round(len(bot.lives), len(api.sent()) - begun, last, api, db), "(stopped)")
    print(f"after the last start: {'all done' if finished else 'NOT all done'} in "
          f"{last.ended - last.started:.1f} s; stop took {last.stop_seconds:.2f} s, "
          f"exit code {last.exit_code}; {_cpu_of(bot)}")  # fmt: skip
    result = outcome(api, db, people)
    print(f"total: {result.row()}")
    for name in result.stuck:
        print(f"  stuck: {name}")
    await api.stop()


def _cpu_of(bot: Bot) -> str:
    return f"CPU of all {len(bot.lives)} lives {sum(life.cpu for life in bot.lives):.1f} s"


def _round(number: int, at: int, life: Life, api: StandInBotAPI, db: Path) -> str:
    sent = api.sent()
    in_life = len(sent) - life.sent_before
    doubled = sum(n >= life.sent_before for n in repeats(sent))
    return (
        f"{number:>5}  {at:>7}  {life.ended - life.started:>6.1f}  {life.cpu:>5.1f}  "
        f"{in_life:>4}  {answers_stored(db):>6}  {unhandled(db):>15} {unsent(db):>6}  "
        f"{doubled:>7}"
    )


# -- 2. stops under load ----------------------------------------------------------------------


async def stops(rng: random.Random, users: int, count: int, folder: Path) -> None:
    db = folder / "stops.db"
    api = await stand_in()
    people = [User(30_000 + n, f"Vrijwilliger {n}") for n in range(users)]
    with running(api, db) as bot:
        kinds = await probe(api)
        begun = len(api.sent())
        bot.count_from_here()
        for text in LOAD_MESSAGES:
            for user in people:
                api.send_text(user, text)
        total = users * len(LOAD_MESSAGES)
        moments = [round(rng.uniform(0, STOP_WITHIN), 2) for _ in range(count)]
        print(f"{users} users send {len(LOAD_MESSAGES)} messages each ({', '.join(LOAD_MESSAGES)})"
              f" at once: {total}; SIGTERM {moments} s after the load began or the bot was "
              "up again")  # fmt: skip
        print("stop  at  life s  CPU s  exit s  code  SIGKILL  left  unhandled unsent")
        for number, moment in enumerate(moments, 1):
            await bot.polling()
            await asyncio.sleep(moment)
            life = await bot.stop()
            print(_stop(number, len(api.sent()) - begun, life, db))
            bot.start()
        finished = await until(api, lambda: all(_answered(api, u, kinds) for u in people))
        await until(api, lambda: settled(db), 60)
        last = await bot.stop()
    print(_stop(len(bot.lives), len(api.sent()) - begun, last, db), "(idle)")
    print(f"after the last start: {'all answered' if finished else 'NOT all answered'} in "
          f"{last.ended - last.started:.1f} s; {_cpu_of(bot)}")  # fmt: skip
    print(f"total: {_load_outcome(api, people, kinds)}")
    await api.stop()


async def probe(api: StandInBotAPI) -> dict[str, str]:
    """The reply to each load message, from one user before the load: reply text -> message."""
    user = User(29_999, "Proef")
    kinds = {}
    for text in LOAD_MESSAGES:
        kinds[text_of(await say(api, user, text))] = text
    return kinds


def _kinds(api: StandInBotAPI, user: User, kinds: dict[str, str]) -> Counter[str]:
    """How often each load message was answered to the user, '?' counting other messages. A
    message may hold more than one reply: the postman joins a chat's replies posted together
    (turns handled in one batch, or waiting at a start) where they fit in one message."""
    got: Counter[str] = Counter()
    for message in api.sent(user.id):
        text = text_of(message)
        found = {kind: text.count(reply) for reply, kind in kinds.items()}
        got.update(found)
        got["?"] += not any(found.values())
    return got


def _answered(api: StandInBotAPI, user: User, kinds: dict[str, str]) -> bool:
    got = _kinds(api, user, kinds)
    return all(got[k] for k in kinds.values())


def _load_outcome(api: StandInBotAPI, people: list[User], kinds: dict[str, str]) -> str:
    never = twice = joined = 0
    other: Counter[str] = Counter()
    for user in people:
        got = _kinds(api, user, kinds)
        never += sum(got[k] == 0 for k in kinds.values())
        twice += sum(max(0, got[k] - 1) for k in kinds.values())
        for message in api.sent(user.id):
            text = text_of(message)
            replies = sum(text.count(reply) for reply in kinds)
            joined += replies > 1
            if not replies:
                other[text[:70]] += 1
    total = len(people) * len(kinds)
    shown = "".join(f"\n  other message ({n}x): {text!r}" for text, n in other.most_common(3))
    return (
        f"{total - never}/{total} messages answered, {never} never answered, "
        f"{twice} answered twice; {joined} messages held two answers or more; "
        f"{other.total()} other messages{shown}"
    )


def _stop(number: int, at: int, life: Life, db: Path) -> str:
    return (
        f"{number:>4}  {at:>3}  {life.ended - life.started:>6.1f}  {life.cpu:>5.1f}  "
        f"{life.stop_seconds or 0:>6.2f}  {life.exit_code!s:>4}  "
        f"{'yes' if life.killed_after_grace else 'no':>7}  {life.left_behind:>4}  "
        f"{unhandled(db):>9} {unsent(db):>6}"
    )


# -- 3. Telegram in trouble -------------------------------------------------------------------

TROUBLES: dict[str, Callable[[StandInBotAPI], None]] = {
    "none (for comparison)": lambda api: None,
    "10 x 429 (retry_after 1)": lambda api: api.fail(
        "sendMessage", 429, "Too Many Requests: retry after 1", times=10, retry_after=1
    ),
    "10 x 502": lambda api: api.fail("sendMessage", 502, "Bad Gateway", times=10),
    "2 time-outs, not taken": lambda api: api.fail(
        "sendMessage", 504, "Gateway Timeout", times=2, delay=LATE
    ),
    "2 time-outs, taken": lambda api: api.fail("sendMessage", 200, "", times=2, delay=LATE),
    "5 x 502 on getUpdates": lambda api: api.fail("getUpdates", 502, "Bad Gateway", times=5),
}


async def trouble(users: int, folder: Path) -> None:
    print(f"{users} users walk step 2 while Telegram fails (one fresh bot each)")
    print(f"{'trouble':<26} {'walk s':>6} {'failed':>6}  outcome")
    for number, (name, cause) in enumerate(TROUBLES.items()):
        await one_trouble(name, cause, users, folder / f"trouble-{number}.db")


async def one_trouble(
    name: str, cause: Callable[[StandInBotAPI], None], users: int, db: Path
) -> None:
    people, places = walkers(users, 8000)
    api = await stand_in()
    with running(api, db) as bot:
        await open_all(api, people, places)
        calls = len(api.calls)
        cause(api)
        begun = time.monotonic()
        await type_in_two_goes(api, people)
        await until(api, lambda: all_walked(api, db, people))
        walk = time.monotonic() - begun
        await until(api, lambda: settled(db), 60)
        await bot.stop()
    failed = sum(c.status != 200 for c in api.calls[calls:])
    result = outcome(api, db, people)
    print(f"{name:<26} {walk:>6.1f} {failed:>6}  {result.row()}")
    for stuck in result.stuck:
        print(f"  stuck: {stuck}")
    await api.stop()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=random.randrange(10**6))
    parser.add_argument("--rounds", type=int, default=10, help="kills during the walk")
    parser.add_argument("--users", type=int, default=20, help="users walking step 2")
    parser.add_argument("--load-users", type=int, default=150)
    parser.add_argument("--stops", type=int, default=3, help="SIGTERMs under load")
    parser.add_argument("--walkers", type=int, default=5, help="users walking in trouble")
    parser.add_argument("--only", choices=("kills", "stops", "trouble"))
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "bot", quiet=1)  # as pip does at an install
    print(f"seed {args.seed}; load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    started, cpu = time.monotonic(), _own_cpu()
    with tempfile.TemporaryDirectory(dir=_room()) as name:
        folder = Path(name)
        if args.only in (None, "kills"):
            print("\n1. SIGKILL to the process group at random moments of a walk")
            await kills(random.Random(args.seed), args.users, args.rounds, folder)
        if args.only in (None, "stops"):
            print("\n2. SIGTERM to the process group under load")
            await stops(random.Random(args.seed + 1), args.load_users, args.stops, folder)
        if args.only in (None, "trouble"):
            print("\n3. Telegram in trouble")
            await trouble(args.walkers, folder)
    print(f"\n{time.monotonic() - started:.0f} s wall; this process {_own_cpu() - cpu:.1f} s CPU; "
          f"load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}")  # fmt: skip


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _room() -> str | None:
    """Where the databases go: memory when there is (as the tests' tmp folders)."""
    return "/dev/shm" if Path("/dev/shm").is_dir() else None


if __name__ == "__main__":
    asyncio.run(main())
