"""A gemeente's progress through the four steps (and its doe-het-zelf-checklist), as one
value: what /voortgang, the report and `wijkbot export --json` are made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..cbs.shown import Row
from ..content import THEME_KEYS, PhaseNumber
from ..content.layout import Status
from ..content.models import ThemeKey
from .checklist import ChecklistScores
from .comparison import Comparison

KERNKEUZE_KEYS = ("veranderaanpak", "rol_toegangsteam")


@dataclass(frozen=True)
class Wijk:
    name: str
    answers: dict[str, Any]  # question key (flows/wijkanalyse.yaml) -> current answer
    figures: tuple[Row, ...] = ()  # CBS key figures beside the gemeente's (an official wijk)


@dataclass(frozen=True)
class ReportedAction:
    id: int
    theme: str  # theme key
    title: str
    owner: str
    due: str | None  # ISO date
    status: Literal["open", "klaar"]


@dataclass(frozen=True)
class Proposal:
    """The decision proposed to the council, as a member wrote it (the default has none)."""

    text: str
    author: str
    at: str  # ISO time


@dataclass(frozen=True)
class Progress:
    gemeente_name: str
    gemeente_code: str
    members: int
    statuses: dict[str, Status]  # step key -> status
    wijken: list[Wijk] = field(default_factory=list)
    priorities: list[str] = field(default_factory=list)  # wijk names, most urgent first
    profile: dict[str, PhaseNumber | None] = field(default_factory=dict)  # theme key -> phase
    choices: dict[str, str | None] = field(default_factory=dict)  # kernkeuze -> option key
    reasons: dict[str, str | None] = field(default_factory=dict)  # kernkeuze -> why
    focus_themes: list[str] = field(default_factory=list)
    actions: list[ReportedAction] = field(default_factory=list)
    checkins: list[dict[str, Any]] = field(default_factory=list)
    updated_at: str | None = None
    checklist: ChecklistScores = field(default_factory=ChecklistScores)
    proposal: Proposal | None = None
    contributors: int = 0  # people who entered answers or actions
    comparison: Comparison = field(default_factory=Comparison)  # shared by consent only
    cbs_source: str = ""  # "Bron: CBS, Kerncijfers wijken en buurten 2024" when figures shown

    def attention_themes(self, limit: int = 3) -> list[ThemeKey]:
        """The themes furthest behind: the lowest phase, if it is below the highest."""
        placed = {key: phase for key, phase in self.profile.items() if phase is not None}
        if not placed:
            return []
        lowest = min(placed.values())
        if lowest == max(placed.values()) and lowest >= 3:
            return []
        behind = [key for key in THEME_KEYS if placed.get(key) == lowest]
        return behind[:limit]

    def as_json(self) -> dict[str, Any]:
        """The export of DESIGN.md (`wijkbot export --json`)."""
        return {
            "gemeente": {"name": self.gemeente_name, "code": self.gemeente_code},
            "members": self.members,
            "steps": {
                "wijkanalyse": {
                    "status": self.statuses["wijkanalyse"],
                    "wijken": [{"name": w.name, "answers": dict(w.answers)} for w in self.wijken],
                    "priorities": list(self.priorities),
                },
                "startpositie": {
                    "status": self.statuses["startpositie"],
                    "themes": {key: self.profile.get(key) for key in THEME_KEYS},
                },
                "kernkeuzes": {
                    "status": self.statuses["kernkeuzes"],
                    **{key: self.choices.get(key) for key in KERNKEUZE_KEYS},
                },
                "start": {
                    "status": self.statuses["start"],
                    "focus_themes": list(self.focus_themes),
                    "actions": [
                        {
                            "theme": a.theme,
                            "title": a.title,
                            "owner": a.owner,
                            "due": a.due,
                            "status": a.status,
                        }
                        for a in self.actions
                    ],
                },
            },
            "checkins": list(self.checkins),
            "updated_at": self.updated_at,
            "checklist": self.checklist.as_json(),
        }
