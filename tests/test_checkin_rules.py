"""The rules of check-ins that need no chat: reading commands, when a schedule fires, and
that every kind of check-in is declared once and does all a kind does."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.checkins.kinds import KINDS
from bot.checkins.parse import Own, Plan, Refusal, Start, parse_own, parse_plan, parse_start
from bot.checkins.schedule import next_occurrence, reminder_before
from bot.content.models import CheckinKind


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("energie", Start("energie", "", None)),
        ("Energie 2u", Start("energie", "", timedelta(hours=2))),
        ("open Hoe gaat het? 30m", Start("open", "Hoe gaat het?", timedelta(minutes=30))),
        ("quickscan 3d", Start("quickscan", "", timedelta(days=3))),
    ],
)
def test_a_start_reads_template_question_and_duration(args: str, expected: Start) -> None:
    assert parse_start(args) == expected


def test_a_duration_beyond_two_weeks_is_refused() -> None:
    assert isinstance(parse_start("energie 15d"), Refusal)


def test_an_own_question_needs_quotes_and_two_to_ten_options() -> None:
    assert parse_own('"Koffie of thee?" koffie; thee') == Own("Koffie of thee?", ["koffie", "thee"])
    assert isinstance(parse_own("Koffie? koffie; thee"), Refusal)
    assert isinstance(parse_own('"Koffie?" koffie'), Refusal)
    assert isinstance(parse_own('"Kleur?" ' + "; ".join("abcdefghijk")), Refusal)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("energie maandag 09:00 48", Plan("energie", 0, time(9, 0), 48)),
        ("open dagelijks 8.30", Plan("open", None, time(8, 30), 24)),
        ("quickscan Vrijdag 16:00", Plan("quickscan", 4, time(16, 0), 48)),
    ],
)
def test_a_plan_reads_day_time_and_hours(args: str, expected: Plan) -> None:
    assert parse_plan(args) == expected


@pytest.mark.parametrize(
    "args",
    ["energie maandag 25:00", "energie maandag 9:75", "energie maanag 09:00",
     "energie dagelijks 09:00 25", "energie maandag 09:00 0", "energie maandag"],
)  # fmt: skip
def test_an_impossible_plan_is_refused(args: str) -> None:
    assert isinstance(parse_plan(args), Refusal)


def test_a_weekly_schedule_keeps_its_dutch_hour_across_summer_time() -> None:
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)  # winter time, UTC+1
    monday = next_occurrence(0, time(9, 0), saturday)
    assert monday == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)  # summer time since Sunday: UTC+2
    assert next_occurrence(0, time(9, 0), monday) == monday + timedelta(days=7)


def test_a_daily_schedule_later_today_or_tomorrow() -> None:
    morning = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)  # 08:00 in Amsterdam
    assert next_occurrence(None, time(8, 30), morning) == datetime(2026, 11, 23, 7, 30, tzinfo=UTC)
    assert next_occurrence(None, time(7, 30), morning) == datetime(2026, 11, 24, 6, 30, tzinfo=UTC)


def test_the_reminder_comes_two_hours_before_closing_or_sooner_for_short_ones() -> None:
    opened = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert reminder_before(opened + timedelta(hours=48), opened) == opened + timedelta(hours=46)
    assert reminder_before(opened + timedelta(hours=1), opened) == opened + timedelta(minutes=45)


def test_every_kind_has_its_behaviour_and_reads_as_its_name() -> None:
    assert list(KINDS) == list(CheckinKind)
    assert repr(CheckinKind.OPEN) == "'open'" == repr("open")  # as the loader quotes it
    assert KINDS["open"] is KINDS[CheckinKind.OPEN]  # a check-in keeps its kind as text
    plannable = {kind for kind, does in KINDS.items() if does.plan_refusal is None}
    assert plannable == {CheckinKind.PHASES, CheckinKind.THEMES, CheckinKind.OPEN}


def test_the_trend_compares_averages_loosely_and_counts_exactly() -> None:
    def themes(*averages: float | None) -> dict[str, object]:
        return {"themes": {key: {"average": a} for key, a in zip("abc", averages, strict=True)}}

    phases = KINDS[CheckinKind.PHASES]
    assert phases.trend(themes(2.5, 3.0, None), themes(2.3, 2.0, 1.0)) == {"a": "same", "b": "up"}
    choice = KINDS[CheckinKind.CHOICE]
    moved = choice.trend({"counts": {"1": 2, "2": 1}}, {"counts": {"1": 2, "2": 3}})
    assert moved == {"1": "same", "2": "down"}
    assert KINDS[CheckinKind.OPEN].trend({"answers": []}, {"answers": []}) == {}
