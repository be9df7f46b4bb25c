"""Free questions -> ranked knowledge entries, and the decision: answer, suggest or decline.

Two signals are combined. Coverage: how much of the question's weight (IDF of its terms)
an entry contains. Phrasing: how close the question is, word for word, to one of the
entry's own question phrasings (rapidfuzz). Typos are mended against the vocabulary with
rapidfuzz before scoring, and run-together compounds ("wijkgerichtwerken") are split.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz, process

from ..content import Entry
from .index import Index
from .normalize import Analyzer

COVERAGE_WEIGHT = 0.6
PHRASING_WEIGHT = 0.4
RERANK = 12  # candidates whose phrasings are compared after the coverage pass


class Outcome(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    DECLINE = "decline"


@dataclass(frozen=True)
class Thresholds:
    """Where the decisions fall. Measured on the dev set and two independent question sets
    (bench/): questions outside the field score below 0.55 nine times in ten, questions
    inside it above 0.6 nine times in ten (README, Performance)."""

    answer: float = 0.55  # below this the bot does not answer outright
    decline: float = 0.55  # below this nothing is close enough to suggest
    margin: float = 0.003  # a runner-up this close is a tie: suggest both ...
    sure: float = 0.80  # ... unless the top scores this high
    vague: float = 0.4  # known words weighing less than this share of the rarest word's
    # weight (a single common word such as "rol") only get suggestions


@dataclass(frozen=True)
class Candidate:
    entry: Entry
    score: float


@dataclass(frozen=True)
class Match:
    question: str
    outcome: Outcome
    candidates: tuple[Candidate, ...]  # best first

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


@dataclass(frozen=True)
class _Term:
    stem: str
    weight: float  # the term's IDF (the largest IDF for words the knowledge lacks)
    confidence: float  # 1 for a known word, less for a mended typo, 0 for unknown


class Matcher:
    def __init__(
        self,
        entries: Iterable[Entry],
        thresholds: Thresholds | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.index = Index.build(entries, analyzer)
        self.thresholds = thresholds or Thresholds()
        self._surface_words = list(self.index.surface)
        self._correct = lru_cache(maxsize=8192)(self._correct_uncached)

    def match(self, question: str, limit: int = 3) -> Match:
        terms = self._terms(question)
        ranked = self._rank(terms, limit=max(limit, 2))
        t = self.thresholds
        if not ranked or ranked[0].score < t.decline:
            return Match(question, Outcome.DECLINE, tuple(ranked[:limit]))
        top = ranked[0].score
        runner_up = ranked[1].score if len(ranked) > 1 else 0.0
        known = sum(term.weight for term in terms if term.confidence)
        specific = known >= t.vague * self.index.max_idf
        clear = top - runner_up >= t.margin and specific
        if top >= t.answer and (clear or top >= t.sure):
            return Match(question, Outcome.ANSWER, tuple(ranked[:limit]))
        close = [c for c in ranked[:limit] if c.score >= t.decline]
        return Match(question, Outcome.SUGGEST, tuple(close))

    def rank(self, question: str, limit: int = 3) -> list[Candidate]:
        return self._rank(self._terms(question), limit)

    def _rank(self, terms: list[_Term], limit: int) -> list[Candidate]:
        total = sum(term.weight for term in terms)
        if not total:
            return []
        coverage: dict[int, float] = defaultdict(float)
        for term in terms:
            for number, weight in self.index.postings.get(term.stem, ()):
                coverage[number] += term.weight * weight * term.confidence / total
        shortlist = heapq.nlargest(RERANK, coverage, key=coverage.__getitem__)
        query = " ".join(term.stem for term in terms if term.confidence)
        scored = [
            Candidate(
                self.index.entries[number],
                COVERAGE_WEIGHT * coverage[number]
                + PHRASING_WEIGHT * self._phrasing(query, number),
            )
            for number in shortlist
        ]
        scored.sort(key=lambda c: c.score, reverse=True)
        return scored[:limit]

    def _phrasing(self, query: str, number: int) -> float:
        best = process.extractOne(query, self.index.phrasings[number], scorer=fuzz.token_sort_ratio)
        return best[1] / 100 if best else 0.0

    def _terms(self, question: str) -> list[_Term]:
        terms: list[_Term] = []
        for word in self.index.analyzer.content_words(question):
            terms.extend(self._resolve(word))
        return terms

    def _resolve(self, word: str) -> list[_Term]:
        stem = self.index.analyzer.stem(word)
        if stem in self.index.idf:
            return [_Term(stem, self.index.idf[stem], 1.0)]
        parts = self._split(word)
        if parts:
            return [_Term(p, self.index.idf[p], 0.9) for p in parts]
        mended = self._correct(word)
        if mended:
            stem, confidence = mended
            return [_Term(stem, self.index.idf[stem], confidence)]
        return [_Term(stem, self.index.max_idf, 0.0)]

    def _split(self, word: str) -> list[str]:
        """Split a run-together compound into two known words ('wijkgerichtwerken')."""
        stem = self.index.analyzer.stem
        for cut in range(len(word) - 3, 2, -1):
            left, right = word[:cut], word[cut:]
            if left in self.index.surface and right in self.index.surface:
                return [stem(left), stem(right)]
        return []

    def _correct_uncached(self, word: str) -> tuple[str, float] | None:
        """The known word a typo or a part of a compound most likely meant, with a
        confidence, or None.

        Long words may differ by a changed letter ("buurtbudjet"); short words only by a
        missing or extra letter ("socale"), since one changed letter in a short word often
        makes another real word. A word that begins or ends a known compound
        ("smeerolie" in "smeeroliebudget") stands for that compound.
        """
        if len(word) < 5 or word.isdigit():
            return None
        cutoff = 88 if len(word) >= 9 else 90
        found = process.extractOne(
            word, self._surface_words, scorer=fuzz.ratio, score_cutoff=cutoff
        )
        if found:
            return self.index.surface[found[0]], found[1] / 100
        compounds = [
            w
            for w in self._surface_words
            if len(w) > len(word) + 2 and (w.startswith(word) or w.endswith(word))
        ]
        if compounds:
            return self.index.surface[min(compounds, key=len)], 0.7
        return None
