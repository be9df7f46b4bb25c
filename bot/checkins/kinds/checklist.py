"""A task of the doe-het-zelf-checklist (`checklist`), named by its number with the command:
each member answers every point of it ja, deels or nee; the group gets its score for the task
(bot/report/checklist.py) and a chart of how strongly it recognises each point."""

from __future__ import annotations

from pathlib import Path
from textwrap import shorten
from typing import Any

from ...content import Knowledge
from ...content.models import CheckinTemplate
from ...records import Checkin
from ...report.checklist import (
    POINTS,
    RULE,
    point_kinds,
    score,
    score_text,
    task_numbered,
    task_of_point,
)
from ...vocabulary import Option, Reply
from .. import payloads, texts
from ..parse import Refusal
from .base import Asked, CheckinAnswers, DeepLink, GemeenteProfile, Kind, Noted, Opening, Results


class Checklist(Kind):
    charted = True
    how_to_answer = texts.HOW_CHECKLIST
    in_menu = False  # it needs the task's number
    plan_refusal = texts.PLAN_NO_CHECKLIST

    def ask(self, template: CheckinTemplate, rest: str, kb: Knowledge) -> Asked | Refusal:
        """The task named by its number: the question is its heading, the options its points."""
        given = rest.strip()
        tasks = kb.checklist
        task = task_numbered(tasks, given)
        if task is None:
            listing = "\n".join(
                texts.CHECKLIST_TASK_LINE.format(number=t.number, name=t.name) for t in tasks
            )
            if not given:
                return Refusal(texts.CHECKLIST_WHICH.format(tasks=listing))
            return Refusal(
                texts.CHECKLIST_UNKNOWN.format(given=given, count=len(tasks), tasks=listing)
            )
        heading = texts.CHECKLIST_TASK.format(number=task.number, count=len(tasks), name=task.name)
        return Asked(heading, [(str(item.number), item.text) for item in task.items])

    def post(self, opening: Opening, kb: Knowledge, deep_link: DeepLink) -> list[Reply]:
        """One message (a group takes 20 a minute): every point of the task, and a row of
        three buttons per point."""
        asked, template = opening.asked, opening.template
        kans_valkuil = point_kinds(kb.checklist)
        task = task_of_point(kb.checklist, asked.options[0][0])
        assert task is not None
        points = [
            texts.CHECKLIST_POINT.format(
                number=n, kans_valkuil=kans_valkuil[n].capitalize(), text=text
            )
            for n, text in asked.options
        ]
        text = "\n\n".join(
            [opening.intro.strip(), f"{asked.question}\n{task.description}", "\n".join(points)]
        )
        buttons = tuple(
            Option(label.format(number=n), payloads.answer(opening.checkin_id, n, value))
            for n, _ in asked.options
            for label, value in zip(texts.CHECKLIST_BUTTONS, POINTS, strict=True)
        )
        question = template.question or ""
        return [
            Reply(f"{text}\n\n{question}", title=template.name, options=buttons, for_everyone=True)
        ]

    def read_press(
        self, labels: dict[str, str], item: str, value: str, earlier: Any
    ) -> Noted | Refusal:
        """`item` is a point's number, `value` ja, deels or nee."""
        if item not in labels or value not in POINTS:
            return Refusal(texts.NOT_A_POINT)
        return Noted(value, texts.NOTED_POINT.format(number=item, value=value))

    def count(self, checkin: Checkin, given: CheckinAnswers, kb: Knowledge) -> Results:
        """Per point how many said ja, deels and nee; and the group's score of the task, each
        member's answer to a point counting as one answer (bot/report/checklist.py)."""
        points = [key for key, _ in checkin.options]
        kans_valkuil = point_kinds(kb.checklist)
        task = task_of_point(kb.checklist, points[0]) if points else None
        counts = {point: dict.fromkeys(POINTS, 0) for point in points}
        pairs = []
        for (point, _), (_, value) in given.items():
            if point in counts and value in POINTS:
                counts[point][value] += 1
                pairs.append((kans_valkuil.get(point, ""), value))
        return {"task": task.key if task else None, "items": counts, "score": score(pairs)}

    def lines(
        self,
        checkin: Checkin,
        results: Results,
        arrows: dict[str, str],
        kb: Knowledge,
        show_names: bool,
    ) -> list[str]:
        """The task, the group's score, and per point how many said ja, deels and nee."""
        group_score = results.get("score")
        lines = [checkin.question]
        if group_score is None:
            lines.append(texts.CHECKLIST_NO_SCORE)
        else:
            lines.append(texts.CHECKLIST_SCORE.format(score=score_text(group_score), rule=RULE))
        kans_valkuil = point_kinds(kb.checklist)
        lines.append("")
        for point, counts in results["items"].items():
            side = kans_valkuil.get(point, "")  # kans or valkuil
            lines.append(texts.CHECKLIST_LINE.format(number=point, kans_valkuil=side, **counts))
        return lines

    def chart(
        self,
        checkin: Checkin,
        results: Results,
        kb: Knowledge,
        path: Path,
        profile: GemeenteProfile | None,
    ) -> Path:
        """A bar per point: how strongly the group recognises it, ja 100%, deels 50%, nee 0%."""
        kans_valkuil = point_kinds(kb.checklist)
        points = {str(i.number): i.text for task in kb.checklist for i in task.items}
        labels, values = [], []
        for point, counts in results["items"].items():
            side = kans_valkuil.get(point, "")  # kans or valkuil
            text = shorten(points.get(point, ""), texts.CHART_POINT_CHARS, placeholder="…")
            labels.append(texts.CHART_POINT.format(number=point, text=text, kans_valkuil=side))
            answered = sum(counts.values())
            recognised = sum(POINTS[value] * n for value, n in counts.items())
            values.append(100 * recognised / answered if answered else None)
        shown = [None if v is None else f"{round(v)}%" for v in values]
        # matplotlib loads with the first chart, not with the engine
        from ...report.checkin_chart import bar_chart

        return bar_chart(
            labels,
            values,
            path,
            checkin.question,  # the task: the group's name would make the title too long
            texts.CHART_CHECKLIST,
            scale=(0, 100),
            unit="%",
            value_labels=[s or "" for s in shown],
        )
