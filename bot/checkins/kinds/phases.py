"""A quick scan (`phases`): per theme a message, and each member picks the phase (1-4) the
group is in; the summary gives the average and spread per theme, the chart the profile."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal

from ...content import Knowledge
from ...content.models import CheckinTemplate
from ...records import Checkin
from ...vocabulary import Option, Reply
from .. import texts
from .base import (
    Asked,
    CheckinAnswers,
    DeepLink,
    GemeenteProfile,
    Kind,
    Opening,
    Results,
    chart_title,
    directions,
)

EXPLAIN = "fasen-"  # + a theme's key: the start parameter of 'Uitleg fasen' (bot/engine)
SAME_WITHIN = 0.25  # averages closer than this count as unchanged


class Phases(Kind):
    charted = True
    how_to_answer = texts.HOW_PHASES

    def ask(self, template: CheckinTemplate, rest: str, kb: Knowledge) -> Asked:
        return Asked(template.question or "", [(str(p.number), p.label) for p in kb.phases])

    def button_label(self, key: str, label: str) -> str:
        return f"{key} {label}"

    def post(self, opening: Opening, kb: Knowledge, deep_link: DeepLink) -> list[Reply]:
        """A message per theme (the explanation goes with the first), each with a link to
        what its phases mean."""
        replies = []
        for number, theme in enumerate(kb.themes):
            link = deep_link(f"{EXPLAIN}{theme.key}")
            explain = (Option(texts.EXPLAIN_PHASES, "", url=link),) if link else ()
            buttons = self.buttons(opening.asked, opening.checkin_id, theme.key)
            text = opening.asked.question.format(theme=theme.name)
            first = number == 0
            replies.append(
                Reply(
                    opening.intro + text if first else text,
                    title=opening.template.name if first else None,
                    options=buttons + explain,
                    for_everyone=True,
                )
            )
        return replies

    def count(self, checkin: Checkin, given: CheckinAnswers, kb: Knowledge) -> Results:
        return {"themes": {theme.key: _phases(given, theme.key) for theme in kb.themes}}

    def trend(self, results: Results, previous: Results) -> dict[str, str]:
        now = {key: theme["average"] for key, theme in results["themes"].items()}
        then = {key: theme["average"] for key, theme in previous.get("themes", {}).items()}
        return directions({key: (now[key], then.get(key)) for key in now}, SAME_WITHIN)

    def lines(
        self,
        checkin: Checkin,
        results: Results,
        arrows: dict[str, str],
        kb: Knowledge,
        show_names: bool,
    ) -> list[str]:
        return [
            _theme_line(theme.name, results["themes"][theme.key], arrows.get(theme.key, ""))
            for theme in kb.themes
        ]

    def chart(
        self,
        checkin: Checkin,
        results: Results,
        kb: Knowledge,
        path: Path,
        profile: GemeenteProfile | None,
    ) -> Path:
        """Bars per theme; in a linked group the radar, the group's average beside the
        gemeente's own startpositie (`profile`: the gemeente's name and phases)."""
        # matplotlib loads with the first chart, not with the engine
        from ...report.chart import radar_chart
        from ...report.checkin_chart import bar_chart

        title = chart_title(checkin, kb)
        themes = results["themes"]
        if profile is not None:
            averages = {key: theme["average"] for key, theme in themes.items()}
            gemeente, phases = profile
            names = (gemeente, checkin.chat_title or "Groep")
            return radar_chart(phases, kb, path, title, compare=averages, names=names)
        return bar_chart(
            [theme.name for theme in kb.themes],
            [themes[theme.key]["average"] for theme in kb.themes],
            path,
            title,
            texts.CHART_AVERAGE,
            spread=[themes[theme.key]["spread"] for theme in kb.themes],
            scale=(1, 4),
        )


def explain(kb: Knowledge, theme_key: str) -> list[Reply]:
    """The four phases of one theme (where the 'Uitleg fasen' link leads)."""
    theme = next((t for t in kb.themes if t.key == theme_key), None)
    if theme is None:
        return []
    label = {phase.number: phase.label for phase in kb.phases}
    lines = [f"{n}. {label[n]}: {text}" for n, text in theme.phases.items()]
    return [Reply("\n\n".join(lines), title=texts.PHASES_OF_THEME.format(theme=theme.name))]


def _phases(given: CheckinAnswers, theme: str) -> dict[str, Any]:
    values = [int(value) for (item, _), (_, value) in given.items() if item == theme]
    return {
        "count": len(values),
        "average": round(statistics.fmean(values), 2) if values else None,
        "spread": round(statistics.pstdev(values), 2) if values else None,
        "phases": {str(p): values.count(p) for p in (1, 2, 3, 4)},
    }


def _theme_line(name: str, theme: dict[str, Any], arrow: str) -> str:
    if not theme["count"]:
        return texts.THEME_LINE_EMPTY.format(theme=name)
    return texts.THEME_LINE.format(
        theme=name,
        average=_decimal(theme["average"]),
        spread=_decimal(theme["spread"]),
        count=theme["count"],
        trend=arrow,
    ).rstrip()


def _decimal(value: float) -> str:
    return format_decimal(round(value, 1), format="0.0", locale="nl")
