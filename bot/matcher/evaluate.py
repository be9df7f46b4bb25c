"""Measure the matcher on a question file (the format of shared/eval/dev_questions.yaml).

top-1: the bot answers outright and the answer holds every expected group.
top-3: one of the first three candidates (what "Bedoelde u...?" would offer) holds them.
declined: an out-of-scope question gets the friendly decline, not an answer or suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .matcher import Match, Matcher, Outcome
from .normalize import fold


@dataclass(frozen=True)
class Case:
    question: str
    expect: tuple[tuple[str, ...], ...]


@dataclass
class Report:
    top1: int = 0
    top3: int = 0
    answered: int = 0
    declined: int = 0
    in_scope: int = 0
    out_of_scope: int = 0
    misses: list[tuple[str, Match]] = field(default_factory=list)

    def rate(self, name: str) -> float:
        whole = self.out_of_scope if name == "declined" else self.in_scope
        return getattr(self, name) / whole if whole else 0.0


def read_questions(path: Path) -> tuple[list[Case], list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases = [
        Case(item["q"], tuple(tuple(group) for group in item.get("expect", [])))
        for item in data.get("in_scope", [])
    ]
    return cases, list(data.get("out_of_scope", []))


def satisfies(answer: str, expect: tuple[tuple[str, ...], ...]) -> bool:
    text = fold(answer)
    return all(any(fold(option) in text for option in group) for group in expect)


def evaluate(matcher: Matcher, cases: list[Case], out_of_scope: list[str]) -> Report:
    report = Report(in_scope=len(cases), out_of_scope=len(out_of_scope))
    for case in cases:
        match = matcher.match(case.question)
        hits = [satisfies(c.entry.answer, case.expect) for c in match.candidates[:3]]
        answered = match.outcome is Outcome.ANSWER
        report.answered += answered
        report.top1 += answered and bool(hits) and hits[0]
        report.top3 += any(hits)
        if not (answered and hits and hits[0]):
            report.misses.append((case.question, match))
    for question in out_of_scope:
        match = matcher.match(question)
        if match.outcome is Outcome.DECLINE:
            report.declined += 1
        else:
            report.misses.append((question, match))
    return report
