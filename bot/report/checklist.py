"""The doe-het-zelf-checklist scored: per task a score from 0 to 10, the strongest and
weakest tasks, and which points to work on.

The rule. Every point is answered ja (1 point), deels (0.5) or nee (0). Per task:

    score = 5 + 5 * (kans points / kansen answered - valkuil points / valkuilen answered)

a share being 0 when no point of that kind is answered. So opportunities that are there
count for the task, recognised pitfalls against it: every opportunity there and no pitfall
recognised is 10, the reverse 0. Rounded half up to one decimal; None when nothing of the
task is answered. A group scores a task by the same rule, each member's answer to a point
counting as one answer.

A task is strong at STRONG_FROM or more, weak at WEAK_UPTO or less, in between neither; the
rule text says so. At most three of each are ranked (strongest and weakest first); ties go
to the lower task number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..content.layout import Status
from ..content.models import ChecklistItem, ChecklistTask

FLOW = "checklist"  # the flow's key (flows/checklist.yaml) and where its answers are stored
QUESTION = "herkend"  # its one question
POINTS = {"ja": 1.0, "deels": 0.5, "nee": 0.0}
STRONG_FROM = 6.0  # a task scoring this or more is strong
WEAK_UPTO = 4.0  # and this or less weak; in between neither
RANKED = 3  # strongest and weakest tasks shown
ADVICE_ITEMS = 3  # points named per list of advice


def score(answers: Iterable[tuple[str, str]]) -> float | None:
    """The score (0-10) of (kind, answer) pairs: kind "kans" or "valkuil", answer ja/deels/nee."""
    points: dict[str, list[float]] = {"kans": [], "valkuil": []}
    for kind, answer in answers:
        if answer in POINTS and kind in points:
            points[kind].append(POINTS[answer])
    if not points["kans"] and not points["valkuil"]:
        return None
    share = {kind: sum(p) / len(p) if p else 0.0 for kind, p in points.items()}
    return _half_up(5 + 5 * (share["kans"] - share["valkuil"]))


def _half_up(value: float) -> float:
    """One decimal, halves up (6.25 is 6.3; Python's round would give 6.2)."""
    return math.floor(value * 10 + 0.5 + 1e-9) / 10


def score_text(value: float | None) -> str:
    """Dutch: 6,5; a dash for no score."""
    return "-" if value is None else f"{value:.1f}".replace(".", ",")


STRONG_TEXT, WEAK_TEXT = score_text(STRONG_FROM), score_text(WEAK_UPTO)
RULE = (
    "Score van 0 tot 10: kansen die er zijn tellen mee, herkende valkuilen tellen tegen. "
    f"Sterk is {STRONG_TEXT} of hoger, zwak {WEAK_TEXT} of lager."
)
Verdict = Literal["sterk", "zwak", "midden"]


def verdict(value: float) -> Verdict:
    return "sterk" if value >= STRONG_FROM else "zwak" if value <= WEAK_UPTO else "midden"


@dataclass(frozen=True)
class TaskScore:
    task: ChecklistTask
    answered: int
    score: float | None

    @property
    def items(self) -> int:
        return len(self.task.items)

    @property
    def complete(self) -> bool:
        return self.answered == self.items


@dataclass(frozen=True)
class Advice:
    """What to do about a task: its recognised pitfalls (ja before deels), the
    opportunities answered nee, and the opportunities that are there (ja before deels)."""

    task: ChecklistTask
    pitfalls: list[ChecklistItem]
    missing: list[ChecklistItem]
    present: list[ChecklistItem]


@dataclass(frozen=True)
class ChecklistScores:
    """A gemeente's checklist: the current answer per point number, and what follows."""

    tasks: tuple[ChecklistTask, ...] = ()
    answers: Mapping[int, str] = field(default_factory=dict)  # point number -> ja/deels/nee

    def scores(self) -> list[TaskScore]:
        return [self._score(task) for task in self.tasks]

    def _score(self, task: ChecklistTask) -> TaskScore:
        given = [(i.kind, self.answers[i.number]) for i in task.items if i.number in self.answers]
        return TaskScore(task, len(given), score(given))

    def status(self) -> Status:
        scores = self.scores()
        if not any(s.answered for s in scores):
            return "open"
        return "klaar" if all(s.complete for s in scores) else "bezig"

    def strong(self) -> list[TaskScore]:
        """The tasks scoring STRONG_FROM or more, best first (ties: the lower number)."""
        scored = [s for s in self.scores() if s.score is not None and s.score >= STRONG_FROM]
        return sorted(scored, key=lambda s: (-(s.score or 0), s.task.number))

    def weak(self) -> list[TaskScore]:
        """The tasks scoring WEAK_UPTO or less, worst first (ties: the lower number)."""
        scored = [s for s in self.scores() if s.score is not None and s.score <= WEAK_UPTO]
        return sorted(scored, key=lambda s: (s.score or 0, s.task.number))

    def ranked(self) -> tuple[list[TaskScore], list[TaskScore]]:
        """The strongest tasks (best first) and the weakest (worst first), at most three each."""
        return self.strong()[:RANKED], self.weak()[:RANKED]

    def pitfalls_of(self, task: ChecklistTask) -> list[tuple[ChecklistItem, str]]:
        """The task's pitfalls answered ja or deels, with the answer, in point order."""
        return [(item, answer) for t, item, answer in self.recognised_pitfalls() if t == task]

    def advice(self, task: ChecklistTask) -> Advice:
        def answered(kind: str, *values: str) -> list[ChecklistItem]:
            found = [
                item
                for value in values
                for item in task.items
                if item.kind == kind and self.answers.get(item.number) == value
            ]
            return found[:ADVICE_ITEMS]

        return Advice(
            task,
            pitfalls=answered("valkuil", "ja", "deels"),
            missing=answered("kans", "nee"),
            present=answered("kans", "ja", "deels"),
        )

    def recognised_pitfalls(self) -> list[tuple[ChecklistTask, ChecklistItem, str]]:
        """Every pitfall answered ja or deels, with its task and the answer, in point order."""
        return [
            (task, item, self.answers[item.number])
            for task in self.tasks
            for item in task.items
            if item.kind == "valkuil" and self.answers.get(item.number) in ("ja", "deels")
        ]

    def as_json(self) -> dict[str, Any]:
        strongest, weakest = self.ranked()
        return {
            "status": self.status(),
            "tasks": [
                {
                    "number": s.task.number,
                    "key": s.task.key,
                    "name": s.task.name,
                    "answered": s.answered,
                    "items": s.items,
                    "score": s.score,
                }
                for s in self.scores()
            ],
            "strongest": [s.task.key for s in strongest],
            "weakest": [s.task.key for s in weakest],
        }


def task_numbered(tasks: Iterable[ChecklistTask], given: str) -> ChecklistTask | None:
    """The task whose number is `given` ("3"), or None."""
    return next((task for task in tasks if given.strip() == str(task.number)), None)


def task_of_point(tasks: Iterable[ChecklistTask], point: str) -> ChecklistTask | None:
    """The task a point ("14") belongs to, or None."""
    return next((t for t in tasks if any(str(i.number) == point for i in t.items)), None)


def point_kinds(tasks: Iterable[ChecklistTask]) -> dict[str, str]:
    """Every point's number ("14") and its kind: kans or valkuil."""
    return {str(item.number): item.kind for task in tasks for item in task.items}


def from_answers(tasks: tuple[ChecklistTask, ...], answers: Mapping[Any, Any]) -> ChecklistScores:
    """The checklist from a flow's current answers, {(point number, "herkend"): value}."""
    given = {
        int(item): value
        for (item, question), value in answers.items()
        if question == QUESTION and str(item).isdigit() and value in POINTS
    }
    return ChecklistScores(tasks, given)
