"""Values written the Dutch way: dates, numbers and stored answers.

babel (about 80 ms to import, with `decimal`) loads with the first date, number or list it
writes: the Telegram adapter imports this module for `shortened` and `LABEL_CHARS` only,
on its way to reaching Telegram at start-up.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
STEP_STATUS = {"open": "nog niet begonnen", "bezig": "bezig", "klaar": "klaar"}
LABEL_CHARS = 64  # an option's label at most: Telegram clients cut longer buttons anywhere
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def dutch_date(day: date) -> str:
    from babel.dates import format_date

    return format_date(day, format="long", locale="nl")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def format_answer(value: Any) -> str:
    """One stored answer as text: lists joined, numbers and ISO dates written the Dutch way."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        from babel.numbers import format_decimal

        return format_decimal(value, locale="nl")
    if isinstance(value, list | tuple):
        return ", ".join(text for text in map(format_answer, value) if text.strip())
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        return due_date(value.strip())
    return str(value)


def shortened(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: cut at a word boundary, ending in "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back; else cut the long word
        head = head[:space]
    return head.rstrip(" ,;:.-(") + "…"


def dutch_list(parts: list[str]) -> str:
    """Noord; Noord en Zuid; Noord, Zuid en Oost."""
    from babel.lists import format_list

    return format_list(parts, locale="nl")


def due_date(iso: str | None) -> str:
    if not iso:
        return "geen datum"
    try:
        return dutch_date(date.fromisoformat(iso))
    except ValueError:
        return iso
