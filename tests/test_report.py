"""The report a gemeente takes to its raad: the radar chart, the Markdown and the Word file
hold what the group filled in, in Dutch, with user text exactly as typed."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from matplotlib import _pylab_helpers
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from PIL import Image

from bot.content import Knowledge
from bot.content.flows import STEP_KEYS
from bot.report.chart import radar_chart
from bot.report.checklist import ChecklistScores
from bot.report.document import write_docx
from bot.report.markdown import render_markdown
from bot.report.progress import Progress, ReportedAction, Wijk

TODAY = date(2026, 11, 22)
LABELS = {
    "problemen": "Grootste problemen",
    "partijen": "Actieve partijen",
    "inwoners": "Aantal inwoners",
    "kansen": "Kansen volgens bewoners",
}
PIPE_ANSWER = "Eenzaamheid | schulden bij jonge gezinnen"
ACCENT_ANSWER = "Bewoners willen één buurtcafé in de oude bibliotheek; zij zijn geïnteresseerd"
LONG_WORDS = "Welzijnscontract Waterkwartier herzien"  # words the issue saw broken in cells
# every point of the checklist answered: ja, deels and nee in turn
CHECKLIST_ANSWERS = {number: ("ja", "deels", "nee")[number % 3] for number in range(1, 98)}
REASONS = {
    "veranderaanpak": "Partners in Noord hebben al energie; wij sluiten daarbij aan.",
    "rol_toegangsteam": "Het team moet vaker in de wijk zijn, niet alleen op kantoor.",
}


@pytest.fixture
def progress(kb: Knowledge) -> Progress:
    return filled_in(kb)


def filled_in(kb: Knowledge) -> Progress:
    """A gemeente well on its way, with the answers that trouble a report."""
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
            ReportedAction(
                1, "wijkteams", "Teamdag in de wijk", "Wethouder De Vries", "2026-12-01", "open"
            ),
            ReportedAction(
                2, "samenwerking_wijk", "Wijknetwerk Noord", "Team Noord", "2027-03-15", "klaar"
            ),
            ReportedAction(
                3, "opdrachtgeverschap", LONG_WORDS, "Opdrachtgeverschapsteam", None, "open"
            ),
        ],
        checklist=ChecklistScores(kb.checklist, CHECKLIST_ANSWERS),
        contributors=3,
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


# The Word document as a council reads and prints it

COUNCIL_ORDER = [
    "Samenvatting",
    "Voorgesteld besluit",
    "Stap 1: Wijk-analyse en prioriteiten",
    "Stap 2: Startpositie bepalen",
    "Stap 3: Kernkeuzes maken",
    "Stap 4: Starten met wijkgericht werken",
    "Doe-het-zelf-checklist",
    "Wie werkten mee",
    "Bronnen",
]
TEXT_WIDTH_TWIPS = round(16 / 2.54 * 1440)  # A4 less two margins of 2.5 cm


@pytest.fixture(scope="module")
def report(kb: Knowledge, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word file of a `filled_in` gemeente, written once for the tests that only read it."""
    folder, progress = tmp_path_factory.mktemp("report"), filled_in(kb)
    chart = radar_chart(progress.profile, kb, folder / "radar.png", progress.gemeente_name)
    return write_docx(progress, kb, LABELS, chart, folder / "rapport.docx", TODAY)


