"""The startpositie as a radar chart (PNG): one axis per theme, phase 1-4 outwards.

Built on a bare `Figure` with the Agg canvas rather than pyplot, so drawing keeps no global
state and leaves no open figures behind. The frame of a chart (rings, spokes, theme names,
subtitle, legend) depends only on which themes are answered; it is drawn once and kept as
pixels, and a chart restores it and draws its own profile and title on top (matplotlib's
blitting). That is about five times faster than drawing it all, which matters when a group
asks for /voortgang while step 2 is being filled in.

A second profile (`compare`, e.g. a group's average phase per theme) is drawn the same way, as
animated artists over the same frames, with a small legend naming both profiles.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from matplotlib import rcParams
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.projections.polar import PolarAxes
from matplotlib.text import Text
from PIL import Image

from ..content import Knowledge

if TYPE_CHECKING:
    from matplotlib.backend_bases import RendererBase

# Text in a chart is drawn as it is: a group called "Budget $$ team" is no formula (every
# chart of the bot imports this module, so this holds for the check-in charts too).
rcParams["text.parse_math"] = False

PHASES = (1, 2, 3, 4)
UNANSWERED = "(niet ingevuld)"
SIZE_INCHES = 8.0
DPI = 100  # 8 in x 100 dpi = 800 x 800 px
RING_LABEL_SHIFT = 0.2  # a ring's label may sit this far inside or outside it (phases)
LABEL_RADIUS = 4.45  # theme names just outside the outer ring (phase 4)
KEEP_FRAMES = 2  # all themes answered (reports, /voortgang) and one more; 2.5 MB each
LINE = "#1f5f8b"
FILL = "#4a90c2"
MUTED = "#8a8f98"
GRID = "#c9ced6"
TEXT = "#1d2330"
BACKGROUND = "#f7f9fb"  # inside the circle
COMPARE_LINE = "#d9822b"  # the second profile: a calm orange beside the blue
COMPARE_FILL = "#f0a868"
NAMES = ("Gemeente", "Groep")
NOT_FILLED_IN = "nog niet ingevuld"
DASHES = (0, (5, 3))


def radar_chart(
    profile: Mapping[str, int | None],
    kb: Knowledge,
    path: Path,
    title: str,
    *,
    compare: Mapping[str, float | None] | None = None,
    names: tuple[str, str] = NAMES,
) -> Path:
    """Write the chart of `profile` (theme key -> phase) to `path` and return `path`.

    `compare` is a second profile (theme key -> average phase, 1.0 to 4.0), drawn dashed in
    orange over the first, with a legend naming the first `names[0]` and the second `names[1]`.
    Either may be empty: a profile without any value is left out and marked so in the legend.
    """
    themes = tuple(theme.name for theme in kb.themes)
    legend = "   ".join(f"{phase.number} = {phase.label}" for phase in kb.phases)
    phases = [_phase(profile.get(theme.key)) for theme in kb.themes]
    canvas = _chart_canvas(themes, f"Fase {legend}")
    if compare is None:
        png = canvas.draw(phases, title)
    else:
        averages = [_average(compare.get(theme.key)) for theme in kb.themes]
        png = canvas.draw(phases, title, _Comparison(averages, names))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path


@dataclass(frozen=True)
class _Comparison:
    """The second profile of a chart (mean phase per theme) and the names of both profiles."""

    averages: list[float | None]
    names: tuple[str, str]


class _Profile(NamedTuple):
    """The artists of one profile on the chart, back to front."""

    fill: Polygon
    line: Line2D
    answered: Line2D  # the points of the themes with a value
    unanswered: Line2D  # and those without, at the centre


@lru_cache(maxsize=4)
def _chart_canvas(themes: tuple[str, ...], legend: str) -> _ChartCanvas:
    return _ChartCanvas(themes, legend)


class _ChartCanvas:
    """One figure for charts of these themes: frames drawn once, profile and title per chart."""

    def __init__(self, themes: Sequence[str], legend: str) -> None:
        self.themes = themes
        self.angles = [2 * math.pi * i / len(themes) for i in range(len(themes))]
        self.lock = threading.Lock()  # one figure: one chart at a time
        figure = Figure(figsize=(SIZE_INCHES, SIZE_INCHES), dpi=DPI, facecolor="white")
        self.canvas = FigureCanvasAgg(figure)
        figure.subplots_adjust(left=0.24, right=0.76, top=0.84, bottom=0.2)
        ax = cast(PolarAxes, figure.add_subplot(projection="polar"))
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 4)
        ax.set_rgrids(PHASES, labels=[])
        ax.set_thetagrids([math.degrees(a) for a in self.angles], labels=[])
        ax.grid(color=GRID, linewidth=0.8)
        ax.spines["polar"].set_color(GRID)
        ax.set_facecolor(BACKGROUND)
        figure.text(
            0.5,
            0.905,
            "Startpositie per thema, fase 1 tot 4",
            ha="center",
            fontsize=12,
            color=MUTED,
        )
        figure.text(0.5, 0.09, legend, ha="center", fontsize=11, color=MUTED)
        self.figure, self.ax = figure, ax
        self.profile = self._profile_artists()
        self.rings = self._ring_labels()
        self.compare = self._compare_artists()
        self.legend = _Legend(figure)
        self.labels = [
            ax.text(
                angle,
                LABEL_RADIUS,
                "",
                ha=_side(angle),
                va=_level(angle),
                fontsize=12,
                clip_on=False,
            )
            for angle in self.angles
        ]
        self.title = figure.suptitle(
            "", fontsize=18, fontweight="bold", color=TEXT, y=0.965, animated=True
        )
        # the pixels of a frame: matplotlib's BufferRegion, which its type stubs do not name
        self.frames: OrderedDict[tuple[bool, ...], object] = OrderedDict()

    def _profile_artists(self) -> _Profile:
        """The filled profile, its line and its points."""
        ax = self.ax
        [fill] = ax.fill([0], [0], color=FILL, alpha=0.25, animated=True)
        [line] = ax.plot([0], [0], color=LINE, linewidth=2.2, animated=True)

        def dots(face: str, edge: str) -> Line2D:
            [points] = ax.plot(
                [],
                [],
                mfc=face,
                mec=edge,
                animated=True,
                marker="o",
                markersize=8,
                markeredgewidth=1.8,
                linestyle="",
            )
            return points

        return _Profile(fill, line, dots(LINE, LINE), dots("white", MUTED))

    def _ring_labels(self) -> list[Text]:
        """The phase of each ring, drawn over the profiles (placed per chart, clear of them)."""
        ring_angle = self.angles[1] / 2 if len(self.angles) > 1 else math.pi / 4
        box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}
        return [
            self.ax.text(
                ring_angle,
                phase,
                f"fase {phase}",
                animated=True,
                ha="center",
                va="center",
                fontsize=10,
                color=MUTED,
                bbox=box,
            )
            for phase in PHASES
        ]

    def _compare_artists(self) -> _Profile:
        """The second profile: light fill, dashed line, and points smaller than the first's, so
        that where both profiles meet a blue ring shows around the orange point."""
        ax = self.ax
        [fill] = ax.fill([0], [0], color=COMPARE_FILL, alpha=0.22, animated=True)
        [line] = ax.plot(
            [0],
            [0],
            color=COMPARE_LINE,
            animated=True,
            linewidth=2.2,
            linestyle=DASHES,
            dash_capstyle="round",
        )

        def dots(face: str) -> Line2D:
            [points] = ax.plot(
                [],
                [],
                mfc=face,
                mec=COMPARE_LINE,
                marker="o",
                markersize=5,
                markeredgewidth=1.6,
                linestyle="",
                clip_on=False,  # a mean of 4.0 shows a whole point on the outer ring, not half
                animated=True,
            )
            return points

        return _Profile(fill, line, dots(COMPARE_LINE), dots("white"))

    def draw(
        self, phases: list[int | None], title: str, comparison: _Comparison | None = None
    ) -> bytes:
        with self.lock:
            self._set(phases, title)
            profiles = [[p or 0.0 for p in phases]]
            if comparison is not None:
                profiles.append([a or 0.0 for a in comparison.averages])
            angle, radii = _clear_angle(self.angles, profiles)
            for phase, label in zip(PHASES, self.rings, strict=True):
                label.set_position((angle, _beside_ring(phase, radii)))
            answered = tuple(phase is not None for phase in phases)
            if comparison is not None:
                self._set_compare(comparison, shown=any(answered))
                averages = (value is not None for value in comparison.averages)
                answered = tuple(a or b for a, b in zip(answered, averages, strict=True))
            canvas = self.canvas
            canvas.restore_region(self._frame(answered))
            for artist in self._animated(phases, comparison):
                self.ax.draw_artist(artist)
            self.figure.draw_artist(self.title)
            if comparison is not None:
                for artist in self.legend.artists(canvas.get_renderer()):
                    self.figure.draw_artist(artist)
            image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
            png = io.BytesIO()
            image.convert("RGB").save(png, format="png", compress_level=1)
        return png.getvalue()

    def _set(self, phases: list[int | None], title: str) -> None:
        fill, line, answered, unanswered = self.profile
        values = [phase or 0 for phase in phases]
        ring = list(zip([*self.angles, self.angles[0]], [*values, values[0]], strict=True))
        fill.set_xy(ring)
        line.set_data(*zip(*ring, strict=True))
        points = list(zip(self.angles, values, phases, strict=True))
        answered.set_data([a for a, _, p in points if p], [v for _, v, p in points if p])
        unanswered.set_data([a for a, _, p in points if not p], [v for _, v, p in points if not p])
        self.title.set_text(title)

    def _set_compare(self, comparison: _Comparison, shown: bool) -> None:
        """Set the second profile and the legend; `shown`: whether the first profile has values."""
        fill, line, answered, unanswered = self.compare
        # a theme nobody in the group answered is missing: a gap in the line, no point
        values = [math.nan if value is None else value for value in comparison.averages]
        ring = list(zip([*self.angles, self.angles[0]], [*values, values[0]], strict=True))
        line.set_data(*zip(*ring, strict=True))
        points = [(a, v) for a, v in zip(self.angles, comparison.averages, strict=True) if v]
        fill.set_xy(points or [(0.0, 0.0)])
        answered.set_data(*_unzip(points))
        unanswered.set_data([], [])
        has_values = (shown, any(v is not None for v in comparison.averages))
        self.legend.set(comparison.names, has_values)

    def _animated(self, phases: list[int | None], comparison: _Comparison | None) -> list[Artist]:
        """The artists to draw over the frame, back to front.

        Without a comparison this is the first profile and the ring labels, as always. With
        one, a profile without any value is left out, the dashed line goes over the solid one
        and the smaller orange points over the blue ones, so both stay visible where they meet.
        """
        if comparison is None:
            return [*self.profile, *self.rings]
        fill, line, answered, unanswered = self.profile
        first = any(phase is not None for phase in phases)
        second = any(value is not None for value in comparison.averages)
        c_fill, c_line, c_answered, c_unanswered = self.compare
        layers: list[tuple[bool, list[Artist]]] = [
            (second, [c_fill]),
            (first, [fill, line]),
            (second, [c_line]),
            (first, [answered, unanswered]),
            (second, [c_answered, c_unanswered]),
        ]
        return [artist for shown, artists in layers if shown for artist in artists] + [*self.rings]

    def _frame(self, answered: tuple[bool, ...]) -> object:
        """Everything but the profile and the title (the animated artists), as pixels."""
        frame = self.frames.pop(answered, None)
        if frame is None:
            for label, name, done in zip(self.labels, self.themes, answered, strict=True):
                label.set_text(_label(name, done))
                label.set_color(TEXT if done else MUTED)
            self.canvas.draw()
            frame = self.canvas.copy_from_bbox(self.figure.bbox)
        self.frames[answered] = frame
        while len(self.frames) > KEEP_FRAMES:
            self.frames.popitem(last=False)
        return frame


class _Legend:
    """Which profile is which, centred at the bottom: a line sample and a name for each.

    Animated, not part of the cached frame, as the names vary per chart. Laid out by hand:
    two lines and two texts draw in about half the time of a matplotlib Legend.
    """

    HANDLE = 36  # px: the line sample
    GAP = 8  # px: between sample and name
    SPACING = 30  # px: between the two entries
    Y = 0.043  # figure fraction: below the phase legend

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        styles: list[dict[str, object]] = [
            {"color": LINE, "mec": LINE, "mfc": LINE},
            {"color": COMPARE_LINE, "mec": COMPARE_LINE, "mfc": COMPARE_LINE, "ls": DASHES},
        ]
        sample = {"linewidth": 2.2, "marker": "o", "markersize": 6, "markevery": [1]}
        self.handles = [
            Line2D([0, 0, 0], [self.Y] * 3, transform=figure.transFigure, animated=True)
            for _ in styles
        ]
        for handle, style in zip(self.handles, styles, strict=True):
            handle.set(**sample, **style)
        self.texts = [
            figure.text(0, self.Y, "", va="center", fontsize=11, animated=True) for _ in styles
        ]

    def set(self, names: tuple[str, str], filled: tuple[bool, bool]) -> None:
        """Name the profiles; one without values is muted and marked as not filled in."""
        for handle, text, name, done in zip(self.handles, self.texts, names, filled, strict=True):
            handle.set_alpha(None if done else 0.4)
            text.set_text(name if done else f"{name}: {NOT_FILLED_IN}")
            text.set_color(TEXT if done else MUTED)

    def artists(self, renderer: RendererBase) -> list[Artist]:
        """Centre the entries for the current names and return what to draw.

        On whole pixels: a text's measured width varies in its last bits with where it stood,
        and the same chart must come out the same every time.
        """
        width = self.figure.bbox.width
        names = [round(text.get_window_extent(renderer).width) for text in self.texts]
        total = len(names) * (self.HANDLE + self.GAP) + sum(names) + self.SPACING
        x = round((width - total) / 2)
        for handle, text, name in zip(self.handles, self.texts, names, strict=True):
            handle.set_xdata([x / width, (x + self.HANDLE / 2) / width, (x + self.HANDLE) / width])
            x += self.HANDLE + self.GAP
            text.set_x(x / width)
            x += name + self.SPACING
        return [*self.handles, *self.texts]


def _clear_angle(
    angles: Sequence[float], profiles: Sequence[Sequence[float]]
) -> tuple[float, list[float]]:
    """The angle between two spokes where the rings' labels stay furthest from every profile
    line (the middle where the profiles' edges pass furthest from any ring), and how far
    from the centre each profile's edge crosses it. The labels are read upright, so only
    gaps above and below the centre are candidates."""
    pairs = list(zip(angles, [*angles[1:], angles[0] + 2 * math.pi], strict=True))
    spread = pairs[0][1] - pairs[0][0]

    def clearance(index: int) -> float:
        nxt = (index + 1) % len(angles)
        radii = [_middle(values[index], values[nxt], spread) for values in profiles]
        return min(abs(radius - ring) for radius in radii for ring in PHASES)

    # not left or right of the centre: there a label lies along its ring's radius
    upright = [i for i, (a, b) in enumerate(pairs) if abs(math.sin((a + b) / 2)) < 0.9]
    best = max(upright or [0], key=lambda i: (round(clearance(i), 2), i == 0))
    start, end = pairs[best]
    after = (best + 1) % len(angles)
    return (start + end) / 2, [_middle(p[best], p[after], spread) for p in profiles]


def _beside_ring(ring: int, radii: Sequence[float]) -> float:
    """Where a ring's label goes: on the ring, or just inside or outside it, whichever
    keeps it furthest from the profiles' edges (at `radii`)."""
    places = (ring, ring + RING_LABEL_SHIFT, ring - RING_LABEL_SHIFT)
    return max(places, key=lambda at: min((abs(at - r) for r in radii), default=4.0))


def _middle(first: float, second: float, spread: float) -> float:
    """How far from the centre a straight edge between two spokes crosses their middle."""
    if first + second == 0:
        return 0.0
    return 2 * first * second * math.cos(spread / 2) / (first + second)


def _phase(value: int | None) -> int | None:
    return value if value in PHASES else None


def _average(value: float | None) -> float | None:
    """A mean phase on the chart's scale, or None (also for NaN, the mean of no answers)."""
    if value is None or not PHASES[0] <= value <= PHASES[-1]:
        return None
    return float(value)


def _unzip(points: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    return [a for a, _ in points], [v for _, v in points]


def _label(name: str, answered: bool) -> str:
    wrapped = textwrap.fill(name, width=14, break_long_words=False)
    return wrapped if answered else f"{wrapped}\n{UNANSWERED}"


def _side(angle: float) -> str:
    """Align a label away from the circle: left of it on the left, right of it on the right."""
    x = math.sin(angle)  # angles run clockwise from the top
    return "center" if abs(x) < 0.1 else ("left" if x > 0 else "right")


def _level(angle: float) -> str:
    """Labels above the circle sit on it, those below hang from it."""
    y = math.cos(angle)
    return "center" if abs(y) < 0.1 else ("bottom" if y > 0 else "top")
