"""The user's own data (AVG): /privacy, /mijn_gegevens and /vergeet_mij, checked against the
database itself: the export holds every row that names the user, and after forgetting no
cell anywhere holds their Telegram id or name, while the gemeente's work stays."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bot.engine import ChatType, Event, Reply, texts
from bot.services import build_services
from bot.store import Store
from bot.store.privacy import DELETED_NAME, OTHER_PERSON

from .scripted import REGISTER, STEP2, STEP4, InProcess, knowledge, matcher, options

ZQ = "Zwaantje Quist"  # a name that appears nowhere else
ZQ_ID = f"console:{ZQ}"
GROUP = "-100900"


def group(bot: InProcess, user: str, text: str | None = None, payload: str | None = None,
          admin: bool = False) -> list[Reply]:  # fmt: skip
    event = Event(
        chat_id=GROUP,
        user_id=f"console:{user}",
        chat_type=ChatType.GROUP,
        text=text,
        payload=payload,
        user_name=user,
        chat_title="Wijkteam Zuid",
        is_admin=admin,
        replies_to_bot=bool(text) and not text.startswith("/"),  # type: ignore[union-attr]
    )
    return bot.services.engine.handle(event)


def cells(db: Path) -> Iterator[tuple[str, str, Any]]:
    """(table, column, value) for every cell of every table."""
    with sqlite3.connect(db) as connection:
        found = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [row[0] for row in found]
        for table in tables:
            cursor = connection.execute(f"SELECT * FROM [{table}]")
            columns = [d[0] for d in cursor.description]
            for row in cursor:
                yield from ((table, c, v) for c, v in zip(columns, row, strict=True))
    connection.close()


def naming(db: Path, *needles: str) -> set[tuple[str, str]]:
    """(table, column) of every cell that contains one of the needles."""
    return {(t, c) for t, c, v in cells(db) if any(n in str(v) for n in needles)}


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[InProcess]:
    """Zwaantje coordinates Oude IJsselstreek with Bert, and has left traces everywhere."""
    bot = InProcess(tmp_path / "wijkbot.db")
    bot.say(ZQ, "/start", "Oude IJsselstreek", "1")
    code = bot.say(ZQ, "/uitnodigen")[0].split("/start join-")[1].split()[0]
    bot.say("Bert", f"/start join-{code}")
    bot.say(ZQ, *STEP2)
    bot.say(ZQ, *STEP4)  # actions, each with a first version by her
    bot.say(ZQ, "Waar kan ik een partytent lenen voor het buurtfeest?")
    # to her own gemeente: a coordinator is offered no button for that, the handler takes it
    [last] = sqlite_utils.Database(bot.store.path).execute("SELECT MAX(id) FROM unanswered")
    bot.press(ZQ, f"vg:{last[0]}")
    bot.say("Bert", "/stap 1", "Centrum")
    group(bot, ZQ, "/koppel GM1509", admin=True)
    group(bot, ZQ, "/checkin_plan energie maandag 09:00 48", admin=True)
    group(bot, ZQ, "/checkin open", admin=True)
    group(bot, ZQ, "Meer ontmoetingsplekken in de wijk", admin=True)
    group(bot, "Bert", "Een vaste wijkavond")
    group(bot, ZQ, "/checkin_sluit namen", admin=True)
    [energy] = [r for r in group(bot, ZQ, "/checkin energie", admin=True) if r.options]
    group(bot, ZQ, payload=energy.options[0].payload)
    group(bot, ZQ, "/checkin_sluit namen", admin=True)
    yield bot
    bot.close()


def test_the_privacy_notice_says_who_what_why_how_long_and_where_to_complain(
    bot: InProcess,
) -> None:
    [notice] = bot.say("Bert", "/privacy")
    for said in ("Wie is verantwoordelijk", "Wat ik bewaar", "Waarom", "Hoe lang",
                 "12 maanden", "24 maanden", "30 dagen", "60 dagen", "/mijn_gegevens",
                 "/vergeet_mij", "bezwaar",
                 "Autoriteit Persoonsgegevens"):  # fmt: skip
        assert said in notice, said
    assert texts.DEFAULT_CONTROLLER in notice  # no operator configured in this test


def test_questions_are_kept_twelve_months(tmp_path: Path) -> None:
    """What the statement promises, the bot does: a question nobody could answer, asked
    more than a year ago, is gone at the clock's next look."""
    now = [datetime(2026, 1, 5, 10, 0, tzinfo=UTC)]
    db = tmp_path / "wijkbot.db"
    store = Store(db, clock=lambda: now[0])
    store.record_unanswered("Waar lenen we een partytent?", "decline", None, None, "private")
    now[0] += timedelta(days=200)
    store.record_unanswered("Wie maait het gras?", "decline", None, None, "private")
    services = build_services(db, knowledge(), store, matcher(), tmp_path / "bestanden")
    now[0] += timedelta(days=200)
    with store.transaction():
        services.engine.due(now[0])
    assert [q["question"] for q in store.unanswered()] == ["Wie maait het gras?"]
    store.close()


