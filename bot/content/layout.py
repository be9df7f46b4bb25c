"""A flow laid out for one gemeente: every question as it will be asked, in order.

Groups repeat per item (a theme, a kernkeuze, a wijk the user named), so the same flow
has more or fewer slots depending on earlier answers. Laying it out again after every
answer keeps position, progress ("vraag 3 van 6") and status simply derived.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

from .flow_models import Flow, Group, Question
from .loader import Knowledge
from .models import PHASE_NUMBERS, Theme

Answers = dict[tuple[str, str], Any]  # (item, question) -> current value
Status = Literal["open", "bezig", "klaar"]


@dataclass(frozen=True)
class Item:
    key: str  # stored as the answer's item: a theme or kernkeuze key, or a wijk name
    fields: dict[str, Any] = field(default_factory=dict)  # placeholders for texts


@dataclass(frozen=True)
class AnswerChoice:
    value: Any  # what is stored
    label: str
    description: str = ""
    also: tuple[str, ...] = ()  # other names a reply may use for it


@dataclass(frozen=True)
class Slot:
    flow: Flow
    question: Question
    item: Item | None = None
    group: Group | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.item.key if self.item else "", self.question.key)

    @property
    def token(self) -> str:
        """A short, stable id of this slot, carried in option payloads."""
        raw = f"{self.flow.key}/{self.key[0]}/{self.key[1]}".encode()
        return hashlib.blake2s(raw, digest_size=4).hexdigest()

    def text(self) -> str:
        return self.question.text.format_map(self.item.fields if self.item else {})

    def heading(self) -> str | None:
        """The group's own heading for this question, if it has one."""
        if self.group is None or self.group.heading is None or self.item is None:
            return None
        return self.group.heading.format_map(self.item.fields)


def layout(flow: Flow, kb: Knowledge, answers: Answers) -> list[Slot]:
    slots: list[Slot] = []
    for part in flow.questions:
        if isinstance(part, Group):
            for item in items(part.each, flow, kb, answers):
                slots += [Slot(flow, q, item, part) for q in part.questions]
        elif part.type == "ranking" and len(choices(Slot(flow, part), kb, answers)) < 2:
            continue  # nothing to rank
        else:
            slots.append(Slot(flow, part))
    return slots


def items(source: str, flow: Flow, kb: Knowledge, answers: Answers) -> list[Item]:
    if source == "checklist":
        return checklist_items(kb)
    if source == "themes":
        found = [_theme_item(kb, theme.key) for theme in kb.themes]
    elif source == "kernkeuzes":
        found = [
            Item(k.key, {"name": k.name, "question": k.question, "explanation": k.explanation})
            for k in kb.kernkeuzes
        ]
    else:
        key = source.removeprefix("answer:")
        values = answers.get(("", key)) or []
        question = next(q for q in flow.all_questions() if q.key == key)
        if question.options_from == "themes":
            found = [_theme_item(kb, value) for value in values if _theme(kb, value)]
        else:
            found = [Item(str(value), {"name": str(value)}) for value in values]
    count = len(found)
    return [
        Item(item.key, {**item.fields, "number": n, "count": count})
        for n, item in enumerate(found, start=1)
    ]


KIND_LABELS = {"kans": "Kans", "valkuil": "Valkuil"}


def checklist_items(kb: Knowledge) -> list[Item]:
    """Every point of the checklist, keyed by its number ("14"), which runs 1 to 97 across
    the ten tasks; so `{number}` is the point's own number rather than a count."""
    count = sum(len(task.items) for task in kb.checklist)
    return [
        Item(
            str(point.number),
            {
                "number": point.number,
                "count": count,
                "task_number": task.number,
                "task_count": len(kb.checklist),
                "task": task.name,
                "task_point": place,
                "task_points": len(task.items),
                "kind": point.kind,
                "kind_label": KIND_LABELS[point.kind],
                "text": point.text,
            },
        )
        for task in kb.checklist
        for place, point in enumerate(task.items, start=1)
    ]


def choices(slot: Slot, kb: Knowledge, answers: Answers) -> list[AnswerChoice]:
    question, source = slot.question, slot.question.options_from
    if source is None:
        return [AnswerChoice(o.key, o.label, also=tuple(o.also)) for o in question.options]
    if source == "themes":
        return [
            AnswerChoice(t.key, t.name, t.short, tuple(t.name.split(" en "))) for t in kb.themes
        ]
    if source == "phases":
        theme = _theme(kb, slot.item.key if slot.item else "")
        assert theme is not None
        return [
            AnswerChoice(n, f"Fase {n}: {theme.labels[n]}", theme.phases[n]) for n in PHASE_NUMBERS
        ]
    if source == "kernkeuze":
        kernkeuze = next(k for k in kb.kernkeuzes if slot.item and k.key == slot.item.key)
        return [
            AnswerChoice(o.key, o.label, f"{o.description}\n{o.consequences}")
            for o in kernkeuze.options
        ]
    values = answers.get(("", source.removeprefix("answer:"))) or []
    return [AnswerChoice(value, str(value)) for value in values]


def answered(slot: Slot, kb: Knowledge, answers: Answers) -> bool:
    """Whether the slot has a current answer. A ranking counts only while it ranks exactly
    its options now: a wijk added or removed later reopens the priorities."""
    if slot.key not in answers:
        return False
    if slot.question.type != "ranking":
        return True
    return ranks_all(answers[slot.key], choices(slot, kb, answers))


def ranks_all(ranked: Any, options: list[AnswerChoice]) -> bool:
    """Whether `ranked` puts every option, and only those, in an order."""
    values = [str(c.value) for c in options]
    return isinstance(ranked, list) and sorted(map(str, ranked)) == sorted(values)


def status(flow: Flow, kb: Knowledge, answers: Answers) -> Status:
    """open, bezig or klaar: klaar when every question that is not optional has an answer."""
    slots = layout(flow, kb, answers)
    if not any(slot.key in answers for slot in slots):
        return "open"
    required = [slot for slot in slots if not slot.question.optional]
    return "klaar" if all(answered(slot, kb, answers) for slot in required) else "bezig"


def _theme(kb: Knowledge, key: str) -> Theme | None:
    return next((t for t in kb.themes if t.key == key), None)


def _theme_item(kb: Knowledge, key: str) -> Item:
    theme = _theme(kb, key)
    assert theme is not None
    examples = "\n".join(f"• {kb.entries[e].title}" for e in theme.examples if e in kb.entries)
    return Item(
        key,
        {
            "name": theme.name,
            "short": theme.short,
            "description": theme.description,
            "examples": examples or "• (nog geen voorbeelden)",
        },
    )
