"""Answering free questions: Dutch normalisation, a weighted fuzzy index, and the decision."""

from .matcher import Candidate, Match, Matcher, Outcome, Thresholds
from .normalize import Analyzer, fold

__all__ = ["Analyzer", "Candidate", "Match", "Matcher", "Outcome", "Thresholds", "fold"]
