"""Retrieval benchmark: Wijkbot's matcher against two baselines on the same knowledge.

    python bench/matcher.py [--questions FILE ...] [--growth 10]

Baselines: rapidfuzz `process.extractOne` with `WRatio` over every question phrasing, and
BM25 (`bm25s`, Dutch stopwords and Snowball stems) over each entry's title, questions, tags
and answer. A baseline has no notion of "decline", so each gets the score cut-off that does
best for it on the question file (its most favourable setting). Quality is measured on the
question files; latency, load time and peak memory also on the knowledge grown
synthetically (`--growth` times as many entries, with new words) to show how cost grows.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import Stemmer
from rapidfuzz import fuzz, process, utils
from stop_words import get_stop_words

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import Entry, load_knowledge  # noqa: E402
from bot.matcher import Matcher, Outcome  # noqa: E402
from bot.matcher.evaluate import Case, read_questions, satisfies  # noqa: E402

# ranked (entry, score) pairs for a question, best first, plus whether the matcher answers
Ranker = Callable[[str], tuple[list[Entry], bool]]


@dataclass
class Row:
    name: str
    top1: float
    top3: float
    declined: float
    p50_ms: float
    p99_ms: float
    load_ms: float
    peak_mib: float


def wijkbot(entries: list[Entry]) -> Callable[[float], Ranker]:
    matcher = Matcher(entries)

    def with_cutoff(_: float) -> Ranker:
        def rank(question: str) -> tuple[list[Entry], bool]:
            match = matcher.match(question)
            return [c.entry for c in match.candidates], match.outcome is Outcome.ANSWER

        return rank

    return with_cutoff


def wratio(entries: list[Entry]) -> Callable[[float], Ranker]:
    choices = [(q, e) for e in entries for q in (e.title, *e.questions)]
    texts = [utils.default_process(q) for q, _ in choices]

    def with_cutoff(cutoff: float) -> Ranker:
        def rank(question: str) -> tuple[list[Entry], bool]:
            found = process.extract(
                utils.default_process(question), texts, scorer=fuzz.WRatio, limit=12
            )
            ranked: list[Entry] = []
            for _, _, i in found:
                if choices[i][1] not in ranked:
                    ranked.append(choices[i][1])
            best = process.extractOne(utils.default_process(question), texts, scorer=fuzz.WRatio)
            return ranked[:3], bool(best) and best[1] >= cutoff

        return rank

    return with_cutoff


def bm25(entries: list[Entry]) -> Callable[[float], Ranker]:
    stemmer = Stemmer.Stemmer("dutch")
    stopwords = get_stop_words("dutch")
    corpus = [" ".join([e.title, *e.questions, *e.tags, e.answer]) for e in entries]
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords=stopwords, stemmer=stemmer, show_progress=False),
        show_progress=False,
    )

    def with_cutoff(cutoff: float) -> Ranker:
        def rank(question: str) -> tuple[list[Entry], bool]:
            tokens = bm25s.tokenize(
                [question], stopwords=stopwords, stemmer=stemmer, show_progress=False
            )
            if not tokens.vocab:
                return [], False
            ids, scores = retriever.retrieve(tokens, k=3, show_progress=False)
            ranked = [entries[int(i)] for i in ids[0]]
            return ranked, float(scores[0][0]) >= cutoff

        return rank

    return with_cutoff


MATCHERS = {"wijkbot": wijkbot, "rapidfuzz WRatio": wratio, "BM25 (bm25s)": bm25}
CUTOFFS = {"wijkbot": [0.0], "rapidfuzz WRatio": range(50, 100, 2), "BM25 (bm25s)": range(0, 30)}


def quality(rank: Ranker, cases: list[Case], out_of_scope: list[str]) -> tuple[float, ...]:
    top1 = top3 = declined = 0
    for case in cases:
        ranked, answered = rank(case.question)
        hits = [satisfies(e.answer, case.expect) for e in ranked[:3]]
        top1 += answered and bool(hits) and hits[0]
        top3 += any(hits)
    for question in out_of_scope:
        declined += not rank(question)[1]
    return top1 / len(cases), top3 / len(cases), declined / max(len(out_of_scope), 1)


def latency(rank: Ranker, questions: list[str], repeat: int = 20) -> tuple[float, float]:
    timings = []
    for _ in range(repeat):
        for question in questions:
            start = time.perf_counter_ns()
            rank(question)
            timings.append((time.perf_counter_ns() - start) / 1e6)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1]


def grow(entries: list[Entry], times: int) -> list[Entry]:
    """`times` as many entries: copies with a share of their words replaced by new ones."""
    rng = random.Random(7)

    def vary(text: str) -> str:
        words = text.split()
        for i in rng.sample(range(len(words)), k=max(1, len(words) // 4)):
            words[i] = "".join(rng.choice("abcdefghijklmnoprstuvwz") for _ in range(7))
        return " ".join(words)

    grown = list(entries)
    for n in range(1, times):
        for e in entries:
            grown.append(
                e.model_copy(
                    update={
                        "id": f"{e.id}-{n}",
                        "title": vary(e.title),
                        "questions": [vary(q) for q in e.questions],
                        "answer": vary(e.answer),
                    }
                )
            )
    return grown


def measure(
    name: str, entries: list[Entry], cases: list[Case], oos: list[str], sweep: bool = True
) -> Row:
    questions = [c.question for c in cases] + oos
    start = time.perf_counter()
    factory = MATCHERS[name](entries)
    load_ms = (time.perf_counter() - start) * 1000
    cutoffs = CUTOFFS[name] if sweep else [0.0]
    scores = max((quality(factory(c), cases, oos) for c in cutoffs), key=lambda q: q[0] + q[2])
    p50, p99 = latency(factory(0.0), questions)
    # Memory in a second, traced run: tracing slows everything down, so it is kept apart.
    tracemalloc.start()
    traced = MATCHERS[name](entries)(0.0)
    for question in questions:
        traced(question)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return Row(name, *scores, p50, p99, load_ms, peak)


def table(title: str, rows: list[Row], with_quality: bool = True) -> str:
    head = "| matcher | top-1 | top-3 | declined | p50 ms | p99 ms | load ms | peak MiB |"
    lines = [f"**{title}**", "", head, "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        q = f"{r.top1:.0%} | {r.top3:.0%} | {r.declined:.0%}" if with_quality else "n/a | n/a | n/a"
        lines.append(
            f"| {r.name} | {q} | {r.p50_ms:.2f} | {r.p99_ms:.2f} | {r.load_ms:.0f} | "
            f"{r.peak_mib:.1f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = ROOT.parent / "shared" / "eval" / "dev_questions.yaml"
    parser.add_argument("--questions", type=Path, nargs="+", default=[default])
    parser.add_argument("--growth", type=int, default=10)
    args = parser.parse_args()

    start = time.perf_counter()
    kb = load_knowledge(ROOT)
    content_ms = (time.perf_counter() - start) * 1000
    entries = list(kb.entries.values())
    print(f"Knowledge: {len(entries)} entries, loaded and validated in {content_ms:.0f} ms\n")

    for path in args.questions:
        cases, oos = read_questions(path)
        rows = [measure(name, entries, cases, oos) for name in MATCHERS]
        print(table(f"{path.name}: {len(cases)} in scope, {len(oos)} out of scope", rows))
        print()

    cases, oos = read_questions(args.questions[0])
    grown = grow(entries, args.growth)
    rows = [measure(name, grown, cases, oos, sweep=False) for name in MATCHERS]
    print(table(f"Knowledge grown {args.growth}x ({len(grown)} entries): cost", rows, False))


if __name__ == "__main__":
    main()
