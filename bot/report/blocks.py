"""The report as plain blocks: what `outline.report_blocks` says, and what the renderers
(Markdown in markdown.py, Word in document.py) lay out. Blocks hold plain text: user input
goes in as typed and each renderer escapes it for its own format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 is the title of the report


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str | None = None  # shown in bold before the text: "Waarom: ..."
    note: bool = False  # a remark beside the text (shown smaller or in italics)


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """Where the radar chart of the startpositie goes, with its caption."""

    caption: str


Block = Heading | Paragraph | Items | Table | Chart
