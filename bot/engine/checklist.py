"""/checklist: the doe-het-zelf-checklist as a menu of its tasks, and its result.

The questions are the flow in flows/checklist.yaml, one per point, answered per gemeente.
This module only chooses where in that flow to begin (the first open point of the chosen
task) and shows what the answers add up to (scored in bot/report/checklist.py): a task's
result as soon as it is done, and the whole result.
"""

from __future__ import annotations

from dataclasses import replace

from ..content import Knowledge
from ..content.layout import Answers, Slot
from ..content.models import ChecklistItem, ChecklistTask
from ..report.checklist import (
    FLOW,
    ChecklistScores,
    TaskScore,
    from_answers,
    score_text,
    task_numbered,
    task_of_point,
    verdict,
)
from ..store import Store
from ..vocabulary import Option, Reply, Turn
from . import checklist_texts as texts
from .flow import FlowRunner

PAYLOAD = "cl:"
RESULT = "uitslag"


class ChecklistCommand:
    flow_key = FLOW
    stopped = texts.STOPPED  # after /stop in the checklist: how to continue

    def __init__(self, kb: Knowledge, store: Store, flows: FlowRunner) -> None:
        self.kb = kb
        self.store = store
        self.flows = flows

    def command(self, turn: Turn, rest: str) -> list[Reply]:
        """`/checklist`: the menu; `/checklist N`: begin at task N; `/checklist uitslag`."""
        given = rest.strip()
        if not given:
            return [self.menu(turn)]
        if given.casefold() == RESULT:
            return self.result(turn)
        task = self._task(given)
        if task is None:
            count = len(self.kb.checklist)
            return [Reply(texts.WHICH_TASK.format(given=given, count=count)), self.menu(turn)]
        return self.begin(turn, task)

    def press(self, turn: Turn, payload: str) -> list[Reply] | None:
        """A button of the menu; None when it names no task."""
        choice = payload.removeprefix(PAYLOAD)
        if choice == RESULT:
            return self.result(turn)
        task = self._task(choice)
        return self.begin(turn, task) if task else None

    def begin(self, turn: Turn, task: ChecklistTask) -> list[Reply]:
        points = {str(item.number) for item in task.items}
        return self.flows.begin(turn, self.kb.flows[FLOW], among=points)

    def menu(self, turn: Turn) -> Reply:
        checklist = self._checklist(turn)
        options = [
            Option(
                texts.TASK_OPTION.format(name=s.task.name, answered=s.answered, items=s.items)
                + (texts.TASK_DONE if s.complete else ""),
                f"{PAYLOAD}{s.task.number}",
            )
            for s in checklist.scores()
        ]
        if checklist.status() != "open":
            options.append(Option(texts.SHOW_RESULT, PAYLOAD + RESULT))
        conversation = turn.conversation
        at = conversation.flow == FLOW and conversation.item
        text = texts.MENU_NOW_AT.format(number=conversation.item) if at else texts.MENU
        return Reply(text, title=self.kb.flows[FLOW].title, options=tuple(options))

    def answered(self, turn: Turn, slot: Slot, before: Answers, after: Answers) -> list[Reply]:
        """The result of the point's task when this answer completes it (or, walking a done
        task again, when its last point is answered)."""
        task = task_of_point(self.kb.checklist, slot.key[0])
        if task is None:
            return []
        checklist = from_answers(self.kb.checklist, after)
        scored = next(s for s in checklist.scores() if s.task == task)
        last = slot.key[0] == str(task.items[-1].number)
        if not scored.complete or (slot.key in before and not last) or scored.score is None:
            return []
        title = texts.TASK_RESULT_TITLE.format(number=task.number, name=task.name)
        shown = texts.TASK_RESULT.format(
            score=score_text(scored.score), verdict=texts.VERDICT[verdict(scored.score)]
        )
        pitfalls = [_pitfall(item, answer) for item, answer in checklist.pitfalls_of(task)]
        lines = [texts.TASK_PITFALLS, *pitfalls] if pitfalls else [texts.TASK_NO_PITFALLS]
        return [Reply("\n\n".join([shown, "\n".join(lines)]), title=title)]

    def result(self, turn: Turn) -> list[Reply]:
        """The scores per task, what to do about the weak and the strong tasks, and the
        pitfalls recognised."""
        checklist = self._checklist(turn)
        if checklist.status() == "open":
            return [Reply(texts.NOTHING_YET, options=self.menu(turn).options)]
        strongest, weakest = checklist.ranked()
        replies = [Reply(_overview(checklist), title=texts.RESULT_TITLE)]
        if weakest:
            text = "\n\n".join(self._weak(checklist, s) for s in weakest)
            replies.append(Reply(text, title=texts.WEAK_TITLE))
        if strongest:
            text = "\n\n".join(_strong(checklist, s) for s in strongest)
            replies.append(Reply(text, title=texts.STRONG_TITLE))
        replies.append(Reply(_pitfalls(checklist), title=texts.PITFALLS_TITLE))
        if checklist.status() != "klaar":
            more = (Option(texts.CONTINUE, "cmd:/checklist", means=True),)
            replies[-1] = replace(replies[-1], options=more)
        return replies

    def _weak(self, checklist: ChecklistScores, scored: TaskScore) -> str:
        advice = checklist.advice(scored.task)
        lines = [_task_header(scored)]
        lines += _points(texts.PITFALLS, advice.pitfalls)
        lines += _points(texts.MISSING, advice.missing)
        if not advice.pitfalls and not advice.missing:
            lines.append(texts.NOTHING_STANDS_OUT)
        entry = self.kb.entries.get(scored.task.entry)
        if entry is not None:
            lines.append(texts.ASK_MORE.format(title=entry.title))
        return "\n".join(lines)

    def _task(self, given: str) -> ChecklistTask | None:
        return task_numbered(self.kb.checklist, given)

    def _checklist(self, turn: Turn) -> ChecklistScores:
        assert turn.member is not None
        answers = self.store.current_answers(turn.member.gemeente_id, FLOW)
        return from_answers(self.kb.checklist, answers)


