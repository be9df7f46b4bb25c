"""Column widths for a table from its content, so that no word is broken inside a cell.

Every column gets at least the width of its longest word; what is left of the text width
goes to the columns whose text would otherwise wrap, in proportion to how much more room
they need. The table always takes the whole text width. When the longest words of all
columns together are wider than the page, the table's text is set a point or two smaller.

Text is measured in DejaVu Sans (shipped with matplotlib, so always there), which is wider
than the Calibri or Carlito a word processor shows: a width that fits DejaVu fits those too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

SIZES = (11.0, 10.0, 9.0)  # points: a table's text gets smaller before a word would break
CELL_MARGIN_PT = 4.25  # left and right in every cell (0.15 cm); document.py sets it
CELL_PADDING_PT = 2 * CELL_MARGIN_PT + 2  # and a little air
_MEASURED_PT = 11.0  # text is measured at this size and scaled
_SCALE = 10  # measured at 10x that size, for precision


@dataclass(frozen=True)
class Fit:
    size: float  # the font size of the table's text, in points
    widths: list[float]  # per column, in points; they add up to the text width


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    import matplotlib  # here: it loads with the first report, not with the engine

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return ImageFont.truetype(str(fonts / name), int(_MEASURED_PT * _SCALE))


def text_width(text: str, bold: bool = False, size: float = _MEASURED_PT) -> float:
    """The width of `text` on one line, in points."""
    return _font(bold).getlength(text) / _SCALE * size / _MEASURED_PT


def longest_word(text: str, bold: bool = False, size: float = _MEASURED_PT) -> float:
    """The width of the widest word of `text` (words split on white space), in points."""
    return max((text_width(word, bold, size) for word in text.split()), default=0.0)


def _widest_line(text: str, bold: bool, size: float) -> float:
    return max((text_width(line, bold, size) for line in text.splitlines()), default=0.0)


def fit_columns(header: Sequence[str], rows: Sequence[Sequence[str]], total: float) -> Fit:
    """The largest of SIZES at which every word fits its column, and the column widths.

    The header row is measured in bold, as the table style shows it.
    """
    columns = list(zip(header, *rows, strict=True))
    bold = [[True] + [False] * len(rows) for _ in columns]
    for size in SIZES:
        least = [
            CELL_PADDING_PT
            + max(longest_word(c, b, size) for c, b in zip(cells, marks, strict=True))
            for cells, marks in zip(columns, bold, strict=True)
        ]
        if sum(least) <= total or size == SIZES[-1]:
            break
    wanted = [
        CELL_PADDING_PT + max(_widest_line(c, b, size) for c, b in zip(cells, marks, strict=True))
        for cells, marks in zip(columns, bold, strict=True)
    ]
    return Fit(size, _share(least, wanted, total))


def _share(least: list[float], wanted: list[float], total: float) -> list[float]:
    """Widths adding up to `total`: each column its `least`, the rest where text wraps."""
    if sum(wanted) <= total:  # everything fits on one line: share out the rest evenly
        extra = (total - sum(wanted)) / len(wanted)
        return [w + extra for w in wanted]
    if sum(least) >= total:  # even the words do not fit: the best that can be done
        return [w * total / sum(least) for w in least]
    room = total - sum(least)
    more = [w - m for w, m in zip(wanted, least, strict=True)]
    return [m + room * x / sum(more) for m, x in zip(least, more, strict=True)]
