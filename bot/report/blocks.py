"""The report as plain blocks: what `outline.report_blocks` says, and what the renderers
(Markdown in markdown.py, Word in document.py) lay out. Blocks hold plain text: user input
goes in as typed and each renderer escapes it for its own format."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


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


BLOCK_TYPES: dict[str, type[Block]] = {
    "heading": Heading,
    "paragraph": Paragraph,
    "items": Items,
    "table": Table,
    "chart": Chart,
}
_NAMES = {kind: name for name, kind in BLOCK_TYPES.items()}


def blocks_data(blocks: list[Block]) -> list[dict[str, Any]]:
    """The blocks as plain data (JSON), e.g. for a report drawn later (bot/drawings.py)."""
    return [{"block": _NAMES[type(block)], **asdict(block)} for block in blocks]


def blocks_from(data: list[dict[str, Any]]) -> list[Block]:
    """The blocks `blocks_data` gave."""
    blocks: list[Block] = []
    for fields in data:
        kind = BLOCK_TYPES[fields["block"]]
        values = {k: v for k, v in fields.items() if k != "block"}
        if kind is Items:
            values["items"] = tuple(values["items"])
        if kind is Table:
            values["header"] = tuple(values["header"])
            values["rows"] = tuple(tuple(row) for row in values["rows"])
        blocks.append(kind(**values))
    return blocks
