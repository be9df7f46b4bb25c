"""Group check-ins end to end: the real Application over HTTP against the stand-in Bot API.

A facilitator starts a check-in in a group, members press buttons or reply, the group gets
a summary with a chart; schedules fire by a clock the test controls, also after a restart.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bot.checkins import texts
from bot.report.build import gemeente_ids, load_progress
from bot.report.markdown import render_markdown
from bot.services import build_services
from bot.store import Store
from bot.vocabulary import ChatType, Event
from tests.botapi import Chat, StandInBotAPI, User, labels, text_of
from tests.scripted import GEMEENTE, knowledge, matcher
from tests.telegram_harness import QUICK_TICK, Message, Running, running_bot

FIA = User(601, "Fia")  # administers the group
ANNA, BERT, CEES = User(602, "Anna"), User(603, "Bert"), User(604, "Cees")
GROUP = Chat(-100300, "supergroup", "Wijkteam Oost")


@pytest.fixture
def api(api: StandInBotAPI) -> StandInBotAPI:
    api.admins[GROUP.id] = {FIA.id}
    return api


def rows(db: Path, table: str) -> list[dict[str, Any]]:
    return list(sqlite_utils.Database(db)[table].rows)


async def test_a_quick_scan_members_answer_one_changes_and_the_summary_has_a_chart(
    bot: Running,
) -> None:
    api = bot.api
    themes = await bot.say(FIA, "/checkin quickscan", GROUP)
    assert len(themes) == 6
    assert "Quick scan startpositie" in text_of(themes[0])
    assert "Visie en inspiratie" in text_of(themes[0]) and "Taal en gedrag" in text_of(themes[5])
    assert labels(themes[0])[:4] == ["1 Start", "2 Samen op weg", "3 De werkwijze", "4 In het DNA"]

    visie, wijkteams = themes[0], themes[1]
    assert "Genoteerd: Samen op weg" in await bot.toast(ANNA, visie, "2 ")
    await bot.toast(BERT, visie, "1 ")
    await bot.toast(CEES, visie, "3 ")
    await bot.toast(BERT, visie, "3 ")  # Bert changes his mind
    await bot.toast(ANNA, wijkteams, "4 ")
    still = api.messages[(GROUP.id, visie["message_id"])]
    assert labels(still)[:4] == labels(visie)[:4] and not api.called("editMessageText")

    [result] = await bot.say(FIA, "/checkin_sluit", GROUP)
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
    [refused] = await bot.say(ANNA, "/checkin energie", GROUP)
    assert text_of(refused) == texts.ONLY_LEADERS
    [private] = await bot.say(FIA, "/checkin energie")
    assert text_of(private) == texts.ONLY_IN_GROUPS
    [nothing] = await bot.say(FIA, "/checkin_sluit", GROUP)
    assert text_of(nothing) == texts.NOTHING_OPEN
    assert rows(bot.db, "checkins") == []

    [bad] = await bot.say(FIA, '/checkin vraag "Koffie?" ja', GROUP)
    assert "2 tot 10 opties" in text_of(bad)
    [unknown] = await bot.say(FIA, "/checkin koffie", GROUP)
    assert "Die check-in ken ik niet" in text_of(unknown)
    await bot.say(FIA, "/checkin energie", GROUP)
    [second] = await bot.say(FIA, "/checkin quickscan", GROUP)
    assert "Er loopt al een check-in" in text_of(second)
    assert len(rows(bot.db, "checkins")) == 1


async def test_an_energy_check_takes_several_themes_and_nothing_after_closing(
    bot: Running,
) -> None:
    [menu] = await bot.say(FIA, "/checkin", GROUP)
    assert "Energie-check" in labels(menu)
    [question] = await bot.press(FIA, menu, "Energie-check")
    assert "Wijkteams" in await bot.toast(ANNA, question, "Wijkteams")
    toast = await bot.toast(ANNA, question, "Taal en gedrag")
    assert toast == texts.NOTED_THEMES.format(labels="Wijkteams, Taal en gedrag")
    # a fast double tap on Visie: both presses reach the bot before it answers the first
    taps = [bot.api.press(BERT, question, "Visie en inspiratie") for _ in range(2)]
    await bot.handled(bot.api.last_update_id)
    noted = texts.NOTED_THEMES.format(labels="Visie en inspiratie")
    assert [bot.api.toast(tap) for tap in taps] == [noted, noted]  # acts once
    await bot.toast(BERT, question, "Wijkteams")

    [result] = await bot.say(FIA, "/checkin_sluit namen", GROUP)
    assert "Wie: Anna, Bert." in text_of(result)
    assert "• Wijkteams: 2" in text_of(result)
    assert "• Visie en inspiratie: 1" in text_of(result)
    stored = len(rows(bot.db, "checkin_answers"))

    assert await bot.toast(CEES, question, "Wijkteams") == texts.CLOSED_ALREADY
    assert len(rows(bot.db, "checkin_answers")) == stored
    [again] = await bot.say(FIA, "/checkin_sluit", GROUP)
    assert text_of(again) == texts.NOTHING_OPEN


async def test_an_open_round_is_answered_by_replies(bot: Running) -> None:
    api = bot.api
    [question] = await bot.say(FIA, "/checkin open Wat ging goed deze week?", GROUP)
    assert "Wat ging goed deze week?" in text_of(question)
    for user, answer in ((ANNA, "De buurtlunch"), (BERT, "Niets"), (BERT, "Het wijkfeest")):
        assert await bot.say(user, answer, GROUP, reply_to=question) == []  # a 👍 instead
    assert len(api.called("setMessageReaction")) == 3

    [result] = await bot.say(FIA, "/checkin_sluit namen", GROUP)
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

    def new_in_group() -> list[Message]:
        return api.sent(GROUP.id)[seen:]

    fast = {"clock": clock, "tick_seconds": QUICK_TICK}
    async with running_bot(db, api, **fast) as bot:
        [bad] = await bot.say(FIA, "/checkin_plan energie maandag 25:00", GROUP)
        assert "Dat tijdstip bestaat niet" in text_of(bad)
        [planned] = await bot.say(FIA, "/checkin_plan energie maandag 09:00 4", GROUP)
        assert "elke maandag om 09:00, steeds 4 uur open" in text_of(planned)
    [schedule] = rows(db, "checkin_schedules")
    due = datetime.fromisoformat(schedule["next_at"])
    assert due.astimezone(UTC).weekday() == 0 and due > datetime.now(UTC)

    offset[0] = due - datetime.now(UTC) - timedelta(minutes=1)  # a minute before Monday 9:00
    async with running_bot(db, api, **fast) as bot:  # a restart: the schedule comes back
        seen = len(api.sent(GROUP.id))
        await bot.looks()
        assert new_in_group() == [] and rows(db, "checkins") == []  # not yet
        offset[0] += timedelta(minutes=1)
        await bot.looks()
        [question] = new_in_group()
        assert "Energie-check" in text_of(question) and "sluit" in text_of(question)
        [opened] = rows(db, "checkins")
        assert opened["schedule_id"] == schedule["id"]
        seen = len(api.sent(GROUP.id))
        offset[0] += timedelta(hours=3, minutes=1)  # open 4 hours: reminded in the last one
        await bot.looks()
        [reminder] = new_in_group()
        assert "Herinnering" in text_of(reminder)
        seen = len(api.sent(GROUP.id))
        offset[0] += timedelta(hours=1)
        await bot.looks()
        [closed] = new_in_group()
        assert "Niemand heeft geantwoord" in text_of(closed)

        [listing] = await bot.say(ANNA, "/checkin_plannen", GROUP)
        assert await bot.toast(ANNA, listing, "Stop") == texts.ONLY_LEADERS
        [stopped] = await bot.press(FIA, listing, "Stop")
        assert "Gestopt: Energie-check, elke maandag om 09:00" in text_of(stopped)
        seen = len(api.sent(GROUP.id))
        offset[0] += timedelta(days=7)  # next Monday: nothing opens
        await bot.looks()
        assert new_in_group() == []
    assert rows(db, "checkin_schedules")[0]["status"] == "cancelled"
    assert len(rows(db, "checkins")) == 1


async def test_a_linked_group_counts_for_its_gemeente(bot: Running) -> None:
    bot.api.admins[GROUP.id] = {FIA.id, ANNA.id}
    await bot.register(ANNA)
    code = load_gemeente(bot.db)[1]
    [refused] = await bot.say(BERT, f"/koppel {code}", GROUP)
    assert text_of(refused) == texts.LINK_ONLY_COORDINATOR
    [linked] = await bot.say(ANNA, f"/koppel {code}", GROUP)  # an admin and its coordinator
    assert f"gekoppeld aan {GEMEENTE}" in text_of(linked)

    themes = await bot.say(ANNA, "/checkin quickscan", GROUP)  # Anna leads: linked member
    assert len(themes) == 6
    await bot.toast(BERT, themes[0], "3 ")
    await bot.say(ANNA, "/checkin_sluit", GROUP)

    progress = await bot.say(ANNA, "/voortgang")
    assert "Quick scan startpositie in Wijkteam Oost" in "\n".join(map(text_of, progress))

    services = build_services(bot.db, knowledge(), matcher=matcher())
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


async def test_only_an_admin_who_coordinates_links_and_relinking_takes_no_history(
    bot: Running,
) -> None:
    """Almelo's coordinator cannot take a group of Oude IJsselstreek's by /koppel unless
    they administer the group; when they do, the check-ins that ran under Oude IJsselstreek
    stay with it."""
    bot.api.admins[GROUP.id] = {ANNA.id}
    await bot.register(ANNA)
    await bot.register(BERT, "Almel", "Almelo")
    ours, almelo = load_gemeente(bot.db)[1], "GM0141"
    await bot.say(ANNA, f"/koppel {ours}", GROUP)
    themes = await bot.say(ANNA, "/checkin quickscan", GROUP)
    await bot.toast(BERT, themes[0], "3 ")
    await bot.say(ANNA, "/checkin_sluit", GROUP)

    [refused] = await bot.say(BERT, f"/koppel {almelo}", GROUP)  # not an administrator
    assert text_of(refused) == texts.LINK_ONLY_COORDINATOR
    bot.api.admins[GROUP.id] = {ANNA.id, BERT.id}  # Bert is made an administrator
    [relinked] = await bot.say(BERT, f"/koppel {almelo}", GROUP)
    assert "gekoppeld aan Almelo" in text_of(relinked)

    services = build_services(bot.db, knowledge(), matcher=matcher())
    by_name = {row["name"]: row["id"] for row in services.store.db.query("SELECT * FROM gemeenten")}
    kept = load_progress(services.store, services.kb, by_name[GEMEENTE]).as_json()["checkins"]
    taken = load_progress(services.store, services.kb, by_name["Almelo"]).as_json()["checkins"]
    services.close()
    assert [c["template"] for c in kept] == ["quickscan"] and taken == []


async def test_removing_the_bot_stops_its_schedules_and_keeps_the_answers(bot: Running) -> None:
    api = bot.api
    await bot.say(FIA, "/checkin_plan quickscan dagelijks 08:30 2", GROUP)
    [question] = await bot.say(FIA, "/checkin energie", GROUP)
    await bot.toast(ANNA, question, "Wijkteams")
    removed = await bot.step(GROUP.id, lambda: api.bot_membership(GROUP, FIA, "member", "left"))
    assert removed == []
    assert rows(bot.db, "checkin_schedules")[0]["status"] == "stopped"
    [checkin] = rows(bot.db, "checkins")
    assert checkin["status"] == "closed"
    assert json.loads(checkin["results"])["counts"]["wijkteams"] == 1


def load_gemeente(db: Path) -> tuple[str, str]:
    row = sqlite_utils.Database(db).execute("SELECT name, code FROM gemeenten").fetchone()
    return row[0], row[1]


async def press_point(bot: Running, user: User, message: Message, point: int, value: str) -> str:
    """`user` answers one point of a checklist check-in; its row holds ja, deels and nee."""
    keyboard = message["reply_markup"]["inline_keyboard"]
    [row] = [row for row in keyboard if row[0]["text"] == f"Punt {point}: ja"]
    button = row[["ja", "deels", "nee"].index(value)]
    return await bot.toast(user, message, data=button["callback_data"])


async def test_a_checklist_task_is_answered_per_point_and_the_group_gets_its_score(
    bot: Running,
) -> None:
    api = bot.api
    [which] = await bot.say(FIA, "/checkin checklist", GROUP)
    assert "Welke opgave" in text_of(which) and "3. Open podium" in text_of(which)
    [wrong] = await bot.say(FIA, "/checkin checklist 12", GROUP)
    assert "Opgave 12 bestaat niet" in text_of(wrong) and "10. Rugdekking" in text_of(wrong)
    [plan] = await bot.say(FIA, "/checkin_plan checklist maandag 09:00", GROUP)
    assert text_of(plan) == texts.PLAN_NO_CHECKLIST
    assert rows(bot.db, "checkins") == [] and rows(bot.db, "checkin_schedules") == []

    [question] = await bot.say(FIA, "/checkin checklist 1", GROUP)  # one message, 13 points
    assert "Opgave 1 van 10: Breed bereik" in text_of(question)
    assert "8. Valkuil: Er ontbreekt een inspirerende aanpak" in text_of(question)
    keyboard = question["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in keyboard][:2] == [
        ["Punt 1: ja", "deels", "nee"],
        ["Punt 2: ja", "deels", "nee"],
    ]
    assert len(keyboard) == 13

    assert await press_point(bot, ANNA, question, 1, "ja") == texts.NOTED_POINT.format(
        number=1, value="ja"
    )
    await press_point(bot, ANNA, question, 8, "ja")
    await press_point(bot, BERT, question, 1, "nee")
    assert "deels" in await press_point(bot, BERT, question, 1, "deels")  # changes his mind
    await press_point(bot, BERT, question, 8, "nee")

    [result] = await bot.say(FIA, "/checkin_sluit", GROUP)  # text and chart in one message
    assert "photo" in result
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


def test_a_second_tap_after_a_moment_takes_a_theme_away(tmp_path: Path) -> None:
    """The engine on a clock the test moves: a tap within two seconds of the same one is
    the same tap; a tap after that takes the theme away again."""
    now = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC)]
    store = Store(tmp_path / "wijkbot.db", clock=lambda: now[0])
    engine = build_services(tmp_path / "wijkbot.db", knowledge(), store, matcher()).engine
    group = {"chat_id": str(GROUP.id), "chat_type": ChatType.GROUP, "chat_title": GROUP.title}
    [question] = engine.handle(
        Event(user_id=str(FIA.id), is_admin=True, text="/checkin energie", **group)
    )
    [taal] = [o.payload for o in question.options if o.label == "Taal en gedrag"]

    def tap(seconds_later: float) -> str:
        now[0] += timedelta(seconds=seconds_later)
        [notice] = engine.handle(Event(user_id=str(ANNA.id), payload=taal, **group))
        return notice.text

    chosen = texts.NOTED_THEMES.format(labels="Taal en gedrag")
    assert tap(0) == chosen
    assert tap(1) == chosen  # the same tap
    assert tap(5) == texts.NOTED_NOTHING  # a new one: taken away
    assert tap(5) == chosen