def test_members_inactive_for_24_months_are_asked_and_then_forgotten(tmp_path: Path) -> None:
    """The statement's promise: asked once after 24 months without use; forgotten as by
    /vergeet_mij when no answer comes within 30 days, the gemeente handed to a colleague.
    Any message counts as an answer."""
    bot = InProcess(tmp_path / "wijkbot.db")
    engine = bot.services.engine
    bot.say("anna", *REGISTER)
    for colleague in ("bert", "carl"):
        code = bot.say("anna", "/uitnodigen")[0].split("/start join-")[1].split()[0]
        bot.say(colleague, f"/start join-{code}")
    bot.say("anna", "/stap 2", "2", "/stop")
    bot.now += timedelta(days=700)
    bot.say("bert", "/voortgang")  # Bert keeps using it

    bot.now += timedelta(days=31)  # 731 days after Anna and Carl last came
    asked = {d.chat_id: d.replies for d in engine.due(bot.now)[0]}
    assert set(asked) == {"console:anna", "console:carl"}
    [question] = asked["console:anna"]
    assert question.text.startswith("U hebt Wijkbot voor Oude IJsselstreek 24 maanden niet")
    assert [o.label for o in question.options] == [texts.INACTIVE_STAY, texts.INACTIVE_GO]
    assert engine.due(bot.now)[0] == []  # asked once
    assert bot.press("carl", question.options[0].payload) == [texts.STAYS]
    assert bot.press("mallory", question.options[0].payload) == [texts.STALE_OPTION]

    bot.now += timedelta(days=29)
    assert engine.due(bot.now)[0] == []  # Anna still has time
    bot.now += timedelta(days=2)
    with bot.store.transaction():
        gone = {d.chat_id: d.replies for d in engine.due(bot.now)[0]}
    assert [r.text for r in gone["console:anna"]] == [texts.INACTIVE_FORGOTTEN]
    told = texts.NOW_COORDINATOR.format(gemeente="Oude IJsselstreek")
    assert [r.text for r in gone["console:bert"]] == [told]  # the first colleague keeps it
    assert set(gone) == {"console:anna", "console:bert"}  # Carl answered: he stays
    assert naming(bot.store.path, "console:anna", "anna") == set()
    assert bot.say("anna", "/voortgang") == [texts.NOT_A_MEMBER]
    assert "/start join-" in bot.say("bert", "/uitnodigen")[0]
    assert "Voortgang van Oude IJsselstreek (2 leden)" in bot.say("carl", "/voortgang")[0]
    assert "Stap 2 Startpositie bepalen: bezig" in bot.say("carl", "/voortgang")[0]
    bot.close()


