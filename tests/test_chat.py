"""`wijkbot chat` scripted from stdin: the same engine a Telegram user meets."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from bot.answers import entry_text

from .scripted import GEMEENTE, InProcess, chat, knowledge, options, run


def test_question_gets_answer_with_source(tmp_path: Path) -> None:
    [reply] = chat(tmp_path / "w.db", "wat is een buurtbudget")
    assert "Bron:" in reply
    assert "budget" in reply.lower()


def test_choosing_a_suggestion_by_number_or_label(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    replies = chat(db, "rol", "1")
    assert "Bedoelde u" in replies[0]
    first = options(replies[0])[0]
    assert replies[1].startswith(first)
    assert "Bron:" in replies[1]
    by_label = chat(db, "rol", first)
    assert by_label[1].startswith(first)


def test_declined_questions_are_recorded_for_editors(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    [reply] = chat(db, "Waar kan ik mijn paspoort ophalen?")
    assert "geen antwoord" in reply
    rows = list(sqlite_utils.Database(db)["unanswered"].rows)
    assert [(r["question"], r["outcome"]) for r in rows] == [
        ("Waar kan ik mijn paspoort ophalen?", "decline")
    ]
    output = run("kb", "unanswered", "--db", str(db)).output
    assert "paspoort" in output


def test_bad_input_gets_a_clear_dutch_reply_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    replies = chat(db, "/bestaatniet", "x" * 1200, "/vraag")
    assert "ken ik niet" in replies[0]
    assert "te lang" in replies[1]
    assert "/vraag" in replies[2]
    assert list(sqlite_utils.Database(db)["unanswered"].rows) == []


def test_start_and_help(tmp_path: Path) -> None:
    replies = chat(tmp_path / "w.db", "/start", "/help")
    assert replies[0].startswith("Welkom bij Wijkbot")
    assert "Voor welke gemeente werkt u?" in replies[1]
    assert "/vraag" in replies[2]


def test_every_answer_has_one_source_line_that_quotes_the_part_cited() -> None:
    kb = knowledge()
    for entry in kb.entries.values():
        text = entry_text(entry, kb)
        assert text.count("Bron:") == 1, entry.id
        title = kb.sources[entry.source.document].title
        assert text.endswith(f'Bron: {title}, onderdeel "{entry.source.section}".'), entry.id


def test_the_terminal_runs_the_clock_what_is_due_comes_before_the_reply(tmp_path: Path) -> None:
    """An action's reminder is due while Anna is away; her next message gets it first, once."""
    bot = InProcess(tmp_path / "wijkbot.db", now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    bot.say("anna", "/start", GEMEENTE)
    member = bot.store.member("console:anna")
    assert member is not None
    action = {"theme": knowledge().themes[0].key, "title": "Subsidie aanvragen"}
    action |= {"owner": "De wethouder", "due": "2026-03-10"}  # no member: to the coordinator
    bot.store.save_action(member.gemeente_id, action, None, "console:anna")

    assert "Subsidie aanvragen" not in "\n".join(bot.say("anna", "/help"))  # not yet due
    bot.now = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)  # a week before, after nine
    reminder, *rest = bot.say("anna", "/help")
    assert "Actie “Subsidie aanvragen” staat voor 10 maart 2026" in reminder
    assert options(reminder) == ["Klaar", "Nieuwe datum", "Later"]
    assert "Zo werkt Wijkbot" in rest[0]
    assert "Subsidie aanvragen" not in "\n".join(bot.say("anna", "/help"))  # once
    bot.close()


def test_the_terminal_leaves_the_clock_to_a_telegram_bot_on_the_same_database(
    tmp_path: Path,
) -> None:
    """`wijkbot chat` on the database a Telegram bot runs on takes nothing that comes due:
    the reminder still reaches the chat it is for, through the bot's clock."""
    bot = InProcess(tmp_path / "wijkbot.db", now=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    bot.say("anna", "/start", GEMEENTE)
    member = bot.store.member("console:anna")
    assert member is not None
    action = {"theme": knowledge().themes[0].key, "title": "Subsidie aanvragen"}
    action |= {"owner": "De wethouder", "due": "2026-03-10"}
    bot.store.save_action(member.gemeente_id, action, None, "console:anna")
    bot.store.note_start()  # `wijkbot run` started on this database

    bot.now = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    assert "Subsidie aanvragen" not in "\n".join(bot.say("anna", "/help"))
    found, _ = bot.services.engine.due()  # the bot's clock still has it
    assert any("Subsidie aanvragen" in r.text for d in found for r in d.replies)
    bot.close()