def _overview(checklist: ChecklistScores) -> str:
    lines = [texts.RULE, ""]
    for s in checklist.scores():
        number, name = s.task.number, s.task.name
        if s.score is None:
            lines.append(texts.TASK_LINE_EMPTY.format(number=number, name=name))
            continue
        done = texts.TASK_DONE if s.complete else ""
        lines.append(
            texts.TASK_LINE.format(
                number=number,
                name=name,
                score=score_text(s.score),
                answered=s.answered,
                items=s.items,
                done=done,
            )
        )
    lines.append("")
    lines.append(texts.STRONG.format(tasks=_ranked(checklist.strong())))
    lines.append(texts.WEAK.format(tasks=_ranked(checklist.weak())))
    if checklist.status() != "klaar":
        lines += ["", texts.STILL_OPEN]
    return "\n".join(lines)


def _ranked(scores: list[TaskScore]) -> str:
    named = [texts.RANKED_TASK.format(name=s.task.name, score=score_text(s.score)) for s in scores]
    return ", ".join(named) or texts.NO_TASK


def _pitfalls(checklist: ChecklistScores) -> str:
    """Every pitfall recognised, under its task."""
    lines: list[str] = []
    for task in checklist.tasks:
        found = checklist.pitfalls_of(task)
        if found:
            header = texts.TASK_PITFALL_HEADER.format(number=task.number, name=task.name)
            lines += ["", header, *(_pitfall(item, answer) for item, answer in found)]
    return "\n".join([texts.PITFALLS_INTRO, *lines]) if lines else texts.NO_PITFALLS


def _pitfall(item: ChecklistItem, answer: str) -> str:
    return texts.PITFALL.format(number=item.number, text=item.text, answer=answer)


def _strong(checklist: ChecklistScores, scored: TaskScore) -> str:
    advice = checklist.advice(scored.task)
    return "\n".join(
        [_task_header(scored), *_points(texts.PRESENT, advice.present), texts.BUILD_ON]
    )


def _task_header(scored: TaskScore) -> str:
    task = scored.task
    return texts.TASK_HEADER.format(
        number=task.number, name=task.name, score=score_text(scored.score)
    )


def _points(header: str, items: list[ChecklistItem]) -> list[str]:
    if not items:
        return []
    return [header, *(texts.POINT.format(number=i.number, text=i.text) for i in items)]
