"""The web pages' API over real HTTP, served beside the bot as `wijkbot run` serves it:
only Telegram's signature lets anyone in, only a member sees or changes the gemeente's
startpositie, and a save is confirmed in the chat."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.engine import texts as engine_texts
from bot.web import texts as web_texts
from bot.web.initdata import NotSigned, validate
from tests.botapi import TOKEN, StandInBotAPI, User, labels, text_of
from tests.telegram_harness import Running
from tests.test_telegram import ANNA, BERT, GROUP, rows
from tests.webapp import CODE, bot_with_pages, free_port, signed

CAROL = User(503, "Carol")  # a member of another gemeente
SIX = {
    "visie_inspiratie": 2,
    "wijkteams": 3,
    "opdrachtgeverschap": 1,
    "samenwerking_wijk": 2,
    "gemeentelijke_organisatie": 3,
    "taal_gedrag": 2,
}


@pytest.fixture
async def bot(api: StandInBotAPI, tmp_path: Path) -> AsyncIterator[Running]:
    async with bot_with_pages(tmp_path / "wijkbot.db", api) as running:
        await running.register(ANNA)
        yield running


async def call(
    bot: Running, page: str, init_data: str | None, body: Any = None, code: str = CODE
) -> tuple[int, Any]:
    """GET (or with `body`, POST) /api/<page>?g=<code>, as the page's script does."""
    url = f"{pages_url(bot)}/api/{page}?g={code}"
    headers = {"Authorization": f"tma {init_data}"} if init_data is not None else {}
    async with aiohttp.ClientSession() as session:
        method = session.post(url, json=body, headers=headers) if body is not None else None
        async with method or session.get(url, headers=headers) as response:
            return response.status, await response.json()


def pages_url(bot: Running) -> str:
    return bot.engine.pages_url


def startpositie(bot: Running) -> list[tuple[str, int, str]]:
    """The stored startpositie answers: theme, phase, author id."""
    found = rows(bot.db, "answers", "flow = ?", ["startpositie"])
    return [(a["item"], json.loads(a["value"]), a["author_id"]) for a in found]


async def test_a_member_sees_the_sliders_saves_them_and_the_chat_confirms(bot: Running) -> None:
    status, page = await call(bot, "startpositie", signed(ANNA))
    assert status == 200
    assert page["gemeente"] == {"name": "Oude IJsselstreek", "code": CODE}
    assert [t["phase"] for t in page["themes"]] == [None] * 6
    wijkteams = next(t for t in page["themes"] if t["key"] == "wijkteams")
    assert wijkteams["phases"]["1"].startswith("Het lokale team staat los van de wijk")
    assert [p["name"] for p in page["phases"]][:2] == ["Start", "Samen op weg"]

    before = len(bot.api.sent(ANNA.id))
    status, saved = await call(bot, "startpositie", signed(ANNA), {"phases": SIX})
    assert (status, saved) == (200, {"saved": True})
    assert sorted(startpositie(bot)) == sorted((k, v, "501") for k, v in SIX.items())
    done, profile = await bot.api.wait_for_messages(ANNA.id, 2, after=before)
    assert "Uw startpositie staat" in text_of(done)
    assert "Wijkteams: fase 3" in text_of(profile)
    assert "Eerst aandacht nodig: Opdrachtgeverschap." in text_of(profile)
    assert "Verder met stap 1" in labels(profile)[0]

    # the page now opens at the saved phases; saving one change appends only that one
    _, page = await call(bot, "startpositie", signed(ANNA))
    assert {t["key"]: t["phase"] for t in page["themes"]} == SIX
    await call(bot, "startpositie", signed(ANNA), {"phases": {**SIX, "wijkteams": 4}})
    assert startpositie(bot)[-1] == ("wijkteams", 4, "501")
    assert len(startpositie(bot)) == 7


UNSIGNED = {
    "missing": None,
    "empty": "",
    "altered": signed(ANNA).replace("Anna", "Anne"),  # changed after signing
    "other bot": signed(ANNA, token="654321:another-bots-token"),
    "stale": signed(ANNA, age=2 * 3600),  # two hours old
    "duplicate field": signed(ANNA) + "&user=%7B%22id%22%3A502%7D",  # a second user added
}


async def test_without_telegrams_signature_nothing_is_shown_or_changed(bot: Running) -> None:
    before = len(bot.api.sent(ANNA.id))
    for case, init_data in UNSIGNED.items():
        for page, body in (("startpositie", None), ("startpositie", {"phases": SIX}),
                           ("voortgang", None)):  # fmt: skip
            status, answer = await call(bot, page, init_data, body)
            assert (status, answer) == (401, {"error": web_texts.NOT_SIGNED}), case
    assert startpositie(bot) == []
    assert len(bot.api.sent(ANNA.id)) == before


async def test_another_gemeente_or_no_gemeente_is_refused(bot: Running) -> None:
    await bot.say(CAROL, "/start")
    [joined] = await bot.say(CAROL, "Ouder-Amstel")  # an exact name registers at once
    assert "coördinator van Ouder-Amstel" in text_of(joined)
    refused = (403, {"error": engine_texts.PAGE_NOT_A_MEMBER})
    assert await call(bot, "startpositie", signed(CAROL), {"phases": SIX}) == refused
    assert await call(bot, "voortgang", signed(CAROL)) == refused
    assert await call(bot, "startpositie", signed(BERT)) == refused  # a member of none
    # Anna, with her own signature, at another gemeente's page
    assert await call(bot, "startpositie", signed(ANNA), {"phases": SIX}, "GM0437") == refused
    assert startpositie(bot) == []


