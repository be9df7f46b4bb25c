"""The shapes of the guided conversations in flows/: questions, answer types and groups.

A flow is an ordered list of questions. A group repeats its questions for every item of a
list: the six themes, the two kernkeuzes, the 97 points of the doe-het-zelf-checklist, or
the items of an earlier answer in the same flow (the wijken a user named, the themes they
picked). Question texts may use the item's
fields as `{placeholders}`; the loader checks that every placeholder exists.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, model_validator

from .models import Record, Text

Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
AnswerType = Literal["choice", "multi_choice", "text", "number", "date", "list", "ranking"]

# Where a group's items or a question's options come from. "answer:KEY" is an earlier
# question of the same flow (a list, or a multi_choice over themes).
Source = Annotated[
    str, StringConstraints(pattern=r"^(themes|kernkeuzes|checklist|answer:[a-z0-9_]+)$")
]
OptionSource = Annotated[
    str, StringConstraints(pattern=r"^(themes|phases|kernkeuze|answer:[a-z0-9_]+)$")
]

# The fields each kind of item offers to question texts.
ITEM_FIELDS: dict[str, frozenset[str]] = {
    "themes": frozenset({"name", "short", "description", "examples", "number", "count"}),
    "kernkeuzes": frozenset({"name", "question", "explanation", "number", "count"}),
    "checklist": frozenset(
        {
            "number",
            "count",
            "task_number",
            "task_count",
            "task",
            "task_point",
            "task_points",
            "kind",
            "kind_label",
            "text",
        }
    ),
    "answer": frozenset({"name", "number", "count"}),
}

MAX_TEXT_ANSWER = 1000


class FixedOption(Record):
    key: Key
    label: Text
    also: list[Text] = Field(default_factory=list)  # other names a reply may use for it


class Question(Record):
    key: Key
    type: AnswerType
    label: Text  # a short heading for this answer in reports
    text: Text
    optional: bool = False
    options: list[FixedOption] = Field(default_factory=list)
    options_from: OptionSource | None = None
    # energy_themes: name the themes with energy and why; cbs_wijken: offer the gemeente's
    # official wijken (a list); cbs_figures: offer the wijk's CBS figures as the start of the
    # answer (a text)
    suggest: Literal["energy_themes", "cbs_wijken", "cbs_figures"] | None = None
    max_length: int = Field(default=600, ge=1, le=MAX_TEXT_ANSWER)
    min: float | None = None
    max: float | None = None
    min_items: int = Field(default=1, ge=0)
    max_items: int = Field(default=12, ge=1)
    future: bool = False  # a date may not lie in the past

    @model_validator(mode="after")
    def _options_fit_type(self) -> Question:
        needs = self.type in ("choice", "multi_choice", "ranking")
        has = bool(self.options) or self.options_from is not None
        if needs and not has:
            raise ValueError(f"a {self.type} question needs 'options' or 'options_from'")
        if not needs and has:
            raise ValueError(f"a {self.type} question takes no options")
        return self


class Group(Record):
    each: Source
    creates: Literal["action"] | None = None  # turn each finished item into a record
    # The heading of its questions, from the item's fields, instead of "vraag N van M"
    # (the checklist: where in which task, rather than point 94 of 97).
    heading: Text | None = None
    questions: list[Question] = Field(min_length=1)


def _part_kind(raw: object) -> str:
    is_group = isinstance(raw, Group) or (isinstance(raw, dict) and "each" in raw)
    return "group" if is_group else "question"


class Flow(Record):
    key: Key
    step: Literal["wijkanalyse", "startpositie", "kernkeuzes", "start"] | None = None
    title: Text
    creates: Literal["action"] | None = None  # a flow outside the steps makes one record
    intro: Text
    done: Text
    again: Text | None = None  # shown instead of the usual text when all is answered already
    questions: list[
        Annotated[
            Annotated[Question, Tag("question")] | Annotated[Group, Tag("group")],
            Discriminator(_part_kind),
        ]
    ] = Field(min_length=1)

    @property
    def in_draft(self) -> bool:
        """A flow that creates a record (a new action) keeps its answers in the user's
        draft until the record is made; every other flow stores them per gemeente, so a
        colleague continues where another stopped."""
        return self.creates is not None

    def all_questions(self) -> list[Question]:
        out: list[Question] = []
        for part in self.questions:
            out += part.questions if isinstance(part, Group) else [part]
        return out
