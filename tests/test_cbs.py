"""`wijkbot data cbs`: CBS kerncijfers loaded from a local stand-in of CBS's OData feed
(tests/cbs_standin.py, a recorded answer in CBS's own format), and every failure told
plainly with nothing changed."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.store import Store
from tests.cbs_standin import StandInCbs
from tests.scripted import dump, run


@pytest.fixture
def cbs(monkeypatch: pytest.MonkeyPatch) -> Iterator[StandInCbs]:
    with StandInCbs() as standin:
        monkeypatch.setenv("WIJKBOT_CBS_URL", standin.url)
        yield standin


def load(db: Path) -> tuple[int, str]:
    result = run("data", "cbs", "--year", "2024", "--db", str(db))
    return result.exit_code, result.output


def test_loads_gemeenten_and_wijken_with_figures_units_and_year(
    cbs: StandInCbs, tmp_path: Path
) -> None:
    code, output = load(tmp_path / "w.db")
    assert code == 0, output
    assert "Kerncijfers wijken en buurten 2024 (85984NED): 2 gemeenten, 5 wijken" in output
    store = Store(tmp_path / "w.db")
    wijken = store.cbs_wijken("GM0301")
    # names as CBS calls them, without "Wijk 01"; buurten and Nederland are left out
    assert [(w.code, w.name) for w in wijken] == [
        ("WK030100", "Binnenstad"),
        ("WK030101", "Waterkwartier"),
        ("WK030102", "De Hoven"),
    ]
    water = wijken[1]
    assert water.figures["inwoners"] == 5120
    assert water.figures["leeftijd_65_plus"] == 1230
    assert water.units["inkomen_per_inwoner"] == "x 1 000 euro"
    assert water.units["sociaal_minimum"] == "%"
    gendringen = store.cbs_wijken("GM1509")[0]
    assert gendringen.figures["bijstand"] is None  # CBS publishes none: kept as unknown
    load_row = store.cbs_load()
    assert load_row is not None and (load_row.year, load_row.table_id) == (2024, "85984NED")
    # the figures came in pages, following odata.nextLink
    assert sum("TypedDataSet" in path and "skip" in path for path in cbs.requests) >= 2


def test_a_second_run_updates_in_place(cbs: StandInCbs, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert load(db)[0] == 0
    row = next(r for r in cbs.rows() if r["WijkenEnBuurten"].strip() == "WK030101")
    row["AantalInwoners_5"] = 5200
    assert load(db)[0] == 0
    store = Store(db)
    assert store.cbs_region("WK030101").figures["inwoners"] == 5200  # type: ignore[union-attr]
    assert store.db["cbs_regions"].count == 7
    assert store.db["cbs_loads"].count == 1


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_no_network_is_told_and_changes_nothing(
    cbs: StandInCbs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.db"
    assert load(db)[0] == 0
    before = dump(db)
    monkeypatch.setenv("WIJKBOT_CBS_URL", f"http://127.0.0.1:{closed_port()}/ODataFeed/odata")
    code, output = load(db)
    assert code == 1
    assert "CBS could not be reached" in output and "Nothing was changed" in output
    assert dump(db) == before


def test_a_changed_table_is_told_and_changes_nothing(cbs: StandInCbs, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert load(db)[0] == 0
    before = dump(db)
    for prop in cbs.table["DataProperties"]:  # CBS renamed a column
        if prop["Key"] == "Bevolkingsdichtheid_34":
            prop["Key"] = "Omgevingsadressendichtheid_34"
    code, output = load(db)
    assert code == 1
    assert "Table 85984NED has changed: no column for Bevolkingsdichtheid" in output
    assert dump(db) == before


def test_missing_figures_are_told_and_change_nothing(cbs: StandInCbs, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert load(db)[0] == 0
    before = dump(db)
    for row in cbs.rows():
        del row["k_65JaarOfOuder_12"]
    code, output = load(db)
    assert code == 1
    assert "are missing k_65JaarOfOuder_12" in output
    assert dump(db) == before


def test_an_unknown_year_names_the_known_ones(cbs: StandInCbs, tmp_path: Path) -> None:
    result = run("data", "cbs", "--year", "1999", "--db", str(tmp_path / "w.db"))
    assert result.exit_code == 1
    assert "No CBS table known for 1999; known years: 2021, 2022, 2023, 2024, 2025" in result.output
