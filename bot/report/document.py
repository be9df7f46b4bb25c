"""The report as a Word document (.docx), laid out from the same blocks as the Markdown."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm

from ..content import Knowledge
from .markdown import Block, Chart, Heading, Items, Paragraph, Table, report_blocks, report_title
from .progress import Progress

AUTHOR = "Wijkbot"
LANGUAGE = "nl-NL"
TABLE_STYLE = "Light Grid Accent 1"
CHART_WIDTH = Cm(14)

# Characters XML 1.0 cannot hold; a stray one in a chat message would make saving fail.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def write_docx(
    progress: Progress,
    kb: Knowledge,
    question_labels: Mapping[str, str],
    chart: Path | None,
    path: Path,
    today: date,
) -> Path:
    """Write the report to `path` and return `path`; `chart` is the radar chart PNG, if any."""
    document = Document()
    _set_properties(document, report_title(progress), today)
    for block in report_blocks(progress, kb, question_labels, today):
        _add(document, block, chart)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _set_properties(document: DocxDocument, title: str, today: date) -> None:
    properties = document.core_properties
    properties.title = title
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.language = LANGUAGE
    properties.created = properties.modified = datetime(today.year, today.month, today.day)
    properties.revision = 1
    # Proofing language of the text, so Word does not mark every Dutch word as a typo.
    for language in document.styles.element.xpath("w:docDefaults//w:lang"):
        language.set(qn("w:val"), LANGUAGE)


def _add(document: DocxDocument, block: Block, chart: Path | None) -> None:
    match block:
        case Heading(text, level):
            document.add_heading(_clean(text), level=level - 1)
        case Paragraph(text, label):
            paragraph = document.add_paragraph()
            if label:
                paragraph.add_run(f"{_clean(label)}: ").bold = True
            paragraph.add_run(_clean(text))
        case Items(items, numbered):
            style = "List Number" if numbered else "List Bullet"
            for item in items:
                document.add_paragraph(_clean(item), style=style)
        case Table(header, rows):
            _add_table(document, header, rows)
        case Chart() if chart is not None:
            document.add_picture(str(chart), width=CHART_WIDTH)
            document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add_table(
    document: DocxDocument, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = document.styles[TABLE_STYLE]
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(_clean(text)).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = _clean(text)
    document.add_paragraph()  # room between the table and what follows


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)
