"""When a recurring check-in comes next, in Dutch time (summer and winter time included)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from ..formatting import DAYS, DUTCH_TIME, dutch_date
from . import texts


def next_occurrence(weekday: int | None, at: time, after: datetime) -> datetime:
    """The first moment after `after` that is `at` o'clock on `weekday` (None: any day)."""
    local = after.astimezone(DUTCH_TIME)
    candidate = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if weekday is not None:
        candidate += timedelta(days=(weekday - local.weekday()) % 7)
    step = timedelta(days=1 if weekday is None else 7)
    while candidate <= local:
        candidate += step
    # wall-clock arithmetic: re-attach the zone so 09:00 stays 09:00 across a DST change
    candidate = candidate.replace(tzinfo=None).replace(tzinfo=DUTCH_TIME)
    return candidate.astimezone(UTC)


def reminder_before(closes: datetime, opened: datetime) -> datetime:
    """Two hours before closing, or a quarter of the time it is open if that is shorter."""
    return closes - min(timedelta(hours=2), (closes - opened) / 4)


def describe(weekday: int | None, at: str) -> str:
    if weekday is None:
        return texts.EVERY_DAY.format(time=at)
    return texts.EVERY_WEEK.format(day=DAYS[weekday], time=at)


def when(moment: datetime | str) -> str:
    """'23 november 2026 om 09:00', Dutch time."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    local = moment.astimezone(DUTCH_TIME)
    return f"{dutch_date(local.date())} om {local:%H:%M}"
