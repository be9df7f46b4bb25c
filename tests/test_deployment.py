"""What an operator meets when deploying: `wijkbot run` without a token and without a
terminal stops with exit 2; without network it keeps trying, one log line per try (JSON
lines when asked), and `wijkbot health` turns unhealthy; the daily backup keeps the last N."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.services import build_services
from bot.store import Store
from bot.store.backups import Backups
from bot.telegram import calls
from bot.vocabulary import Event
from tests.botapi import TOKEN, StandInBotAPI, User
from tests.processes import process_of, read_until, running
from tests.scripted import knowledge, matcher

ANNA = User(501, "Anna")
DATES = "_regex"  # dateparser's
DRAWING = ("ft2font", "lxml")  # matplotlib's, python-docx's


def test_run_without_a_token_and_without_a_terminal_exits_2_with_one_line() -> None:
    result = CliRunner().invoke(main, ["run"], env={"TELEGRAM_BOT_TOKEN": ""}, input="")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "Error: TELEGRAM_BOT_TOKEN is not set; Wijkbot cannot start."
    ]


_STARTED: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _none_left_running() -> Iterator[None]:
    """A test that fails halfway leaves no `wijkbot run` behind (its engine process ends
    with it: the pipe to it closes)."""
    yield
    while _STARTED:
        process = _STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.wait()


def wijkbot_run(db: Path, api_base_url: str, **env: str) -> subprocess.Popen[bytes]:
    """`wijkbot run` as a process, with no terminal, its log lines on a pipe."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env={
            **os.environ,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "WIJKBOT_API_BASE_URL": api_base_url,
            "WIJKBOT_DB": str(db),
            "WIJKBOT_OPERATORS": "1001",
            **env,
        },
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _STARTED.append(process)
    return process


