"""The summary a group gets when a check-in closes: text and chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from ..content import Knowledge
from ..engine.events import Reply
from ..report.chart import radar_chart
from ..report.checkin_chart import bar_chart
from ..report.checklist import POINTS, RULE, point_kinds, score_text
from ..store.records import Checkin
from . import texts
from .schedule import when


def summary(
    checkin: Checkin,
    results: dict[str, Any],
    trend: dict[str, str],
    previous: Checkin | None,
    kb: Knowledge,
    chart: Path | None,
    show_names: bool,
) -> list[Reply]:
    """The closing message; `chart` is where its image was drawn (None: no chart)."""
    count = results["respondents"]
    lines = [texts.RESPONDENTS.get(count) or texts.RESPONDENTS_MANY.format(count=count)]
    if show_names and results["names"]:
        lines.append(texts.WHO.format(names=", ".join(results["names"])))
    if previous and trend:
        lines += ["", texts.TREND_HEADER.format(date=when(previous.closed_at or ""))]
    lines += ["", *_result_lines(checkin, results, trend, kb, show_names)]
    name = kb.checkins[checkin.template].name
    title = texts.SUMMARY_TITLE.format(name=name)
    return [Reply("\n".join(lines).strip(), title=title, image=chart)]


def _result_lines(
    checkin: Checkin,
    results: dict[str, Any],
    trend: dict[str, str],
    kb: Knowledge,
    show_names: bool,
) -> list[str]:
    arrow = {k: texts.TREND[v] for k, v in trend.items()}
    if checkin.kind == "checklist":
        return _checklist_lines(checkin, results, kb)
    if checkin.kind == "phases":
        return [
            _theme_line(t.name, results["themes"][t.key], arrow.get(t.key, "")) for t in kb.themes
        ]
    if checkin.kind == "open":
        if show_names:
            return [
                texts.OPEN_LINE_NAMED.format(name=a["name"], answer=a["text"])
                for a in results["answers"]
            ]
        return [texts.OPEN_LINE.format(answer=a["text"]) for a in results["answers"]]
    counts = results["counts"]
    return [
        texts.COUNT_LINE.format(
            label=label, count=counts.get(key, 0), trend=arrow.get(key, "")
        ).rstrip()
        for key, label in checkin.options
    ]


def _checklist_lines(checkin: Checkin, results: dict[str, Any], kb: Knowledge) -> list[str]:
    score = results.get("score")
    lines = [checkin.question]
    if score is None:
        lines.append(texts.CHECKLIST_NO_SCORE)
    else:
        lines.append(texts.CHECKLIST_SCORE.format(score=score_text(score), rule=RULE))
    kinds = point_kinds(kb.checklist)
    lines.append("")
    for point, counts in results["items"].items():
        lines.append(texts.CHECKLIST_LINE.format(number=point, kind=kinds.get(point, ""), **counts))
    return lines


def _theme_line(name: str, theme: dict[str, Any], arrow: str) -> str:
    if not theme["count"]:
        return texts.THEME_LINE_EMPTY.format(theme=name)
    return texts.THEME_LINE.format(
        theme=name,
        average=decimal(theme["average"]),
        spread=decimal(theme["spread"]),
        count=theme["count"],
        trend=arrow,
    ).rstrip()


def decimal(value: float) -> str:
    return format_decimal(round(value, 1), format="0.0", locale="nl")


def draw_chart(
    checkin: Checkin,
    results: dict[str, Any],
    kb: Knowledge,
    path: Path,
    profile: tuple[str, dict[str, int | None]] | None,
) -> Path | None:
    """Bars per theme or option; for a quick scan in a linked group, the group's average
    beside the gemeente's own startpositie (`profile`: gemeente name and phases)."""
    if checkin.kind == "open" or not results["respondents"]:
        return None
    title = checkin.chat_title or kb.checkins[checkin.template].name
    if checkin.kind == "phases":
        averages = {k: v["average"] for k, v in results["themes"].items()}
        if profile is not None:
            gemeente, phases = profile
            names = (gemeente, checkin.chat_title or "Groep")
            return radar_chart(phases, kb, path, title, compare=averages, names=names)
        themes = results["themes"]
        return bar_chart(
            [t.name for t in kb.themes],
            [themes[t.key]["average"] for t in kb.themes],
            path,
            title,
            texts.CHART_AVERAGE,
            spread=[themes[t.key]["spread"] for t in kb.themes],
            scale=(1, 4),
        )
    if checkin.kind == "checklist":
        return _checklist_chart(checkin, results, kb, path)
    counts = results["counts"]
    labels = [label for _, label in checkin.options]
    values = [float(counts.get(key, 0)) for key, _ in checkin.options]
    return bar_chart(labels, values, path, title, texts.CHART_COUNTS)


def _checklist_chart(checkin: Checkin, results: dict[str, Any], kb: Knowledge, path: Path) -> Path:
    """A bar per point: how strongly the group recognises it, ja 100%, deels 50%, nee 0%."""
    kinds = point_kinds(kb.checklist)
    labels, values = [], []
    for point, counts in results["items"].items():
        labels.append(texts.CHART_POINT.format(number=point, kind=kinds.get(point, "")))
        answered = sum(counts.values())
        recognised = sum(POINTS[value] * n for value, n in counts.items())
        values.append(100 * recognised / answered if answered else None)
    shown = [None if v is None else f"{round(v)}%" for v in values]
    return bar_chart(
        labels,
        values,
        path,
        checkin.question,  # the task: the group's name would make the title too long
        texts.CHART_CHECKLIST,
        scale=(0, 100),
        value_labels=[s or "" for s in shown],
    )
