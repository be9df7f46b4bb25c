"""The kinds of check-in, a module each: how one is posted, how a press or a reply is read,
how the results are counted, summarised and charted.

A new kind: a member of CheckinKind (bot/content/models.py), its module here with a class
after `Kind` (base.py), and its entry in KINDS; its Dutch texts go in texts.py.
"""

from __future__ import annotations

from ...content.models import CheckinKind
from .base import Asked, CheckinAnswers, GemeenteProfile, Kind, Noted, Opening, Results
from .checklist import Checklist
from .choice import Choice
from .open import Open
from .phases import Phases
from .themes import Themes

KINDS: dict[CheckinKind, Kind] = {
    CheckinKind.PHASES: Phases(),
    CheckinKind.THEMES: Themes(),
    CheckinKind.OPEN: Open(),
    CheckinKind.CHOICE: Choice(),
    CheckinKind.CHECKLIST: Checklist(),
}


def kind_of(kind: str) -> Kind:
    """What a kind does, by its name (as a check-in keeps it)."""
    return KINDS[CheckinKind(kind)]


__all__ = [
    "KINDS",
    "Asked",
    "CheckinAnswers",
    "GemeenteProfile",
    "Kind",
    "Noted",
    "Opening",
    "Results",
    "kind_of",
]
