"""Every bad input gets a clear Dutch reply, stores nothing, and asks the same question again."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from .scripted import (
    GEMEENTE,
    NEXT_YEAR,
    InProcess,
    answer_rows,
    around,
    chat,
    count,
    dump,
    export,
    heading,
    register,
)

LONG_ANSWER = ("In deze wijk wonen veel gezinnen met jonge kinderen en ouderen. " * 12)[:700]


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A registered coordinator who named one wijk in step 1."""
    monkeypatch.delenv("WIJKBOT_FILES", raising=False)
    path = tmp_path / "wijkbot.db"
    register(path)
    chat(path, "/stap 1", "Noord", "/stop")
    return path


def test_text_where_a_choice_is_expected_says_how_to_choose(db: Path) -> None:
    rows = count(db, "answers")
    replies = chat(db, "/stap 2", "misschien")
    question, hint, again = around(replies, "Kies een van de opties")
    assert hint == (
        "Kies een van de opties: typ een nummer van 1 tot 4 of de naam van de optie. "
        "Nog niet zeker? Typ /overslaan."
    )
    assert again == question
    assert heading(again) == "Stap 2 van 4, vraag 1 van 6"
    assert count(db, "answers") == rows


def test_an_answer_over_the_limit_says_how_long_and_stores_nothing(db: Path) -> None:
    assert len(LONG_ANSWER) == 700
    rows = count(db, "answers")
    replies = chat(db, "/stap 1", LONG_ANSWER)
    question, message, again = around(replies, "Uw antwoord is")
    assert message == (
        "Uw antwoord is 700 tekens; hier passen er 600. Maak het wat korter. "
        "Er is niets opgeslagen."
    )
    assert heading(question) == "Stap 1 van 4, vraag 2 van 10"
    assert again == question
    assert count(db, "answers") == rows
    assert export(db)["steps"]["wijkanalyse"]["wijken"] == [{"name": "Noord", "answers": {}}]


def test_a_message_over_1000_characters_is_too_long(db: Path) -> None:
    chat(db, "/stap 1")
    before = dump(db)
    reply, again = chat(db, "Noord " * 200)
    assert reply.startswith("Dat bericht is te lang: 1199 tekens, terwijl er 1000 passen.")
    assert "er is niets opgeslagen" in reply
    assert heading(again).startswith("Stap 1 van 4, vraag")  # the pending question again
    assert dump(db) == before


def test_an_unknown_command(db: Path) -> None:
    before = dump(db)
    assert chat(db, "/foo") == ["Het commando /foo ken ik niet. Typ /help voor wat ik kan."]
    assert dump(db) == before


def test_an_impossible_or_past_date_is_refused(db: Path) -> None:
    last_year = date.today().year - 1
    replies = chat(
        db,
        "/acties",
        "Nieuwe actie",
        "1",  # Visie en inspiratie
        "Een wijkavond organiseren",
        "Anna",
        f"31-02-{NEXT_YEAR}",
        f"1 januari {last_year}",
    )
    question, impossible, again = around(replies, "Die datum herken ik niet")
    assert impossible.startswith("Die datum herken ik niet. Typ bijvoorbeeld")
    assert heading(question) == heading(again) == "Nieuwe actie, vraag 4 van 4"
    _, past, again = around(replies, "ligt in het verleden")
    assert past == f"1 januari {last_year} ligt in het verleden. Kies een datum vanaf vandaag."
    assert heading(again) == "Nieuwe actie, vraag 4 van 4"
    assert count(db, "actions") == 0
    noted, done, *_ = chat(db, f"2 maart {NEXT_YEAR}")
    assert noted == f"Genoteerd: 2 maart {NEXT_YEAR}."
    assert "De actie staat in uw actieplan." in done
    assert export(db)["steps"]["start"]["actions"][0]["due"] == f"{NEXT_YEAR}-03-02"


def test_the_first_question_has_nothing_before_it(db: Path) -> None:
    replies = chat(db, "/stap 2", "/terug")
    question, message, again = around(replies, "eerste vraag")
    assert message == "Dit is de eerste vraag van deze stap."
    assert heading(question) == "Stap 2 van 4, vraag 1 van 6"
    assert again == question


def test_skipping_outside_a_step(db: Path) -> None:
    before = dump(db)
    for command in ("/overslaan", "/terug"):
        assert chat(db, command) == [
            "U bent nu niet met een stap bezig. Typ /stap om er een te kiezen."
        ]
    assert dump(db) == before


