"""Operators decide who becomes a gemeente's first coordinator (WIJKBOT_REGISTRATION=approval)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.engine import Event, Reply, texts
from bot.engine.operators import Operators, Registration
from bot.telegram.config import Settings
from tests.botapi import StandInBotAPI, User, labels, text_of
from tests.telegram_harness import Message, running_bot

from .scripted import GEMEENTE, InProcess, dump, run

OLGA = "console:olga"  # the operator
APPROVAL = Operators(Registration.APPROVAL, frozenset({OLGA}))
CODE = "GM1509"


@pytest.fixture
def bot(tmp_path: Path) -> Iterator[InProcess]:
    bot = InProcess(tmp_path / "wijkbot.db", operators=APPROVAL)
    yield bot
    bot.close()


def handle(bot: InProcess, user: str, text: str = "", payload: str | None = None) -> list[Reply]:
    """What the engine answers `user` (in their private chat), with the chats it goes to."""
    ids = f"console:{user}"
    event = Event(ids, ids, text=text or None, payload=payload, user_name=user.title())
    return bot.services.engine.handle(event)


def ask_for(bot: InProcess, user: str) -> list[Reply]:
    """`user` registers for the gemeente: /start, then its exact name."""
    bot.say(user, "/start")
    return handle(bot, user, GEMEENTE)


def test_the_first_registrant_waits_until_an_operator_approves(bot: InProcess) -> None:
    told, asked = ask_for(bot, "bert")
    assert told.text == texts.CLAIM_SENT.format(gemeente=GEMEENTE)
    assert asked.chat_id == OLGA  # the operator, in her private chat
    assert "Bert (Telegram-nummer console:bert)" in asked.text and CODE in asked.text
    assert [o.label for o in asked.options] == ["Goedkeuren", "Afwijzen"]

    waiting = texts.CLAIM_WAITING.format(gemeente=GEMEENTE)
    for command in ("/voortgang", "/stap 1", "/leden", "/start"):
        assert bot.say("bert", command) == [waiting], command
    other = ask_for(bot, "carl")  # a second registrant while one is pending
    assert [r.text for r in other] == [texts.CLAIM_UNDER_REVIEW.format(gemeente=GEMEENTE)]
    assert bot.store.members_of(bot.store.gemeente_id(CODE) or 0) == []

    decided, hears = handle(bot, "olga", payload=asked.options[0].payload)
    assert decided.text == f"Goedgekeurd: Bert is nu coördinator van {GEMEENTE}."
    assert hears.chat_id == "console:bert" and "goedgekeurd" in hears.text
    assert [o.label for o in hears.options] == [texts.BEGIN_STEP_1]
    assert "Voortgang van Oude IJsselstreek" in bot.say("bert", "/voortgang")[0]
    assert "coördinator" in bot.say("bert", "/leden")[0]

    again = handle(bot, "olga", payload=asked.options[1].payload)  # a second press
    assert [r.text for r in again] == [texts.CLAIM_DECIDED.format(status="goedgekeurd")]
    assert "Vraag de coördinator" in bot.say("carl", "/start", GEMEENTE)[-1]


def test_a_rejected_registrant_hears_it_and_sees_nothing(bot: InProcess) -> None:
    _, asked = ask_for(bot, "bert")
    decided, hears = handle(bot, "olga", payload=asked.options[1].payload)
    assert decided.text.startswith("Afgewezen: Bert")
    assert hears.chat_id == "console:bert"
    assert hears.text == texts.CLAIM_YOU_REJECTED.format(gemeente=GEMEENTE)
    assert bot.say("bert", "/voortgang") == [texts.NOT_A_MEMBER]
    assert bot.store.gemeente_id(CODE) is None  # nothing was made for the gemeente


def test_only_an_operator_decides(bot: InProcess) -> None:
    _, asked = ask_for(bot, "bert")
    before = dump(bot.store.path)
    for who in ("bert", "mallory"):
        refused = handle(bot, who, payload=asked.options[0].payload)
        assert [r.text for r in refused] == [texts.OPERATORS_ONLY], who
    assert dump(bot.store.path) == before


def test_an_operator_registering_needs_no_approval(bot: InProcess) -> None:
    [joined] = ask_for(bot, "olga")
    assert joined.text == texts.REGISTERED_COORDINATOR.format(gemeente=GEMEENTE)


def test_the_operator_decides_on_the_command_line(bot: InProcess) -> None:
    ask_for(bot, "bert")
    db = str(bot.store.path)
    listed = run("gemeente", "list", "--db", db)
    assert f"{CODE} {GEMEENTE}: Bert (console:bert) since 2026-11-22" in listed.output
    assert run("gemeente", "approve", CODE, "console:carl", "--db", db).exit_code != 0

    approved = run("gemeente", "approve", CODE.lower(), "console:bert", "--db", db)
    assert approved.exit_code == 0, approved.output
    told, progress = bot.say("bert", "/voortgang")  # the terminal's clock tells him first
    assert "goedgekeurd" in told and "Voortgang van" in progress
    listed = run("gemeente", "list", "--db", db).output
    assert f"{CODE} {GEMEENTE}: Bert (console:bert, coordinator)" in listed
    assert "Pending" not in listed

    bot.now += timedelta(seconds=30)
    assert bot.services.engine.due(bot.now)[0] == []  # told once


def test_a_rejection_on_the_command_line_reaches_the_registrant(bot: InProcess) -> None:
    ask_for(bot, "bert")
    rejected = run("gemeente", "reject", CODE, "console:bert", "--db", str(bot.store.path))
    assert rejected.exit_code == 0, rejected.output
    [delivery], _ = bot.services.engine.due(bot.now)
    [told] = delivery.replies
    assert (delivery.chat_id, told.text) == (
        "console:bert",
        texts.CLAIM_YOU_REJECTED.format(gemeente=GEMEENTE),
    )
    assert bot.say("bert", "/voortgang") == [texts.NOT_A_MEMBER]


def test_a_gemeente_with_data_is_claimed_through_the_operator_too(bot: InProcess) -> None:
    ask_for(bot, "olga")  # an operator works in it, then is forgotten
    bot.say("olga", "/stap 2", "2", "/stop")
    bot.say("olga", "/vergeet_mij", "1")
    _, asked = ask_for(bot, "bert")
    assert texts.CLAIM_HAS_DATA.strip() in asked.text
    assert bot.say("bert", "/stap 2") == [texts.CLAIM_WAITING.format(gemeente=GEMEENTE)]


def test_registration_mode_comes_from_the_environment() -> None:
    assert Operators.from_env({}, Registration.OPEN).registration is Registration.OPEN
    env = {"WIJKBOT_REGISTRATION": "approval", "WIJKBOT_OPERATORS": "501, 502,"}
    assert Operators.from_env(env, Registration.OPEN) == Operators(
        Registration.APPROVAL, frozenset({"501", "502"})
    )
    with pytest.raises(ValueError, match=r"approval\|open"):
        Operators.from_env({"WIJKBOT_REGISTRATION": "iedereen"}, Registration.OPEN)


def test_wijkbot_run_asks_for_approval_unless_told_otherwise() -> None:
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc"})
    assert settings is not None and settings.operators.registration is Registration.APPROVAL
    env = {"TELEGRAM_BOT_TOKEN": "123:abc", "WIJKBOT_REGISTRATION": "open"}
    opened = Settings.from_env(env)
    assert opened is not None and opened.operators.registration is Registration.OPEN


async def test_over_telegram_the_operator_approves_with_a_button(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    anna, operator = User(501, "Anna"), User(900, "Olga")
    operators = Operators(Registration.APPROVAL, frozenset({str(operator.id)}))
    async with running_bot(tmp_path / "wijkbot.db", api, operators=operators) as bot:
        await bot.say(anna, "/start")
        [offer] = await bot.say(anna, "Oude Ijselstreek")
        [sent] = await bot.press(anna, offer, GEMEENTE)
        assert text_of(sent) == texts.CLAIM_SENT.format(gemeente=GEMEENTE)
        [asked] = api.sent(operator.id)
        assert "Anna (Telegram-nummer 501)" in text_of(asked)
        assert labels(asked) == ["Goedkeuren", "Afwijzen"]
        refused = await bot.toast(anna, asked, data=_data(asked, 0))  # forged into her chat
        assert refused  # a button of another chat does nothing
        [decided] = await bot.press(operator, asked, "Goedkeuren")
        assert text_of(decided).startswith("Goedgekeurd: Anna")
        [hears] = api.sent(anna.id)[-1:]
        assert "goedgekeurd" in text_of(hears)
        [*_, question] = await bot.press(anna, hears, texts.BEGIN_STEP_1)  # her button
        assert "Stap 1 van 4" in text_of(question)


def _data(message: Message, index: int) -> str:
    return message["reply_markup"]["inline_keyboard"][index][0]["callback_data"]
