"""Turn a typed reply into the value a question stores, or say in Dutch why it does not fit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

import dateparser
from babel.dates import format_date
from rapidfuzz import fuzz, process

from ..content.flow_models import Question
from ..content.layout import Choice

MAX_ITEM_CHARS = 80
_LIST_SPLIT = re.compile(r"\s*[,;\n]\s*")


@dataclass(frozen=True)
class Invalid:
    message: str


def parse(question: Question, choices: list[Choice], text: str, today: date) -> Any:
    """The value to store, or Invalid with a message for the user."""
    text = text.strip()
    if question.type == "text":
        return _text(question, text)
    if question.type == "number":
        return _number(question, text)
    if question.type == "date":
        return _date(question, text, today)
    if question.type == "list":
        return _list(question, text)
    if question.type == "choice":
        index = pick(choices, text)
        if index is None:
            return Invalid(choose_hint(choices))
        return choices[index].value
    return _several(question, choices, text)


def pick(choices: list[Choice], text: str) -> int | None:
    """The index of the option meant by a number, a label or a near-label."""
    if text.isdigit():
        number = int(text)
        return number - 1 if 1 <= number <= len(choices) else None
    labels = [c.label.casefold() for c in choices]
    folded = text.casefold()
    if folded in labels:
        return labels.index(folded)
    keys = [str(c.value).casefold() for c in choices]
    if folded in keys:
        return keys.index(folded)
    found = process.extractOne(folded, labels, scorer=fuzz.WRatio, score_cutoff=86)
    return found[2] if found else None


def choose_hint(choices: list[Choice]) -> str:
    return (
        f"Kies een van de opties: typ een nummer van 1 tot {len(choices)} of de naam van "
        "de optie. Nog niet zeker? Typ /overslaan."
    )


def _text(question: Question, text: str) -> Any:
    if len(text) > question.max_length:
        return Invalid(
            f"Uw antwoord is {len(text)} tekens; hier passen er {question.max_length}. "
            "Maak het wat korter. Er is niets opgeslagen."
        )
    if len(text) < 2:
        return Invalid("Dat is wel erg kort. Typ een paar woorden, of /overslaan.")
    return text


def _number(question: Question, text: str) -> Any:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return Invalid("Typ een getal, bijvoorbeeld 12.")
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        return Invalid(f"Typ een getal van {low:g} tot en met {high:g}.")
    return int(value) if value.is_integer() else value


def _date(question: Question, text: str, today: date) -> Any:
    example = "Typ bijvoorbeeld 1 maart, 15-06 of over 3 weken."
    if text.isdigit():
        return Invalid(f"Ik mis de maand. {example}")
    moment = dateparser.parse(
        text,
        languages=["nl"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": _noon(today),
        },
    )
    if moment is None:
        return Invalid(f"Die datum herken ik niet. {example}")
    if question.future and moment.date() < today:
        written = format_date(moment.date(), format="long", locale="nl")
        return Invalid(f"{written} ligt in het verleden. Kies een datum vanaf vandaag.")
    return moment.date().isoformat()


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12))


def _list(question: Question, text: str) -> Any:
    names: list[str] = []
    for part in _LIST_SPLIT.split(text):
        if part and part.casefold() not in (n.casefold() for n in names):
            names.append(part)
    if len(names) < question.min_items:
        return Invalid("Noem er minstens één, gescheiden door komma's.")
    if len(names) > question.max_items:
        return Invalid(f"Dat zijn er {len(names)}; noem er hooguit {question.max_items}.")
    too_long = [n for n in names if len(n) > MAX_ITEM_CHARS]
    if too_long:
        return Invalid(f"Houd elke naam korter dan {MAX_ITEM_CHARS} tekens.")
    return names


def _several(question: Question, choices: list[Choice], text: str) -> Any:
    """A multi_choice or ranking typed at once: numbers or labels, in order."""
    picked: list[int] = []
    parts = re.findall(r"\d+", text) if re.fullmatch(r"[\d\s,;.]+", text) else None
    for part in parts or _LIST_SPLIT.split(text):
        if not part:
            continue
        index = pick(choices, part)
        if index is None:
            return Invalid(f"'{part}' staat niet tussen de opties. {choose_hint(choices)}")
        if index not in picked:
            picked.append(index)
    if question.type == "ranking":
        picked += [i for i in range(len(choices)) if i not in picked]
    elif not question.min_items <= len(picked) <= question.max_items:
        return Invalid(f"Kies er {question.min_items} tot {question.max_items}.")
    return [choices[i].value for i in picked]
