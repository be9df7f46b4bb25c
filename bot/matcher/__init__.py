"""Answering free questions: Dutch normalisation, field-weighted BM25, and the decision."""

from .decision import Decision, Outcome, Signals
from .matcher import Candidate, Match, Matcher
from .normalize import Analyzer, fold

__all__ = [
    "Analyzer",
    "Candidate",
    "Decision",
    "Match",
    "Matcher",
    "Outcome",
    "Signals",
    "fold",
]
