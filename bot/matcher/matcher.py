"""Free questions -> ranked knowledge entries, and the decision: answer, suggest or decline.

Three stages:
1. The question's words become terms: stems of known words, typos mended against the
   vocabulary with rapidfuzz, run-together compounds split, each with the other words of
   its synonym group (a little weaker). Words the knowledge lacks are kept aside: in a long
   question they are mostly context ("wij zijn een kleine plattelandsgemeente"), so they
   never push a question down by themselves.
2. Field-weighted BM25 (`index`) ranks every entry. An entry about one place's practice
   steps back for a generic question, and forward for a question that names its place.
3. The best few are compared with the question once more, closely: which share of the
   question's known words they hold, and how well one of their own phrasings fits. The
   decision (`decision`) weighs the best candidate's fit, its lead over the runner-up and
   how much of the question the knowledge understood.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import ClassVar

import numpy as np
from rapidfuzz import fuzz, process

from ..content import Entry, Knowledge
from .caches import PerInstanceCaches
from .decision import Decision, Outcome, Signals
from .index import Index
from .normalize import Analyzer, fold, words

SYNONYM_WEIGHT = 0.4  # a synonym's share of the weight of the word the user typed
SHORTLIST = 10  # candidates compared closely after the BM25 pass
LOCAL_FACTOR = 0.75  # a place's own practice, for a question that names no place
PLACE_FACTOR = 2.0  # an entry about the very place the question names
BM25_HALF = 3.0  # the BM25 score that counts as half a perfect fit
WEIGHTS = (0.6, 0.2, 0.2)  # BM25, question coverage, best phrasing
SAYING_WEIGHT = 0.3  # the whole question, as typed, against the entry's nearest phrasing
FOCUS = 2.0  # the weight of the asking sentence's words in a question of several sentences
_PERSONAL = re.compile(r"wie (is|zijn) (mijn|onze|ons) ")  # a person the knowledge cannot know
# who holds an office in a gemeente: "wie is de burgemeester van Utrecht"
_OFFICE_OF = re.compile(r"wie is (de|het) \w+ (van|in) (?P<place>[\w' -]+?)\W*$")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
EXAMPLE_WORDS = frozenset(
    "voorbeeld voorbeelden praktijkvoorbeeld praktijk welke gemeente gemeenten stad steden "
    "waar wie ervaring ervaringen project projecten".split()
)


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
class Term:
    stem: str
    idf: float  # the term's weight: its IDF, or the largest IDF for a word the knowledge lacks
    confidence: float  # 1 for a known word, less for a mended typo or a split, 0 for unknown
    related: tuple[str, ...] = ()  # stems of its synonyms that the knowledge holds
    focus: float = 1.0  # more in the sentence that asks, after sentences that set the scene

    @property
    def weight(self) -> float:
        """What the term weighs in the question."""
        return self.idf * self.confidence * self.focus

    @cached_property
    def stems(self) -> frozenset[str]:
        """The stems that stand for it in an entry: its own and its synonyms'."""
        return frozenset((self.stem, *self.related))


