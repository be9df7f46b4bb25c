"""The startpositie as a radar chart (PNG): one axis per theme, phase 1-4 outwards.

Built on a bare `Figure` with the Agg canvas rather than pyplot, so drawing keeps no global
state: it is safe from the bot's worker threads and leaves no open figures behind.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.projections.polar import PolarAxes

from ..content import Knowledge

PHASES = (1, 2, 3, 4)
UNANSWERED = "(niet ingevuld)"
SIZE_INCHES = 8.0
DPI = 100  # 8 in x 100 dpi = 800 x 800 px
LINE = "#1f5f8b"
FILL = "#4a90c2"
MUTED = "#8a8f98"
GRID = "#c9ced6"
TEXT = "#1d2330"


def radar_chart(profile: Mapping[str, int | None], kb: Knowledge, path: Path, title: str) -> Path:
    """Write the chart of `profile` (theme key -> phase) to `path` and return `path`."""
    phases = [_phase(profile.get(theme.key)) for theme in kb.themes]
    labels = [_label(theme.name, phase) for theme, phase in zip(kb.themes, phases, strict=True)]
    angles = [2 * math.pi * i / len(labels) for i in range(len(labels))]

    figure = Figure(figsize=(SIZE_INCHES, SIZE_INCHES), dpi=DPI, facecolor="white")
    FigureCanvasAgg(figure)
    figure.subplots_adjust(left=0.24, right=0.76, top=0.84, bottom=0.2)
    ax = figure.add_subplot(projection="polar")
    _draw_frame(ax, angles, labels, phases)
    _draw_profile(ax, angles, phases)
    figure.suptitle(title, fontsize=18, fontweight="bold", color=TEXT, y=0.965)
    figure.text(
        0.5, 0.905, "Startpositie per thema, fase 1 tot 4", ha="center", fontsize=12, color=MUTED
    )

    legend = "   ".join(f"{phase.number} = {phase.label}" for phase in kb.phases)
    figure.text(0.5, 0.09, f"Fase {legend}", ha="center", fontsize=11, color=MUTED)

    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png", dpi=DPI, facecolor="white")
    return path


def _phase(value: int | None) -> int | None:
    return value if value in PHASES else None


def _label(name: str, phase: int | None) -> str:
    wrapped = textwrap.fill(name, width=14, break_long_words=False)
    return wrapped if phase is not None else f"{wrapped}\n{UNANSWERED}"


def _draw_frame(
    ax: PolarAxes, angles: list[float], labels: list[str], phases: list[int | None]
) -> None:
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 4)
    ax.set_rgrids(PHASES, labels=[])
    # The ring labels sit between the first two axes, drawn over the profile to stay legible.
    ring_angle = angles[1] / 2 if len(angles) > 1 else math.pi / 4
    for phase in PHASES:
        ax.text(
            ring_angle,
            phase,
            f"fase {phase}",
            ha="center",
            va="center",
            fontsize=10,
            color=MUTED,
            zorder=5,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none"},
        )
    ax.set_thetagrids([math.degrees(a) for a in angles], labels=labels, fontsize=12, color=TEXT)
    for text, angle, phase in zip(ax.get_xticklabels(), angles, phases, strict=True):
        text.set_horizontalalignment(_side(angle))
        if phase is None:
            text.set_color(MUTED)
    ax.tick_params(axis="x", pad=14)
    ax.grid(color=GRID, linewidth=0.8)
    ax.spines["polar"].set_color(GRID)
    ax.set_facecolor("#f7f9fb")


def _side(angle: float) -> str:
    """Align a label away from the circle: left of it on the left, right of it on the right."""
    x = math.sin(angle)  # angles run clockwise from the top
    return "center" if abs(x) < 0.1 else ("left" if x > 0 else "right")


def _draw_profile(ax: PolarAxes, angles: list[float], phases: list[int | None]) -> None:
    values = [phase or 0 for phase in phases]
    ring_angles, ring_values = [*angles, angles[0]], [*values, values[0]]
    ax.fill(ring_angles, ring_values, color=FILL, alpha=0.25, zorder=2)
    ax.plot(ring_angles, ring_values, color=LINE, linewidth=2.2, zorder=3)
    for angle, value, phase in zip(angles, values, phases, strict=True):
        answered = phase is not None
        ax.plot(
            angle,
            value,
            marker="o",
            markersize=8,
            markerfacecolor=LINE if answered else "white",
            markeredgecolor=LINE if answered else MUTED,
            markeredgewidth=1.8,
            zorder=4,
        )
