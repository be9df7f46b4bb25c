"""Measure the matcher on a question file (the format of shared/eval/dev_questions.yaml).

Each in-scope question is judged on the text the bot would send (title, answer, source):
- right: answered outright, and the answer holds every expected group;
- wrong: answered outright with an answer that misses a group (a confident wrong answer,
  the worst outcome, counted apart);
- top-3: one of the first three candidates (what "Bedoelde u...?" would offer) holds them.
Out-of-scope questions must be declined: no answer and no suggestions.

Questions may carry `style: a..e` (how people write; see STYLES); the figures are then
given per style too. Out-of-scope questions are plain strings or `{q, kind}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..content import Entry
from .matcher import Match, Matcher, Outcome
from .normalize import fold

STYLES = {
    "a": "short keywords",
    "b": "informal",
    "c": "long and situated",
    "d": "example, place or number",
    "e": "paraphrase",
}


@dataclass(frozen=True)
class Case:
    question: str
    expect: tuple[tuple[str, ...], ...]
    style: str = ""


@dataclass(frozen=True)
class OutOfScope:
    question: str
    kind: str = ""


@dataclass
class Tally:
    """Counts for one group of in-scope questions."""

    questions: int = 0
    right: int = 0
    wrong: int = 0
    top3: int = 0

    def rate(self, count: int) -> float:
        return count / self.questions if self.questions else 0.0


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    by_style: dict[str, Tally] = field(default_factory=dict)
    out_of_scope: int = 0
    declined: int = 0
    misses: list[tuple[str, Match]] = field(default_factory=list)

    @property
    def declined_rate(self) -> float:
        return self.declined / self.out_of_scope if self.out_of_scope else 0.0


def read_questions(path: Path) -> tuple[list[Case], list[OutOfScope]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases = [
        Case(
            item["q"],
            tuple(tuple(group) for group in item.get("expect", [])),
            str(item.get("style", "")),
        )
        for item in data.get("in_scope", [])
    ]
    outside = [
        OutOfScope(item) if isinstance(item, str) else OutOfScope(item["q"], item.get("kind", ""))
        for item in data.get("out_of_scope", [])
    ]
    return cases, outside


def satisfies(text: str, expect: tuple[tuple[str, ...], ...]) -> bool:
    folded = fold(text)
    return all(any(fold(option) in folded for option in group) for group in expect)


def evaluate(
    matcher: Matcher,
    cases: list[Case],
    out_of_scope: list[OutOfScope],
    shown: Callable[[Entry], str],
) -> Report:
    """`shown(entry)` is the text the bot sends when it answers with that entry (title,
    answer and source)."""
    report = Report(out_of_scope=len(out_of_scope))
    for case in cases:
        match = matcher.match(case.question)
        hits = [satisfies(shown(c.entry), case.expect) for c in match.candidates[:3]]
        answered = match.outcome is Outcome.ANSWER
        right = answered and bool(hits) and hits[0]
        for tally in (report.overall, report.by_style.setdefault(case.style, Tally())):
            tally.questions += 1
            tally.right += right
            tally.wrong += answered and not right
            tally.top3 += any(hits)
        if not right:
            report.misses.append((case.question, match))
    for outside in out_of_scope:
        match = matcher.match(outside.question)
        if match.outcome is Outcome.DECLINE:
            report.declined += 1
        else:
            report.misses.append((outside.question, match))
    return report


def summary(report: Report) -> str:
    """The figures as a small table: overall, then per style when the file has styles."""
    lines = ["| questions | n | top-1 (right) | confident wrong | top-3 |", "|---|---|---|---|---|"]
    rows = [("all in scope", report.overall)]
    rows += [
        (f"{style}. {STYLES.get(style, '')}".strip(), tally)
        for style, tally in sorted(report.by_style.items())
        if style
    ]
    for name, t in rows:
        lines.append(
            f"| {name} | {t.questions} | {t.rate(t.right):.1%} | {t.rate(t.wrong):.1%} "
            f"| {t.rate(t.top3):.1%} |"
        )
    lines.append(
        f"| out of scope, declined | {report.out_of_scope} | {report.declined_rate:.1%} | | |"
    )
    return "\n".join(lines)
