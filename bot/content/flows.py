"""Check the flows for what pydantic cannot: references between questions, the
placeholders in texts, and that each of the four steps has its flow."""

from __future__ import annotations

import string

from .flow_models import ITEM_FIELDS, Flow, Group, Question

STEP_KEYS = ("wijkanalyse", "startpositie", "kernkeuzes", "start")
ACTION_FIELDS = {"wat", "wie", "wanneer"}


def check_flow(flow: Flow) -> list[tuple[str, str]]:
    """Problems as (where, message): unknown references, placeholders and duplicate keys."""
    problems: list[tuple[str, str]] = []
    earlier: dict[str, Question] = {}
    for part in flow.questions:
        if isinstance(part, Group):
            problems += _check_group(part, earlier)
            questions, fields = part.questions, _item_fields(part.each, earlier)
        else:
            questions, fields = [part], frozenset()
        for question in questions:
            where = f"question {question.key!r}"
            if question.key in earlier:
                problems.append((where, "duplicate question key"))
            problems += [(where, m) for m in _check_question(question, earlier, fields)]
            earlier[question.key] = question
    if flow.creates == "action" and not ACTION_FIELDS | {"thema"} <= earlier.keys():
        problems.append(("", "creates: action needs questions thema, wat, wie, wanneer"))
    return problems


def _check_group(group: Group, earlier: dict[str, Question]) -> list[tuple[str, str]]:
    where = f"group {group.each!r}"
    problems = [(where, m) for m in _check_source(group.each, earlier)]
    fields = _item_fields(group.each, earlier)
    problems += [(where, m) for m in _unknown_placeholders(group.heading or "", fields)]
    if group.creates == "action" and not {q.key for q in group.questions} >= ACTION_FIELDS:
        problems.append((where, "creates: action needs questions wat, wie, wanneer"))
    return problems


def _check_question(
    question: Question, earlier: dict[str, Question], fields: frozenset[str]
) -> list[str]:
    problems = []
    if question.options_from:
        if question.options_from == "phases" and "short" not in fields:
            problems.append("options_from: phases only works inside a group over themes")
        if question.options_from == "kernkeuze" and "question" not in fields:
            problems.append("options_from: kernkeuze only works inside a group over kernkeuzes")
        problems += _check_source(question.options_from, earlier)
    return problems + _unknown_placeholders(question.text, fields)


def _unknown_placeholders(text: str, fields: frozenset[str]) -> list[str]:
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return [f"unknown placeholder {{{name}}} in text" for name in names if name not in fields]


def _check_source(source: str, earlier: dict[str, Question]) -> list[str]:
    if not source.startswith("answer:"):
        return []
    key = source.removeprefix("answer:")
    question = earlier.get(key)
    if question is None:
        return [f"'{source}' does not name an earlier question of this flow"]
    if question.type not in ("list", "multi_choice"):
        return [f"'{source}' must name a list or multi_choice question"]
    return []


def _item_fields(each: str, earlier: dict[str, Question]) -> frozenset[str]:
    """The placeholders a group's texts may use: themes picked in an answer are themes."""
    if each.startswith("answer:"):
        source = earlier.get(each.removeprefix("answer:"))
        if source is not None and source.options_from == "themes":
            return ITEM_FIELDS["themes"]
        return ITEM_FIELDS["answer"]
    return ITEM_FIELDS[each]
