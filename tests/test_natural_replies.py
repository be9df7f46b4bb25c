"""The walks of issue 16 in `wijkbot chat`: a user typing as people do. Where it matters,
each message comes from its own process on the same database (a restart in between)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.engine import texts
from tests.scripted import GEMEENTE, InProcess, chat, export, first, join, options, register

ASK_AGAIN = texts.ASK_GEMEENTE_AGAIN


def say_apart(db: Path, *lines: str, user: str = "anna") -> list[list[str]]:
    """Each line typed in a fresh `wijkbot chat`; the replies per line."""
    return [chat(db, line, user=user) for line in lines]


def test_a_volunteer_question_then_registering_with_everyday_words(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    start, question, offer, yes, begin = say_apart(
        db, "/start", "buurtbudget", "gemeente zutfen", "ja graag", "ja"
    )
    assert "Voor welke gemeente werkt u?" in start[-1]
    assert "buurtbudget" in question[0].lower() and "Ik vind geen gemeente" not in question[0]
    assert question[-1] == ASK_AGAIN  # the offer to register stays
    assert offer == ["Bedoelt u Zutphen?\n1) Zutphen\n2) Geen van deze"]
    assert "coördinator van Zutphen" in yes[0] and options(yes[0]) == [texts.BEGIN_STEP_1]
    assert begin[-1].startswith("Stap 1 van 4, vraag 1")


def test_a_long_question_while_asked_for_a_gemeente_is_no_name(tmp_path: Path) -> None:
    """A sentence that describes the user's situation is answered as a question: it is
    not read as a gemeente's name because a word of it ("en") is in some names."""
    db = tmp_path / "wijkbot.db"
    question = (
        "wij zijn een kleine gemeente met vier dorpen en willen met wijkteams beginnen, "
        "waar moeten we op letten"
    )
    [*_, asked], replies = say_apart(db, "/start", question)
    assert "Voor welke gemeente werkt u?" in asked
    assert not any(r.startswith(texts.WHICH_GEMEENTE) for r in replies), replies
    assert "Ik vind geen gemeente" not in replies[0]
    assert replies[-1] == ASK_AGAIN


def test_an_exact_name_registers_at_once(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    [*_, registered] = chat(db, "/start", "wij zijn Zutphen")
    assert registered.startswith("Gelukt: u bent de coördinator van Zutphen")


def test_a_question_mid_step_is_answered_and_never_stored(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    chat(db, "/stap 1", "Noord", "Veel ouderen")
    replies = chat(db, "hoe lang duurt dit nog")
    assert "Wat speelt er in Noord?" in replies[-1]
    assert texts.ASK_GEMEENTE_LABEL not in "".join(replies)  # one list at a time
    [noord] = export(db)["steps"]["wijkanalyse"]["wijken"]
    assert noord["answers"] == {"bewoners": "Veel ouderen"}


def test_choices_named_inside_a_sentence_are_stored(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    say_apart(db, "/stap 2", "fase 2", "Fase drie")
    say_apart(db, "/stap 3", "toch evolutionair", "Omdat partners al veel doen.")
    say_apart(db, "/stap 4", "wijkteams en samenwerking in de wijk", "Klaar")
    steps = export(db)["steps"]
    assert steps["startpositie"]["themes"]["visie_inspiratie"] == 2
    assert steps["startpositie"]["themes"]["wijkteams"] == 3
    assert steps["kernkeuzes"]["veranderaanpak"] == "evolutionair"
    assert steps["start"]["focus_themes"] == ["wijkteams", "samenwerking_wijk"]


def test_a_menu_is_answered_in_words_and_does_not_vanish(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    [menu] = chat(db, "/checklist")
    [unclear, again] = chat(db, "hallo daar")
    assert unclear == texts.CHOOSE_AN_OPTION
    assert options(again) == options(menu)
    picked = chat(db, "opgave drie")
    assert "Opgave 3 van 10" in picked[-1]


def test_a_date_in_words_is_read_ahead_and_shown_back(tmp_path: Path) -> None:
    bot = InProcess(tmp_path / "wijkbot.db")  # the clock: 22 November 2026
    bot.say("anna", "/start", GEMEENTE)
    bot.say("anna", "/acties", "Nieuwe actie", "wijkteams", "Een wijkavond", "Anna")
    noted, *_ = bot.say("anna", "eind maart")
    assert noted == "Genoteerd: 31 maart 2027."
    [action] = bot.store.actions(bot.store.member("console:anna").gemeente_id)
    assert action.due == "2027-03-31" and action.theme == "wijkteams"


def test_after_a_restart_the_pending_question_is_asked_again(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    chat(db, "/stap 3")
    welcome, question = chat(db, "/start")
    assert "was bij: Stap 3 van 4, vraag 1" in welcome
    assert options(question)[1].startswith("Evolutionair")
    chat(db, "2")  # a new process: the step's question, not some menu
    assert export(db)["steps"]["kernkeuzes"]["veranderaanpak"] == "evolutionair"


def test_voortgang_shows_due_dates_and_a_long_title_is_cut_at_a_word(tmp_path: Path) -> None:
    bot = InProcess(tmp_path / "wijkbot.db")  # the clock: 22 November 2026
    title = "Een wijkavond organiseren samen met de bewoners, de huisarts en de woningcorporatie"
    try:
        bot.say("anna", "/start", GEMEENTE)
        bot.say("anna", "/acties", "Nieuwe actie", "wijkteams", title, "Anna", "eind maart")
        bot.say("anna", "/acties", "Nieuwe actie", "wijkteams", "Buurtschouw", "Bert", "1 december")
        bot.now += timedelta(days=14)
        progress = first(bot.say("anna", "/voortgang"), "Open acties: 2")
        [plan] = bot.say("anna", "/acties")
    finally:
        bot.close()
    soonest, later = progress.split("Open acties: 2\n")[1].splitlines()[:2]
    assert soonest == "• Buurtschouw (Bert, uiterlijk 1 december 2026: te laat)"
    assert later == f"• {title} (Anna, uiterlijk 31 maart 2027)"
    label = options(plan)[0]
    assert label == "Actie 1: Een wijkavond organiseren samen met de bewoners, de…"  # not "de h"


def test_where_only_a_coordinator_may_act_they_are_named(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db, "anna")
    join(db, "bert")
    assert chat(db, "/open_vragen", user="bert") == ["Dat kan alleen de coördinator (anna)."]
    chat(db, "/leden", "Maak bert coördinator")
    join(db, "carl")
    assert chat(db, "/uitnodigen", user="carl") == [
        "Dat kan alleen een coördinator (anna en bert)."
    ]


def test_a_colleague_asking_on_is_shown_the_welcome_button_once(tmp_path: Path) -> None:
    """A pending menu is asked again after a question, once: who goes on asking gets each
    answer with its own options, not the welcome's button again and again."""
    db = tmp_path / "wijkbot.db"
    register(db)
    [welcome] = join(db, "bert")
    answer, again = chat(db, "wat is een buurtbudget", user="bert")
    assert "buurtbudget" in answer.lower() and options(again) == options(welcome)
    for question in ("wat doet een wijkteam", "hoe betrek ik bewoners"):
        [answer] = chat(db, question, user="bert")
        assert texts.SEE_ALSO in answer and options(answer)
        assert not set(options(answer)) & set(options(welcome))
