"""The `wijkbot` command as outside checks use it (DESIGN.md, Contracts)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from tests import scripted

KEYS = {"question", "matched", "id", "title", "answer", "score", "source", "suggestions"}


def run(*args: str, input: str | None = None) -> str:
    """`wijkbot ARGS`, with the knowledge base loaded once for the session (tests/scripted.py);
    `kb check` below loads it for real."""
    result = scripted.run(*args, input=input)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_ask_json_answer() -> None:
    [line] = run("ask", "--json", "Wat is een buurtbudget?").splitlines()
    reply = json.loads(line)
    assert set(reply) == KEYS
    assert reply["matched"] is True
    assert reply["id"] and reply["title"] and reply["title"] in reply["answer"]
    assert "budget" in reply["answer"].lower()
    assert reply["source"].split(",")[0].endswith(".txt")
    assert 0 < reply["score"] <= 1
    for suggestion in reply["suggestions"]:
        assert set(suggestion) == {"id", "title", "score"}


def test_ask_json_decline_says_what_the_bot_knows() -> None:
    reply = json.loads(run("ask", "--json", "Wat is het weer morgen in Zwolle?"))
    assert reply["matched"] is False
    assert reply["id"] is None and reply["source"] is None
    assert "wijkgericht werken" in reply["answer"]


def test_ask_json_batch_from_stdin_keeps_order() -> None:
    questions = ["wat is een buurtbudget", "", "Wie won de Tour de France?", "kernkeuzes"]
    lines = run("ask", "--json", "-", input="\n".join(questions) + "\n").splitlines()
    replies = [json.loads(line) for line in lines]
    assert [r["question"] for r in replies] == [q for q in questions if q]
    assert [r["matched"] for r in replies][:2] == [True, False]


def test_ask_plain_text() -> None:
    output = run("ask", "wat", "is", "de", "sociale", "basis")
    assert "Bron:" in output


def test_kb_check_prints_counts() -> None:
    result = CliRunner().invoke(main, ["kb", "check"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    output = result.output
    assert "Content OK" in output
    assert "342 gemeenten" in output


def test_kb_eval_prints_the_figures(tmp_path: Path) -> None:
    questions = tmp_path / "vragen.yaml"
    questions.write_text(
        "in_scope:\n"
        '  - {q: "wat is een buurtbudget", style: a, expect: [["budget"]]}\n'
        '  - {q: "hoeveel fases zijn er", style: d, expect: [["fase"], ["dna"]]}\n'
        '  - {q: "wat is een buurtbudget", style: a, expect: [["fietsenstalling"]]}\n'
        "out_of_scope:\n"
        '  - "Wat kost een nieuwe fiets?"\n'
        '  - {q: "Hoe laat is het?", kind: smalltalk}\n',
        encoding="utf-8",
    )
    output = run("kb", "eval", str(questions))
    assert "| all in scope | 3 | 66.7% | 33.3% | 66.7% |" in output  # the third answer is wrong
    assert "| a. short keywords | 2 | 50.0% | 50.0% | 50.0% |" in output
    assert "| d. example, place or number | 1 | 100.0% | 0.0% | 100.0% |" in output
    assert "| out of scope, declined | 2 | 100.0% | | |" in output


def test_health_writes_for_real_and_knows_when_telegram_was_last_reached(tmp_path: Path) -> None:
    """`wijkbot health` commits a real write (so a full disk or a read-only file shows),
    and once the bot has run on the database, it is unhealthy when Telegram has not
    answered the bot for more than five minutes."""
    db = tmp_path / "wijkbot.db"
    assert "writable" in run("health", "--db", str(db))  # a bot that never ran: fine
    [(checked,)] = sqlite3.connect(db).execute("SELECT at FROM health WHERE name = 'check'")
    assert checked

    contact = sqlite3.connect(db)
    ago = (datetime.now(UTC) - timedelta(minutes=10)).isoformat(timespec="seconds")
    with contact:
        contact.execute("INSERT INTO health (name, at) VALUES ('telegram', ?)", [ago])
    stale = scripted.run("health", "--db", str(db))
    assert stale.exit_code == 1
    assert "No contact with Telegram for 10 minutes" in stale.output

    with contact:
        contact.execute("UPDATE health SET at = ? WHERE name = 'telegram'", [_now()])
    assert "writable" in run("health", "--db", str(db))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
