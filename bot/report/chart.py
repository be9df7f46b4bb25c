"""The startpositie as a radar chart (PNG): one axis per theme, phase 1-4 outwards.

Built on a bare `Figure` with the Agg canvas rather than pyplot, so drawing keeps no global
state and leaves no open figures behind. The frame of a chart (rings, spokes, theme names,
subtitle, legend) depends only on which themes are answered; it is drawn once and kept as
pixels, and a chart restores it and draws its own profile and title on top (matplotlib's
blitting). That is about five times faster than drawing it all, which matters when a group
asks for /voortgang while step 2 is being filled in.
"""

from __future__ import annotations

import io
import math
import textwrap
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..content import Knowledge

if TYPE_CHECKING:
    from matplotlib.backends._backend_agg import BufferRegion

PHASES = (1, 2, 3, 4)
UNANSWERED = "(niet ingevuld)"
SIZE_INCHES = 8.0
DPI = 100  # 8 in x 100 dpi = 800 x 800 px
LABEL_RADIUS = 4.45  # theme names just outside the outer ring (phase 4)
KEEP_FRAMES = 8  # step 2 asks the themes in order: 7 frames cover a walk through it
LINE = "#1f5f8b"
FILL = "#4a90c2"
MUTED = "#8a8f98"
GRID = "#c9ced6"
TEXT = "#1d2330"


def radar_chart(profile: Mapping[str, int | None], kb: Knowledge, path: Path, title: str) -> Path:
    """Write the chart of `profile` (theme key -> phase) to `path` and return `path`."""
    themes = tuple(theme.name for theme in kb.themes)
    legend = "   ".join(f"{phase.number} = {phase.label}" for phase in kb.phases)
    phases = [_phase(profile.get(theme.key)) for theme in kb.themes]
    png = _chart_canvas(themes, f"Fase {legend}").draw(phases, title)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return path


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
        FigureCanvasAgg(figure)
        figure.subplots_adjust(left=0.24, right=0.76, top=0.84, bottom=0.2)
        ax = figure.add_subplot(projection="polar")
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 4)
        ax.set_rgrids(PHASES, labels=[])
        ax.set_thetagrids([math.degrees(a) for a in self.angles], labels=[])
        ax.grid(color=GRID, linewidth=0.8)
        ax.spines["polar"].set_color(GRID)
        ax.set_facecolor("#f7f9fb")
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
        label = {"fontsize": 12, "clip_on": False}
        self.labels = [
            ax.text(angle, LABEL_RADIUS, "", ha=_side(angle), va=_level(angle), **label)
            for angle in self.angles
        ]
        self.title = figure.suptitle(
            "", fontsize=18, fontweight="bold", color=TEXT, y=0.965, animated=True
        )
        self.frames: OrderedDict[tuple[bool, ...], BufferRegion] = OrderedDict()

    def _profile_artists(self) -> list[Artist]:
        """The filled profile, its line, its points, and the ring labels over them."""
        ax = self.ax
        [fill] = ax.fill([0], [0], color=FILL, alpha=0.25, animated=True)
        [line] = ax.plot([0], [0], color=LINE, linewidth=2.2, animated=True)
        dots = {"marker": "o", "markersize": 8, "markeredgewidth": 1.8, "linestyle": ""}
        [answered] = ax.plot([], [], mfc=LINE, mec=LINE, animated=True, **dots)
        [unanswered] = ax.plot([], [], mfc="white", mec=MUTED, animated=True, **dots)
        ring_angle = self.angles[1] / 2 if len(self.angles) > 1 else math.pi / 4
        box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"}
        ring = {"ha": "center", "va": "center", "fontsize": 10, "color": MUTED, "bbox": box}
        rings = [
            ax.text(ring_angle, phase, f"fase {phase}", animated=True, **ring) for phase in PHASES
        ]
        return [fill, line, answered, unanswered, *rings]

    def draw(self, phases: list[int | None], title: str) -> bytes:
        with self.lock:
            self._set(phases, title)
            canvas = self.figure.canvas
            canvas.restore_region(self._frame(tuple(phase is not None for phase in phases)))
            for artist in self.profile:
                self.ax.draw_artist(artist)
            self.figure.draw_artist(self.title)
            image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
            png = io.BytesIO()
            image.convert("RGB").save(png, format="png", compress_level=1)
        return png.getvalue()

    def _set(self, phases: list[int | None], title: str) -> None:
        fill, line, answered, unanswered = self.profile[:4]
        values = [phase or 0 for phase in phases]
        ring = list(zip([*self.angles, self.angles[0]], [*values, values[0]], strict=True))
        fill.set_xy(ring)
        line.set_data(*zip(*ring, strict=True))
        points = list(zip(self.angles, values, phases, strict=True))
        answered.set_data([a for a, _, p in points if p], [v for _, v, p in points if p])
        unanswered.set_data([a for a, _, p in points if not p], [v for _, v, p in points if not p])
        self.title.set_text(title)

    def _frame(self, answered: tuple[bool, ...]) -> BufferRegion:
        """Everything but the profile and the title (the animated artists), as pixels."""
        frame = self.frames.pop(answered, None)
        if frame is None:
            for label, name, done in zip(self.labels, self.themes, answered, strict=True):
                label.set_text(_label(name, done))
                label.set_color(TEXT if done else MUTED)
            self.figure.canvas.draw()
            frame = self.figure.canvas.copy_from_bbox(self.figure.bbox)
        self.frames[answered] = frame
        if len(self.frames) > KEEP_FRAMES:
            self.frames.popitem(last=False)
        return frame


def _phase(value: int | None) -> int | None:
    return value if value in PHASES else None


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
