"""Members of one gemeente: sharing the work, invitations, and who may see what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from .scripted import (
    GEMEENTE,
    NEXT_YEAR,
    InProcess,
    answer_rows,
    chat,
    count,
    dump,
    export,
    heading,
    headings,
    invite,
    join,
    options,
    register,
    run,
)

NOT_A_MEMBER = "U bent nog geen lid van een gemeente."


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A gemeente with coordinator anna and member bert."""
    monkeypatch.delenv("WIJKBOT_FILES", raising=False)
    path = tmp_path / "wijkbot.db"
    register(path, "anna")
    join(path, "bert")
    return path


def test_two_members_answering_the_same_question_keeps_both_answers(db: Path) -> None:
    chat(db, "/stap 2", "2", "/stop", user="anna")
    replies = chat(db, "/stap 2", "/terug", "3", user="bert")
    assert headings(replies) == [
        "Stap 2 van 4, vraag 2 van 6",  # anna answered the first theme
        "Stap 2 van 4, vraag 1 van 6",
        "Stap 2 van 4, vraag 2 van 6",
    ]
    assert "Huidig antwoord: Fase 2: Visie staat, men is geïnspireerd" in replies[-2]

    rows = answer_rows(db, flow="startpositie", item="visie_inspiratie", question="fase")
    assert [(r["value"], r["author_name"], r["author_id"]) for r in rows] == [
        (2, "anna", "console:anna"),
        (3, "bert", "console:bert"),
    ]
    times = [datetime.fromisoformat(r["answered_at"]) for r in rows]
    assert all(t.tzinfo is not None for t in times)
    assert times[0] <= times[1]
    assert export(db)["steps"]["startpositie"]["themes"]["visie_inspiratie"] == 3


def test_a_colleague_continues_at_the_first_open_question(db: Path) -> None:
    chat(db, "/stap 2", "2", "/overslaan", "1", "/stop", user="anna")  # themes 1 and 3
    menu = chat(db, "/stap", user="bert")[-1]
    assert "Stap 2: Startpositie bepalen (bezig)" in options(menu)
    replies = chat(db, "/stap 2", user="bert")
    assert headings(replies) == ["Stap 2 van 4, vraag 2 van 6"]
    assert "Thema 2 van 6: Wijkteams" in replies[-1]
    [reply] = chat(db, "4", user="bert")
    assert heading(reply) == "Stap 2 van 4, vraag 4 van 6"  # past theme 3, which anna answered
    back = chat(db, "/terug", user="bert")[-1]
    assert heading(back) == "Stap 2 van 4, vraag 3 van 6"
    assert "Huidig antwoord: Fase 1: Contracten zonder wijkafspraken" in back


MEMBER_COMMANDS = ("/voortgang", "/rapport", "/acties", "/stap", "/stap 2", "/uitnodigen", "/leden")


def test_someone_who_never_registered_sees_nothing_and_changes_nothing(db: Path) -> None:
    chat(db, "/stap 2", "2", "/stop", user="anna")
    before = dump(db)
    replies = chat(db, *MEMBER_COMMANDS, user="carl")
    assert len(replies) == len(MEMBER_COMMANDS)
    for command, reply in zip(MEMBER_COMMANDS, replies, strict=True):
        assert reply.startswith(NOT_A_MEMBER), command
        assert GEMEENTE not in reply, command
    assert dump(db) == before
    assert not list(db.parent.glob("*-bestanden/rapport-*"))


def test_choosing_a_gemeente_that_has_members_asks_for_an_invitation(db: Path) -> None:
    before = dump(db)
    replies = chat(db, "/start", GEMEENTE, user="carl")
    assert (
        f"{GEMEENTE} werkt al met Wijkbot. Vraag de coördinator van uw gemeente om een "
        "uitnodiging" in replies[-1]
    )
    assert count(db, "members") == 2
    assert chat(db, "/voortgang", user="carl")[0].startswith(NOT_A_MEMBER)
    assert [line for line in dump(db) if "conversations" not in line] == [
        line for line in before if "conversations" not in line
    ]


def test_a_wrong_invitation_code_is_refused(db: Path) -> None:
    replies = chat(db, "/start join-ABCDEFGH", user="carl")
    assert replies == ["Die uitnodigingscode ken ik niet. Controleer de code en typ hem opnieuw."]
    typed = chat(db, "/start", GEMEENTE, "Goedemorgen", "HJKLMN23", user="dirk")
    assert typed[-2].startswith("Dat lijkt geen uitnodigingscode")
    assert typed[-1].startswith("Die uitnodigingscode ken ik niet.")
    assert count(db, "members") == 2
    assert chat(db, "/voortgang", user="carl")[0].startswith(NOT_A_MEMBER)


def test_a_used_invitation_code_is_refused(db: Path) -> None:
    code = invite(db)
    assert chat(db, f"/start join-{code}", user="carl")[0].startswith("Welkom! U bent nu lid")
    replies = chat(db, f"/start join-{code}", user="dirk")
    assert replies == ["Deze uitnodiging is al gebruikt. Vraag de coördinator om een nieuwe."]
    assert count(db, "members") == 3
    assert chat(db, "/voortgang", user="dirk")[0].startswith(NOT_A_MEMBER)


