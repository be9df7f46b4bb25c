"""Load and validate the content in knowledge/ and flows/."""

from .loader import ContentError, Knowledge, Problem, load_knowledge
from .models import MAX_ANSWER_CHARS, THEME_KEYS, Entry, Theme
from .paths import content_root

__all__ = [
    "MAX_ANSWER_CHARS",
    "THEME_KEYS",
    "ContentError",
    "Entry",
    "Knowledge",
    "Problem",
    "Theme",
    "content_root",
    "load_knowledge",
]
