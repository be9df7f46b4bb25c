"""Comparison by consent (/vergelijken): the average startpositie of the gemeenten that share
theirs, and of those of similar size by CBS inwoners, shown only where at least 5 take part;
opting out takes a gemeente out of every average at once."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cbs.figures import Kerncijfers, Region
from tests.scripted import InProcess

# (gemeente, GM code, inwoners, phases of the six themes)
GEMEENTEN = (
    ("Zutphen", "GM0301", 48_920, "213142"),
    ("Zundert", "GM0879", 22_000, "323232"),
    ("Zwijndrecht", "GM0642", 45_000, "112233"),
    ("Zwartewaterland", "GM1896", 23_000, "334411"),
    ("Zuidplas", "GM1892", 48_000, "221122"),
    ("Zwolle", "GM0193", 132_000, "444444"),
)


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six gemeenten with a whole startpositie, none sharing yet; CBS inwoners loaded.
    Built once for the module: each test gets a copy of the folder."""
    folder = tmp_path_factory.mktemp("six")
    bot = InProcess(folder / "wijkbot.db")
    regions = [
        Region(code, "gemeente", name, code, {"inwoners": n}) for name, code, n, _ in GEMEENTEN
    ]
    bot.store.replace_kerncijfers(
        Kerncijfers(2024, "85984NED", "Kerncijfers wijken en buurten 2024", regions)
    )
    for name, _, _, phases in GEMEENTEN:
        bot.say(name, "/start", name)
        bot.say(name, "/stap 2", *phases)
    bot.close()
    return folder


@pytest.fixture
def bot(six: Path, tmp_path: Path) -> Iterator[InProcess]:
    shutil.copytree(six, tmp_path / "six")
    bot = InProcess(tmp_path / "six" / "wijkbot.db")
    yield bot
    bot.close()


def join(bot: InProcess, *names: str) -> None:
    for name in names:
        assert "Gedaan: uw gemeente doet mee." in bot.say(name, "/vergelijken aan")[0]


def progress(bot: InProcess, name: str) -> str:
    return bot.say(name, "/voortgang")[0]


def test_four_taking_part_show_no_average_five_do(bot: InProcess) -> None:
    join(bot, "Zutphen", "Zundert", "Zwijndrecht", "Zwartewaterland")
    shown = progress(bot, "Zutphen")
    assert "nog te weinig gemeenten mee" in shown and "Gemiddeld:" not in shown
    join(bot, "Zuidplas")
    shown = progress(bot, "Zutphen")
    assert "Gemiddeld: de 5 gemeenten die meedoen." in shown
    # visie en inspiratie: 2, 3, 1, 3, 2 -> 2,2
    assert "• Visie en inspiratie: u fase 2, gemiddeld 2,2" in shown


def test_similar_size_is_averaged_only_with_five_of_that_size(bot: InProcess) -> None:
    join(bot, *(name for name, *_ in GEMEENTEN))
    zutphen = progress(bot, "Zutphen")
    assert "Gemiddeld: de 6 gemeenten die meedoen." in zutphen
    assert "Zelfde grootte: 5 gemeenten met 20.000 tot 50.000 inwoners." in zutphen
    assert re.search(r"• Visie en inspiratie: u fase 2, gemiddeld 2,5, zelfde grootte 2,2", zutphen)
    zwolle = progress(bot, "Zwolle")
    assert "Van gemeenten met 100.000 inwoners of meer doen er nog te weinig mee." in zwolle
    assert "zelfde grootte" not in zwolle


def test_opting_out_leaves_every_average_at_once(bot: InProcess) -> None:
    join(bot, "Zutphen", "Zundert", "Zwijndrecht", "Zwartewaterland", "Zuidplas")
    assert "Gemiddeld: de 5" in progress(bot, "Zundert")
    replies = bot.say("Zuidplas", "/vergelijken uit")
    assert "telt vanaf nu in geen enkel gemiddelde meer mee" in replies[0]
    for name in ("Zutphen", "Zundert"):
        assert "nog te weinig gemeenten mee" in progress(bot, name)
    assert "Een coördinator zet het aan met /vergelijken" in progress(bot, "Zuidplas")


def test_the_report_shows_the_average_beside_the_gemeentes_phases(bot: InProcess) -> None:
    join(bot, "Zutphen", "Zundert", "Zwijndrecht", "Zwartewaterland", "Zuidplas")
    replies = bot.say("Zutphen", "/rapport")
    found = re.search(r"\[document: (.+\.md)\]", "\n".join(replies))
    assert found, replies
    report = Path(found[1]).read_text(encoding="utf-8")
    assert "### Vergelijking met andere gemeenten" in report
    assert "| Thema | Zutphen | Gemiddeld (5 gemeenten) |" in report
    assert "| Visie en inspiratie | 2 | 2,2 |" in report


def test_only_a_coordinator_opts_in_and_a_member_changes_nothing(bot: InProcess) -> None:
    code = re.search(r"join-([A-Z0-9]+)", bot.say("Zutphen", "/uitnodigen")[0])
    assert code
    bot.say("piet", f"/start join-{code[1]}")
    replies = bot.say("piet", "/vergelijken aan")
    assert replies == ["Alleen een coördinator kan meedoen aan de vergelijking of stoppen."]
    assert not bot.store.is_comparing(bot.store.member("console:piet").gemeente_id)  # type: ignore[union-attr]
