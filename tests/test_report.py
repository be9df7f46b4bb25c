"""The report a gemeente takes to its raad: the radar chart, the Markdown and the Word file
hold what the group filled in, in Dutch, with user text exactly as typed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from matplotlib import _pylab_helpers
from PIL import Image

from bot.content import Knowledge
from bot.content.flows import STEP_KEYS
from bot.report.chart import radar_chart
from bot.report.document import write_docx
from bot.report.markdown import render_markdown
from bot.report.progress import Action, Progress, Wijk

TODAY = date(2026, 11, 22)
LABELS = {
    "problemen": "Grootste problemen",
    "partijen": "Actieve partijen",
    "inwoners": "Aantal inwoners",
    "kansen": "Kansen volgens bewoners",
}
PIPE_ANSWER = "Eenzaamheid | schulden bij jonge gezinnen"
ACCENT_ANSWER = "Bewoners willen één buurtcafé in de oude bibliotheek; zij zijn geïnteresseerd"
REASONS = {
    "veranderaanpak": "Partners in Noord hebben al energie; wij sluiten daarbij aan.",
    "rol_toegangsteam": "Het team moet vaker in de wijk zijn, niet alleen op kantoor.",
}


@pytest.fixture
def progress() -> Progress:
    return Progress(
        gemeente_name="Súdwest-Fryslân",
        gemeente_code="GM1900",
        members=4,
        statuses={
            "wijkanalyse": "klaar",
            "startpositie": "klaar",
            "kernkeuzes": "klaar",
            "start": "bezig",
        },
        wijken=[
            Wijk(
                "Noord",
                {
                    "problemen": PIPE_ANSWER,
                    "partijen": ["Sportclub VV Noord", "Basisschool De Regenboog"],
                    "inwoners": 4200,
                },
            ),
            Wijk("Oud-Zuid", {"kansen": ACCENT_ANSWER, "partijen": []}),
        ],
        priorities=["Oud-Zuid", "Noord"],
        profile={
            "visie_inspiratie": 2,
            "wijkteams": 3,
            "opdrachtgeverschap": 1,
            "samenwerking_wijk": 2,
            "gemeentelijke_organisatie": 3,
            "taal_gedrag": 2,
        },
        choices={"veranderaanpak": "evolutionair", "rol_toegangsteam": "kloppend_hart"},
        reasons=dict(REASONS),
        focus_themes=["samenwerking_wijk", "wijkteams"],
        actions=[
            Action(
                1, "wijkteams", "Teamdag in de wijk", "Wethouder De Vries", "2026-12-01", "open"
            ),
            Action(
                2, "samenwerking_wijk", "Wijknetwerk Noord", "Team Noord", "2027-03-15", "klaar"
            ),
        ],
    )


@pytest.fixture
def empty() -> Progress:
    return Progress("Leegdorp", "GM0999", 1, dict.fromkeys(STEP_KEYS, "open"))


def facts(kb: Knowledge) -> list[str]:
    """What a reader of the filled-in report must find, in any format."""
    veranderaanpak, rol = kb.kernkeuzes
    theme = next(t for t in kb.themes if t.key == "opdrachtgeverschap")
    return [
        "Súdwest-Fryslân",
        "22 november 2026",
        "Noord",
        "Oud-Zuid",
        "Grootste problemen",
        "Sportclub VV Noord, Basisschool De Regenboog",
        "4.200",
        ACCENT_ANSWER,
        theme.name,
        theme.attention,
        theme.labels[1],
        next(o.label for o in veranderaanpak.options if o.key == "evolutionair"),
        next(o.consequences for o in rol.options if o.key == "kloppend_hart"),
        *REASONS.values(),
        "Teamdag in de wijk",
        "Wethouder De Vries",
        "1 december 2026",
        "Wijknetwerk Noord",
        "Team Noord",
        "15 maart 2027",
    ]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def tables(markdown: str) -> list[list[str]]:
    """The Markdown tables, each as its lines."""
    found: list[list[str]] = []
    previous = ""
    for line in markdown.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                found.append([])
            found[-1].append(line)
        previous = line
    return found


def cells(line: str) -> list[str]:
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]


# The chart


def test_chart_is_a_png_of_a_sensible_size(kb: Knowledge, progress: Progress, tmp_path: Path):
    path = radar_chart(progress.profile, kb, tmp_path / "radar.png", progress.gemeente_name)

    assert path == tmp_path / "radar.png"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(path) as image:
        width, height = image.size
        assert 600 <= width <= 1600 and 600 <= height <= 1600
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or ()) > 10  # not blank
    assert _pylab_helpers.Gcf.get_num_fig_managers() == 0  # no figures left open


def test_chart_draws_the_profile(kb: Knowledge, progress: Progress, tmp_path: Path):
    filled = radar_chart(progress.profile, kb, tmp_path / "filled.png", "Súdwest-Fryslân")
    unanswered = radar_chart({}, kb, tmp_path / "empty.png", "Súdwest-Fryslân")

    with Image.open(filled) as one, Image.open(unanswered) as other:
        assert one.size == other.size
        assert one.convert("RGB").tobytes() != other.convert("RGB").tobytes()


# The Markdown


def test_markdown_holds_what_the_group_filled_in(kb: Knowledge, progress: Progress):
    markdown = render_markdown(progress, kb, LABELS, TODAY)

    assert markdown.startswith("# Wijkgericht werken in Súdwest-Fryslân\n")
    for fact in facts(kb):
        assert fact in markdown, fact
    assert PIPE_ANSWER.replace("|", "\\|") in markdown
    assert "None" not in markdown


def test_markdown_lists_the_priorities_in_order(kb: Knowledge, progress: Progress):
    markdown = render_markdown(progress, kb, LABELS, TODAY)

    assert "1. Oud-Zuid\n2. Noord" in markdown


def test_markdown_names_only_the_lagging_theme_for_attention(kb: Knowledge, progress: Progress):
    markdown = render_markdown(progress, kb, LABELS, TODAY)
    attention = markdown.split("Wat eerst aandacht vraagt", 1)[1].split("## Stap 3", 1)[0]

    for theme in kb.themes:
        assert (theme.attention in attention) == (theme.key == "opdrachtgeverschap"), theme.key


def test_markdown_shows_step_statuses_in_dutch(kb: Knowledge, progress: Progress):
    markdown = render_markdown(progress, kb, LABELS, TODAY)
    overview = tables(markdown)[0]

    assert [cells(line)[1].strip() for line in overview[2:]] == ["klaar", "klaar", "klaar", "bezig"]


def test_a_pipe_in_an_answer_does_not_break_the_table(kb: Knowledge, progress: Progress):
    markdown = render_markdown(progress, kb, LABELS, TODAY)

    for table in tables(markdown):
        widths = {len(cells(line)) for line in table}
        assert len(widths) == 1, table
    row = next(line for line in markdown.splitlines() if "Eenzaamheid" in line)
    assert [cell.strip() for cell in cells(row)] == [
        "Grootste problemen",
        "Eenzaamheid \\| schulden bij jonge gezinnen",
    ]


def test_markdown_keeps_user_markup_as_text(kb: Knowledge, progress: Progress):
    wijk = Wijk("- Centrum *oost*", {"problemen": "Zie [hier](http://x) en <b>vet</b>\nregel 2"})
    odd = replace(progress, wijken=[wijk], priorities=["1. Centrum"])
    markdown = render_markdown(odd, kb, LABELS, TODAY)

    assert "### - Centrum \\*oost\\*" in markdown
    assert "Zie \\[hier\\](http://x) en \\<b\\>vet\\</b\\><br>regel 2" in markdown
    assert "1. 1\\. Centrum" in markdown


# The Word document


def test_docx_holds_the_same_facts(kb: Knowledge, progress: Progress, tmp_path: Path):
    chart = radar_chart(progress.profile, kb, tmp_path / "radar.png", progress.gemeente_name)
    path = write_docx(progress, kb, LABELS, chart, tmp_path / "rapport.docx", TODAY)
    text = docx_text(path)

    for fact in facts(kb):
        assert fact in text, fact
    assert PIPE_ANSWER in text  # no escaping needed in Word
    assert "None" not in text
    properties = docx.Document(str(path)).core_properties
    assert properties.author == "Wijkbot"
    assert "Súdwest-Fryslân" in properties.title


def test_docx_has_the_chart_only_when_given(kb: Knowledge, progress: Progress, tmp_path: Path):
    chart = radar_chart(progress.profile, kb, tmp_path / "radar.png", progress.gemeente_name)
    with_chart = write_docx(progress, kb, LABELS, chart, tmp_path / "met.docx", TODAY)
    without = write_docx(progress, kb, LABELS, None, tmp_path / "zonder.docx", TODAY)

    assert len(docx.Document(str(with_chart)).inline_shapes) == 1
    assert len(docx.Document(str(without)).inline_shapes) == 0


def test_docx_puts_the_answers_in_tables(kb: Knowledge, progress: Progress, tmp_path: Path):
    path = write_docx(progress, kb, LABELS, None, tmp_path / "rapport.docx", TODAY)
    document = docx.Document(str(path))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]

    assert ["Grootste problemen", PIPE_ANSWER] in rows
    assert ["Teamdag in de wijk", "Wijkteams", "Wethouder De Vries", "1 december 2026"] in [
        row[:4] for row in rows
    ]


# Nothing filled in yet


def test_empty_progress_says_no_step_has_started(kb: Knowledge, empty: Progress, tmp_path: Path):
    markdown = render_markdown(empty, kb, LABELS, TODAY)
    path = write_docx(empty, kb, LABELS, None, tmp_path / "leeg.docx", TODAY)
    text = docx_text(path)

    for report in (markdown, text):
        assert "Wijkgericht werken in Leegdorp" in report
        assert "22 november 2026" in report
        assert report.count("Deze stap is nog niet begonnen.") == 4
        assert report.count("nog niet begonnen") == 8  # the overview and each step
        assert "None" not in report
    assert "Prioriteiten" not in markdown
    assert "|  |" not in markdown
