"""The report for the gemeenteraad as Markdown: the blocks of outline.py, laid out.

`report_blocks` decides what the report says; `render_markdown` here and `write_docx` in
document.py only lay the blocks out, so both formats always tell the same story.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from ..content import Knowledge
from .blocks import Block, Chart, Heading, Items, Paragraph, Table
from .outline import report_blocks
from .progress import Progress

_SPECIAL = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
_LIST_OR_HEADING = re.compile(r"^(#{1,6}|[+-]|\d{1,9}[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Text that Markdown shows exactly as written, on one line so it fits lists and tables."""
    lines = [_SPECIAL.sub(r"\\\g<0>", line.strip()) for line in text.strip().splitlines()]
    return "<br>".join(lines)


def _escape_block(text: str) -> str:
    """`escape`, keeping a leading list or heading marker as text: for a line of its own."""
    escaped = escape(text)
    marker = _LIST_OR_HEADING.match(escaped)
    if not marker:
        return escaped
    at = len(marker[1]) - 1 if marker[1][0].isdigit() else 0
    return f"{escaped[:at]}\\{escaped[at:]}"


def render_markdown(
    progress: Progress, kb: Knowledge, question_labels: Mapping[str, str], today: date
) -> str:
    return markdown_of(report_blocks(progress, kb, question_labels, today))


def markdown_of(blocks: list[Block]) -> str:
    """The report's blocks laid out as Markdown."""
    # the chart is a picture: the Word file shows it, and the table beside it has its values
    parts = [_markdown(block) for block in blocks if not isinstance(block, Chart)]
    return "\n\n".join(parts) + "\n"


def _markdown(block: Block) -> str:
    match block:
        case Heading(text, level):
            return f"{'#' * level} {escape(text)}"
        case Paragraph(text, None, note):
            return f"_{escape(text)}_" if note else _escape_block(text)
        case Paragraph(text, str(label)):
            return f"**{escape(label)}:** {escape(text)}"
        case Items(items, numbered):
            return "\n".join(
                f"{f'{n}.' if numbered else '-'} {_escape_block(item)}"
                for n, item in enumerate(items, start=1)
            )
        case Table(header, rows):
            lines = ["| " + " | ".join(map(escape, row)) + " |" for row in (header, *rows)]
            lines.insert(1, "|" + " --- |" * len(header))
            return "\n".join(lines)
    raise TypeError(f"no Markdown for {block!r}")
