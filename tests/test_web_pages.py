"""The web pages in a real headless Chromium (the system's package, driven by Playwright),
inside a stand-in of Telegram's WebApp object with signed initData: a member moves sliders
with the keyboard, the radar follows, Telegram's main button saves, the database holds the
answers and the chat confirms; then the progress page shows the result."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.web import texts as web_texts
from tests.botapi import StandInBotAPI, text_of
from tests.telegram_harness import Running
from tests.test_telegram import ANNA, rows
from tests.webapp import CHROMIUM, CHROMIUM_FLAGS, CODE, bot_with_pages, signed, telegram_stand_in

playwright = pytest.importorskip("playwright.async_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no Chromium at /usr/bin/chromium (apt-get install chromium; .ci/run does)",
    ),
    pytest.mark.slow,
]
# Each expect waits until the page shows it; on a busy machine the save's round trip (page,
# bot, engine, page) can take longer than Playwright's default of 5 s.
playwright.expect.set_options(timeout=60_000)


@pytest.fixture
async def browser() -> AsyncIterator[playwright.Browser]:
    async with playwright.async_playwright() as driver:
        launched = await driver.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        yield launched
        await launched.close()


async def test_sliders_save_through_the_main_button_and_the_chat_confirms(
    api: StandInBotAPI, tmp_path: Path, browser: playwright.Browser
) -> None:
    async with bot_with_pages(tmp_path / "wijkbot.db", api) as bot:
        await bot.register(ANNA)
        context = await browser.new_context(viewport={"width": 390, "height": 844})
        await context.add_init_script(telegram_stand_in(signed(ANNA)))
        page = await context.new_page()
        await page.goto(f"{bot.engine.pages_url}/startpositie?g={CODE}")
        await _move_sliders_and_save(bot, page)
        await _progress_page(bot, page)
        await _unsigned_page(bot, browser)


async def _move_sliders_and_save(bot: Running, page: playwright.Page) -> None:
    await playwright.expect(page.locator("h1")).to_have_text("Startpositie van Oude IJsselstreek")
    sliders = page.get_by_role("slider")
    await playwright.expect(sliders).to_have_count(6)
    wijkteams = page.get_by_role("slider", name="Wijkteams Fase")
    await playwright.expect(wijkteams).to_have_value("1")  # nothing stored yet
    shape = page.locator("#radar .shape")
    before = await shape.get_attribute("points")
    await wijkteams.focus()  # by keyboard, as a screen reader user would
    await page.keyboard.press("ArrowRight")
    await page.keyboard.press("ArrowRight")
    await playwright.expect(wijkteams).to_have_value("3")
    valuetext = await wijkteams.get_attribute("aria-valuetext")
    assert valuetext and valuetext.startswith("Fase 3, Wijkgericht werken is de werkwijze")
    await playwright.expect(page.locator("#uitleg-wijkteams")).to_contain_text(
        "Het team kent de bewoners"
    )
    assert await shape.get_attribute("points") != before  # the radar followed
    await playwright.expect(page.locator("#radar-text")).to_contain_text("Wijkteams: fase 3")
    await page.get_by_role("slider", name="Taal en gedrag Fase").fill("4")
    # the page takes Telegram's colours
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"

    assert await page.evaluate("Telegram.WebApp.MainButton.text") == "Opslaan"
    before_chat = len(bot.api.sent(ANNA.id))
    await page.evaluate("Telegram.WebApp.MainButton.press()")
    await playwright.expect(page.locator("html")).to_have_attribute("data-closed", "ja")
    stored = {
        a["item"]: (json.loads(a["value"]), a["author_id"], a["author_name"])
        for a in rows(bot.db, "answers", "flow = ?", ["startpositie"])
    }
    assert stored["wijkteams"] == (3, "501", "Anna")
    assert stored["taal_gedrag"] == (4, "501", "Anna")
    assert stored["visie_inspiratie"][0] == 1 and len(stored) == 6

    def confirmed() -> str:
        return "\n".join(text_of(m) for m in bot.api.sent(ANNA.id)[before_chat:])

    await bot.api.wait_until(lambda: "Eerst aandacht nodig" in confirmed())
    assert "Wijkteams: fase 3" in confirmed()
    assert "Taal en gedrag: fase 4" in confirmed()


async def _progress_page(bot: Running, page: playwright.Page) -> None:
    await page.goto(f"{bot.engine.pages_url}/voortgang?g={CODE}")
    await playwright.expect(page.locator("h1")).to_have_text("Voortgang van Oude IJsselstreek")
    await playwright.expect(page.locator("#steps li").nth(1)).to_have_text(
        "Stap 2 Startpositie bepalen: klaar"
    )
    await playwright.expect(page.locator("#profile")).to_contain_text("Wijkteams: fase 3")
    await playwright.expect(page.locator("#actions")).to_have_text("Nog geen acties.")
    await playwright.expect(page.get_by_role("img")).to_have_count(1)  # the radar, labelled


async def _unsigned_page(bot: Running, browser: playwright.Browser) -> None:
    """Opened outside Telegram (no initData): the page says how to open it, shows nothing."""
    page = await browser.new_page()
    await page.goto(f"{bot.engine.pages_url}/startpositie?g={CODE}")
    await playwright.expect(page.get_by_role("status")).to_have_text(web_texts.NOT_SIGNED)
    await playwright.expect(page.get_by_role("slider")).to_have_count(0)
    await page.close()
