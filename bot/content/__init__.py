"""Load and validate the content in knowledge/ and flows/."""

from .loader import ContentError, Knowledge, Problem, load_knowledge
from .models import MAX_ANSWER_CHARS, PHASE_NUMBERS, THEME_KEYS, Entry, PhaseNumber, Theme, is_phase
from .paths import content_root

__all__ = [
    "MAX_ANSWER_CHARS",
    "PHASE_NUMBERS",
    "THEME_KEYS",
    "ContentError",
    "Entry",
    "Knowledge",
    "PhaseNumber",
    "Problem",
    "Theme",
    "content_root",
    "is_phase",
    "load_knowledge",
]