MISFITS = {
    "too high": {"phases": {**SIX, "wijkteams": 5}},
    "text": {"phases": {**SIX, "wijkteams": "3"}},
    "a yes": {"phases": {**SIX, "wijkteams": True}},
    "five themes": {"phases": {k: v for k, v in SIX.items() if k != "taal_gedrag"}},
    "unknown theme": {"phases": {**SIX, "onbekend": 2}},
    "no phases": {"fasen": SIX},
    "a list": [1, 2, 3],
}


async def test_phases_that_do_not_fit_are_refused_and_change_nothing(bot: Running) -> None:
    before = len(bot.api.sent(ANNA.id))
    for case, body in MISFITS.items():
        status, answer = await call(bot, "startpositie", signed(ANNA), body)
        assert (status, answer) == (400, {"error": engine_texts.PAGE_BAD_PHASES}), case
    assert startpositie(bot) == []
    assert len(bot.api.sent(ANNA.id)) == before


async def test_the_progress_page_shows_steps_profile_and_actions(bot: Running) -> None:
    await call(bot, "startpositie", signed(ANNA), {"phases": SIX})
    status, page = await call(bot, "voortgang", signed(ANNA))
    assert status == 200
    assert [(s["number"], s["status"]) for s in page["steps"]][:2] == [(1, "open"), (2, "klaar")]
    wijkteams = page["themes"][1]
    assert (wijkteams["name"], wijkteams["phase"]) == ("Wijkteams", 3)
    assert page["attention"] == ["Opdrachtgeverschap"]
    assert page["actions"] == [] and page["checkins"] == []


async def test_the_pages_are_offered_with_a_mini_app_button_in_private(bot: Running) -> None:
    intro, _question = await bot.say(ANNA, "/stap 2")
    [button] = [b for row in intro["reply_markup"]["inline_keyboard"] for b in row]
    assert button == {
        "text": engine_texts.PAGE_STARTPOSITIE,
        "web_app": {"url": f"{pages_url(bot)}/startpositie?g={CODE}"},
    }
    *_, progress = await bot.say(ANNA, "/voortgang")
    buttons = [b for row in progress["reply_markup"]["inline_keyboard"] for b in row]
    assert [b["web_app"]["url"].rsplit("/", 1)[1] for b in buttons if "web_app" in b] == [
        f"voortgang?g={CODE}",
        f"startpositie?g={CODE}",
    ]
    assert "Verder met stap 1" in [b["text"] for b in buttons]  # the buttons stay too
    # in a group the engine offers no pages (Telegram would refuse them there)
    [reply] = await bot.say(ANNA, "/voortgang", GROUP)
    assert "reply_markup" not in reply


def test_the_signature_is_checked_as_telegram_specifies() -> None:
    """The example of Telegram's own description, made here: a valid one passes with its
    user; one second past the hour it is stale."""
    now = datetime.now(UTC)
    user = validate(signed(ANNA), TOKEN, now)
    assert (user.id, user.name) == ("501", "Anna")
    with pytest.raises(NotSigned, match="out of date"):
        validate(signed(ANNA, age=3601), TOKEN, now)
    with pytest.raises(NotSigned, match="hash"):
        validate(signed(ANNA, token="1:x"), TOKEN, now)


@pytest.mark.slow
async def test_wijkbot_web_serves_the_pages_alone_and_the_chat_confirms(bot: Running) -> None:
    """`wijkbot web`, a process of its own on the bot's database: the same API, and a save
    confirmed in the chat by its own postman; SIGTERM ends it."""
    port = free_port()
    alone = subprocess.Popen(
        [sys.executable, "-m", "bot", "web", "--db", str(bot.db), "--port", str(port)],
        env={**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "WIJKBOT_API_BASE_URL": bot.api.base_url},
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/api/startpositie?g={CODE}"
    try:
        async with aiohttp.ClientSession() as session:
            await _until_served(session, url, alone)
            before = len(bot.api.sent(ANNA.id))
            saving = session.post(url, json={"phases": SIX}, headers=_tma(signed(ANNA)))
            async with saving as response:
                assert (response.status, await response.json()) == (200, {"saved": True})
            [done, _] = await bot.api.wait_for_messages(ANNA.id, 2, after=before)
            assert "Uw startpositie staat" in text_of(done)
            async with session.get(url, headers=_tma(signed(CAROL))) as response:
                assert response.status == 403  # a member of no gemeente
    finally:
        alone.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(alone.wait, 60) == 0


def _tma(init_data: str) -> dict[str, str]:
    return {"Authorization": f"tma {init_data}"}


async def _until_served(
    session: aiohttp.ClientSession, url: str, server: subprocess.Popen[bytes]
) -> None:
    """Wait until the server takes requests (an unsigned one is refused once it does)."""
    while True:
        assert server.poll() is None, server.communicate()[1].decode()
        try:
            async with session.get(url) as response:
                assert response.status == 401
                return
        except aiohttp.ClientConnectorError:
            await asyncio.sleep(0.05)
