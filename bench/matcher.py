"""Retrieval benchmark: Wijkbot's matcher against a plain BM25 baseline on the same knowledge.

    python bench/matcher.py [--questions FILE ...] [--growth 10]

Baseline: BM25 (`bm25s`, Dutch stopwords and Snowball stems) over each entry's title,
questions, tags and answer. It has no notion of "decline", so it gets the score cut-off that
does best for it on the question file (its most favourable setting). Quality is measured on the
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
from stop_words import get_stop_words

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import shown_text  # noqa: E402
from bot.content import Entry, Knowledge, load_knowledge  # noqa: E402
from bot.matcher import Matcher, Outcome  # noqa: E402
from bot.matcher.evaluate import STYLES, Case, read_questions, satisfies  # noqa: E402

# ranked (entry, score) pairs for a question, best first, plus whether the matcher answers
Ranker = Callable[[str], tuple[list[Entry], bool]]


@dataclass
class Row:
    name: str
    top1: float
    wrong: float
    top3: float
    declined: float
    by_style: dict[str, float]
    p50_ms: float
    p99_ms: float
    load_ms: float
    peak_mib: float


def wijkbot(entries: list[Entry], kb: Knowledge) -> Callable[[float], Ranker]:
    matcher = Matcher(entries, synonyms=kb.synonyms, places=[g.name for g in kb.gemeenten])

    def with_cutoff(_: float) -> Ranker:
        def rank(question: str) -> tuple[list[Entry], bool]:
            match = matcher.match(question)
            return [c.entry for c in match.candidates], match.outcome is Outcome.ANSWER

        return rank

    return with_cutoff


def bm25(entries: list[Entry], kb: Knowledge) -> Callable[[float], Ranker]:
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


MATCHERS = {"wijkbot": wijkbot, "BM25 (bm25s)": bm25}
CUTOFFS = {"wijkbot": [0.0], "BM25 (bm25s)": range(0, 30)}


def quality(
    rank: Ranker, cases: list[Case], out_of_scope: list[str], shown: Callable[[Entry], str]
) -> tuple[float, float, float, float, dict[str, float]]:
    """top-1 (answered and right), confident wrong, top-3, declined, top-1 per style."""
    top1 = wrong = top3 = declined = 0
    styles: dict[str, list[int]] = {}
    for case in cases:
        ranked, answered = rank(case.question)
        hits = [satisfies(shown(e), case.expect) for e in ranked[:3]]
        right = answered and bool(hits) and hits[0]
        top1 += right
        wrong += answered and not right
        top3 += any(hits)
        styles.setdefault(case.style, []).append(right)
    for question in out_of_scope:
        declined += not rank(question)[1]
    n = len(cases)
    by_style = {k: sum(v) / len(v) for k, v in sorted(styles.items()) if k}
    return top1 / n, wrong / n, top3 / n, declined / max(len(out_of_scope), 1), by_style


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
    name: str,
    kb: Knowledge,
    entries: list[Entry],
    cases: list[Case],
    oos: list[str],
    sweep: bool = True,
) -> Row:
    questions = [c.question for c in cases] + oos
    texts = {e.id: shown_text(e, kb) if e.id in kb.entries else e.answer for e in entries}

    def shown(entry: Entry) -> str:
        return texts[entry.id]

    start = time.perf_counter()
    factory = MATCHERS[name](entries, kb)
    load_ms = (time.perf_counter() - start) * 1000
    cutoffs = CUTOFFS[name] if sweep else [0.0]
    scores = max(
        (quality(factory(c), cases, oos, shown) for c in cutoffs), key=lambda q: q[0] + q[3]
    )
    p50, p99 = latency(factory(0.0), questions)
    # Memory in a second, traced run: tracing slows everything down, so it is kept apart.
    tracemalloc.start()
    traced = MATCHERS[name](entries, kb)(0.0)
    for question in questions:
        traced(question)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return Row(name, *scores, p50, p99, load_ms, peak)


def table(title: str, rows: list[Row], with_quality: bool = True) -> str:
    styles = sorted({s for r in rows for s in r.by_style})
    head = "| matcher | top-1 | wrong | top-3 | declined | "
    head += "".join(f"{s} | " for s in styles) + "p50 ms | p99 ms | load ms | peak MiB |"
    lines = [f"**{title}**", "", head, "|---" * (head.count("|") - 1) + "|"]
    for r in rows:
        q = f"{r.top1:.0%} | {r.wrong:.0%} | {r.top3:.0%} | {r.declined:.0%} | "
        q += "".join(f"{r.by_style.get(s, 0):.0%} | " for s in styles)
        if not with_quality:
            q = "n/a | " * (4 + len(styles))
        lines.append(
            f"| {r.name} | {q}{r.p50_ms:.2f} | {r.p99_ms:.2f} | {r.load_ms:.0f} | "
            f"{r.peak_mib:.1f} |"
        )
    if styles:
        lines.append("")
        lines.append("Styles: " + "; ".join(f"{s} {STYLES.get(s, '')}" for s in styles) + ".")
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
        cases, outside = read_questions(path)
        oos = [o.question for o in outside]
        rows = [measure(name, kb, entries, cases, oos) for name in MATCHERS]
        print(table(f"{path.name}: {len(cases)} in scope, {len(oos)} out of scope", rows))
        print()

    cases, outside = read_questions(args.questions[0])
    oos = [o.question for o in outside]
    grown = grow(entries, args.growth)
    rows = [measure(name, kb, grown, cases, oos, sweep=False) for name in MATCHERS]
    print(table(f"Knowledge grown {args.growth}x ({len(grown)} entries): cost", rows, False))


if __name__ == "__main__":
    main()
