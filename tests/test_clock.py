"""The clock's work in one chat never holds back another's: a check-in that cannot be
closed (its template was taken out of the content while it ran) is logged and tried again
later, and the other group's check-in closes on time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.services import build_services
from bot.store import Store
from bot.vocabulary import ChatType, Event
from tests.scripted import knowledge, matcher

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_one_failing_check_in_does_not_stop_the_others(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    now = [START]
    db = tmp_path / "wijkbot.db"
    services = build_services(
        db, knowledge(), Store(db, clock=lambda: now[0]), matcher(), tmp_path / "bestanden"
    )
    engine = services.engine
    for chat in ("-101", "-102"):
        leader = Event(
            chat, "7", ChatType.GROUP, "/checkin energie 1u", user_name="Ans", is_admin=True
        )
        opened = engine.handle(leader)
        assert opened, chat
    services.store.db.execute("UPDATE checkins SET template = 'verdwenen' WHERE chat_id = '-101'")

    now[0] = START + timedelta(hours=2)
    with services.store.transaction():
        deliveries, _ = engine.due(now[0])

    assert {d.chat_id for d in deliveries} == {"-102"}  # the other group's reminder and summary
    assert "What was due in chat -101 failed" in caplog.text
    rows = services.store.db.execute("SELECT chat_id, status FROM checkins ORDER BY chat_id")
    assert rows.fetchall() == [("-101", "open"), ("-102", "closed")]  # tried again later
