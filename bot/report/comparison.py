"""Comparison by consent: the average startpositie of the gemeenten that share theirs
(/vergelijken), and of those of similar size by CBS inwoners; an average is shown only when
at least MIN_GEMEENTEN take part in it, so no single gemeente can be singled out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import format_decimal

from ..content import Knowledge, is_phase
from ..store import Store

MIN_GEMEENTEN = 5
# Size classes by number of inwoners (CBS): from, up to (None: no limit).
SIZES: tuple[tuple[int, int | None], ...] = (
    (0, 20_000),
    (20_000, 50_000),
    (50_000, 100_000),
    (100_000, None),
)


@dataclass(frozen=True)
class Average:
    count: int  # gemeenten in it
    phases: dict[str, float]  # theme key -> average phase


@dataclass(frozen=True)
class Comparison:
    sharing: bool = False  # this gemeente shares its startpositie
    everyone: Average | None = None  # None: fewer than MIN_GEMEENTEN take part
    size: str = ""  # the gemeente's size class ("20.000 tot 50.000 inwoners"); "": unknown
    same_size: Average | None = None


def load_comparison(store: Store, kb: Knowledge, gemeente_id: int, code: str) -> Comparison:
    if not store.is_comparing(gemeente_id):
        return Comparison()
    flow = kb.step_flow("startpositie").key
    profiles: dict[str, dict[str, int]] = {}
    for other_id, other_code in store.comparing_gemeenten():
        answers = store.current_answers(other_id, flow)
        phases = {t.key: answers.get((t.key, "fase")) for t in kb.themes}
        if all(is_phase(p) for p in phases.values()):  # only a whole startpositie counts
            profiles[other_code] = phases  # type: ignore[assignment]
    own_size = _size(store, code)
    same = [p for c, p in profiles.items() if own_size is not None and _size(store, c) == own_size]
    return Comparison(
        sharing=True,
        everyone=_average(list(profiles.values())),
        size=size_label(own_size) if own_size is not None else "",
        same_size=_average(same),
    )


def _size(store: Store, code: str) -> int | None:
    """The index of the gemeente's size class in SIZES, or None without CBS inwoners."""
    region = store.cbs_region(code)
    inwoners = region.figures.get("inwoners") if region else None
    if inwoners is None:
        return None
    return next(i for i, (low, high) in enumerate(SIZES) if high is None or inwoners < high)


def size_label(index: int) -> str:
    low, high = SIZES[index]
    if high is None:
        return f"{_number(low)} inwoners of meer"
    if low == 0:
        return f"minder dan {_number(high)} inwoners"
    return f"{_number(low)} tot {_number(high)} inwoners"


def _average(profiles: Sequence[dict[str, int]]) -> Average | None:
    if len(profiles) < MIN_GEMEENTEN:
        return None
    keys = profiles[0].keys()
    return Average(len(profiles), {k: sum(p[k] for p in profiles) / len(profiles) for k in keys})


def phase_text(value: float) -> str:
    """An average phase, one decimal, Dutch: 2,3."""
    return format_decimal(round(value, 1), format="0.0", locale="nl")


def _number(value: int) -> str:
    return format_decimal(value, locale="nl")
