"""Nothing lost between Telegram and the database: `wijkbot run` as a real process against
the stand-in Bot API, killed with SIGKILL in the middle of users answering, and stopped with
SIGTERM to its whole process group under load. After a restart every answer is stored once,
under its own question, and every user gets their next question.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, closing, contextmanager
from pathlib import Path

import pytest
import sqlite_utils

from tests.botapi import TOKEN, StandInBotAPI, User, labels, text_of
from tests.processes import children, group_alive
from tests.scripted import PHASES

pytestmark = pytest.mark.slow

PLACES = ["Oude IJsselstreek", "Zutphen", "Almelo", "Aalsmeer", "Deventer"]
USERS = [User(700 + n, f"Gebruiker {n}") for n in range(len(PLACES))]
DB_EVERY = 0.1  # seconds between two looks into the database while waiting


@contextmanager
def bot_process(api: StandInBotAPI, db: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`wijkbot run` in a process group of its own, polling the stand-in."""
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "WIJKBOT_API_BASE_URL": api.base_url,
        "WIJKBOT_DB": str(db),
        "WIJKBOT_REGISTRATION": "open",  # each user registers their own gemeente at once
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@asynccontextmanager
async def stand_in() -> AsyncIterator[StandInBotAPI]:
    api = StandInBotAPI()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


def stored(db: Path, user: User) -> list[tuple[str, str]]:
    """(theme, answer) of the user's startpositie answers, oldest first."""
    if not db.exists():
        return []
    rows = sqlite_utils.Database(db).execute(
        "SELECT item, value FROM answers WHERE flow = 'startpositie' AND author_id = ? ORDER BY id",
        [str(user.id)],
    )
    return [(item, json.loads(value)) for item, value in rows.fetchall()]


def any_stored(db: Path) -> bool:
    """Whether some startpositie answer is stored (one quick look, asked often)."""
    query = "SELECT 1 FROM answers WHERE flow = 'startpositie' LIMIT 1"
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return connection.execute(query).fetchone() is not None


async def register(api: StandInBotAPI, user: User, place: str) -> None:
    """The user registers as the coordinator of the gemeente `place`."""
    api.send_text(user, "/start")  # the welcome and the question for the gemeente, as one
    await api.wait_until(lambda: len(api.sent(user.id)) >= 1, 90)
    api.send_text(user, place[:-1])  # one letter short: "Bedoelt u …?"
    await api.wait_until(lambda: len(api.sent(user.id)) >= 2, 90)
    offer = api.sent(user.id)[-1]
    assert place in labels(offer), text_of(offer)
    api.press(user, offer, place)
    await api.wait_until(lambda: len(api.sent(user.id)) >= 3, 90)


async def register_all(api: StandInBotAPI) -> None:
    """Each user registers as the coordinator of a gemeente of their own and opens step 2,
    all at the same time."""

    async def opens_step_2(user: User, place: str) -> None:
        await register(api, user, place)
        count = len(api.sent(user.id))
        api.send_text(user, "/stap 2")  # the step's introduction and its first question
        await api.wait_until(lambda: len(api.sent(user.id)) >= count + 1, 90)

    await asyncio.gather(*map(opens_step_2, USERS, PLACES))


def questions_seen(api: StandInBotAPI, user: User) -> list[int]:
    """The numbers of the step-2 questions the user was sent, in order."""
    numbers = []
    for message in api.sent(user.id):
        for line in text_of(message).split("\n"):  # the heading, after an introduction too
            if line.startswith("Stap 2 van 4, vraag"):
                numbers.append(int(line.split()[5]))
    return numbers


async def test_hard_kills_while_users_answer_lose_nothing(tmp_path: Path) -> None:
    """Five users type their six answers quickly; the process group is killed with SIGKILL
    once the stand-in has seen 3 of the bot's messages since (most answers not yet handled),
    started again and killed once more 14 messages later (in the middle of the walk), then
    started again."""
    db = tmp_path / "wijkbot.db"
    async with stand_in() as api:
        with bot_process(api, db):
            await register_all(api)
            start = len(api.sent())
            for phase in PHASES:
                for user in USERS:
                    api.send_text(user, phase)
            await api.wait_until(lambda: len(api.sent()) >= start + 3, 90)
        # killed: the bot_process block sent SIGKILL to the whole group
        start = len(api.sent())
        with bot_process(api, db):
            await api.wait_until(lambda: len(api.sent()) >= start + 14, 90)
        with bot_process(api, db):
            for user in USERS:
                await api.wait_until(lambda u=user: len(stored(db, u)) >= len(PHASES), 90, DB_EVERY)
                await api.wait_until(lambda u=user: any("photo" in m for m in api.sent(u.id)), 90)
        for user in USERS:
            answers = stored(db, user)
            assert [str(value) for _, value in answers] == list(PHASES), user
            assert len({theme for theme, _ in answers}) == len(PHASES)  # one per question
            seen = questions_seen(api, user)
            assert sorted(set(seen)) == list(range(1, 7)), seen


