"""The arguments of /checkin and /checkin_plan, read into plain values or a Dutch refusal."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time, timedelta

from ..formatting import DAYS
from . import texts

MAX_OPTIONS, MAX_OPTION_CHARS, MAX_QUESTION_CHARS = 10, 60, 300
LONGEST_OPEN = timedelta(days=14)
EVERY_DAY = "dagelijks"
_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|u|uur|h|d|dag|dagen)$", re.IGNORECASE)
_UNITS = {"m": "minutes", "min": "minutes", "u": "hours", "uur": "hours", "h": "hours"}
_QUOTED = re.compile(r'^["“”„\'](?P<question>.+?)["“”\']\s*(?P<options>.*)$', re.DOTALL)


@dataclass(frozen=True)
class Refusal:
    text: str


@dataclass(frozen=True)
class Start:
    template: str
    rest: str  # the open question, or the own question with its options
    duration: timedelta | None


@dataclass(frozen=True)
class Own:
    question: str
    options: list[str]


@dataclass(frozen=True)
class Plan:
    template: str
    weekday: int | None  # 0 Monday; None every day
    at: time
    hours: int


def parse_start(args: str) -> Start | Refusal:
    """`TEMPLATE [question or options] [duration]`, e.g. `energie 2u`."""
    template, _, rest = args.strip().partition(" ")
    rest = rest.strip()
    duration = None
    *before, last = rest.rsplit(None, 1) or [""]
    if last and (found := _DURATION.match(last)):
        duration = _duration(found)
        if duration is None:
            return Refusal(texts.BAD_DURATION.format(text=last))
        rest = before[0] if before else ""
    return Start(template.lower(), rest, duration)


def _duration(found: re.Match[str]) -> timedelta | None:
    amount, unit = int(found[1]), found[2].lower()
    length = timedelta(**{_UNITS.get(unit, "days"): amount})
    return length if timedelta(0) < length <= LONGEST_OPEN else None


def parse_own(rest: str) -> Own | Refusal:
    """`"Question?" option 1; option 2; ...`"""
    found = _QUOTED.match(rest.strip())
    if not found:
        return Refusal(texts.CHOICE_USAGE)
    question = found["question"].strip()
    options = [o.strip() for o in found["options"].split(";") if o.strip()]
    if len(question) > MAX_QUESTION_CHARS:
        return Refusal(texts.QUESTION_TOO_LONG)
    if not 2 <= len(options) <= MAX_OPTIONS:
        return Refusal(texts.CHOICE_COUNT)
    for option in options:
        if len(option) > MAX_OPTION_CHARS:
            return Refusal(texts.OPTION_TOO_LONG.format(option=option))
    return Own(question, options)


def parse_plan(args: str) -> Plan | Refusal:
    """`TEMPLATE DAY HH:MM [HOURS]`, e.g. `energie maandag 09:00 48`."""
    words = args.split()
    if len(words) not in (3, 4):
        return Refusal(texts.PLAN_USAGE)
    template, day, clock = words[0].lower(), words[1].lower(), words[2]
    if day != EVERY_DAY and day not in DAYS:
        return Refusal(texts.BAD_DAY.format(day=words[1]))
    weekday = None if day == EVERY_DAY else DAYS.index(day)
    at = _clock(clock)
    if at is None:
        return Refusal(texts.BAD_TIME.format(time=clock))
    most = 24 if weekday is None else 7 * 24
    hours_text = words[3] if len(words) == 4 else str(min(48, most))
    hours = int(hours_text) if hours_text.isdigit() else 0
    if not 1 <= hours <= most:
        return Refusal(texts.BAD_HOURS.format(most=most, day=day, hours=hours_text))
    return Plan(template, weekday, at, hours)


def _clock(text: str) -> time | None:
    found = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text)
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        return None
    return time(int(found[1]), int(found[2]))
