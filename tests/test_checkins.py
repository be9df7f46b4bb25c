"""Group check-ins end to end: the real Application over HTTP against the stand-in Bot API.

A facilitator starts a check-in in a group, members press buttons or reply, the group gets
a summary with a chart; schedules fire by a clock the test controls, also after a restart.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bot.checkins import texts
from bot.report.build import gemeente_ids, load_progress
from bot.report.markdown import render_markdown
from bot.services import build_services
from bot.telegram import RateLimits
from tests.botapi import Chat, StandInBotAPI, User, labels, text_of
from tests.scripted import GEMEENTE
from tests.telegram_harness import Running, running_bot

FIA = User(601, "Fia")  # administers the group
ANNA, BERT, CEES = User(602, "Anna"), User(603, "Bert"), User(604, "Cees")
GROUP = Chat(-100300, "supergroup", "Wijkteam Oost")

Message = dict[str, Any]


@pytest.fixture
async def api() -> AsyncIterator[StandInBotAPI]:
    server = StandInBotAPI(admins={GROUP.id: {FIA.id}})
    await server.start()
    yield server
    await server.stop()


# A group takes 20 messages a minute; the bot keeps to that (tests/test_telegram.py, bench/),
# here it need not wait.
UNPACED = RateLimits(group_burst=1000, per_group_minute=60_000)


@pytest.fixture
async def bot(api: StandInBotAPI, tmp_path: Path) -> AsyncIterator[Running]:
    async with running_bot(tmp_path / "wijkbot.db", api, rate_limits=UNPACED) as running:
        yield running


async def say(api: StandInBotAPI, user: User, text: str, expect: int = 1,
              chat: Chat = GROUP, reply_to: Message | None = None) -> list[Message]:  # fmt: skip
    before = len(api.sent(chat.id))
    api.send_text(user, text, chat, reply_to)
    return await api.wait_for_messages(chat.id, expect, after=before)


async def press(api: StandInBotAPI, user: User, message: Message, label: str) -> str:
    """`user` presses a button; the toast Telegram shows them."""
    before = len(api.called("answerCallbackQuery"))
    api.press(user, message, label)
    await api.wait_until(lambda: len(api.called("answerCallbackQuery")) > before)
    return api.called("answerCallbackQuery")[-1].params.get("text", "")


def rows(db: Path, table: str) -> list[dict[str, Any]]:
    return list(sqlite_utils.Database(db)[table].rows)


async def test_a_quick_scan_members_answer_one_changes_and_the_summary_has_a_chart(
    bot: Running,
) -> None:
    api = bot.api
    themes = await say(api, FIA, "/checkin quickscan", 6)
    assert "Quick scan startpositie" in text_of(themes[0])
    assert "Visie en inspiratie" in text_of(themes[0]) and "Taal en gedrag" in text_of(themes[5])
    assert labels(themes[0])[:4] == ["1 Start", "2 Samen op weg", "3 De werkwijze", "4 In het DNA"]

    visie, wijkteams = themes[0], themes[1]
    assert "Genoteerd: Samen op weg" in await press(api, ANNA, visie, "2 ")
    await press(api, BERT, visie, "1 ")
    await press(api, CEES, visie, "3 ")
    await press(api, BERT, visie, "3 ")  # Bert changes his mind
    await press(api, ANNA, wijkteams, "4 ")
    still = api.messages[(GROUP.id, visie["message_id"])]
    assert labels(still)[:4] == labels(visie)[:4] and not api.called("editMessageText")

    [result] = await say(api, FIA, "/checkin_sluit")
    text = text_of(result)
    assert "Uitkomst check-in: Quick scan startpositie" in text
    assert "3 deelnemers" in text
    assert "Visie en inspiratie: gemiddeld 2,7" in text  # 2, 3 and 3: Bert's latest counts
    assert "Wijkteams: gemiddeld 4,0" in text
    assert "Opdrachtgeverschap: geen antwoorden" in text
    assert api.called("sendPhoto")[-1].files["photo"].startswith(b"\x89PNG")
    assert "Anna" not in text  # names only when the facilitator asks
    answers = rows(bot.db, "checkin_answers")
    assert len(answers) == 5  # every press kept, the change too


async def test_who_may_start_and_what_is_refused_changes_nothing(bot: Running) -> None:
    api = bot.api
    [refused] = await say(api, ANNA, "/checkin energie")
    assert text_of(refused) == texts.ONLY_LEADERS
    [private] = await say(api, FIA, "/checkin energie", chat=Chat(FIA.id))
    assert text_of(private) == texts.ONLY_IN_GROUPS
    [nothing] = await say(api, FIA, "/checkin_sluit")
    assert text_of(nothing) == texts.NOTHING_OPEN
    assert rows(bot.db, "checkins") == []

    [bad] = await say(api, FIA, '/checkin vraag "Koffie?" ja')
    assert "2 tot 10 opties" in text_of(bad)
    [unknown] = await say(api, FIA, "/checkin koffie")
    assert "Die check-in ken ik niet" in text_of(unknown)
    await say(api, FIA, "/checkin energie")
    [second] = await say(api, FIA, "/checkin quickscan")
    assert "Er loopt al een check-in" in text_of(second)
    assert len(rows(bot.db, "checkins")) == 1


async def test_an_energy_check_takes_several_themes_and_nothing_after_closing(
    bot: Running,
) -> None:
    api = bot.api
    menu = (await say(api, FIA, "/checkin"))[0]
    assert "Energie-check" in labels(menu)
    [question] = await tap_start(api, menu, "Energie-check")
    assert "Wijkteams" in await press(api, ANNA, question, "Wijkteams")
    toast = await press(api, ANNA, question, "Taal en gedrag")
    assert toast == texts.NOTED_THEMES.format(labels="Wijkteams, Taal en gedrag")
    assert "Taal en gedrag" not in await press(api, ANNA, question, "Taal en gedrag")
    await press(api, BERT, question, "Wijkteams")

    [result] = await say(api, FIA, "/checkin_sluit namen")
    assert "Wie: Anna, Bert." in text_of(result)
    assert "• Wijkteams: 2" in text_of(result)
    stored = len(rows(bot.db, "checkin_answers"))

    assert await press(api, CEES, question, "Wijkteams") == texts.CLOSED_ALREADY
    assert len(rows(bot.db, "checkin_answers")) == stored
    [again] = await say(api, FIA, "/checkin_sluit")
    assert text_of(again) == texts.NOTHING_OPEN


async def tap_start(api: StandInBotAPI, menu: Message, label: str) -> list[Message]:
    before = len(api.sent(GROUP.id))
    api.press(FIA, menu, label)
    return await api.wait_for_messages(GROUP.id, 1, after=before)


async def test_an_open_round_is_answered_by_replies(bot: Running) -> None:
    api = bot.api
    [question] = await say(api, FIA, "/checkin open Wat ging goed deze week?")
    assert "Wat ging goed deze week?" in text_of(question)
    for user, answer in ((ANNA, "De buurtlunch"), (BERT, "Niets"), (BERT, "Het wijkfeest")):
        api.send_text(user, answer, GROUP, reply_to=question)
    await api.wait_until(lambda: len(api.called("setMessageReaction")) == 3)

    [result] = await say(api, FIA, "/checkin_sluit namen")
    assert "Anna: De buurtlunch" in text_of(result)
    assert "Bert: Het wijkfeest" in text_of(result) and "Niets" not in text_of(result)
    assert "2 deelnemers" in text_of(result)


async def test_a_schedule_fires_after_a_restart_and_stops_when_cancelled(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    db = tmp_path / "wijkbot.db"
    offset = [timedelta(0)]

    def clock() -> datetime:
        return datetime.now(UTC) + offset[0]

    fast = {"clock": clock, "tick_seconds": 0.2, "rate_limits": UNPACED}
    async with running_bot(db, api, **fast):
        [bad] = await say(api, FIA, "/checkin_plan energie maandag 25:00")
        assert "Dat tijdstip bestaat niet" in text_of(bad)
        [planned] = await say(api, FIA, "/checkin_plan energie maandag 09:00 4")
        assert "elke maandag om 09:00, steeds 4 uur open" in text_of(planned)
    [schedule] = rows(db, "checkin_schedules")
    due = datetime.fromisoformat(schedule["next_at"])
    assert due.astimezone(UTC).weekday() == 0 and due > datetime.now(UTC)

    offset[0] = due - datetime.now(UTC) - timedelta(seconds=1)  # a second before Monday 9:00
    async with running_bot(db, api, **fast):  # a restart: the schedule comes back
        [question] = await api.wait_for_messages(GROUP.id, 1, after=len(api.sent(GROUP.id)))
        assert "Energie-check" in text_of(question) and "sluit" in text_of(question)
        [opened] = rows(db, "checkins")
        assert opened["schedule_id"] == schedule["id"]
        offset[0] += timedelta(hours=3, minutes=1)  # open 4 hours: reminded in the last one
        [reminder] = await api.wait_for_messages(GROUP.id, 1, after=len(api.sent(GROUP.id)))
        assert "Herinnering" in text_of(reminder)
        offset[0] += timedelta(hours=1)
        [closed] = await api.wait_for_messages(GROUP.id, 1, after=len(api.sent(GROUP.id)))
        assert "Niemand heeft geantwoord" in text_of(closed)

        [listing] = await say(api, ANNA, "/checkin_plannen")
        assert await press(api, ANNA, listing, "Stop") == texts.ONLY_LEADERS
        before = len(api.sent(GROUP.id))
        await press(api, FIA, listing, "Stop")
        [stopped] = await api.wait_for_messages(GROUP.id, 1, after=before)
        assert "Gestopt: Energie-check, elke maandag om 09:00" in text_of(stopped)
        offset[0] += timedelta(days=7)  # next Monday: nothing opens
        await asyncio.sleep(1)  # five looks at the clock
    assert rows(db, "checkin_schedules")[0]["status"] == "cancelled"
    assert len(rows(db, "checkins")) == 1
    assert api.sent(GROUP.id)[before + 1 :] == []


async def test_a_linked_group_counts_for_its_gemeente(bot: Running) -> None:
    api = bot.api
    await register_privately(api, ANNA)
    code = load_gemeente(bot.db)[1]
    [refused] = await say(api, BERT, f"/koppel {code}")
    assert text_of(refused) == texts.LINK_ONLY_COORDINATOR
    [linked] = await say(api, ANNA, f"/koppel {code}")
    assert f"gekoppeld aan {GEMEENTE}" in text_of(linked)

    themes = await say(api, ANNA, "/checkin quickscan", 6)  # Anna leads: linked member
    await press(api, BERT, themes[0], "3 ")
    await say(api, ANNA, "/checkin_sluit")

    progress = await say(api, ANNA, "/voortgang", chat=Chat(ANNA.id))
    assert "Quick scan startpositie in Wijkteam Oost" in "\n".join(map(text_of, progress))

    services = build_services(bot.db)
    [gemeente] = gemeente_ids(services.store)
    linked = load_progress(services.store, services.kb, gemeente)
    services.close()
    exported = linked.as_json()["checkins"]
    assert [(c["group"], c["template"]) for c in exported] == [(GROUP.title, "quickscan")]
    assert exported[0]["results"]["themes"]["visie_inspiratie"]["average"] == 3
    report = render_markdown(linked, services.kb, {}, date.today())
    assert (
        "## Check-ins in gekoppelde groepen" in report and "| Visie en inspiratie | 3 |" in report
    )


async def test_removing_the_bot_stops_its_schedules_and_keeps_the_answers(bot: Running) -> None:
    api = bot.api
    await say(api, FIA, "/checkin_plan quickscan dagelijks 08:30 2")
    [question] = await say(api, FIA, "/checkin energie")
    await press(api, ANNA, question, "Wijkteams")
    api.bot_membership(GROUP, FIA, "member", "left")
    await api.wait_until(lambda: rows(bot.db, "checkin_schedules")[0]["status"] == "stopped")
    [checkin] = rows(bot.db, "checkins")
    assert checkin["status"] == "closed"
    assert json.loads(checkin["results"])["counts"]["wijkteams"] == 1


async def register_privately(api: StandInBotAPI, user: User) -> None:
    private = Chat(user.id)
    await say(api, user, "/start", 2, chat=private)
    [found] = await say(api, user, "Oude Ijselstreek", chat=private)
    before = len(api.sent(user.id))
    api.press(user, found, GEMEENTE)
    await api.wait_for_messages(user.id, 1, after=before)


def load_gemeente(db: Path) -> tuple[str, str]:
    row = sqlite_utils.Database(db).execute("SELECT name, code FROM gemeenten").fetchone()
    return row[0], row[1]


async def press_point(
    api: StandInBotAPI, user: User, message: Message, point: int, value: str
) -> str:
    """`user` answers one point of a checklist check-in; its row holds ja, deels and nee."""
    keyboard = message["reply_markup"]["inline_keyboard"]
    [row] = [row for row in keyboard if row[0]["text"] == f"Punt {point}: ja"]
    button = row[["ja", "deels", "nee"].index(value)]
    before = len(api.called("answerCallbackQuery"))
    api.press_data(user, message, button["callback_data"])
    await api.wait_until(lambda: len(api.called("answerCallbackQuery")) > before)
    return api.called("answerCallbackQuery")[-1].params.get("text", "")


async def test_a_checklist_task_is_answered_per_point_and_the_group_gets_its_score(
    bot: Running,
) -> None:
    api = bot.api
    [which] = await say(api, FIA, "/checkin checklist")
    assert "Welke opgave" in text_of(which) and "3. Open podium" in text_of(which)
    [wrong] = await say(api, FIA, "/checkin checklist 12")
    assert "Opgave 12 bestaat niet" in text_of(wrong) and "10. Rugdekking" in text_of(wrong)
    [plan] = await say(api, FIA, "/checkin_plan checklist maandag 09:00")
    assert text_of(plan) == texts.PLAN_NO_CHECKLIST
    assert rows(bot.db, "checkins") == [] and rows(bot.db, "checkin_schedules") == []

    [question] = await say(api, FIA, "/checkin checklist 1")  # one message for 13 points
    assert "Opgave 1 van 10: Breed bereik" in text_of(question)
    assert "8. Valkuil: Er ontbreekt een inspirerende aanpak" in text_of(question)
    keyboard = question["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in keyboard][:2] == [
        ["Punt 1: ja", "deels", "nee"],
        ["Punt 2: ja", "deels", "nee"],
    ]
    assert len(keyboard) == 13

    assert await press_point(api, ANNA, question, 1, "ja") == texts.NOTED_POINT.format(
        number=1, value="ja"
    )
    await press_point(api, ANNA, question, 8, "ja")
    await press_point(api, BERT, question, 1, "nee")
    assert "deels" in await press_point(api, BERT, question, 1, "deels")  # changes his mind
    await press_point(api, BERT, question, 8, "nee")

    sent = len(api.sent(GROUP.id))
    [result] = await say(api, FIA, "/checkin_sluit")
    assert len(api.sent(GROUP.id)) == sent + 1  # text and chart in one message
    text = text_of(result)
    assert "Uitkomst check-in: Checklist-opgave" in text and "2 deelnemers" in text
    assert "• 1 (kans): ja 1 · deels 1 · nee 0" in text  # Bert's latest press counts
    assert "• 8 (valkuil): ja 1 · deels 0 · nee 1" in text
    assert "• 2 (kans): ja 0 · deels 0 · nee 0" in text
    # kansen (1 + 0.5) / 2, valkuilen (1 + 0) / 2: 5 + 5 * (0.75 - 0.5) = 6.25, half up
    assert "De groep scoort 6,3. Score van 0 tot 10" in text
    assert api.called("sendPhoto")[-1].files["photo"].startswith(b"\x89PNG")
    [closed] = rows(bot.db, "checkins")
    assert json.loads(closed["results"])["score"] == 6.3
    assert len(rows(bot.db, "checkin_answers")) == 5
