"""The search index over the knowledge entries: field-weighted BM25, vocabulary, phrasings.

Ranking is BM25F in its simplest form: an entry is one bag of terms in which a term of the
title, a question phrasing or a tag counts more often than a term of the answer, and
BM25 (`bm25s`) saturates the counts, so a word that comes back in every phrasing does not
outweigh a second word of the question. Each term's score over all entries is computed once
and cached: a question costs a few vector additions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import bm25s
import numpy as np
import numpy.typing as npt

from ..content import Entry
from .caches import PerInstanceCaches
from .normalize import Analyzer, words
from .synonyms import Synonyms

# How often a term counts per field it stands in (BM25F's field weights), and BM25's own
# two settings; measured with bench/matcher.py on the tuning set.
FIELD_WEIGHTS = {"title": 3, "questions": 2, "tags": 2, "answer": 1}
K1, B = 1.6, 0.3

Scores = npt.NDArray[np.float32]


@dataclass
class Index(PerInstanceCaches):
    analyzer: Analyzer
    synonyms: Synonyms
    entries: list[Entry] = field(default_factory=list)
    idf: dict[str, float] = field(default_factory=dict)
    max_idf: float = 1.0
    surface: dict[str, str] = field(default_factory=dict)  # folded word -> its stem
    phrasings: list[list[list[str]]] = field(default_factory=list)  # per entry: title, questions
    phrasing_sets: list[list[tuple[frozenset[str], float]]] = field(default_factory=list)
    sayings: list[list[str]] = field(default_factory=list)  # per entry: title, questions as typed
    terms: list[frozenset[str]] = field(default_factory=list)  # per entry, every field
    topics: set[str] = field(
        default_factory=set
    )  # terms of titles and tags: what entries are about
    phrased: set[str] = field(default_factory=set)  # those and the terms of the phrasings
    # Set by `build`: the BM25 model, and `_scores` cached per term.
    _bm25: bm25s.BM25 = field(init=False, repr=False, compare=False)
    scores: Callable[[str], Scores] = field(init=False, repr=False, compare=False)
    CACHED: ClassVar[dict[str, tuple[str, int]]] = {"scores": ("_scores", 16384)}

    @classmethod
    def build(
        cls,
        entries: Iterable[Entry],
        analyzer: Analyzer | None = None,
        synonyms: Iterable[Iterable[str]] = (),
    ) -> Index:
        analyzer = analyzer or Analyzer()
        index = cls(analyzer, Synonyms(synonyms, analyzer))
        documents: list[list[str]] = []
        for entry in entries:
            index.entries.append(entry)
            fields = {
                "title": [entry.title],
                "questions": list(entry.questions),
                "tags": [t.replace("-", " ") for t in entry.tags],
                "answer": [entry.answer],
            }
            analysed = {name: [index.analyse(t) for t in texts] for name, texts in fields.items()}
            documents.append(
                [
                    term
                    for name, texts in analysed.items()
                    for terms in texts
                    for term in terms * FIELD_WEIGHTS[name]
                ]
            )
            index.phrasings.append([*analysed["title"], *analysed["questions"]])
            index.sayings.append([" ".join(words(t)) for t in (entry.title, *entry.questions)])
            index.topics.update(t for n in ("title", "tags") for ts in analysed[n] for t in ts)
            index.phrased.update(t for ts in analysed["questions"] for t in ts)
            index.terms.append(frozenset(documents[-1]))
        count = len(index.entries)
        frequency: dict[str, int] = {}
        for terms in index.terms:
            for term in terms:
                frequency[term] = frequency.get(term, 0) + 1
        index.phrased |= index.topics
        index.idf = {t: _idf(count, n) for t, n in frequency.items()}
        index.phrasing_sets = [
            [(frozenset(p), sum(index.idf.get(t, 0.0) for t in set(p))) for p in phrasings]
            for phrasings in index.phrasings
        ]
        index.max_idf = _idf(count, 0)
        index._bm25 = bm25s.BM25(k1=K1, b=B)
        index._bm25.index(documents, show_progress=False)
        index.make_caches()
        return index

    def analyse(self, text: str) -> list[str]:
        """Stems of the content words, phrases read as their synonym; the vocabulary grows."""
        stems = []
        for word in self.analyzer.content(self.synonyms.rewrite(text)):
            stem = self.surface.setdefault(word, self.analyzer.stem(word))
            stems.append(stem)
        return stems

    def _scores(self, term: str) -> Scores:
        """BM25 of one term for every entry."""
        return np.asarray(self._bm25.get_scores([term]), dtype=np.float32)

    def score(self, weighted: Sequence[tuple[str, float]]) -> Scores:
        total = np.zeros(len(self.entries), dtype=np.float32)
        for term, weight in weighted:
            if term in self.idf and weight:
                total += weight * self.scores(term)
        return total


def _idf(count: int, having: int) -> float:
    return math.log(1 + (count - having + 0.5) / (having + 0.5))
