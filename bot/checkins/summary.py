"""The summary a group gets when a check-in closes: text and chart."""

from __future__ import annotations

from pathlib import Path

from ..content import Knowledge
from ..records import Checkin
from ..vocabulary import Drawing, DrawingKind, Reply
from . import texts
from .kinds import GemeenteProfile, Results, kind_of
from .schedule import when


def summary(
    checkin: Checkin,
    results: Results,
    moved: dict[str, str],
    previous: Checkin | None,
    kb: Knowledge,
    chart: Drawing | None,
    show_names: bool,
) -> list[Reply]:
    """The closing message: `moved` is the trend against `previous`; `chart` is its
    image, to be drawn (None: no chart)."""
    count = results["respondents"]
    lines = [texts.participants(count)]
    if show_names and results["names"]:
        lines.append(texts.WHO.format(names=", ".join(results["names"])))
    if previous and moved:
        lines += ["", texts.TREND_HEADER.format(date=when(previous.closed_at or ""))]
    arrows = {key: texts.TREND[direction] for key, direction in moved.items()}
    kind = kind_of(checkin.kind)
    lines += ["", *kind.lines(checkin, results, arrows, kb, show_names)]
    name = kb.checkins[checkin.template].name
    title = texts.SUMMARY_TITLE.format(name=name)
    return [Reply("\n".join(lines).strip(), title=title, image=chart)]


def chart_drawing(
    checkin: Checkin, results: Results, path: Path, profile: GemeenteProfile | None
) -> Drawing | None:
    """The chart of a closed check-in's results, to be drawn to `path` (bot/drawings.py);
    None when nobody answered or the kind has none. `profile`: a linked group's gemeente,
    its name and phases."""
    if not results["respondents"] or not kind_of(checkin.kind).charted:
        return None
    shown = [profile[0], dict(profile[1])] if profile else None
    return Drawing(DrawingKind.CHECKIN_CHART, path, {"checkin": checkin.id, "profile": shown})
