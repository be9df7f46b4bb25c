"""Questions the bot cannot answer: handed on to the gemeente, answered by a coordinator,
delivered where they were asked, kept as the gemeente's own knowledge; and `kb gaps`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from bot.engine import texts
from tests.botapi import Chat, User, labels, text_of
from tests.scripted import InProcess, chat, options, register, run
from tests.telegram_harness import Running

PARTYTENT = "Waar kan ik een partytent lenen voor het buurtfeest?"
ANSWER = "Bij de gemeentewerf aan de Industrieweg, gratis voor bewonersinitiatieven."
OOST_GELRE = "Oost Gelre"


def rows(db: Path, table: str) -> list[dict[str, Any]]:
    return list(sqlite_utils.Database(db)[table].rows)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Oost Gelre with coordinator piet."""
    path = tmp_path / "wijkbot.db"
    register(path, "piet", OOST_GELRE)
    return path


def test_a_volunteer_hands_a_question_on_and_gets_the_coordinators_answer(db: Path) -> None:
    declined = chat(db, PARTYTENT, user="anna")
    assert options(declined[-1]) == [texts.ASK_GEMEENTE_LABEL]
    picking = chat(db, PARTYTENT, "1", "Oost Gelr", "1", user="anna")  # a typo, then the option
    assert texts.WHICH_GEMEENTE_FOR_QUESTION in picking[1]
    assert options(picking[2]) == [OOST_GELRE]
    assert "doorgegeven aan gemeente Oost Gelre" in picking[3]
    # The gemeente is picked once: the next question goes straight there.
    again = chat(db, "Wie leent ons een partytent voor een feest?", "1", user="anna")
    assert "doorgegeven aan gemeente Oost Gelre" in again[-1]

    [listed] = chat(db, "/open_vragen", user="piet")
    assert PARTYTENT in listed and "(anna)" in listed
    assert options(listed) == ["Beantwoord vraag 1", "Beantwoord vraag 2"]
    replies = chat(db, "/open_vragen", "1", ANSWER, user="piet")
    delivered = replies[2]
    assert delivered.startswith("[bericht naar chat console:anna]")
    assert f"Antwoord van gemeente Oost Gelre op uw vraag «{PARTYTENT}»" in delivered
    assert ANSWER in delivered
    assert "verstuurd naar anna" in replies[3]
    assert chat(db, "/open_vragen", user="piet")[0].count("«") == 1  # one left

    [answered, _] = [q for q in rows(db, "questions")]
    assert (answered["status"], answered["answer"], answered["answered_by"]) == (
        "answered",
        ANSWER,
        "console:piet",
    )


def test_a_kept_answer_is_found_by_the_gemeentes_users_and_not_by_another(db: Path) -> None:
    chat(db, PARTYTENT, "1", "Oost Gelre", user="anna")
    kept = chat(db, "/open_vragen", "1", ANSWER, "1", user="piet")
    assert "Bewaard" in kept[-1]

    similar = "Kan ik ergens een partytent lenen?"
    for user in ("anna", "piet"):  # the volunteer who picked Oost Gelre, and a member
        [found] = chat(db, similar, user=user)
        assert ANSWER in found
        assert "Bron: gemeente Oost Gelre (antwoord van de gemeente" in found

    register(db, "kees", "Zutphen")
    # kees is Zutphen's own coordinator: no offer to ask his own gemeente, and the proposal
    # he had open (begin with step 1) is asked again
    elsewhere, pending = chat(db, similar, user="kees")
    assert ANSWER not in elsewhere and texts.ASK_GEMEENTE_LABEL not in elsewhere
    assert options(pending) == [texts.BEGIN_STEP_1]
    [anyone] = chat(db, similar, user="someone")  # picked no gemeente
    assert ANSWER not in anyone
    ask = json.loads(run("ask", "--json", similar).stdout)
    assert ask["matched"] is False


def test_only_the_gemeentes_coordinator_answers_and_nothing_is_sent_twice(
    tmp_path: Path,
) -> None:
    bot = InProcess(tmp_path / "wijkbot.db")
    bot.say("piet", "/start", OOST_GELRE, "1")
    bot.say("kees", "/start", "Zutphen", "1")
    bot.say("anna", PARTYTENT, "1", OOST_GELRE, "1")
    [question] = bot.store.open_questions(bot.store.gemeente_id("GM1586") or 0)

    assert bot.press("kees", f"va:{question.id}") == [texts.STALE_OPTION]  # another gemeente
    assert bot.press("anna", f"va:{question.id}") == [texts.STALE_OPTION]  # not a member
    assert bot.press("anna", "vg:999") == [texts.STALE_OPTION]
    assert bot.say("kees", "/open_vragen")[0].startswith("Er staan geen open vragen")

    bot.press("piet", f"va:{question.id}")
    bot.say("piet", ANSWER)
    assert bot.press("piet", f"va:{question.id}") == [texts.ALREADY_ANSWERED]
    assert bot.store.question(question.id).answer == ANSWER  # type: ignore[union-attr]
    bot.close()


def test_kb_gaps_groups_the_declined_questions_by_similarity(db: Path) -> None:
    chat(
        db,
        PARTYTENT,
        "Wie leent ons een partytent voor een feest in de straat?",
        "Hoe laat is de milieustraat open?",
        "partytent lenen",
        "Wanneer is de milieustraat open op zaterdag?",
        "Wat is het weer morgen?",
        user="anna",
    )
    result = run("kb", "gaps", "--db", str(db), "--json")
    groups = [json.loads(line) for line in result.stdout.splitlines()]
    assert [g["count"] for g in groups] == [3, 2, 1]
    assert groups[0]["questions"][0] == PARTYTENT
    assert all("milieustraat" in q for q in groups[1]["questions"])
    text = run("kb", "gaps", "--db", str(db), "--min", "2").stdout
    assert text.splitlines()[0].strip().startswith("3x") and "weer morgen" not in text


# -- over Telegram: asked in a group, answered in private, delivered in the group ----------

PIET, ANNA = User(701, "Piet"), User(702, "Anna")
GROUP = Chat(-100700, "supergroup", "Buurtplatform De Hoven")


async def test_a_question_asked_in_a_group_is_answered_there(bot: Running) -> None:
    api = bot.api
    await bot.register(PIET, "Oost Gelr", OOST_GELRE)

    [declined] = await bot.say(ANNA, f"/vraag {PARTYTENT}", GROUP)
    assert labels(declined) == [texts.ASK_GEMEENTE_LABEL]
    [which] = await bot.press(ANNA, declined, texts.ASK_GEMEENTE_LABEL)
    assert text_of(which) == texts.WHICH_GEMEENTE_FOR_QUESTION
    [passed] = await bot.say(ANNA, "oost gelre", GROUP, reply_to=which)  # the name as is
    assert "doorgegeven aan gemeente Oost Gelre" in text_of(passed)

    [listed] = await bot.say(PIET, "/open_vragen")
    await bot.press(PIET, listed, "Beantwoord vraag 1")
    before = len(api.sent(GROUP.id))
    await bot.say(PIET, ANSWER)
    [delivered] = api.sent(GROUP.id)[before:]
    assert f"op de vraag van Anna «{PARTYTENT}»" in text_of(delivered)
    assert ANSWER in text_of(delivered)
