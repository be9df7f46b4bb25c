"""Turn a typed reply into the value a question stores, or say in Dutch why it does not fit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..content.flow_models import Question
from ..content.layout import AnswerChoice
from ..formatting import dutch_date
from . import reading
from .dates import read_date
from .reading import AnswerType

MAX_ITEM_CHARS = 80
_LIST_SPLIT = re.compile(r"\s*[,;\n]\s*")


@dataclass(frozen=True)
class Invalid:
    message: str


def parse(question: Question, choices: list[AnswerChoice], text: str, today: date) -> Any:
    """The value to store, or Invalid with a message for the user."""
    text = text.strip()
    kind = AnswerType(question.type)
    if kind is AnswerType.CHOICE:
        return _choice(choices, text)
    if kind in (AnswerType.MULTI_CHOICE, AnswerType.RANKING):
        return _several(question, choices, text)
    return _READERS[kind](question, text, today)


def offered(choices: list[AnswerChoice]) -> list[reading.Named]:
    """What a reply may call each option: label, key, other names; ja and nee as yes/no."""
    return [
        reading.named(c.label, c.value, *c.also, yes=YES_NO_KEYS.get(str(c.value))) for c in choices
    ]


YES_NO_KEYS = {"ja": True, "nee": False}


def _choice(choices: list[AnswerChoice], text: str) -> Any:
    index = reading.option(offered(choices), text)
    return Invalid(choose_hint(choices)) if index is None else choices[index].value


def choose_hint(choices: list[AnswerChoice]) -> str:
    return (
        f"Kies een van de opties: typ een nummer van 1 tot {len(choices)} of de naam van "
        "de optie. Nog niet zeker? Typ /overslaan."
    )


def _text(question: Question, text: str, today: date) -> Any:
    if len(text) > question.max_length:
        return Invalid(
            f"Uw antwoord is {len(text)} tekens; hier passen er {question.max_length}. "
            "Maak het wat korter. Er is niets opgeslagen."
        )
    if len(text) < 2:
        return Invalid("Dat is wel erg kort. Typ een paar woorden, of /overslaan.")
    return text


def _number(question: Question, text: str, today: date) -> Any:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        written = reading.number(text)
        if written is None:
            return Invalid("Typ een getal, bijvoorbeeld 12.")
        value = float(written)
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        return Invalid(f"Typ een getal van {low:g} tot en met {high:g}.")
    return int(value) if value.is_integer() else value


def _date(question: Question, text: str, today: date) -> Any:
    example = "Typ bijvoorbeeld 1 maart, eind april, over 3 weken of Q1 2027."
    if text.isdigit():
        return Invalid(f"Ik mis de maand. {example}")
    day = read_date(text, today)
    if day is None:
        return Invalid(f"Die datum herken ik niet. {example}")
    if question.future and day < today:
        return Invalid(f"{dutch_date(day)} ligt in het verleden. Kies een datum vanaf vandaag.")
    return day.isoformat()


def _list(question: Question, text: str, today: date) -> Any:
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


def _several(question: Question, choices: list[AnswerChoice], text: str) -> Any:
    """A multi_choice or ranking typed at once: numbers or names, in the order typed."""
    picked = reading.options(offered(choices), text)
    if not picked:
        return Invalid(f"Dat staat niet tussen de opties. {choose_hint(choices)}")
    if question.type == "ranking":
        picked += [i for i in range(len(choices)) if i not in picked]
    elif not question.min_items <= len(picked) <= question.max_items:
        return Invalid(f"Kies er {question.min_items} tot {question.max_items}.")
    return [choices[i].value for i in picked]


_READERS: dict[AnswerType, Callable[[Question, str, date], Any]] = {
    AnswerType.TEXT: _text,
    AnswerType.NUMBER: _number,
    AnswerType.DATE: _date,
    AnswerType.LIST: _list,
}