def test_an_invitation_expires_after_a_week(tmp_path: Path) -> None:
    path = tmp_path / "wijkbot.db"
    bot = InProcess(path, now=datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    try:
        bot.say("anna", "/start", GEMEENTE)
        [first] = bot.say("anna", "/uitnodigen")
        [second] = bot.say("anna", "/uitnodigen")
        assert "geldig tot 29 november 2026" in first
        early, late = (text.split("/start join-")[1].split()[0] for text in (first, second))
        bot.now += timedelta(days=6)
        assert bot.say("bert", f"/start join-{early}")[0].startswith("Welkom! U bent nu lid")
        bot.now += timedelta(days=2)
        assert bot.say("carl", f"/start join-{late}") == [
            "Deze uitnodiging is verlopen. Vraag de coördinator om een nieuwe."
        ]
        assert count(path, "members") == 2
        assert bot.say("carl", "/voortgang")[0].startswith(NOT_A_MEMBER)
    finally:
        bot.close()


def test_only_the_coordinator_can_invite_and_is_named(db: Path) -> None:
    invites = count(db, "invites")
    [reply] = chat(db, "/uitnodigen", user="bert")
    assert reply == "Dat kan alleen de coördinator (anna)."
    assert count(db, "invites") == invites
    [members] = chat(db, "/leden", user="bert")
    assert "anna (coördinator)" in members
    assert options(members) == []  # no "Verwijder ..." for a plain member


def test_a_removed_member_loses_access_but_their_answers_stay(db: Path) -> None:
    chat(db, "/stap 2", "3", "/stop", user="bert")
    [members] = chat(db, "/leden", user="anna")
    assert options(members) == ["Maak bert coördinator", "Verwijder bert"]
    replies = chat(db, "/leden", "Verwijder bert", user="anna")
    assert replies[-1] == "bert is geen lid meer. Wat deze persoon invulde, blijft bewaard."

    assert chat(db, "/voortgang", user="bert")[0].startswith(NOT_A_MEMBER)
    assert chat(db, "/stap 2", user="bert")[0].startswith(NOT_A_MEMBER)
    rows = answer_rows(db, author_name="bert")
    assert [(r["item"], r["value"]) for r in rows] == [("visie_inspiratie", 3)]
    progress = export(db)
    assert progress["members"] == 1
    assert progress["steps"]["startpositie"]["themes"]["visie_inspiratie"] == 3
    [members] = chat(db, "/leden", user="anna")
    assert "bert" not in members


def test_a_member_removed_halfway_a_new_action_is_not_told_it_was_saved(db: Path) -> None:
    chat(db, "/acties", "Nieuwe actie", "1", "Een wijkavond", "bert", user="bert")
    chat(db, "/leden", "Verwijder bert", user="anna")
    [reply] = chat(db, f"1 maart {NEXT_YEAR}", user="bert")
    assert count(db, "actions") == 0
    assert "De actie staat in uw actieplan" not in reply
    assert reply.startswith(NOT_A_MEMBER)


def test_a_member_without_a_name_can_still_be_recognised_and_removed(db: Path) -> None:
    chat(db, f"/start join-{invite(db)}", user="")
    [members] = chat(db, "/leden", user="anna")
    assert "• naamloze gebruiker" in members
    assert all(label.strip() != "Verwijder" for label in options(members))
    replies = chat(db, "/leden", options(members)[-1], user="anna")
    assert not replies[-1].startswith("is geen lid meer")


def test_a_gemeente_whose_people_are_all_gone_waits_for_the_operator(tmp_path: Path) -> None:
    """After its only coordinator used /vergeet_mij, a stranger who registers for the
    gemeente sees nothing of its work: only the operator can add someone again."""
    db = tmp_path / "wijkbot.db"
    register(db)
    chat(db, "/stap 2", "2", "3", user="anna")
    chat(db, "/vergeet_mij", "1", user="anna")
    members = count(db, "members")

    replies = chat(db, "/start", GEMEENTE, user="mallory")
    assert "heeft al gegevens in Wijkbot" in replies[-1] and "beheerder" in replies[-1]
    assert chat(db, "/voortgang", user="mallory")[0].startswith(NOT_A_MEMBER)
    assert count(db, "members") == members  # she did not become a member

    assigned = run(
        "gemeente", "assign", "GM1509", "console:kees", "--name", "Kees", "--db", str(db)
    )
    assert assigned.exit_code == 0, assigned.output
    listed = run("gemeente", "list", "--db", str(db)).output
    assert f"GM1509 {GEMEENTE}: Kees (console:kees, coordinator)" in listed
    progress = chat(db, "/voortgang", user="kees")
    assert "Voortgang van" in progress[0]


def test_removing_members_never_leaves_the_gemeente_without_a_coordinator(db: Path) -> None:
    """Only a coordinator removes, never themselves: whoever removes stays coordinator
    (leaving is /vergeet_mij, which hands the gemeente to a colleague: test_privacy)."""
    chat(db, "/leden", "Maak bert coördinator", user="anna")
    assert chat(db, "/leden", "Verwijder anna", user="bert")[-1].startswith("anna is geen lid")
    bot = InProcess(db)
    try:
        assert bot.press("bert", "rm:console:bert") == [
            "Die keuze is niet meer geldig. Er is niets veranderd."
        ]
        assert bot.store.members_of(1)[0].is_coordinator
    finally:
        bot.close()
    [members] = chat(db, "/leden", user="bert")
    assert "bert (coördinator)" in members and "anna" not in members