class Matcher(PerInstanceCaches):
    CACHED: ClassVar[dict[str, tuple[str, int]]] = {"_correct": ("_correct_uncached", 8192)}
    _correct: Callable[[str], tuple[str, float] | None]

    def __init__(
        self,
        entries: Iterable[Entry],
        decision: Decision | None = None,
        analyzer: Analyzer | None = None,
        synonyms: Iterable[Iterable[str]] = (),
        places: Iterable[str] = (),
    ) -> None:
        self.index = Index.build(entries, analyzer, synonyms)
        self.decision = decision or Decision()
        self.synonym_groups = tuple(tuple(g) for g in synonyms)
        own = {_name(e.place) for e in self.index.entries if e.place}
        self.places = frozenset(own | {_name(p) for p in places})
        self._longest_place = max((len(p.split()) for p in self.places), default=1)
        self._place_stems = frozenset(
            self.index.analyzer.stem(w) for place in self.places for w in place.split()
        )
        self._local = np.array([bool(e.place) for e in self.index.entries])
        self._place_of = [_name(e.place) if e.place else "" for e in self.index.entries]
        self._surface_words = list(self.index.surface)
        self.make_caches()

    @classmethod
    def for_knowledge(cls, kb: Knowledge, decision: Decision | None = None) -> Matcher:
        """The matcher over all entries, with the synonyms and the names of the gemeenten."""
        return cls(
            kb.entries.values(),
            decision,
            synonyms=kb.synonyms,
            places=[g.name for g in kb.gemeenten],
        )

    def extended(self, entries: Iterable[Entry]) -> Matcher:
        """The same matcher over more entries (a gemeente's own answers beside the shared)."""
        return Matcher(
            [*self.index.entries, *entries],
            self.decision,
            self.index.analyzer,
            self.synonym_groups,
            self.places,
        )

    def match(self, question: str, limit: int = 3) -> Match:
        ranked, signals = self.assess(question)
        outcome = self.decision.decide(signals) if ranked else Outcome.DECLINE
        shown = ranked[:limit]
        if outcome is Outcome.SUGGEST:
            shown = [c for c in shown if c.score >= self.decision.suggest_floor] or shown[:1]
        return Match(question, outcome, tuple(shown))

    def rank(self, question: str, limit: int = 3) -> list[Candidate]:
        return self.assess(question)[0][:limit]

    # -- stage 2 and 3 ------------------------------------------------------------------------

    def assess(self, question: str) -> tuple[list[Candidate], Signals]:
        """The candidates, best first, and the signals the decision weighs."""
        terms = self.terms(question)
        known = [t for t in terms if t.confidence]
        weighted = [(t.stem, t.confidence * t.focus) for t in known]
        weighted += [(r, SYNONYM_WEIGHT * t.confidence * t.focus) for t in known for r in t.related]
        scores = self.index.score(weighted)
        if not scores.any():
            return [], Signals()
        scores = scores * self._place_factors(question)
        shortlist = [int(i) for i in np.argsort(-scores)[:SHORTLIST] if scores[i] > 0]
        # a place name finds that place's entries, but says nothing about the topic: a
        # question about Utrecht's mayor must not look like one about Utrecht's buurtteams
        topical = [t for t in known if t.stem not in self._place_stems]
        said = " ".join(words(question))
        scored = sorted(
            (
                (self._closely(number, float(scores[number]), topical, said), number)
                for number in shortlist
            ),
            reverse=True,
        )
        ranked = [Candidate(self.index.entries[n], round(s[0], 4)) for s, n in scored]
        best, runner_up = scored[0][0], scored[1][0] if len(scored) > 1 else (0.0, 0.0, 0.0)
        signals = Signals(
            score=best[0],
            lead=best[0] - runner_up[0],
            coverage=best[1],
            phrasing=best[2],
            understood=_share(topical, [t for t in terms if t.stem not in self._place_stems]),
            known_weight=sum(t.weight for t in topical) / self.index.max_idf,
            wording=self._wording(scored[0][1], topical),
            topic_words=sum(t.stem in self.index.topics for t in topical),
            phrased_words=sum(t.stem in self.index.phrased for t in topical),
            personal=self._asks_for_person(fold(question).strip()),
        )
        return ranked, signals

    def _asks_for_person(self, question: str) -> bool:
        """Who someone near the user is, or who holds an office in a gemeente: names the
        knowledge cannot know."""
        office = _OFFICE_OF.match(question)
        return bool(_PERSONAL.match(question)) or bool(
            office and " ".join(words(office["place"])) in self.places
        )

    def _wording(self, number: int, known: list[Term]) -> float:
        """How close the question is, word for word, to the entry's nearest own phrasing
        (rapidfuzz on the stems, order ignored)."""
        phrasings = [" ".join(p) for p in self.index.phrasings[number]]
        found = process.extractOne(
            " ".join(t.stem for t in known), phrasings, scorer=fuzz.token_sort_ratio
        )
        return found[1] / 100 if found else 0.0

    def _place_factors(self, question: str) -> np.ndarray:
        said = words(question)
        spans = range(1, self._longest_place + 1)
        named = {
            phrase
            for n in spans
            for i in range(len(said) - n + 1)
            if (phrase := " ".join(said[i : i + n])) in self.places
        }
        factors = np.ones(len(self.index.entries), dtype=np.float32)
        if named:
            for number, place in enumerate(self._place_of):
                if place in named:
                    factors[number] = PLACE_FACTOR
        elif not EXAMPLE_WORDS.intersection(said):
            factors[self._local] = LOCAL_FACTOR
        return factors

    def _closely(
        self, number: int, bm25: float, known: list[Term], said: str
    ) -> tuple[float, float, float]:
        """(score, coverage, phrasing) of one entry for the question's known terms; `said`,
        the question's words as typed, is held against the entry's own phrasings too, so
        "wat is X" prefers the entry asked that way over one that merely says X more often."""
        held = self.index.terms[number]
        total = sum(t.weight for t in known) or 1.0
        coverage = sum(t.weight for t in known if not held.isdisjoint(t.stems)) / total
        phrasing = max(
            (self._fit(p, w, known) for p, w in self.index.phrasing_sets[number]), default=0.0
        )
        fit = bm25 / (bm25 + BM25_HALF)
        w_bm25, w_cov, w_phrase = WEIGHTS
        nearest = process.extractOne(said, self.index.sayings[number], scorer=fuzz.ratio)
        saying = nearest[1] / 100 if nearest else 0.0
        score = w_bm25 * fit + w_cov * coverage + w_phrase * phrasing + SAYING_WEIGHT * saying
        return score / (1 + SAYING_WEIGHT), coverage, phrasing

    def _fit(self, phrasing: frozenset[str], weight: float, known: list[Term]) -> float:
        """How well one phrasing (its stems, and their IDF weight) fits: the share of its
        weight the question holds, and of the question's weight it holds (the mean of the
        two, a weighted Dice)."""
        if not phrasing:
            return 0.0
        asked = sum(t.weight for t in known) or 1.0
        shared = [t for t in known if not phrasing.isdisjoint(t.stems)]
        overlap = sum(t.weight for t in shared)
        found: set[str] = set()
        for t in shared:
            found |= phrasing & t.stems
        idf = self.index.idf
        recall = sum(idf.get(s, 0.0) for s in found) / (weight or 1.0)
        return (recall + overlap / asked) / 2

    # -- stage 1 ------------------------------------------------------------------------------

    def terms(self, question: str) -> list[Term]:
        found: dict[str, Term] = {}
        for sentence, focus in _sentences(question):
            for word in self.index.analyzer.content(self.index.synonyms.rewrite(sentence)):
                for term in self._resolve(word):
                    seen = found.get(term.stem)
                    if not seen or (term.confidence, focus) > (seen.confidence, seen.focus):
                        found[term.stem] = replace(term, focus=focus)
        return list(found.values())

    def _resolve(self, word: str) -> list[Term]:
        stem = self.index.analyzer.stem(word)
        if stem in self.index.idf:
            return [self._term(stem, 1.0)]
        parts = self._split(word)
        if parts:
            return [self._term(p, 0.8) for p in parts]
        mended = self._correct(word)
        if mended:
            return [self._term(*mended)]
        related = self.index.synonyms.related.get(stem, ())
        if any(r in self.index.idf for r in related):  # a synonym the knowledge does hold
            return [Term(stem, self.index.max_idf, 1.0, related)]
        return [Term(stem, self.index.max_idf, 0.0)]

    def _term(self, stem: str, confidence: float) -> Term:
        related = tuple(r for r in self.index.synonyms.related.get(stem, ()) if r in self.index.idf)
        return Term(stem, self.index.idf[stem], confidence, related)

    def _split(self, word: str) -> list[str]:
        """A run-together compound as two known words ('plattelandsgemeente' -> platteland,
        gemeente), a linking s or e between them allowed."""
        stem, surface = self.index.analyzer.stem, self.index.surface
        for cut in range(len(word) - 3, 3, -1):
            left, right = word[:cut], word[cut:]
            if right not in surface and stem(right) not in self.index.idf:
                continue
            for head in (left, left[:-1] if left[-1] in "se" else ""):
                if head and (head in surface or stem(head) in self.index.idf):
                    return [s for s in (stem(head), stem(right)) if s in self.index.idf]
        return []

    def _correct_uncached(self, word: str) -> tuple[str, float] | None:
        """The known word a typo most likely meant, with a confidence, or None.

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


def _sentences(question: str) -> list[tuple[str, float]]:
    """The question's sentences, each with its focus: a long question that first describes
    a situation and then asks gets more weight on the asking sentence (the last one with a
    question mark, else the last one)."""
    parts = [p for p in _SENTENCE_END.split(question.strip()) if p.strip()]
    if len(parts) < 2:
        return [(question, 1.0)]
    asking = max(
        (i for i, p in enumerate(parts) if p.rstrip().endswith("?")), default=len(parts) - 1
    )
    return [(p, FOCUS if i == asking else 1.0) for i, p in enumerate(parts)]


def _name(place: str) -> str:
    """A place's name as the words of a question give it: 'leidschendam voorburg'."""
    return " ".join(words(place))


def _share(known: list[Term], terms: list[Term]) -> float:
    total = sum(t.idf for t in terms)
    return sum(t.weight for t in known) / total if total else 0.0
