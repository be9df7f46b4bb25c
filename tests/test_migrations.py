"""The schema is migrated by sqlite-utils' Migrations; a database migrated before that (its
migrations counted in `schema_version`) goes on unchanged: nothing run twice, no row lost,
and the same schema as a new one."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import sqlite_utils

from bot.store import Store
from bot.store.migrations import MIGRATIONS


def schema(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
    db.close()
    return rows


def test_a_database_migrated_the_old_way_goes_on_unchanged(tmp_path: Path) -> None:
    old = sqlite_utils.Database(tmp_path / "old.db")
    old.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    for number, migration in enumerate(MIGRATIONS[:5], start=1):  # as the old runner did
        migration(old)
        old.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
    old["unanswered"].insert({"question": "Wat is een buurtbudget?", "outcome": "decline"})
    old.conn.commit()
    old.close()

    Store(tmp_path / "old.db").close()  # the rest, once
    Store(tmp_path / "new.db").close()
    assert schema(tmp_path / "old.db") == schema(tmp_path / "new.db")
    migrated = sqlite_utils.Database(tmp_path / "old.db")
    assert [r["question"] for r in migrated["unanswered"].rows] == ["Wat is een buurtbudget?"]
    names = [r["name"] for r in migrated["_sqlite_migrations"].rows]
    assert len(names) == len(set(names)) == len(MIGRATIONS)

    Store(tmp_path / "old.db").close()  # and again: nothing more
    assert migrated["_sqlite_migrations"].count == len(MIGRATIONS)


def test_two_processes_writing_at_once_take_turns_instead_of_failing(tmp_path: Path) -> None:
    """The bot's engine and an operator's command on one database: a transaction that read
    first and writes after another wrote in between must wait its turn, not fail with
    "database is locked" (SQLite gives up at once on such a write unless the transaction
    took the write lock at its start)."""
    first, second = Store(tmp_path / "wijkbot.db"), Store(tmp_path / "wijkbot.db")
    other = threading.Thread(target=second.note_chat, args=("-200", "group", "Buurtgroep"))
    with first.transaction():
        assert first.chat_title("-100") == ""  # it reads first ...
        other.start()
        other.join(0.5)  # ... the other writes meanwhile, or waits for this one
        first.note_chat("-100", "group", "Wijkteam")  # ... and then it writes
    other.join()
    assert (first.chat_title("-100"), first.chat_title("-200")) == ("Wijkteam", "Buurtgroep")


def test_processes_opening_a_new_database_at_once_all_find_it_migrated(tmp_path: Path) -> None:
    """A bot starting and an operator's command on a new database: one switches it to
    write-ahead logging and migrates, the others wait for it and find the schema there
    (none fails on the switch, none creates a table twice). Twenty new databases, each
    opened by four at once: the switch failed about one time in twenty."""
    failures: list[BaseException] = []

    def open_it(db: Path) -> None:
        try:
            Store(db).close()
        except BaseException as error:
            failures.append(error)

    for number in range(20):
        db = tmp_path / f"wijkbot-{number}.db"
        openers = [threading.Thread(target=open_it, args=(db,)) for _ in range(4)]
        for opener in openers:
            opener.start()
        for opener in openers:
            opener.join()
        assert failures == []
        assert Store(db).schema_version == len(MIGRATIONS)
