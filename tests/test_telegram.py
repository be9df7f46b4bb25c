"""The Telegram bot end to end: the real Application over HTTP against a stand-in Bot API.

Every test talks to the bot the way Telegram would: updates go in through getUpdates,
what the bot sends is read back from the stand-in, and the database is checked directly.
"""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path
from typing import Any

import aiohttp
import sqlite_utils

from bot.engine import texts as engine_texts
from bot.telegram import texts as telegram_texts
from bot.telegram.app import webhook_options
from bot.telegram.config import RateLimits, Webhook
from tests.botapi import BOT, Chat, StandInBotAPI, User, labels, text_of
from tests.scripted import GEMEENTE, PHASES
from tests.telegram_harness import Message, Running, running_bot

ANNA = User(501, "Anna")
BERT = User(502, "Bert")
GROUP = Chat(-100200, "supergroup", "Wijknetwerk Noord")
# The wait a 429 asks for. Telegram says whole seconds; the bot waits what it is told, so a
# tenth keeps these tests short.
RETRY_AFTER = 0.1


def rows(db: Path, table: str, where: str = "1", params: list[Any] | None = None) -> list[dict]:
    return list(sqlite_utils.Database(db)[table].rows_where(where, params or []))


def answered(bot: Running, flow: str = "startpositie") -> list[str]:
    """The answers stored for a flow, oldest first, as text."""
    found = rows(bot.db, "answers", "flow = ?", [flow])
    return [str(json.loads(a["value"])) for a in found]


async def test_start_registers_a_gemeente_with_buttons(bot: Running) -> None:
    api = bot.api
    [welcome] = await bot.say(ANNA, "/start")  # one message, one notification
    assert "Welkom bij Wijkbot" in text_of(welcome)
    assert "\n\nVoor welke gemeente werkt u?" in text_of(welcome)
    [found] = await bot.say(ANNA, "Oude Ijselstreek")
    assert labels(found) == [GEMEENTE, "Geen van deze"]
    [joined] = await bot.press(ANNA, found, GEMEENTE)
    assert f"coördinator van {GEMEENTE}" in text_of(joined)
    assert labels(joined) == ["Begin met stap 1"]
    # the pressed question shows the choice and lost its buttons
    assert api.messages[(ANNA.id, found["message_id"])]["text"].endswith(f"→ {GEMEENTE}")
    assert "reply_markup" not in api.messages[(ANNA.id, found["message_id"])]
    [member] = rows(bot.db, "members")
    assert (member["user_id"], member["name"], member["role"]) == ("501", "Anna", "coordinator")
    assert len(api.called("answerCallbackQuery")) == 1


