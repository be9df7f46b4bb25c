"""Step 1 with CBS figures, in `wijkbot chat` scripted: the gemeente's official wijken are
offered by name, a chosen wijk's figures stand beside the gemeente's and may start "Wie wonen
er"; the report has a table per wijk with its source. Without CBS data step 1 is as before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cbs.client import fetch_kerncijfers
from bot.store import Store
from tests.cbs_standin import StandInCbs
from tests.scripted import chat, export, first, options, register

ZUTPHEN = "Zutphen"


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    """A database with the recorded CBS figures (two gemeenten), Anna coordinator of Zutphen."""
    db = tmp_path / "w.db"
    with StandInCbs() as cbs:
        Store(db).replace_kerncijfers(fetch_kerncijfers(2024, cbs.url))
    register(db, gemeente=ZUTPHEN)
    return db


def test_official_wijken_are_offered_and_read_by_name_or_number(loaded: Path) -> None:
    replies = chat(loaded, "/stap 1")
    offer = first(replies, "Voor welke wijken")
    assert "Volgens het CBS heeft Zutphen deze wijken:\n1. Binnenstad\n2. Waterkwartier\n" in offer
    assert "Eigen namen en gebieden mogen ook" in offer
    chat(loaded, "waterkwartier, 3, Het Spittaal")  # a name, a number, an own area
    wijken = export(loaded, ZUTPHEN)["steps"]["wijkanalyse"]["wijken"]
    assert [w["name"] for w in wijken] == ["Waterkwartier", "De Hoven", "Het Spittaal"]


def test_a_chosen_wijk_shows_its_figures_beside_the_gemeentes(loaded: Path) -> None:
    replies = chat(loaded, "/stap 1", "Waterkwartier, Het Spittaal")
    asked = first(replies, "Wie wonen er in Waterkwartier?")
    assert "• 65-plussers: 24% (Zutphen 19%)" in asked
    assert "• Eenpersoonshuishoudens: 48% (Zutphen 38%)" in asked
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024" in asked
    assert options(asked) == ["Begin met deze cijfers"]


def test_the_figures_start_the_answer_and_the_user_adds_to_them(loaded: Path) -> None:
    chat(loaded, "/stap 1", "Waterkwartier, Het Spittaal")
    [start] = chat(loaded, "1")
    assert "Begin van uw antwoord:\nWaterkwartier: 5.120 inwoners (Zutphen 48.920)" in start
    assert options(start) == ["Zo bewaren"]
    chat(loaded, "Veel ouderen in flats")
    answers = export(loaded, ZUTPHEN)["steps"]["wijkanalyse"]["wijken"][0]["answers"]
    assert answers["bewoners"].startswith("Waterkwartier: 5.120 inwoners (Zutphen 48.920), 24%")
    assert answers["bewoners"].endswith("\nVeel ouderen in flats")


def test_an_own_area_gets_no_figures(loaded: Path) -> None:
    replies = chat(loaded, "/stap 1", "Het Spittaal", "Jonge gezinnen in nieuwbouw")
    own = first(replies, "Wie wonen er in Het Spittaal?")
    assert "CBS" not in own and not options(own)


def test_the_report_has_a_table_per_official_wijk_with_its_source(loaded: Path) -> None:
    chat(loaded, "/stap 1", "Waterkwartier, Het Spittaal", "Veel ouderen in flats")
    replies = chat(loaded, "/rapport")
    found = re.search(r"\[document: (.+\.md)\]", "\n".join(replies))
    assert found, replies
    report = Path(found[1]).read_text(encoding="utf-8")
    assert "| 65-plussers | 24% | 19% |" in report, report
    assert "Bron: CBS, Kerncijfers wijken en buurten 2024" in report


def test_without_cbs_data_step_1_is_as_before(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    register(db, gemeente=ZUTPHEN)
    replies = chat(db, "/stap 1", "Waterkwartier, De Hoven")
    assert "CBS" not in first(replies, "Voor welke wijken")
    asked = first(replies, "Wie wonen er in Waterkwartier?")
    assert "CBS" not in asked and not options(asked)
