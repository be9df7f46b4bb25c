"""Natural replies, as people type them, and what each must store (issue 16).

Every case goes through the same reader the bot uses for that answer type; the options come
from the real flows and knowledge, so a renamed option shows up here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bot.content.flow_models import Question
from bot.content.layout import AnswerChoice, Slot, choices
from bot.engine import reading
from bot.engine.validate import Invalid, parse
from tests.scripted import knowledge

TODAY = date(2026, 11, 22)  # a Sunday


def _question(flow: str, key: str) -> Question:
    return next(q for q in knowledge().flows[flow].all_questions() if q.key == key)


def _choices(flow: str, key: str, item: str = "") -> list[AnswerChoice]:
    from bot.content.layout import layout

    kb = knowledge()
    answers = {("", "wijken"): ["Noord", "Zuid", "De Hoven"]} if flow == "wijkanalyse" else {}
    slots = layout(kb.flows[flow], kb, answers)
    slot: Slot = next(s for s in slots if s.question.key == key and (not item or s.key[0] == item))
    return choices(slot, kb, answers)


def _read(flow: str, key: str, text: str, item: str = "") -> Any:
    question = _question(flow, key)
    offered = (
        _choices(flow, key, item) if question.type in ("choice", "multi_choice", "ranking") else []
    )
    value = parse(question, offered, text, TODAY)
    return None if isinstance(value, Invalid) else value


CHOICES = [
    # herkenning in the wijk-analyse: ja / deels / nee / nog niet besproken
    ("wijkanalyse", "herkenning", "ja", "ja", ""),
    ("wijkanalyse", "herkenning", "Ja hoor, zeker", "ja", ""),
    ("wijkanalyse", "herkenning", "deels wel", "deels", ""),
    ("wijkanalyse", "herkenning", "nee, ze zien het anders", "nee", ""),
    ("wijkanalyse", "herkenning", "nog niet", "nog_niet_besproken", ""),
    ("wijkanalyse", "herkenning", "nog niet besproken", "nog_niet_besproken", ""),
    ("wijkanalyse", "herkenning", "4", "nog_niet_besproken", ""),
    ("wijkanalyse", "herkenning", "twee", "deels", ""),
    ("wijkanalyse", "herkenning", "weet ik veel", None, ""),
    # a point of the checklist
    ("checklist", "herkend", "jazeker", "ja", "1"),
    ("checklist", "herkend", "klopt", "ja", "1"),
    ("checklist", "herkend", "Deels.", "deels", "1"),
    ("checklist", "herkend", "liever niet zeggen", "nee", "1"),
    ("checklist", "herkend", "nee", "nee", "1"),
    ("checklist", "herkend", "derde", "nee", "1"),
    ("checklist", "herkend", "misschien", None, "1"),
    # a phase of step 2 (theme wijkteams)
    ("startpositie", "fase", "fase 2", 2, "wijkteams"),
    ("startpositie", "fase", "Fase drie", 3, "wijkteams"),
    ("startpositie", "fase", "4", 4, "wijkteams"),
    ("startpositie", "fase", "rol van het team vastgesteld", 2, "wijkteams"),
    ("startpositie", "fase", "team kent bewoners en partners", 3, "wijkteams"),
    ("startpositie", "fase", "het team staat los van de wijk", 1, "wijkteams"),
    ("startpositie", "fase", "fase 5", None, "wijkteams"),
    # the kernkeuzes
    ("kernkeuzes", "keuze", "toch evolutionair", "evolutionair", "veranderaanpak"),
    ("kernkeuzes", "keuze", "evolutionair", "evolutionair", "veranderaanpak"),
    ("kernkeuzes", "keuze", "Revolutionair!", "revolutionair", "veranderaanpak"),
    ("kernkeuzes", "keuze", "evolutionar", "evolutionair", "veranderaanpak"),
    ("kernkeuzes", "keuze", "de gemeente stuurt", "revolutionair", "veranderaanpak"),
    ("kernkeuzes", "keuze", "partners bepalen tempo", "evolutionair", "veranderaanpak"),
    ("kernkeuzes", "keuze", "geen idee", None, "veranderaanpak"),
    ("kernkeuzes", "keuze", "kloppend hart", "kloppend_hart", "rol_toegangsteam"),
    ("kernkeuzes", "keuze", "het kloppende hart van de wijk", "kloppend_hart", "rol_toegangsteam"),
    (
        "kernkeuzes",
        "keuze",
        "toegang plus lichte hulp",
        "toegang_lichte_ondersteuning",
        "rol_toegangsteam",
    ),
    ("kernkeuzes", "keuze", "alleen toegang", "toegang", "rol_toegangsteam"),
    ("kernkeuzes", "keuze", "optie 2", "toegang_lichte_ondersteuning", "rol_toegangsteam"),
    # a theme of a new action
    ("actie", "thema", "wijkteams", "wijkteams", ""),
    ("actie", "thema", "samenwerking in de wijk", "samenwerking_wijk", ""),
    ("actie", "thema", "opdrachtgeverchap", "opdrachtgeverschap", ""),
    ("actie", "thema", "taal en gedrag", "taal_gedrag", ""),
]


@pytest.mark.parametrize(("flow", "key", "typed", "stored", "item"), CHOICES)
def test_a_choice_is_read_from_the_reply(
    flow: str, key: str, typed: str, stored: Any, item: str
) -> None:
    assert _read(flow, key, typed, item) == stored


SEVERAL = [
    (
        "start",
        "focus_themes",
        "wijkteams en samenwerking in de wijk",
        ["wijkteams", "samenwerking_wijk"],
    ),
    ("start", "focus_themes", "1, 3", ["visie_inspiratie", "opdrachtgeverschap"]),
    ("start", "focus_themes", "een en drie", ["visie_inspiratie", "opdrachtgeverschap"]),
    ("start", "focus_themes", "visie en taal", ["visie_inspiratie", "taal_gedrag"]),
    ("start", "focus_themes", "Taal en gedrag, wijkteams", ["taal_gedrag", "wijkteams"]),
    ("start", "focus_themes", "iets anders", None),
    ("wijkanalyse", "prioriteiten", "Zuid, Noord", ["Zuid", "Noord", "De Hoven"]),
    ("wijkanalyse", "prioriteiten", "eerst De Hoven dan Noord", ["De Hoven", "Noord", "Zuid"]),
    ("wijkanalyse", "prioriteiten", "3 1 2", ["De Hoven", "Noord", "Zuid"]),
    ("wijkanalyse", "prioriteiten", "twee, een", ["Zuid", "Noord", "De Hoven"]),
]


@pytest.mark.parametrize(("flow", "key", "typed", "stored"), SEVERAL)
def test_several_options_are_read_in_the_order_typed(
    flow: str, key: str, typed: str, stored: Any
) -> None:
    value = _read(flow, key, typed)
    if key == "focus_themes" and value is not None:
        value = sorted(value, key=stored.index) if stored else value
    assert value == stored


DATES = [
    ("eind maart", "2027-03-31"),
    ("begin april", "2027-04-01"),
    ("half januari", "2027-01-15"),
    ("medio februari", "2027-02-15"),
    ("maart", "2027-03-31"),
    ("eind november", "2026-11-30"),
    ("voor de zomer", "2027-06-30"),
    ("voor de zomervakantie", "2027-06-30"),
    ("na de zomervakantie", "2027-09-01"),
    ("over twee weken", "2026-12-06"),
    ("over 3 weken", "2026-12-13"),
    ("over een week", "2026-11-29"),
    ("volgende week vrijdag", "2026-11-27"),
    ("Q1 2027", "2027-03-31"),
    ("q2", "2027-06-30"),
    ("eind dit jaar", "2026-12-31"),
    ("eind 2027", "2027-12-31"),
    ("1 maart", "2027-03-01"),
    ("15-06", "2027-06-15"),
    ("31 maart 2027", "2027-03-31"),
    ("morgen", "2026-11-23"),
    ("1 maart 2020", None),  # in the past
    ("ergens in het voorjaar", None),
    ("12", None),  # no month
]


@pytest.mark.parametrize(("typed", "stored"), DATES)
def test_a_dutch_date_lies_ahead_of_the_clock(typed: str, stored: str | None) -> None:
    assert _read("actie", "wanneer", typed) == stored


YES_NO = [
    ("ja", True),
    ("Ja graag!", True),
    ("jazeker", True),
    ("klopt", True),
    ("prima", True),
    ("graag", True),
    ("doe maar", True),
    ("oké", True),
    ("is goed", True),
    ("nee", False),
    ("Nee, dank u", False),
    ("liever niet", False),
    ("nog niet", False),
    ("klopt niet", False),
    ("misschien", None),
    ("Zutphen", None),
]


@pytest.mark.parametrize(("typed", "meant"), YES_NO)
def test_yes_and_no_in_their_everyday_forms(typed: str, meant: bool | None) -> None:
    assert reading.yes_no(typed) is meant


# A proposal: "Bedoelt u Zutphen? 1) Zutphen 2) Geen van deze" and menus of the bot.
PROPOSAL = [reading.named("Zutphen", yes=True), reading.named("Geen van deze", yes=False)]
MENU = [reading.named("Verder met stap 2", yes=True), reading.named("Maak het rapport")]
MENU_PICKS = [
    (PROPOSAL, "ja graag", 0),
    (PROPOSAL, "klopt", 0),
    (PROPOSAL, "Zutphen", 0),
    (PROPOSAL, "nee", 1),
    (PROPOSAL, "2", 1),
    (MENU, "ja", 0),
    (MENU, "stap 2", 0),
    (MENU, "het rapport", 1),
]


@pytest.mark.parametrize(("offered", "typed", "index"), MENU_PICKS)
def test_a_proposal_or_menu_is_answered_in_words(
    offered: list[reading.Named], typed: str, index: int
) -> None:
    assert reading.menu_option(offered, typed) == index


def test_a_menu_option_is_found_by_one_of_its_words() -> None:
    checklist = [reading.named("1. Breed bereik (3/13)"), reading.named("Uitslag bekijken")]
    assert reading.loose_option(checklist, "uitslag") == 1
    assert reading.loose_option(MENU, "verder") == 0
    assert reading.loose_option(MENU, "pizza") is None


NUMBERS = [("12", 12), ("twaalf", 12), ("drie", 3), ("3,5", 3.5), ("veel", None)]


@pytest.mark.parametrize(("typed", "stored"), NUMBERS)
def test_numbers_as_digits_or_words(typed: str, stored: Any) -> None:
    question = Question(key="aantal", type="number", label="Aantal", text="Hoeveel?")
    value = parse(question, [], typed, TODAY)
    assert (None if isinstance(value, Invalid) else value) == stored


QUESTIONS = [
    ("hoe lang duurt dit nog", True),
    ("Wat is een buurtbudget", True),
    ("waarom moet dit", True),
    ("kan ik later verder?", True),
    ("Welzijn, huisarts en de wijkagent", False),
    ("Veel jonge gezinnen", False),
    ("ja graag", False),
]


@pytest.mark.parametrize(("typed", "asks"), QUESTIONS)
def test_a_question_is_told_from_an_answer(typed: str, asks: bool) -> None:
    assert reading.reads_as_question(typed) is asks
