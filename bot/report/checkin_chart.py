"""A group check-in as a horizontal bar chart (PNG): one bar per label, top to bottom.

For example the average phase per theme (on the scale 1 to 4, with the spread as a thin error
bar) or how many members chose each theme (from 0). Drawn in the style of the radar chart in
`chart.py`, on a bare `Figure` with the Agg canvas: no pyplot, no global state, no figures left
open. Unlike the radar chart it is not cached: each chart has its own size and labels.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image

from .chart import BACKGROUND, DPI, GRID, LINE, MUTED, TEXT

NO_ANSWERS = "geen antwoorden"
WIDTH = 800  # px, as the radar chart
HEADER = 112  # px above the bars: title and subtitle
FOOTER = 44  # px below the bars: the scale
ROW = 46  # px per bar with a one-line label
ROW_PER_LINE = 17  # px more per extra line of a wrapped label
LEFT = 244  # px for the labels
RIGHT = 28  # px at least beside the axis; more when a value at the end needs it
VALUE_OFFSET = 7  # points between the end of a bar and its value
WRAP = 22  # characters per label line, at most
BAR = 0.56  # bar thickness, as a share of a row
BAR_FILL = "#a9cbe4"  # the radar's FILL, lighter, so the spread shows on the bar


@dataclass(frozen=True)
class _Row:
    label: str
    value: float | None
    spread: float | None
    text: str


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float | None],
    path: Path,
    title: str,
    subtitle: str,
    *,
    spread: Sequence[float | None] | None = None,
    scale: tuple[float, float] | None = None,
    value_labels: Sequence[str] | None = None,
    unit: str = "",
) -> Path:
    """Write a bar chart of `values` to `path` (a PNG) and return `path`.

    A None value (nobody answered) gets no bar but a muted "geen antwoorden". `spread` (e.g. the
    standard deviation) is drawn as an error bar around each value; `scale` fixes the axis, else
    it runs from 0 to the largest value. `value_labels` replaces the number shown at each bar;
    `unit` follows every number on the axis ("%").
    """
    rows = _rows(labels, values, spread, value_labels)
    low, high = scale if scale is not None else (0.0, _top(rows))
    if not low < high:
        raise ValueError(f"a scale runs from low to high, not {scale}")
    lines = max(row.label.count("\n") + 1 for row in rows)
    row_height = ROW + ROW_PER_LINE * (lines - 1)
    height = HEADER + row_height * len(rows) + FOOTER
    figure = Figure(figsize=(WIDTH / DPI, height / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(figure)
    figure.text(
        0.5,
        1 - 24 / height,
        title,
        ha="center",
        va="top",
        fontsize=18,
        fontweight="bold",
        color=TEXT,
    )
    figure.text(0.5, 1 - 76 / height, subtitle, ha="center", fontsize=12, color=MUTED)
    ax = figure.add_axes(
        (LEFT / WIDTH, FOOTER / height, 1 - (LEFT + RIGHT) / WIDTH, 1 - (HEADER + FOOTER) / height)
    )
    _style(ax, rows, low, high, unit)
    annotations = [_draw_row(ax, y, row, low, high) for y, row in enumerate(rows)]
    _make_room(ax, [a for a in annotations if a is not None], canvas)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_png(canvas))
    return path


def _png(canvas: FigureCanvasAgg) -> bytes:
    """The figure as an RGB PNG, compressed lightly (as the radar chart: fast, small enough)."""
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    png = io.BytesIO()
    image.convert("RGB").save(png, format="png", compress_level=1)
    return png.getvalue()


def _rows(
    labels: Sequence[str],
    values: Sequence[float | None],
    spread: Sequence[float | None] | None,
    value_labels: Sequence[str] | None,
) -> list[_Row]:
    if not labels:
        raise ValueError("a bar chart needs at least one label")
    spreads = [None] * len(labels) if spread is None else list(spread)
    own_texts = [None] * len(labels) if value_labels is None else list(value_labels)
    if not len(labels) == len(values) == len(spreads) == len(own_texts):
        raise ValueError("labels, values, spread and value_labels differ in length")
    rows = []
    for label, value, deviation, own in zip(labels, values, spreads, own_texts, strict=True):
        number = _number(value)
        text = NO_ANSWERS if number is None else own if own is not None else _format(number)
        rows.append(_Row(_wrap(label), number, _number(deviation), text))
    return rows


def _wrap(label: str) -> str:
    """Wrap at most WRAP characters a line, in lines of about equal length.

    "Samenwerking in de wijk" becomes "Samenwerking / in de wijk", not "Samenwerking in de /
    wijk": the narrowest width that needs no more lines than WRAP does.
    """
    lines = len(textwrap.wrap(label, width=WRAP, break_long_words=False))
    for width in range(math.ceil(len(label) / lines), WRAP):
        if len(textwrap.wrap(label, width=width, break_long_words=False)) <= lines:
            return textwrap.fill(label, width=width, break_long_words=False)
    return textwrap.fill(label, width=WRAP, break_long_words=False)


def _number(value: float | None) -> float | None:
    """The value as a float, or None for no value (also NaN: the mean of no answers)."""
    return None if value is None or math.isnan(value) else float(value)


def _format(value: float) -> str:
    """Dutch: whole numbers plain (3), others with one decimal and a comma (2,4)."""
    return str(int(value)) if value.is_integer() else f"{value:.1f}".replace(".", ",")


def _top(rows: list[_Row]) -> float:
    """The end of an axis from 0: the largest value (with its spread), at least 1."""
    ends = [row.value + (row.spread or 0.0) for row in rows if row.value is not None]
    return max([1.0, *ends])


def _style(ax: Axes, rows: list[_Row], low: float, high: float, unit: str) -> None:
    """The plot area: a light background, a vertical line per tick, the labels on the left."""
    ax.set_facecolor(BACKGROUND)
    ax.set_xlim(low, high)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # the first label on top
    ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True, min_n_ticks=2))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _format(float(x)) + unit))
    ax.grid(axis="x", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(GRID)
    ax.tick_params(axis="x", colors=MUTED, labelsize=10, length=0, pad=6)
    ax.tick_params(axis="y", length=0, pad=10, labelsize=12)
    ax.set_yticks(range(len(rows)), [row.label for row in rows])
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        tick.set_color(MUTED if row.value is None else TEXT)


def _draw_row(ax: Axes, y: int, row: _Row, low: float, high: float) -> Annotation | None:
    """One bar with its spread and its value at the end (returned), or a muted note."""
    if row.value is None:
        _beside(ax, row.text, (low, y), MUTED).set_fontstyle("italic")
        return None
    value = min(max(row.value, low), high)
    ax.barh(y, value - low, left=low, height=BAR, color=BAR_FILL, edgecolor=LINE, linewidth=1.2)
    end = value
    if row.spread:
        ax.errorbar(value, y, xerr=row.spread, ecolor=TEXT, elinewidth=1.3, capsize=5, fmt="none")
        end = min(value + row.spread, high)
    value_text = _beside(ax, row.text, (end, y), TEXT)
    value_text.set_fontweight("bold")
    return value_text


def _beside(ax: Axes, text: str, xy: tuple[float, float], color: str) -> Annotation:
    """`text` just right of the point `xy` (the end of a bar), centred on it vertically."""
    return ax.annotate(
        text,
        xy,
        xytext=(VALUE_OFFSET, 0),
        textcoords="offset points",
        va="center",
        fontsize=11,
        color=color,
        annotation_clip=False,  # the value of a full bar stands beside the axis
    )


def _make_room(ax: Axes, annotations: list[Annotation], canvas: FigureCanvasAgg) -> None:
    """Narrow the axes so that the value beside the longest bar stays inside the image."""
    renderer = canvas.get_renderer()
    figure_width = ax.figure.bbox.width
    box = ax.get_position()
    left, width = box.x0 * figure_width, box.width * figure_width
    low, high = ax.get_xlim()
    fits = [width]
    for annotation in annotations:
        share = (annotation.xy[0] - low) / (high - low)  # where the bar ends, 0 to 1 on the axis
        text_width = annotation.get_window_extent(renderer).width
        beside = renderer.points_to_pixels(VALUE_OFFSET) + text_width
        if share > 0:
            fits.append((figure_width - RIGHT - left - beside) / share)
    ax.set_position((box.x0, box.y0, min(fits) / figure_width, box.height))