def test_going_back_to_change_an_answer_keeps_the_old_one_in_the_history(db: Path) -> None:
    replies = chat(db, "/stap 2", "2", "/terug", "3")
    assert "Huidig antwoord: Fase 2: Visie staat, men is geïnspireerd" in replies[-2]
    assert heading(replies[-1]) == "Stap 2 van 4, vraag 2 van 6"
    rows = answer_rows(db, flow="startpositie", item="visie_inspiratie")
    assert [r["value"] for r in rows] == [2, 3]
    assert export(db)["steps"]["startpositie"]["themes"]["visie_inspiratie"] == 3


# -- buttons that are no longer (or never were) on the screen -------------------------------


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[InProcess]:
    bot = InProcess(tmp_path / "wijkbot.db")
    bot.say("anna", "/start", GEMEENTE)
    yield bot
    bot.close()


STALE = "Die keuze is niet meer geldig. Er is niets veranderd."


def test_an_option_of_an_earlier_question_is_no_longer_valid(bot: InProcess) -> None:
    bot.say("anna", "/stap 2")
    old = bot.console("anna").options  # the four phases of theme 1
    bot.say("anna", "2")
    before = dump(bot.store.path)
    assert bot.press("anna", old[3].payload) == [STALE]
    assert dump(bot.store.path) == before
    assert export(bot.store.path)["steps"]["startpositie"]["themes"]["visie_inspiratie"] == 2
    [again] = bot.say("anna", "/stap")
    assert "U was bij: Stap 2 van 4, vraag 2 van 6." in again


FORGED = (
    *("q:deadbeef:1", "q:deadbeef:klaar", "act:999", "act:999:klaar", "act:abc"),
    *("rm:someone", "rm:console:anna", "kb:bestaat-niet", "cmd:/foo", "xyz"),
)


@pytest.mark.parametrize("payload", FORGED)
def test_forged_button_data_changes_nothing(bot: InProcess, payload: str) -> None:
    bot.say("anna", "/stap 2")
    before = dump(bot.store.path)
    assert bot.press("anna", payload) == [STALE]
    assert dump(bot.store.path) == before


def test_forged_gemeente_and_step_buttons_of_a_non_member_change_nothing(bot: InProcess) -> None:
    bot.say("carl", "/start")  # carl is asked for his gemeente
    before = dump(bot.store.path)
    assert bot.press("carl", "gm:GM9999") == [STALE]
    assert bot.press("carl", "step:1") == [STALE]
    assert dump(bot.store.path) == before


def test_an_action_of_another_gemeente_cannot_be_changed(bot: InProcess) -> None:
    bot.say("anna", "/acties", "Nieuwe actie", "1", "Een wijkavond", "Anna", "1 maart 2027")
    [action] = bot.store.actions(bot.store.member("console:anna").gemeente_id)
    bot.say("bob", "/start", "Aalten")
    assert bot.store.member("console:bob").gemeente_name == "Aalten"
    before = dump(bot.store.path)
    for payload in (f"act:{action.id}", f"act:{action.id}:klaar", f"act:{action.id}:title"):
        assert bot.press("bob", payload) == [STALE]
    assert bot.press("bob", "rm:console:anna") == [STALE]  # anna is not in bob's gemeente
    assert dump(bot.store.path) == before
    assert bot.store.member("console:anna") is not None


def test_a_forged_gemeente_button_registers_nobody(bot: InProcess) -> None:
    before = dump(bot.store.path)
    assert bot.press("dave", "gm:GM0197") == [STALE]  # never asked which gemeente
    assert bot.store.member("console:dave") is None
    assert dump(bot.store.path) == before


def test_changing_an_action_halfway_a_new_one_loses_nothing(db: Path) -> None:
    chat(db, "/acties", "Nieuwe actie", "1", "Eerste actie", "Anna", f"1 maart {NEXT_YEAR}")
    replies = chat(
        db,
        *("/acties", "Nieuwe actie", "2", "Tweede actie", "Bert"),  # the date is still open
        *("/acties", "Actie 1: Eerste actie", "Wijzig wie", "Carla"),
        f"1 april {NEXT_YEAR}",
    )
    # after the change the bot comes back to the open question of the new action, and the
    # date typed there completes it
    assert heading(replies[-3]) == "Nieuwe actie, vraag 4 van 4"
    assert replies[-2] == f"Genoteerd: 1 april {NEXT_YEAR}."
    assert "De actie staat in uw actieplan" in replies[-1]
    actions = export(db)["steps"]["start"]["actions"]
    assert [(a["title"], a["owner"], a["due"]) for a in actions] == [
        ("Eerste actie", "Carla", f"{NEXT_YEAR}-03-01"),
        ("Tweede actie", "Bert", f"{NEXT_YEAR}-04-01"),
    ]
