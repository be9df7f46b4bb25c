"""The shapes of the content in knowledge/: what the loader accepts, as typed records.

Every model forbids unknown keys, so a misspelt field in a YAML file is an error rather
than a silently ignored value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, TypeGuard, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_ANSWER_CHARS = 900

ThemeKey = Literal[
    "visie_inspiratie",
    "wijkteams",
    "opdrachtgeverschap",
    "samenwerking_wijk",
    "gemeentelijke_organisatie",
    "taal_gedrag",
]
THEME_KEYS: tuple[ThemeKey, ...] = get_args(ThemeKey)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
EntryId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
PhaseNumber = Literal[1, 2, 3, 4]
PHASE_NUMBERS: tuple[PhaseNumber, ...] = get_args(PhaseNumber)


def is_phase(value: object) -> TypeGuard[PhaseNumber]:
    """Whether `value` is one of the four phases (a stored answer may be anything)."""
    return value in PHASE_NUMBERS


class Record(BaseModel):
    # validators are built when first used: a start that reads the content ready from the
    # cache (bot/parts_cache.py) uses none, and saves building them (some 60 ms)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Record):
    document: Text
    section: Text


class Entry(Record):
    """One question-and-answer entry of the knowledge base."""

    id: EntryId
    title: Text
    questions: list[Text] = Field(min_length=1)
    answer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    source: Source
    tags: list[Text]
    related: list[EntryId]
    place: Text | None = None  # the gemeente or city whose own practice this entry describes


class Step(Record):
    number: Literal[1, 2, 3, 4]
    key: Literal["wijkanalyse", "startpositie", "kernkeuzes", "start"]
    name: Text
    summary: Text
    involves: list[Text]
    entry: EntryId
    source: Source


class Phase(Record):
    number: PhaseNumber
    name: Text
    label: Text
    description: Text
    entry: EntryId
    source: Source


class Theme(Record):
    key: ThemeKey
    name: Text
    short: Text
    description: Text
    phases: dict[PhaseNumber, Text]
    labels: dict[PhaseNumber, Text]
    attention: Text
    how_to_move: Text
    examples: list[EntryId]
    entry: EntryId
    source: Source


class KernkeuzeOption(Record):
    key: Text
    label: Text
    description: Text
    consequences: Text


class Kernkeuze(Record):
    key: Literal["veranderaanpak", "rol_toegangsteam"]
    name: Text
    question: Text
    explanation: Text
    options: list[KernkeuzeOption] = Field(min_length=2)
    entry: EntryId
    source: Source


class Value(Record):
    number: int
    key: Text
    name: Text
    description: Text
    entry: EntryId


class ChecklistItem(Record):
    number: int
    kind: Literal["kans", "valkuil"]
    text: Text


class ChecklistTask(Record):
    number: int
    key: Text
    name: Text
    description: Text
    entry: EntryId
    themes: list[ThemeKey] = Field(min_length=1)  # where a strong task gives energy (stap 4)
    items: list[ChecklistItem] = Field(min_length=1)


class CheckinKind(StrEnum):
    """How a group check-in asks and how members answer (what each does: bot/checkins/kinds/).

    `phases` one question per theme, a phase 1-4 each; `themes` one question, any number of
    themes; `open` one open question, answered by replying; `choice` the facilitator's own
    question and options, given with the command; `checklist` the points of one task of the
    doe-het-zelf-checklist (its number given with the command), each answered ja, deels or nee.
    A kind reads as its value, also in repr: the loader's messages quote it as 'open'.
    """

    PHASES = "phases"
    THEMES = "themes"
    OPEN = "open"
    CHOICE = "choice"
    CHECKLIST = "checklist"

    __repr__ = str.__repr__


class CheckinTemplate(Record):
    """A group check-in (flows/checkins/): what is asked, and how members answer (`kind`)."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")]
    name: Text
    description: Text
    kind: CheckinKind
    question: Text | None = None


class Gemeente(Record):
    code: Annotated[str, StringConstraints(pattern=r"^GM\d{4}$")]
    name: Text
    province: Text
    aliases: list[Text] = []


class SeedSection(Record):
    """A part of a seed document, by its own heading: `starts` is where it begins in the
    text (found after the previous section's start)."""

    name: Text
    starts: Annotated[str, StringConstraints(min_length=1)]


class SourceDocument(Record):
    document: Text
    title: Text
    publisher: Text
    sections: list[SeedSection] = []