async def test_step_2_by_buttons_then_progress_photo_and_report_document(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    async with running_bot(tmp_path / "wijkbot.db", api, typing_after=0) as bot:
        await _step_2_then_progress_and_report(bot)


async def _step_2_then_progress_and_report(bot: Running) -> None:
    api = bot.api
    await bot.register(ANNA)
    [question] = await bot.say(ANNA, "/stap 2")  # the introduction, then the first question
    assert text_of(question).startswith("Stap 2 van 4: ")
    assert "\n\nStap 2 van 4, vraag 1 van 6\n" in text_of(question) and labels(question)
    for phase in PHASES:
        assert "Stap 2 van 4, vraag" in text_of(question)
        *_, question = await bot.press(ANNA, question, f"Fase {phase}:")
    profile = [m for m in api.sent(ANNA.id) if "photo" in m][-1]
    assert "Visie en inspiratie" in text_of(profile)
    assert answered(bot) == list(PHASES)
    shown = api.called("sendChatAction")  # while the engine worked (at once, in this test)
    typing = [c for c in shown if c.params["action"] == "typing"]
    assert typing and typing[0].at < api.called("sendPhoto")[0].at
    drawing = [c for c in shown if c.params["action"] != "typing"]  # while the chart was drawn
    assert {c.params["action"] for c in drawing} <= {"upload_photo"}

    [uploaded] = api.called("sendPhoto")
    assert uploaded.files["photo"].startswith(b"\x89PNG")
    progress = await bot.say(ANNA, "/voortgang")  # the same chart: sent again, not uploaded
    [photo] = [m for m in progress if "photo" in m]
    assert "Startpositie" in text_of(photo)
    assert api.files[photo["photo"][-1]["file_id"]] == uploaded.files["photo"]
    assert not api.called("sendPhoto")[-1].files
    api.files.clear()  # Telegram no longer knows the file: it is uploaded again
    [*_, photo] = [m for m in await bot.say(ANNA, "/voortgang") if "photo" in m]
    assert api.called("sendPhoto")[-1].files["photo"] == uploaded.files["photo"]

    word, markdown = await bot.say(ANNA, "/rapport")
    assert "document" in word and "document" in markdown
    documents = api.called("sendDocument")[-2:]
    assert [d.files["document"][:2] for d in documents] == [b"PK", b"# "]  # .docx, .md
    assert "Oude IJsselstreek" in documents[0].params["caption"]


async def test_an_invite_deep_link_lets_a_colleague_join(bot: Running) -> None:
    await bot.register(ANNA)
    [invite] = await bot.say(ANNA, "/uitnodigen")
    link = re.search(r"t\.me/(\w+)\?start=(join-\w+)", text_of(invite))
    assert link and link.group(1) == BOT["username"]
    joined = await bot.say(BERT, f"/start {link.group(2)}")
    assert GEMEENTE in text_of(joined[0])
    assert {m["user_id"] for m in rows(bot.db, "members")} == {"501", "502"}


async def test_in_a_group_the_bot_answers_only_what_is_meant_for_it(bot: Running) -> None:
    api = bot.api
    [answer] = await bot.say(BERT, "/vraag wat is een buurtbudget", GROUP)
    assert "Bron:" in text_of(answer)
    asked = api.called("sendMessage")[-1]
    assert asked.params["reply_parameters"]["message_id"]  # threaded under the question

    calls = len(api.calls)
    assert await bot.say(BERT, "Goedemorgen allemaal, wie neemt koffie mee?", GROUP) == []
    assert await bot.say(BERT, "/vraag@een_andere_bot wat is dit", GROUP) == []
    assert [c.method for c in api.calls[calls:] if c.chat_id == GROUP.id] == []  # not a sign

    [mentioned] = await bot.say(BERT, f"@{BOT['username']} wat is de sociale basis", GROUP)
    assert "Bron:" in text_of(mentioned)
    [replied] = await bot.say(ANNA, "en wat doet een wijkteam?", GROUP, reply_to=answer)
    assert "Bron:" in text_of(replied) and "wijkteam" in text_of(replied).lower()
    [private_only] = await bot.say(BERT, "/stap", GROUP)
    assert text_of(private_only) == engine_texts.PRIVATE_ONLY


async def test_inline_mode_offers_answers_as_articles(bot: Running) -> None:
    api = bot.api
    api.inline(BERT, "wat is een buurtbudget")
    await bot.handled(api.last_update_id)
    [call] = api.called("answerInlineQuery")
    results = call.params["results"]
    assert results and all(r["type"] == "article" and r["title"] for r in results)
    content = results[0]["input_message_content"]
    assert "Bron:" in content["message_text"] and content["parse_mode"] == "HTML"
    assert call.params["button"]["start_parameter"] == "inline"


async def test_a_stale_button_changes_nothing(bot: Running) -> None:
    await bot.register(ANNA)
    [first] = await bot.say(ANNA, "/stap 2")
    await bot.say(ANNA, "2")  # typed instead of pressed: the buttons stay
    [stale] = await bot.press(ANNA, first, "Fase 4:")  # the old question's button, pressed later
    assert text_of(stale) == engine_texts.STALE_OPTION
    assert answered(bot) == ["2"]
    shown = bot.api.messages[(ANNA.id, first["message_id"])]
    assert "→" not in shown["text"] and labels(shown)  # not shown as chosen, buttons kept


async def test_a_double_press_acts_once(bot: Running) -> None:
    """Two quick presses of "Begin met stap 1" (two updates before the bot answers either):
    the step begins once, the second press gets a notice."""
    api = bot.api
    await bot.say(ANNA, "/start")
    [offer] = await bot.say(ANNA, "Oude Ijselstreek")
    [joined] = await bot.press(ANNA, offer, GEMEENTE)
    before = len(api.sent(ANNA.id))
    first = api.press(ANNA, joined, "Begin met stap 1")
    second = api.press(ANNA, joined, "Begin met stap 1")
    await bot.handled(api.last_update_id)
    intros = [m for m in api.sent(ANNA.id)[before:] if text_of(m).startswith("Stap 1 van 4:")]
    assert len(intros) == 1, [text_of(m)[:80] for m in intros]
    assert api.toast(first) == ""
    assert api.toast(second) == engine_texts.UNKNOWN_BUTTON


async def test_forged_and_foreign_buttons_get_a_notice_and_change_nothing(bot: Running) -> None:
    api = bot.api
    await bot.register(ANNA)
    [question] = await bot.say(ANNA, "/stap 2")
    token = question["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    before = (len(api.sent()), rows(bot.db, "conversations"))
    forged = await bot.toast(ANNA, question, data="forged-by-a-client")
    foreign = await bot.toast(BERT, question, data=token)  # Anna's button, pressed by Bert
    assert [forged, foreign] == [
        engine_texts.UNKNOWN_BUTTON,
        engine_texts.SOMEONE_ELSES_BUTTON,
    ]
    assert (len(api.sent()), rows(bot.db, "conversations")) == before
    assert rows(bot.db, "answers") == []


async def test_a_429_storm_is_waited_out_and_nothing_is_lost(bot: Running) -> None:
    api = bot.api
    await bot.register(ANNA)
    await bot.say(ANNA, "/stap 2")
    api.fail("sendMessage", 429, "Too Many Requests", times=4, retry_after=RETRY_AFTER)
    before = len(api.sent(ANNA.id))
    for phase in PHASES:  # typed quickly, one after another
        api.send_text(ANNA, phase)
    await bot.handled(api.last_update_id, timeout=30)  # the updates of a chat go in turn
    assert len([c for c in api.calls if c.status == 429]) == 4
    after = api.sent(ANNA.id)[before:]
    headings = [text_of(m).split("\n")[0] for m in after]
    assert [h for h in headings if h.startswith("Stap 2 van 4, vraag")] == [
        f"Stap 2 van 4, vraag {n} van 6" for n in range(2, 7)
    ]
    assert any("photo" in m for m in after)  # the profile, at the end
    assert answered(bot) == list(PHASES)


async def test_a_user_who_blocked_the_bot_loses_nothing_and_others_go_on(bot: Running) -> None:
    api = bot.api
    await bot.register(ANNA)
    await bot.say(ANNA, "/stap 2")
    api.blocked.add(ANNA.id)
    assert await bot.say(ANNA, "3") == []
    assert [c.method for c in api.calls if c.status == 403] == ["sendMessage"]
    [answer] = await bot.say(BERT, "wat is een buurtbudget")
    assert "Bron:" in text_of(answer)
    assert answered(bot) == ["3"]
    assert rows(bot.db, "chats", "chat_id = ?", ["501"])[0]["status"] == "blocked"

    api.blocked.discard(ANNA.id)
    unblocked = await bot.step(  # Anna unblocks the bot
        ANNA.id, lambda: api.bot_membership(Chat(ANNA.id), ANNA, "kicked", "member")
    )
    assert unblocked == []
    assert rows(bot.db, "chats", "chat_id = ?", ["501"])[0]["status"] == "active"
    *_, question = await bot.say(ANNA, "/stap 2")
    assert "vraag 2 van 6" in text_of(question)


async def test_telegram_trouble_is_waited_out_and_the_answer_kept_where_it_belongs(
    bot: Running,
) -> None:
    """429s in a row, then 502s and a 500: the reply to a saved answer is sent when
    Telegram takes it, the answer is stored once under its own question, and nobody is asked
    to repeat anything."""
    api = bot.api
    await bot.register(ANNA)
    await bot.say(ANNA, "/stap 2")
    api.fail("sendMessage", 429, "Too Many Requests", times=2, retry_after=RETRY_AFTER)
    api.fail("sendMessage", 502, "Bad Gateway", times=2)
    api.fail("sendMessage", 500, "Internal Server Error")
    [question] = await bot.say(ANNA, PHASES[0])
    assert text_of(question).startswith("Stap 2 van 4, vraag 2 van 6")
    assert [c.status for c in api.calls if c.status != 200] == [429, 429, 502, 502, 500]
    [next_question] = await bot.say(ANNA, PHASES[1])
    assert text_of(next_question).startswith("Stap 2 van 4, vraag 3 van 6")
    assert answered(bot) == list(PHASES[:2])
    assert not any(telegram_texts.SOMETHING_WENT_WRONG in text_of(m) for m in api.sent(ANNA.id))


async def test_when_the_engine_process_dies_the_next_message_is_answered(bot: Running) -> None:
    await bot.register(ANNA)
    first = bot.engine.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    await bot.api.wait_until(lambda: bot.engine.pid != first, timeout=10)

    progress = await bot.say(ANNA, "/voortgang")
    assert any(GEMEENTE in text_of(m) for m in progress)  # a new engine, the same database
    [member] = rows(bot.db, "members")
    assert member["user_id"] == str(ANNA.id)


async def test_user_text_is_escaped_and_long_texts_arrive_whole(bot: Running) -> None:
    api = bot.api
    await bot.register(ANNA)
    await bot.say(ANNA, "/stap 1")
    await bot.say(ANNA, "Noord & <Oost>, Zuid")
    sent = api.called("sendMessage")[-1].params
    assert "Noord &amp; &lt;Oost&gt;" in sent["text"] and "<Oost>" not in sent["text"]
    assert sent["parse_mode"] == "HTML"


async def test_groups_that_move_or_remove_the_bot_keep_its_data_right(bot: Running) -> None:
    api = bot.api
    old = Chat(-300, "group", "Buurtplatform Zuid")
    [hello] = await bot.step(old.id, lambda: api.bot_membership(old, BERT, "left", "member"))
    assert text_of(hello) == engine_texts.WELCOME_GROUP
    await bot.say(BERT, "/vraag wijkteam", old)  # leaves buttons behind in the group
    db = bot.db
    assert rows(db, "buttons", "chat_id = ?", ["-300"])

    await bot.step(old.id, lambda: api.send_message(old, BERT, migrate_to_chat_id=-100300))
    assert rows(db, "chats", "chat_id = ?", ["-300"])[0]["moved_to"]
    assert not rows(db, "buttons", "chat_id = ?", ["-300"])
    assert rows(db, "buttons", "chat_id = ?", ["-100300"])

    new = Chat(-100300, "supergroup", "Buurtplatform Zuid")
    assert await bot.step(new.id, lambda: api.bot_membership(new, BERT, "member", "left")) == []
    assert rows(db, "chats", "chat_id = ?", ["-100300"])[0]["status"] == "left"
    assert not rows(db, "buttons", "chat_id = ?", ["-100300"])


async def test_a_send_to_a_migrated_group_follows_it(bot: Running) -> None:
    api = bot.api
    old = Chat(-400, "group", "Wijkteam West")
    api.fail("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat",
             chat_id=old.id, migrate_to_chat_id=-100400)  # fmt: skip
    asked = lambda: api.send_text(BERT, "/vraag wat is een buurtbudget", old)  # noqa: E731
    [answer] = await bot.step(-100400, asked)
    assert "Bron:" in text_of(answer)
    assert api.sent(old.id) == []


async def test_the_running_bot_notes_that_telegram_answers(bot: Running) -> None:
    """What `wijkbot health` reads: the bot asks Telegram who it is, and notes the answer."""
    await bot.api.wait_until(lambda: rows(bot.db, "health", "name = 'telegram'"))
    assert bot.api.called("getMe")


async def test_command_menus_per_scope_and_other_messages(bot: Running) -> None:
    api = bot.api
    await api.wait_until(lambda: api.called("setMyShortDescription"))  # set beside updates
    menus = {c.params["scope"]["type"]: c.params["commands"] for c in api.called("setMyCommands")}
    assert set(menus) == {"all_private_chats", "all_group_chats", "all_chat_administrators"}
    private = {c["command"]: c["description"] for c in menus["all_private_chats"]}
    assert {"start", "stap", "vraag", "voortgang", "rapport"} <= set(private)
    assert private["rapport"] == "Het verslag als Word-bestand"
    assert [c["command"] for c in menus["all_group_chats"]] == ["vraag", "help", "privacy"]

    sticker = lambda: api.send_message(Chat(ANNA.id), ANNA, sticker=_STICKER)  # noqa: E731
    [reply] = await bot.step(ANNA.id, sticker)
    assert text_of(reply) == telegram_texts.ONLY_TEXT


async def test_webhook_mode_takes_updates_with_the_secret_only(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    hook = Webhook(url="https://wijkbot.example.nl/telegram", port=_free_port(), listen="127.0.0.1")
    async with running_bot(tmp_path / "wijkbot.db", api, polling=False) as bot:
        assert bot.app.updater is not None
        await bot.app.updater.start_webhook(**webhook_options(hook))
        [set_hook] = api.called("setWebhook")
        assert set_hook.params["url"] == hook.url
        update = {"update_id": 1, "message": _message(ANNA, "/help")}
        url = f"http://127.0.0.1:{hook.port}/telegram"
        async with aiohttp.ClientSession() as http:
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guessed"}
            async with http.post(url, json=update, headers=wrong) as refused:
                assert refused.status == 403
            right = {"X-Telegram-Bot-Api-Secret-Token": hook.secret_token}
            async with http.post(url, json=update, headers=right) as taken:
                assert taken.status == 200
        await bot.handled(1)
        [help_text] = api.sent(ANNA.id)
        assert "Zo werkt Wijkbot" in text_of(help_text)


_STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}


def _message(user: User, text: str) -> Message:
    return {
        "message_id": 1,
        "date": 0,
        "chat": Chat(user.id).as_dict(),
        "from": user.as_dict(),
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
    }


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_a_busy_group_holds_back_no_private_chat(api: StandInBotAPI, tmp_path: Path) -> None:
    """With Telegram's real limits (20 messages a minute to a group), 45 questions in one
    group take minutes to answer; ten people asking /help in private meanwhile get their
    reply while most of the group's answers still wait for the group's limit."""
    async with running_bot(tmp_path / "wijkbot.db", api, rate_limits=RateLimits()) as bot:
        for _ in range(45):
            api.send_text(BERT, "/vraag wat is een buurtbudget", GROUP)
        questions = api.last_update_id
        await api.wait_until(lambda: questions in bot.done, 30)  # every group turn is taken
        people = [User(600 + n, f"Inwoner {n}") for n in range(10)]
        for person in people:
            api.send_text(person, "/help")
        await api.wait_until(lambda: all(api.sent(p.id) for p in people), 30)
        assert all("Zo werkt Wijkbot" in text_of(api.sent(p.id)[0]) for p in people)
        assert len(api.sent(GROUP.id)) < 45 // 2  # the group's answers are still going out


async def test_a_photo_the_chat_refuses_arrives_as_its_text(bot: Running) -> None:
    """A chat that may not get photos (400 "not enough rights") still gets the text the
    photo carried; the bot does not take the chat for gone."""
    api = bot.api
    await bot.register(ANNA)
    api.fail("sendPhoto", 400, "Bad Request: not enough rights to send photos to the chat")
    progress = await bot.say(ANNA, "/voortgang")
    assert not any("photo" in m for m in progress)
    assert any("Startpositie" in text_of(m) for m in progress)
    assert not rows(bot.db, "chats", "chat_id = ? AND status = 'blocked'", [str(ANNA.id)])


async def test_commands_count_only_when_typed_for_this_bot(bot: Running) -> None:
    """A forwarded command is no command; a command for another bot is not ours; an unknown
    command for this bot by name gets an answer in a group too; step commands say where
    they work."""
    api = bot.api
    await bot.register(ANNA)
    forwarded = {"type": "user", "date": 0, "sender_user": BERT.as_dict()}
    text = "/vergeet_mij"
    entities = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    [notice] = await bot.step(
        ANNA.id,
        lambda: api.send_message(
            Chat(ANNA.id), ANNA, text=text, entities=entities, forward_origin=forwarded
        ),
    )
    assert text_of(notice) == engine_texts.FORWARDED_COMMAND
    assert len(rows(bot.db, "members")) == 1  # nothing forgotten

    assert await bot.say(ANNA, "/stap@een_andere_bot") == []
    [unknown] = await bot.say(BERT, f"/onbekend@{BOT['username']}", chat=GROUP)
    assert text_of(unknown) == engine_texts.UNKNOWN_COMMAND.format(command="/onbekend")
    [private_only] = await bot.say(BERT, "/terug", chat=GROUP)
    assert text_of(private_only) == engine_texts.PRIVATE_ONLY
