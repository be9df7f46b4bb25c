"""Dutch dates as people type them, always read forward from the engine's clock.

dateparser reads days, weekdays, numeric dates and "over 3 weken"; the Dutch period
expressions it lacks are read here first: begin, half or eind + maand, a bare month (its
end), Q1 2027, voor of na de zomer(vakantie), eind van het jaar, volgende week vrijdag.
Numbers written as words ("over twee weken") become digits before either reads them.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time, timedelta

from .reading import NUMBER_WORDS, words

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
SHORT_MONTHS = {m[:3]: n for n, m in enumerate(MONTHS, 1)}
PART_DAY = {"begin": 1, "half": 15, "medio": 15, "midden": 15}  # "eind": the month's end
WEEKDAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split()
BEFORE_SUMMER = (6, 30)  # "voor de zomer(vakantie)": by the end of June
AFTER_SUMMER = (9, 1)  # "na de zomer(vakantie)": the first of September


def read_date(text: str, today: date) -> date | None:
    """The date meant, or None. Periods and months without a year lie ahead of today."""
    said = " ".join(words(text))
    for reader in (_period, _quarter, _summer, _year_end, _next_week_day):
        found = reader(said, today)
        if found is not None:
            return found
    return _dateparser(_digits(text), today)


def _digits(text: str) -> str:
    """Number words as digits ("over twee weken": over 2 weken), the rest as typed."""
    return re.sub(r"[^\W\d_]+", lambda w: str(NUMBER_WORDS.get(w[0].casefold(), w[0])), text)


def _month(word: str) -> int | None:
    return SHORT_MONTHS.get(word[:3]) if len(word) >= 3 and word[:3] in SHORT_MONTHS else None


def _ahead(year: int | None, month: int, day: int | None, today: date) -> date:
    """That day of that month (None: its last day), this year or the next one if passed."""

    def make(y: int) -> date:
        return date(y, month, day or calendar.monthrange(y, month)[1])

    if year is not None:
        return make(year)
    found = make(today.year)
    return found if found >= today else make(today.year + 1)


_PERIOD = re.compile(
    r"^(?:(begin|half|medio|midden|eind|einde|eind van|eind van de maand|uiterlijk|in)\s+)?"
    r"([a-z]{3,})(?:\s+(\d{4}))?$"
)


def _period(said: str, today: date) -> date | None:
    """'eind maart', 'begin april 2027', 'half januari', 'maart' (its last day)."""
    found = _PERIOD.match(said)
    if not found or (month := _month(found[2])) is None or found[2] not in _MONTH_FORMS:
        return None
    part, year = found[1] or "", found[3]
    return _ahead(int(year) if year else None, month, PART_DAY.get(part), today)


_MONTH_FORMS = frozenset(MONTHS) | frozenset(SHORT_MONTHS) | {"sept", "okt"}


def _quarter(said: str, today: date) -> date | None:
    """'Q1 2027', 'kwartaal 2', 'eind q3': the quarter's last day."""
    found = re.search(
        r"(?:^|\s)(?:q\s?([1-4])|([1-4])e? kwartaal|kwartaal ([1-4]))(?:\s+(\d{4}))?$", said
    )
    if not found:
        return None
    number = int(found[1] or found[2] or found[3])
    return _ahead(int(found[4]) if found[4] else None, number * 3, None, today)


def _summer(said: str, today: date) -> date | None:
    """'voor de zomer', 'na de zomervakantie'."""
    found = re.fullmatch(
        r"(voor|na|vóór|rond|in) (?:de )?zomer(?:vakantie|reces)?(?: (\d{4}))?", said
    )
    if not found:
        return None
    month, day = AFTER_SUMMER if found[1] == "na" else BEFORE_SUMMER
    return _ahead(int(found[2]) if found[2] else None, month, day, today)


def _year_end(said: str, today: date) -> date | None:
    """'eind dit jaar', 'eind 2027', 'eind van het jaar', 'volgend jaar'."""
    found = re.fullmatch(
        r"(?:eind|einde|voor het eind)(?: van)? (?:het jaar|dit jaar|(\d{4}))", said
    )
    if found:
        return date(int(found[1]) if found[1] else today.year, 12, 31)
    if said in ("volgend jaar", "eind volgend jaar"):
        return date(today.year + 1, 12, 31)
    return None


def _next_week_day(said: str, today: date) -> date | None:
    """'volgende week vrijdag', 'vrijdag volgende week': that day of next week."""
    found = re.fullmatch(
        rf"volgende week ({'|'.join(WEEKDAYS)})|({'|'.join(WEEKDAYS)}) volgende week", said
    )
    if not found:
        return None
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    return monday + timedelta(days=WEEKDAYS.index(found[1] or found[2]))


def _dateparser(said: str, today: date) -> date | None:
    import dateparser  # on first use: it takes a moment to load, and most turns need no date

    moment = dateparser.parse(
        said,
        languages=["nl"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": datetime.combine(today, time(12)),
        },
    )
    return moment.date() if moment else None
