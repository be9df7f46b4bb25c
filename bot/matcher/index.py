"""The search index over the knowledge entries: weighted terms, vocabulary and phrasings.

Terms from an entry's title, questions and tags weigh fully; terms that only occur in its
answer weigh half. Each term's weight is scaled by its inverse document frequency, so a
rare word such as "beschermheer" decides more than a common one such as "wijk".
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..content import Entry
from .normalize import Analyzer

STRONG, WEAK = 1.0, 0.5


@dataclass
class Index:
    analyzer: Analyzer
    entries: list[Entry] = field(default_factory=list)
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    max_idf: float = 1.0
    surface: dict[str, str] = field(default_factory=dict)  # folded word -> its stem
    phrasings: list[list[str]] = field(default_factory=list)  # per entry, analysed strings

    @classmethod
    def build(cls, entries: Iterable[Entry], analyzer: Analyzer | None = None) -> Index:
        index = cls(analyzer or Analyzer())
        weights: dict[str, dict[int, float]] = defaultdict(dict)
        for number, entry in enumerate(entries):
            index.entries.append(entry)
            strong_texts = [
                entry.title,
                *entry.questions,
                *(t.replace("-", " ") for t in entry.tags),
            ]
            for text, weight in [*((t, STRONG) for t in strong_texts), (entry.answer, WEAK)]:
                for word in index.analyzer.content_words(text):
                    term = index.surface.setdefault(word, index.analyzer.stem(word))
                    if weights[term].get(number, 0.0) < weight:
                        weights[term][number] = weight
            index.phrasings.append(
                [" ".join(index.analyzer.terms(text)) for text in (entry.title, *entry.questions)]
            )
        count = len(index.entries)
        for term, by_entry in weights.items():
            index.idf[term] = math.log(1 + (count + 1) / (len(by_entry) + 0.5))
            index.postings[term] = list(by_entry.items())
        index.max_idf = math.log(1 + (count + 1) / 0.5)
        return index