def test_docx_is_a4_with_a_header_and_page_x_of_y(report: Path):
    document = docx.Document(str(report))
    [section] = document.sections

    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    margins = (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    assert [round(m.cm, 2) for m in margins] == [2.5] * 4
    header = section.header.paragraphs[0].text
    assert "Súdwest-Fryslân" in header and "22 november 2026" in header
    footer = section.footer.paragraphs[0]
    fields = [t.text.strip() for t in footer._p.iter(qn("w:instrText"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert footer.text.startswith("pagina ") and " van " in footer.text


def test_docx_headings_come_in_the_order_a_council_reads(report: Path):
    paragraphs = docx.Document(str(report)).paragraphs
    headings = [p for p in paragraphs if p.style.name.startswith("Heading")]

    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Wijkgericht werken in Súdwest-Fryslân"
    assert [p.text for p in headings if p.style.name == "Heading 1"] == COUNCIL_ORDER
    assert all(p.paragraph_format.keep_with_next for p in headings)


def test_docx_summary_says_where_the_gemeente_stands_and_what_is_asked(kb: Knowledge, report: Path):
    text = section_text(report, "Samenvatting")

    assert "3 van de 4 stappen zijn klaar" in text
    assert "Opdrachtgeverschap vraagt als eerste aandacht" in text
    assert "Evolutionair: partners bepalen tempo" in text and "Kloppend hart van de wijk" in text
    assert "De gemeente begint bij Samenwerking in de wijk en Wijkteams." in text
    assert "Teamdag in de wijk (Wethouder De Vries, 1 december 2026)" in text
    assert "Wijknetwerk Noord" not in text  # done: not one of the first actions
    assert "Aan de raad wordt gevraagd" in text
    proposal = section_text(report, "Voorgesteld besluit")
    assert "De raad besluit:" in proposal and "Samenwerking in de wijk en Wijkteams" in proposal


def test_docx_explains_focus_and_attention_pitfalls_contributors_and_sources(
    kb: Knowledge, report: Path
):
    start = section_text(report, "Stap 4: Starten met wijkgericht werken")
    assert "Opdrachtgeverschap blijft achter, maar is nu geen focusthema" in start
    assert "Samenwerking in de wijk en Wijkteams zijn niet de zwakste thema's" in start
    pitfalls = [i for t in kb.checklist for i in t.items if i.kind == "valkuil"]
    recognised = [i for i in pitfalls if CHECKLIST_ANSWERS[i.number] in ("ja", "deels")]
    checklist = section_text(report, "Doe-het-zelf-checklist")
    for item in recognised:
        assert f"{item.number}. {item.text}" in checklist
    assert "3 mensen mee" in section_text(report, "Wie werkten mee")
    sources = section_text(report, "Bronnen")
    method = kb.sources[kb.steps[0].source.document]
    assert method.title in sources
    theme = next(t for t in kb.themes if t.key == "wijkteams")
    for example in (kb.entries[i] for i in theme.examples):
        assert f"{example.title}: " in sources and example.source.section in sources


def test_docx_tables_take_the_text_width_and_every_word_fits_its_column(report: Path):
    tables = docx.Document(str(report)).tables
    assert len(tables) == 7  # steps, two wijken, phases, actions, checklist, pitfalls

    for table in tables:
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(grid) == TEXT_WIDTH_TWIPS
        for row_number, row in enumerate(table.rows):
            for cell, width in zip(row.cells, grid, strict=True):
                size = cell.paragraphs[0].runs[0].font.size.pt
                bold = row_number == 0  # as the table style shows it
                for word in cell.text.split():
                    assert dejavu_width(word, bold, size) < width / 20 - 8.5, (word, width)
        first, *rest = (row._tr.trPr for row in table.rows)
        assert first.find(qn("w:tblHeader")) is not None  # repeated on a new page
        assert all(row.find(qn("w:tblHeader")) is None for row in rest)
        assert all(p.find(qn("w:cantSplit")) is not None for p in (first, *rest))


def test_docx_chart_has_a_dated_caption(report: Path):
    paragraphs = docx.Document(str(report)).paragraphs
    [caption] = [p for p in paragraphs if p.style.name == "Caption"]
    picture = paragraphs[paragraphs.index(caption) - 1]

    assert picture._p.xpath(".//pic:pic") and picture.paragraph_format.keep_with_next
    assert (
        caption.text
        == "Figuur 1. Startpositie van Súdwest-Fryslân per thema, stand 22 november 2026."
    )


def test_docx_properties_name_the_gemeente_not_the_library(report: Path):
    properties = docx.Document(str(report)).core_properties

    assert properties.title == "Wijkgericht werken in Súdwest-Fryslân"
    assert properties.author == "Súdwest-Fryslân"
    assert "raad" in properties.subject
    assert "python-docx" not in properties.comments


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and poppler-utils (pdftotext) to print the report",
)
def test_printed_report_is_a4_and_breaks_no_word_in_a_table(report: Path, tmp_path: Path):
    profile = f"-env:UserInstallation=file://{tmp_path}/lo-profile"
    subprocess.run(
        [
            "soffice",
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "rapport.pdf"
    printed = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout

    assert "(A4)" in info
    words = set(printed.split())
    cells = {c.text for t in docx.Document(str(report)).tables for r in t.rows for c in r.cells}
    broken = {word for text in cells for word in text.split() if word not in words}
    assert not broken
    assert "pagina 1 van " in printed


def section_text(path: Path, heading: str) -> str:
    """The text under a Heading 1, up to the next one (paragraphs and tables in order)."""
    body = docx.Document(str(path)).element.body
    texts, inside = [], False
    for element in body.iterchildren():
        style = element.xpath("string(./w:pPr/w:pStyle/@w:val)")
        if style == "Heading1":
            inside = element.xpath("string(.)") == heading
        elif inside:
            texts.append("".join(element.xpath(".//w:t/text()")))
    return "\n".join(texts)


def dejavu_width(word: str, bold: bool, size: float) -> float:
    """A word's width in points in DejaVu Sans, measured by matplotlib's own text layout."""
    properties = FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
    properties.set_size(size)
    width, _, _ = TextToPath().get_text_width_height_descent(word, properties, ismath=False)
    return width