def test_my_data_holds_every_row_that_names_the_user(bot: InProcess) -> None:
    [reply] = bot.services.engine.handle(Event(ZQ_ID, ZQ_ID, text="/mijn_gegevens", user_name=ZQ))
    assert reply.document is not None
    exported = json.loads(reply.document.read_text(encoding="utf-8"))
    assert exported["telegram_id"] == ZQ_ID
    tables = exported["tables"]

    with sqlite3.connect(bot.store.path) as connection:
        connection.row_factory = sqlite3.Row
        for table, _ in naming(bot.store.path, ZQ):
            for row in connection.execute(f"SELECT * FROM [{table}]"):
                if any(ZQ in str(value) for value in dict(row).values()):
                    key, value = next(iter(dict(row).items()))  # each table's first column
                    assert value in [r[key] for r in tables[table]], (table, dict(row))
    connection.close()
    # values as they mean: a phase is a number, a text is text (not JSON in a string)
    assert {type(r["value"]) for r in tables["answers"]} <= {int, str, list, dict}
    assert not any(isinstance(r["value"], str) and r["value"].startswith('"')
                   for r in tables["answers"])  # fmt: skip
    # She left traces in all these places; the export has them all.
    expected = {"members", "invites", "answers", "action_versions", "questions",
                "checkin_answers", "checkins", "checkin_schedules", "group_links"}  # fmt: skip
    assert expected <= set(tables)
    assert all(row["author_id"] == ZQ_ID for row in tables["answers"])
    [berts] = bot.services.engine.handle(
        Event("console:Bert", "console:Bert", text="/mijn_gegevens", user_name="Bert")
    )
    assert berts.document is not None
    his = json.loads(berts.document.read_text(encoding="utf-8"))["tables"]
    [invite] = his["invites"]  # the one he used, sent by Zwaantje: her id is not his data
    assert invite["used_by"] == "console:Bert" and invite["created_by"] == OTHER_PERSON
    assert ZQ not in json.dumps(his, ensure_ascii=False)
    assert bot.say("Nobody", "/mijn_gegevens") == [texts.NO_DATA]


def test_forgetting_removes_the_identity_everywhere_and_keeps_the_gemeentes_work(
    bot: InProcess,
) -> None:
    db = bot.store.path
    answers_before = _count(db, "answers")
    bert_before = _rows(db, "SELECT * FROM answers WHERE author_id = 'console:Bert'")

    confirm = bot.say(ZQ, "/vergeet_mij")[0]  # the only coordinator, with a colleague
    assert texts.FORGET_HANDOVER.format(name="Bert") in confirm
    assert options(confirm) == [texts.FORGET_YES, texts.FORGET_NO]
    assert bot.say(ZQ, "/vergeet_mij", "2") == [texts.NOT_FORGOTTEN]
    assert naming(db, ZQ)  # nothing happened yet
    forgotten = bot.say(ZQ, "/vergeet_mij", "1")
    assert forgotten[0] == texts.FORGOTTEN
    told = texts.NOW_COORDINATOR.format(gemeente="Oude IJsselstreek")
    assert any(told in block for block in forgotten[1:])  # Bert hears he keeps it

    # while the bot runs, no byte of the database or its write-ahead log holds her
    for path in (db, db.with_name(db.name + "-wal")):
        raw = path.read_bytes() if path.exists() else b""
        for trace in ("Zwaantje", "Quist", "partytent", "Meer ontmoetingsplekken"):
            assert trace.encode() not in raw, (path.name, trace)
    assert naming(db, ZQ, "Zwaantje") == set()  # id and name: nowhere
    assert _count(db, "answers") == answers_before  # the work stays ...
    authors = {r["author_name"] for r in _rows(db, "SELECT author_name FROM answers")}
    assert authors == {DELETED_NAME, "Bert"}  # ... attributed to 'verwijderde gebruiker'
    assert _rows(db, "SELECT * FROM answers WHERE author_id = 'console:Bert'") == bert_before
    assert _count(db, "questions") == 0  # her own messages are gone
    results = _rows(db, "SELECT results FROM checkins ORDER BY id")
    [open_round, energy] = [json.loads(row["results"]) for row in results]
    assert [a["text"] for a in open_round["answers"]] == ["Een vaste wijkavond"]
    assert open_round["respondents"] == 2 and energy["respondents"] == 1  # counts stay
    assert DELETED_NAME in energy["names"]

    progress = bot.say("Bert", "/voortgang")[0]
    assert "Voortgang van Oude IJsselstreek (1 lid)" in progress  # Bert alone now
    assert "Stap 2 Startpositie bepalen: klaar" in progress  # her answers still count
    assert "Open ronde in Wijkteam Zuid" in progress
    assert "/start join-" in bot.say("Bert", "/uitnodigen")[0]  # he coordinates now
    assert bot.say(ZQ, "/voortgang") == [texts.NOT_A_MEMBER]  # she is a stranger now
    assert naming(db, ZQ) == set()


def _rows(db: Path, sql: str) -> list[dict[str, Any]]:
    with sqlite3.connect(db) as connection:
        connection.row_factory = sqlite3.Row
        found = [dict(row) for row in connection.execute(sql)]
    connection.close()
    return found


def _count(db: Path, table: str) -> int:
    return len(_rows(db, f"SELECT * FROM [{table}]"))
