"""Values written the Dutch way: dates, numbers and stored answers."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
STEP_STATUS = {"open": "nog niet begonnen", "bezig": "bezig", "klaar": "klaar"}
LABEL_CHARS = 64  # an option's label at most: Telegram clients cut longer buttons anywhere
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def dutch_date(day: date) -> str:
    return format_date(day, format="long", locale="nl")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def format_answer(value: Any) -> str:
    """One stored answer as text: lists joined, numbers and ISO dates written the Dutch way."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
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
    return format_list(parts, locale="nl")


def due_date(iso: str | None) -> str:
    if not iso:
        return "geen datum"
    try:
        return dutch_date(date.fromisoformat(iso))
    except ValueError:
        return iso
