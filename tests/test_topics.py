"""Forum topics end to end over HTTP: what the bot says about a message in a topic goes to
that topic, and so does everything a check-in or a plan started there says later, also on
the clock and after a restart. A message in the group's General topic is answered there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from tests.botapi import Chat, StandInBotAPI, User, labels, text_of
from tests.telegram_harness import QUICK_TICK, Message, running_bot

FIA = User(611, "Fia")  # administers the group
ANNA = User(612, "Anna")
FORUM = Chat(-100400, "supergroup", "Wijknetwerk Noord", is_forum=True)
BUDGET, PLANS = 17, 23  # two topics


def topics(messages: list[Message]) -> set[int | None]:
    return {m.get("message_thread_id") for m in messages}


async def test_replies_and_a_check_in_stay_in_the_topic_they_came_from(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    api.admins[FORUM.id] = {FIA.id}
    async with running_bot(tmp_path / "wijkbot.db", api) as bot:
        [answer] = await bot.say(ANNA, "/vraag wat is een buurtbudget", FORUM, topic=BUDGET)
        assert "budget" in text_of(answer).lower()
        assert answer["message_thread_id"] == BUDGET
        [general] = await bot.say(ANNA, "/vraag wat is een buurtbudget", FORUM)
        assert "message_thread_id" not in general

        [menu] = await bot.say(FIA, "/checkin", FORUM, topic=BUDGET)
        assert menu["message_thread_id"] == BUDGET
        [question] = await bot.press(FIA, menu, "Energie-check")  # the button's topic
        assert "Energie-check" in text_of(question) and question["message_thread_id"] == BUDGET
        assert await bot.toast(ANNA, question, labels(question)[0])
        summary = await bot.say(FIA, "/checkin_sluit", FORUM, topic=BUDGET)
        assert "1 deelnemer" in "\n".join(map(text_of, summary))
        assert topics(summary) == {BUDGET}


async def test_a_plan_opens_reminds_and_closes_in_its_topic_after_a_restart(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    api.admins[FORUM.id] = {FIA.id}
    db = tmp_path / "wijkbot.db"
    offset = [timedelta(0)]

    def clock() -> datetime:
        return datetime.now(UTC) + offset[0]

    fast = {"clock": clock, "tick_seconds": QUICK_TICK}
    async with running_bot(db, api, **fast) as bot:
        [planned] = await bot.say(FIA, "/checkin_plan energie maandag 09:00 4", FORUM, topic=PLANS)
        assert planned["message_thread_id"] == PLANS
    [schedule] = sqlite_utils.Database(db)["checkin_schedules"].rows
    offset[0] = datetime.fromisoformat(schedule["next_at"]) - datetime.now(UTC)

    async with running_bot(db, api, **fast) as bot:  # a restart: the plan keeps its topic
        seen = len(api.sent(FORUM.id))
        await bot.looks()
        offset[0] += timedelta(hours=3, minutes=1)  # reminded in the last hour
        await bot.looks()
        offset[0] += timedelta(hours=1)  # closed
        await bot.looks()
        opened, reminder, *summary = api.sent(FORUM.id)[seen:]
    assert "Energie-check" in text_of(opened) and "Herinnering" in text_of(reminder)
    assert "Niemand heeft geantwoord" in text_of(summary[0])
    assert topics([opened, reminder, *summary]) == {PLANS}