@pytest.mark.slow
async def test_a_token_telegram_refuses_ends_it_in_one_line_without_the_token(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    process = wijkbot_run(tmp_path / "wijkbot.db", api.base_url, TELEGRAM_BOT_TOKEN="1:wrong")
    assert await asyncio.to_thread(process.wait, 60) == 1
    assert process.stderr is not None
    said = process.stderr.read().decode()
    assert said == "Error: Telegram refused TELEGRAM_BOT_TOKEN; check it with @BotFather\n"


@pytest.mark.slow
async def test_content_that_does_not_load_ends_it_with_the_problem_in_one_message(
    tmp_path: Path, content_copy: Path
) -> None:
    """The engine process loads the content; what is wrong with it is the bot's last word,
    as in `wijkbot kb check`, without a traceback. Telegram cannot be reached meanwhile: the
    operator learns about the content now, not once the network is back."""
    _break(content_copy)
    api = f"http://127.0.0.1:{closed_port()}/bot"
    process = wijkbot_run(tmp_path / "wijkbot.db", api, WIJKBOT_CONTENT=str(content_copy))
    assert await asyncio.to_thread(process.wait, 60) == 1
    assert process.stderr is not None
    said = process.stderr.read().decode()
    assert "Telegram cannot be reached" in said  # it had started waiting
    assert "zz_kapot.yaml" in said and "half-af" in said
    assert "Traceback" not in said and TOKEN not in said
    assert any(line.startswith("Error: ") for line in said.splitlines())


@pytest.mark.slow
async def test_an_engine_that_cannot_start_again_stops_the_bot_with_an_error(
    api: StandInBotAPI, tmp_path: Path, content_copy: Path
) -> None:
    """The engine process dies while the bot runs, and the content was broken meanwhile: the
    bot does not stay up deaf to everyone; it stops with an error (a supervisor restarts it
    and the log says why)."""
    content = str(content_copy)
    process = wijkbot_run(tmp_path / "wijkbot.db", api.base_url, WIJKBOT_CONTENT=content)
    lines = await asyncio.to_thread(read_until, process, running)
    _break(content_copy)
    os.kill(process_of(lines, "engine"), signal.SIGKILL)
    assert await asyncio.to_thread(process.wait, 60) == 1
    assert process.stderr is not None
    said = process.stderr.read().decode()
    assert "cannot start again" in said
    assert any(line.startswith("Error: ") for line in said.splitlines())


@pytest.mark.slow
async def test_an_idle_engine_loads_the_library_for_dates_beforehand_and_none_for_drawing(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    """Loading dateparser's Dutch takes a second, which the first date ("eind maart") would
    make its user wait through: an engine idle a moment after its start loads it without
    being asked. matplotlib and python-docx it never loads: they live in the drawing
    process, only while there is drawing to do (bot/drawing_process.py)."""
    process = wijkbot_run(tmp_path / "wijkbot.db", api.base_url, WIJKBOT_WARM_UP="on")
    try:
        lines = await asyncio.to_thread(read_until, process, running)
        maps = Path(f"/proc/{process_of(lines, 'engine')}/maps")
        deadline = time.monotonic() + 60
        while DATES not in maps.read_text():
            assert time.monotonic() < deadline, f"{DATES} never loaded"
            await asyncio.sleep(0.05)
        assert not [name for name in DRAWING if name in maps.read_text()]
    finally:
        process.terminate()
        await asyncio.to_thread(process.wait, 30)


def _break(content: Path) -> None:
    (content / "knowledge" / "entries" / "zz_kapot.yaml").write_text(
        "entries:\n  - id: half-af\n    title: Zonder antwoord\n", encoding="utf-8"
    )


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.slow
async def test_without_network_it_keeps_trying_in_one_json_line_each_and_health_tells(
    tmp_path: Path,
) -> None:
    """No network at start: getMe is tried again with a growing pause, and `wijkbot health`
    turns unhealthy once that lasts; then Telegram is there, and a getUpdates that fails
    later (a 502) is tried again too. Each try is one JSON line, without a traceback, and
    the message that waited is answered."""
    db, port = tmp_path / "wijkbot.db", closed_port()
    process = wijkbot_run(db, f"http://127.0.0.1:{port}/bot", WIJKBOT_LOG_FORMAT="json")
    api = StandInBotAPI()
    try:
        lines = await asyncio.to_thread(read_until, process, lambda seen: len(seen) >= 2)
        await _until_marked_started(db)  # by the engine process, once it has loaded
        ago = (datetime.now(UTC) - timedelta(minutes=10)).isoformat(timespec="seconds")
        with sqlite3.connect(db) as marks:  # as if it had been trying for ten minutes
            marks.execute("UPDATE health SET at = ? WHERE name = 'started'", [ago])
        stale = CliRunner().invoke(main, ["health", "--db", str(db)])
        assert stale.exit_code == 1
        assert "No contact with Telegram for 10 minutes" in stale.output

        await api.start(port)  # the network is back
        lines += await asyncio.to_thread(read_until, process, running)
        api.fail("getUpdates", 502, "Bad Gateway", times=1)
        api.send_text(ANNA, "/start")  # the waiting getUpdates returns it; the next one fails
        await api.wait_for_messages(ANNA.id, 1, timeout=90)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(process.wait, 60) == 0
    finally:
        if process.poll() is None:
            process.kill()
        await api.stop()
    assert process.stderr is not None
    lines += process.stderr.read().decode().splitlines()
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    at_start = [r for r in records if "Telegram cannot be reached (" in r["message"]]
    assert "trying again in 1 s" in at_start[0]["message"]
    assert "trying again in 2 s" in at_start[1]["message"]  # a growing pause
    later = [r for r in records if "polling tries again" in r["message"]]
    assert len(later) == 1
    assert all(r["level"] == "WARNING" for r in at_start + later)
    assert not any("traceback" in r for r in records)


async def _until_marked_started(db: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not (db.exists() and Store(db).telegram_silent_since()):
        assert time.monotonic() < deadline, "the bot's start was never noted"
        await asyncio.sleep(0.05)


def test_daily_backups_keep_the_last_n_on_the_bots_clock(tmp_path: Path) -> None:
    now = [datetime(2026, 3, 2, 3, 0, tzinfo=UTC)]
    db = tmp_path / "wijkbot.db"
    store = Store(db, clock=lambda: now[0])
    folder = tmp_path / "backups"
    services = build_services(
        db, knowledge(), store, matcher(), tmp_path / "bestanden", backups=Backups(folder, 3)
    )
    services.engine.handle(Event("5", "5", text="Wat is het weer morgen in Zwolle?"))

    def look(hours: float) -> list[str]:
        now[0] += timedelta(hours=hours)
        calls.due(services, now[0].isoformat())
        return sorted(p.name for p in folder.iterdir())

    assert look(0) == ["wijkbot-20260302T030000Z.db"]
    assert look(23) == ["wijkbot-20260302T030000Z.db"]  # not a day yet
    assert len(look(1)) == 2
    assert look(24) == look(0)  # once a day, however often the clock looks
    assert look(24) == [  # the oldest gone
        "wijkbot-20260303T030000Z.db",
        "wijkbot-20260304T030000Z.db",
        "wijkbot-20260305T030000Z.db",
    ]
    copy = sqlite3.connect(folder / "wijkbot-20260305T030000Z.db")
    [(question,)] = copy.execute("SELECT question FROM unanswered").fetchall()
    assert question == "Wat is het weer morgen in Zwolle?"
    copy.close()
    services.close()