async def test_sigterm_to_the_process_group_stops_cleanly_and_loses_nothing(
    tmp_path: Path,
) -> None:
    """systemd and Docker send SIGTERM to the whole group: the bot exits 0, and what it had
    not yet handled or sent is there after the start. (How fast it stops is measured, not
    asserted: README, Nothing is lost.)"""
    db = tmp_path / "wijkbot.db"
    async with stand_in() as api:
        with bot_process(api, db) as process:
            await register_all(api)
            for phase in PHASES:
                for user in USERS:
                    api.send_text(user, phase)
            await api.wait_until(lambda: any_stored(db), 90, every=0.02)
            os.killpg(process.pid, signal.SIGTERM)
            exit_code = await asyncio.to_thread(process.wait, 60)
            assert exit_code == 0, process.stderr.read().decode()[-2000:] if process.stderr else ""
        with bot_process(api, db):
            for user in USERS:
                await api.wait_until(lambda u=user: len(stored(db, u)) >= len(PHASES), 90, DB_EVERY)
        for user in USERS:
            assert [str(value) for _, value in stored(db, user)] == list(PHASES)
            assert not any("iets mis" in text_of(m) for m in api.sent(user.id))


async def test_a_stop_while_it_starts_exits_0_and_leaves_no_process(tmp_path: Path) -> None:
    """SIGTERM to the group as soon as the engine process is there, while the bot still
    loads python-telegram-bot: nothing is in hand yet, so it exits 0 at once, as a later
    stop does, and none of its processes is left. Would catch a start that dies of the
    signal (exit 143, which a supervisor may count as a crash)."""
    async with stand_in() as api:
        with bot_process(api, tmp_path / "wijkbot.db") as process:
            await api.wait_until(lambda: bool(children(process.pid)), 60)
            os.killpg(process.pid, signal.SIGTERM)
            exit_code = await asyncio.to_thread(process.wait, 60)
            assert exit_code == 0, process.stderr.read().decode()[-2000:] if process.stderr else ""
            await api.wait_until(lambda: not group_alive(process.pid), 10)


def waiting_for_a_drawing(db: Path, user: User) -> bool:
    """Whether the user's mail in the outbox has a file still to make."""
    query = "SELECT 1 FROM outbox WHERE chat_id = ? AND status = 'pending' AND body LIKE ?"
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        found = connection.execute(query, [str(user.id), '%"drawing": {%'])
        return found.fetchone() is not None


async def test_a_report_cut_off_by_a_hard_stop_is_drawn_after_the_restart_and_sent_once(
    tmp_path: Path,
) -> None:
    """/rapport is taken and its Word file drawn, but Telegram does not take it (502, again
    and again): its mail, which holds how to draw the file, is still in the outbox when the
    process group is killed with SIGKILL. The drawn files (the Word file and its chart)
    are removed, as a kill before the drawing was done would have left none. After the
    start the report is drawn again from the mail and sent: the Word file, then the
    Markdown, each once. Would catch mail that keeps only a file's path (nothing to send
    after the restart) and a report sent twice."""
    db, anna = tmp_path / "wijkbot.db", USERS[0]
    drawn = tmp_path / "wijkbot.db-bestanden"  # where the bot writes its charts and reports
    async with stand_in() as api:
        with bot_process(api, db):
            await register(api, anna, PLACES[0])
            api.fail("sendDocument", 502, "Bad Gateway", times=1_000_000)
            api.send_text(anna, "/rapport")
            await api.wait_until(lambda: any(c.method == "sendDocument" for c in api.calls), 90)
            assert waiting_for_a_drawing(db, anna)
        # killed: the bot_process block sent SIGKILL to the whole group
        assert not api.called("sendDocument")
        made = [*drawn.rglob("*.docx"), *drawn.rglob("*.png")]  # the Word file, its chart
        assert made
        for path in made:
            path.unlink()
        api.faults.clear()
        with bot_process(api, db):
            await api.wait_until(lambda: len(api.called("sendDocument")) >= 2, 90)
            count = len(api.sent(anna.id))
            api.send_text(anna, "/help")  # a sentinel: nothing more of the report after it
            await api.wait_until(lambda: len(api.sent(anna.id)) > count, 90)
    files = [c.files["document"][:2] for c in api.called("sendDocument")]
    assert files == [b"PK", b"# "]
