"""What the kinds with counted options share (`themes`, `choice`): per option how many
members chose it, a line per option in the summary, and a bar per option in the chart."""

from __future__ import annotations

from pathlib import Path

from ...content import Knowledge
from ...records import Checkin
from .. import texts
from .base import CheckinAnswers, GemeenteProfile, Kind, Results, chart_title, directions


class Counted(Kind):
    charted = True

    def count(self, checkin: Checkin, given: CheckinAnswers, kb: Knowledge) -> Results:
        """A value is an option's key, or a list of keys (several themes)."""
        counts = dict.fromkeys((key for key, _ in checkin.options), 0)
        for _, value in given.values():
            for key in value if isinstance(value, list) else [value]:
                counts[key] = counts.get(key, 0) + 1
        return {"counts": counts, "labels": dict(checkin.options)}

    def trend(self, results: Results, previous: Results) -> dict[str, str]:
        then = previous.get("counts", {})
        return directions({k: (v, then.get(k)) for k, v in results["counts"].items()}, 0)

    def lines(
        self,
        checkin: Checkin,
        results: Results,
        arrows: dict[str, str],
        kb: Knowledge,
        show_names: bool,
    ) -> list[str]:
        counts = results["counts"]
        return [
            texts.COUNT_LINE.format(
                label=label, count=counts.get(key, 0), trend=arrows.get(key, "")
            ).rstrip()
            for key, label in checkin.options
        ]

    def chart(
        self,
        checkin: Checkin,
        results: Results,
        kb: Knowledge,
        path: Path,
        profile: GemeenteProfile | None,
    ) -> Path:
        counts = results["counts"]
        labels = [label for _, label in checkin.options]
        values = [float(counts.get(key, 0)) for key, _ in checkin.options]
        # matplotlib loads with the first chart, not with the engine
        from ...report.checkin_chart import bar_chart

        return bar_chart(labels, values, path, chart_title(checkin, kb), texts.CHART_COUNTS)
