"""From the answers to the results of a check-in (kept as JSON when it closes), and how
they moved since the previous check-in of the same kind in the same group."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from ..content.models import ChecklistTask
from ..report.checklist import POINTS, point_kinds, score, task_of_point
from ..store.records import Checkin

Answers = dict[tuple[str, str], tuple[str, Any]]  # (question, user) -> (name, value)
SAME_WITHIN = 0.25  # averages closer than this count as unchanged


def compute(
    checkin: Checkin,
    answers: Answers,
    theme_keys: list[str],
    tasks: Sequence[ChecklistTask] = (),
) -> dict[str, Any]:
    """`tasks`: the checklist, for a check-in on one of its tasks."""
    given = {key: (name, value) for key, (name, value) in answers.items() if value not in ([], "")}
    people = {user: name for (_, user), (name, _) in given.items()}
    results: dict[str, Any] = {"respondents": len(people), "names": sorted(people.values())}
    if checkin.kind == "checklist":
        results.update(_checklist(checkin, given, tasks))
    elif checkin.kind == "phases":
        results["themes"] = {key: _phases(given, key) for key in theme_keys}
    elif checkin.kind == "open":
        results["answers"] = [{"name": n, "text": v} for (_, _), (n, v) in given.items()]
    else:
        counts = dict.fromkeys((key for key, _ in checkin.options), 0)
        for _, value in given.values():
            for key in value if isinstance(value, list) else [value]:
                counts[key] = counts.get(key, 0) + 1
        results["counts"] = counts
        results["labels"] = dict(checkin.options)
    return results


def _checklist(checkin: Checkin, given: Answers, tasks: Sequence[ChecklistTask]) -> dict[str, Any]:
    """Per point how many said ja, deels and nee; and the group's score of the task, each
    member's answer to a point counting as one answer (bot/report/checklist.py)."""
    points = [key for key, _ in checkin.options]
    kinds = point_kinds(tasks)
    task = task_of_point(tasks, points[0]) if points else None
    counts = {point: dict.fromkeys(POINTS, 0) for point in points}
    pairs = []
    for (point, _), (_, value) in given.items():
        if point in counts and value in POINTS:
            counts[point][value] += 1
            pairs.append((kinds.get(point, ""), value))
    return {"task": task.key if task else None, "items": counts, "score": score(pairs)}


def _phases(given: Answers, theme: str) -> dict[str, Any]:
    values = [int(v) for (question, _), (_, v) in given.items() if question == theme]
    return {
        "count": len(values),
        "average": round(statistics.fmean(values), 2) if values else None,
        "spread": round(statistics.pstdev(values), 2) if values else None,
        "phases": {str(p): values.count(p) for p in (1, 2, 3, 4)},
    }


def trend(results: dict[str, Any], previous: dict[str, Any] | None) -> dict[str, str]:
    """Per theme or option: 'up', 'down' or 'same' against `previous`; {} without one."""
    if previous is None:
        return {}
    if "themes" in results:
        now = {k: v["average"] for k, v in results["themes"].items()}
        then = {k: v["average"] for k, v in previous.get("themes", {}).items()}
        pairs = {k: (now[k], then.get(k)) for k in now}
        within = SAME_WITHIN
    elif "counts" in results:
        then = previous.get("counts", {})
        pairs = {k: (v, then.get(k)) for k, v in results["counts"].items()}
        within = 0
    else:
        return {}
    return {
        k: _direction(a, b, within)
        for k, (a, b) in pairs.items()
        if a is not None and b is not None
    }


def _direction(now: float, then: float, within: float) -> str:
    if abs(now - then) <= within:
        return "same"
    return "up" if now > then else "down"
