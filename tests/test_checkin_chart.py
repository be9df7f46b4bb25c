"""Charts of a group check-in: the bar chart, and the radar chart with a second profile (the
group's average phase per theme) beside the gemeente's own."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from matplotlib import _pylab_helpers
from PIL import Image

from bot.content import Knowledge
from bot.report.chart import _chart_canvas, radar_chart
from bot.report.checkin_chart import bar_chart

PNG = b"\x89PNG\r\n\x1a\n"
AVERAGES = [2.4, 3.0, 1.0, None, 3.8, 2.25]
SPREAD = [0.5, 0.0, 0.0, None, 0.6, 1.1]
TOP_LABEL = (300, 95, 500, 160)  # the first theme's name, above the circle


@pytest.fixture(scope="module")
def themes(kb: Knowledge) -> list[str]:
    return [theme.name for theme in kb.themes]


@pytest.fixture(scope="module")
def keys(kb: Knowledge) -> list[str]:
    return [theme.key for theme in kb.themes]


def pixels(path: Path, box: tuple[int, int, int, int] | None = None) -> bytes:
    with Image.open(path) as image:
        rgb = image.convert("RGB")
        return (rgb.crop(box) if box else rgb).tobytes()


def size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def colours(path: Path) -> int:
    with Image.open(path) as image:
        return len(image.convert("RGB").getcolors(maxcolors=1 << 16) or ())


def assert_a_drawn_png(path: Path) -> None:
    assert path.read_bytes()[:8] == PNG
    assert colours(path) > 10  # not blank
    assert _pylab_helpers.Gcf.get_num_fig_managers() == 0  # no figures left open


# The bar chart


def test_bar_chart_is_a_png_of_a_sensible_size(themes: list[str], tmp_path: Path):
    target = tmp_path / "check-ins" / "groep" / "fase.png"
    path = bar_chart(
        themes, AVERAGES, target, "Check-in Groep Noord", "Gemiddelde fase", spread=SPREAD
    )

    assert path == target
    assert_a_drawn_png(path)
    width, height = size(path)
    assert width == 800 and 300 <= height <= 800


def test_bar_chart_grows_with_the_number_of_bars(themes: list[str], tmp_path: Path):
    three = bar_chart(themes[:3], [1, 2, 3], tmp_path / "drie.png", "Keuzes", "Aantal leden")
    six = bar_chart(themes, [1, 2, 3, 4, 5, 6], tmp_path / "zes.png", "Keuzes", "Aantal leden")

    assert size(three)[0] == size(six)[0] == 800
    assert size(three)[1] < size(six)[1]


def test_bar_chart_draws_the_data(themes: list[str], tmp_path: Path):
    def chart(name: str, values: list[float | None], **options) -> bytes:
        path = bar_chart(themes, values, tmp_path / name, "Check-in", "Gemiddelde fase", **options)
        return pixels(path)

    phases = chart("fase.png", AVERAGES, scale=(1, 4))
    assert chart("ander.png", [3.1, 3.0, 1.0, None, 3.8, 2.25], scale=(1, 4)) != phases
    assert chart("spreiding.png", AVERAGES, scale=(1, 4), spread=SPREAD) != phases
    assert chart("vanaf-0.png", AVERAGES) != phases  # without a scale the axis runs from 0


def test_bar_chart_without_answers(themes: list[str], tmp_path: Path):
    nobody = bar_chart(themes, [None] * 6, tmp_path / "niemand.png", "Check-in", "Nog niets")
    nan = bar_chart(themes, [math.nan] * 6, tmp_path / "nan.png", "Check-in", "Nog niets")
    one = bar_chart(themes, [None] * 5 + [2.0], tmp_path / "een.png", "Check-in", "Nog niets")

    assert_a_drawn_png(nobody)
    assert pixels(nan) == pixels(nobody)  # the mean of no answers is no answer either
    assert pixels(one) != pixels(nobody)


def test_bar_chart_shows_numbers_the_dutch_way(themes: list[str], tmp_path: Path):
    def chart(name: str, value_labels: list[str] | None) -> bytes:
        values = [2.4, 3.0, 2, None, 3.75, 1]
        path = bar_chart(themes, values, tmp_path / name, "Check-in", "", value_labels=value_labels)
        return pixels(path)

    default = chart("standaard.png", None)
    assert chart("komma.png", ["2,4", "3", "2", "-", "3,8", "1"]) == default
    assert chart("punt.png", ["2.4", "3", "2", "-", "3.8", "1"]) != default


def test_bar_chart_wants_as_many_values_as_labels(themes: list[str], tmp_path: Path):
    with pytest.raises(ValueError):
        bar_chart(themes, [1, 2], tmp_path / "fout.png", "Check-in", "")
    with pytest.raises(ValueError):
        bar_chart(themes, [1] * 6, tmp_path / "fout.png", "Check-in", "", spread=[0.5])
    with pytest.raises(ValueError):
        bar_chart([], [], tmp_path / "leeg.png", "Check-in", "")
    with pytest.raises(ValueError):
        bar_chart(themes, [1] * 6, tmp_path / "fout.png", "Check-in", "", scale=(4, 1))


# The radar chart with a second profile


def test_radar_without_comparison_is_unchanged(kb: Knowledge, keys: list[str], tmp_path: Path):
    """A chart without `compare` is drawn exactly as before, whatever was drawn in between on
    the same cached figure and frames."""
    _chart_canvas.cache_clear()  # a fresh figure: frames drawn from scratch
    profile = dict(zip(keys, [2, 3, 1, 2, 3, 2], strict=True))
    partial = dict(zip(keys[:3], [4, 1, 2], strict=True))
    group = dict(zip(keys, [2.4, 2.8, 1.5, None, 3.6, 2.0], strict=True))
    first = pixels(radar_chart(profile, kb, tmp_path / "voor.png", "Súdwest-Fryslân"))
    first_partial = pixels(radar_chart(partial, kb, tmp_path / "deel.png", "Súdwest-Fryslân"))

    compared = radar_chart(profile, kb, tmp_path / "met.png", "Súdwest-Fryslân", compare=group)
    radar_chart(partial, kb, tmp_path / "met-deel.png", "Súdwest-Fryslân", compare=group)
    radar_chart({}, kb, tmp_path / "alleen.png", "Súdwest-Fryslân", compare=group)

    assert pixels(compared) != first
    assert pixels(radar_chart(profile, kb, tmp_path / "na.png", "Súdwest-Fryslân")) == first
    partial_again = radar_chart(partial, kb, tmp_path / "deel-na.png", "Súdwest-Fryslân")
    assert pixels(partial_again) == first_partial
    assert _pylab_helpers.Gcf.get_num_fig_managers() == 0


def test_radar_draws_the_second_profile(kb: Knowledge, keys: list[str], tmp_path: Path):
    profile = dict(zip(keys, [2, 3, 1, 2, 3, 2], strict=True))

    def chart(name: str, compare: dict[str, float | None], names=("Gemeente", "Groep")) -> bytes:
        path = radar_chart(profile, kb, tmp_path / name, "Check-in", compare=compare, names=names)
        assert_a_drawn_png(path)
        assert size(path) == (800, 800)
        return pixels(path)

    group = dict(zip(keys, [2.4, 2.8, 1.5, None, 3.6, 2.0], strict=True))
    drawn = chart("groep.png", group)
    assert chart("ander.png", {**group, keys[0]: 3.9}) != drawn
    assert chart("namen.png", group, names=("Gemeente", "Team Noord")) != drawn
    nobody = chart("niemand.png", dict.fromkeys(keys))
    assert chart("leeg.png", {}) == nobody
    assert chart("nan.png", dict.fromkeys(keys, math.nan)) == nobody  # no answers, no mean
    assert nobody != drawn


def test_radar_with_only_the_group(kb: Knowledge, keys: list[str], tmp_path: Path):
    """A group whose gemeente has not done step 2 yet still sees its own profile, and a theme
    answered by the group is named as answered."""
    group = dict(zip(keys, [2.4, 2.8, 1.5, 3.0, 3.6, 2.0], strict=True))
    only_group = radar_chart({}, kb, tmp_path / "groep.png", "Check-in", compare=group)
    empty = radar_chart({}, kb, tmp_path / "leeg.png", "Check-in")
    answered = radar_chart({keys[0]: 3}, kb, tmp_path / "gemeente.png", "Check-in")

    assert_a_drawn_png(only_group)
    assert pixels(only_group) != pixels(empty)
    assert pixels(only_group, TOP_LABEL) == pixels(answered, TOP_LABEL)
    assert pixels(only_group, TOP_LABEL) != pixels(empty, TOP_LABEL)  # "(niet ingevuld)"


def test_dollars_in_user_text_are_drawn_as_text_not_as_a_formula(tmp_path: Path):
    """A group called "Budget $$ team" or an option "prijs $x^$ euro" is what users typed:
    matplotlib would read a pair of dollars as a formula and fail on the second."""
    labels = ["prijs $x^$ euro", "koffie $$ thee"]
    path = bar_chart(labels, [2, 1], tmp_path / "keuze.png", "Budget $$ team", "Aantal")
    assert_a_drawn_png(path)
