"""What the knowledge base lacks: declined questions grouped by similarity, most asked first.

Questions are compared on their analysed terms (stopwords out, stems in), so "Waar kan ik
een partytent lenen?" and "Wie leent ons een partytent?" meet. Each question joins the
first group whose questions it is close enough to, else starts a new group.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .normalize import Analyzer

SIMILAR = 70  # rapidfuzz token_set_ratio (0-100) on analysed terms


@dataclass
class Gap:
    questions: list[str] = field(default_factory=list)  # as asked, the first one first
    terms: list[str] = field(default_factory=list)  # the analysed form of each

    @property
    def count(self) -> int:
        return len(self.questions)

    @property
    def example(self) -> str:
        return self.questions[0]


def group_questions(
    questions: Iterable[str], analyzer: Analyzer | None = None, similar: int = SIMILAR
) -> list[Gap]:
    analyzer = analyzer or Analyzer()
    gaps: list[Gap] = []
    for question in questions:
        terms = " ".join(analyzer.terms(question)) or question.casefold()
        best, best_score = None, 0.0
        for gap in gaps:
            found = process.extractOne(terms, gap.terms, scorer=fuzz.token_set_ratio)
            if found and found[1] > best_score:
                best, best_score = gap, found[1]
        if best is None or best_score < similar:
            best = Gap()
            gaps.append(best)
        best.questions.append(question)
        best.terms.append(terms)
    return sorted(gaps, key=lambda gap: -gap.count)
