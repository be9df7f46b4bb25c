"""`wijkbot export --json` keeps the DESIGN.md contract; `wijkbot backup` makes a safe copy."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bot.content import THEME_KEYS

from .scripted import (
    GEMEENTE,
    STEP1,
    InProcess,
    answer_rows,
    chat,
    export,
    register,
    run,
)

STATUSES = {"open", "bezig", "klaar"}
KERNKEUZE_VALUES = {
    "veranderaanpak": {"revolutionair", "evolutionair", None},
    "rol_toegangsteam": {"toegang", "toegang_lichte_ondersteuning", "kloppend_hart", None},
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Step 1 done, step 2 half, one kernkeuze, step 4 not begun; and a second gemeente."""
    path = tmp_path_factory.mktemp("export") / "wijkbot.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WIJKBOT_FILES", raising=False)
        register(path, "anna")
        chat(path, *STEP1, "/stap 2", "2", "3", "/overslaan", "1", "/stop")
        chat(path, "/stap 3", "1", "/stop")
        register(path, "bob", "Aalten")
    return path


def check_schema(progress: dict[str, Any]) -> None:
    """Every key, type and allowed value of the contract (DESIGN.md, Contracts)."""
    assert set(progress) == {"gemeente", "members", "steps", "checkins", "updated_at", "checklist"}
    assert set(progress["gemeente"]) == {"name", "code"}
    assert isinstance(progress["gemeente"]["name"], str)
    assert isinstance(progress["gemeente"]["code"], str)
    assert type(progress["members"]) is int
    assert isinstance(progress["checkins"], list)
    assert progress["updated_at"] is None or datetime.fromisoformat(progress["updated_at"])

    steps = progress["steps"]
    assert list(steps) == ["wijkanalyse", "startpositie", "kernkeuzes", "start"]
    for step in steps.values():
        assert step["status"] in STATUSES

    analysis = steps["wijkanalyse"]
    assert set(analysis) == {"status", "wijken", "priorities"}
    for wijk in analysis["wijken"]:
        assert set(wijk) == {"name", "answers"}
        assert isinstance(wijk["name"], str) and isinstance(wijk["answers"], dict)
    assert all(isinstance(name, str) for name in analysis["priorities"])

    profile = steps["startpositie"]
    assert set(profile) == {"status", "themes"}
    assert list(profile["themes"]) == list(THEME_KEYS)
    for phase in profile["themes"].values():
        assert phase is None or (type(phase) is int and 1 <= phase <= 4)

    choices = steps["kernkeuzes"]
    assert set(choices) == {"status", *KERNKEUZE_VALUES}
    for key, allowed in KERNKEUZE_VALUES.items():
        assert choices[key] in allowed

    start = steps["start"]
    assert set(start) == {"status", "focus_themes", "actions"}
    assert set(start["focus_themes"]) <= set(THEME_KEYS)
    for action in start["actions"]:
        assert set(action) == {"theme", "title", "owner", "due", "status"}
        assert action["theme"] in THEME_KEYS
        assert action["status"] in {"open", "klaar"}

    checklist = progress["checklist"]
    assert set(checklist) == {"status", "tasks", "strongest", "weakest"}
    assert checklist["status"] in STATUSES
    assert [task["number"] for task in checklist["tasks"]] == list(range(1, 11))
    for task in checklist["tasks"]:
        assert set(task) == {"number", "key", "name", "answered", "items", "score"}
        assert 0 <= task["answered"] <= task["items"]
        assert task["score"] is None or 0 <= task["score"] <= 10
    keys = {task["key"] for task in checklist["tasks"]}
    assert set(checklist["strongest"]) <= keys and set(checklist["weakest"]) <= keys


def test_export_of_one_gemeente_keeps_the_contract(db: Path) -> None:
    progress = export(db, GEMEENTE)
    check_schema(progress)
    assert progress["gemeente"] == {"name": GEMEENTE, "code": "GM1509"}
    assert progress["members"] == 1
    steps = progress["steps"]
    assert {key: step["status"] for key, step in steps.items()} == {
        "wijkanalyse": "klaar",
        "startpositie": "bezig",
        "kernkeuzes": "bezig",
        "start": "open",
    }
    assert [w["name"] for w in steps["wijkanalyse"]["wijken"]] == ["Noord", "Zuid"]
    assert steps["startpositie"]["themes"] == {
        "visie_inspiratie": 2,
        "wijkteams": 3,
        "opdrachtgeverschap": None,  # skipped
        "samenwerking_wijk": 1,
        "gemeentelijke_organisatie": None,
        "taal_gedrag": None,
    }
    assert steps["kernkeuzes"]["veranderaanpak"] == "revolutionair"
    assert steps["kernkeuzes"]["rol_toegangsteam"] is None
    assert steps["start"] == {"status": "open", "focus_themes": [], "actions": []}
    assert progress["checkins"] == []
    latest = max(row["answered_at"] for row in answer_rows(db))
    assert progress["updated_at"] == latest


def test_a_gemeente_is_found_by_code_or_name_in_any_case(db: Path) -> None:
    assert export(db, "gm1509") == export(db, GEMEENTE.upper())


def test_export_without_a_gemeente_lists_them_all(db: Path) -> None:
    everything = export(db, None)
    assert isinstance(everything, list)
    for progress in everything:
        check_schema(progress)
    assert [p["gemeente"]["name"] for p in everything] == ["Aalten", GEMEENTE]
    assert everything[1] == export(db, GEMEENTE)
    assert everything[0]["steps"]["wijkanalyse"]["status"] == "open"
    assert everything[0]["steps"]["startpositie"]["themes"] == dict.fromkeys(THEME_KEYS)
    assert everything[0]["updated_at"] is None


def test_export_of_an_unknown_gemeente_fails_clearly(db: Path) -> None:
    result = run("export", "--db", str(db), "--gemeente", "Nergenshuizen", "--json")
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "Nergenshuizen" in result.output


def test_export_of_a_missing_database_fails_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = run("export", "--db", str(missing), "--json")
    assert result.exit_code != 0
    assert str(missing) in result.output
    assert not missing.exists()


def test_backup_is_a_complete_copy(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "wijkbot-kopie.db"
    result = run("backup", "--db", str(db), str(target))
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    assert answer_rows(target) == answer_rows(db)
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    assert export(target, None) == export(db, None)


def test_backup_while_the_bot_is_running_holds_the_latest_answers(tmp_path: Path) -> None:
    path = tmp_path / "wijkbot.db"
    bot = InProcess(path)  # keeps the database open, with its answers in the WAL
    try:
        bot.say("anna", "/start", GEMEENTE)
        bot.say("anna", "/stap 2", "4")
        result = run("backup", "--db", str(path), str(tmp_path / "kopie.db"))
        assert result.exit_code == 0, result.output
    finally:
        bot.close()
    [row] = answer_rows(tmp_path / "kopie.db")
    assert (row["item"], row["value"], row["author_name"]) == ("visie_inspiratie", 4, "anna")


def test_backup_never_overwrites_a_file(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "bestaat.db"
    target.write_bytes(b"niet overschrijven")
    result = run("backup", "--db", str(db), str(target))
    assert result.exit_code != 0
    assert "exists" in result.output
    assert target.read_bytes() == b"niet overschrijven"
    assert sqlite_utils.Database(db)["answers"].count > 0  # the source is untouched
