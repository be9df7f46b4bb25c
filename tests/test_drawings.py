"""Charts and reports never hold back another chat: the engine names the file in the turn,
and its drawing thread has it made (an `aside` call; bot/drawing_process.py) while the
postman waits with that chat's mail only. Over HTTP against the stand-in Bot API.

How a drawing is held without a hook in the bot: the test gives the engine's drawing thread
a call of its own that waits for the test's word (tests/held_aside.py), as a long report
would keep it busy; the report's drawing waits behind it there.
"""

from __future__ import annotations

from pathlib import Path

from tests.botapi import StandInBotAPI, User, text_of
from tests.held_aside import held
from tests.scripted import PHASES
from tests.telegram_harness import Message, running_bot

ANNA = User(501, "Anna")
BERT = User(502, "Bert")


def documents(api: StandInBotAPI, user: User) -> list[bytes]:
    """The start of each file the bot sent the user, in order."""
    return [c.files["document"][:2] for c in api.called("sendDocument") if c.chat_id == user.id]


def uploading(api: StandInBotAPI, user: User) -> bool:
    """The user's chat shows that a file is on its way."""
    actions = api.called("sendChatAction")
    return any(
        c.chat_id == user.id and c.params.get("action") == "upload_document" for c in actions
    )


async def test_while_a_report_is_drawn_another_chat_is_answered_and_the_report_follows(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    """Would catch a report drawn in the turn or in the engine's own line (its files would
    come while the drawing thread is held, or Bert's answer would not), a wait for it that
    Anna's chat does not show, and a report whose files come twice or out of order."""
    async with running_bot(tmp_path / "wijkbot.db", api) as bot:
        await bot.register(ANNA)
        before = len(api.sent(ANNA.id))
        async with held(bot.engine):
            api.send_text(ANNA, "/rapport")
            await bot.taken(api.last_update_id)  # its mail waits for the Word file
            api.send_text(BERT, "/help")
            [help_for_bert] = await api.wait_for_messages(BERT.id, 1)
            assert "/vraag" in text_of(help_for_bert)
            assert api.sent(ANNA.id)[before:] == []  # the report could not be made yet
            await api.wait_until(lambda: uploading(api, ANNA))  # "sending a file…" meanwhile
        await bot.handled(api.last_update_id)
        await bot.say(ANNA, "/help")  # a sentinel: nothing more of the report after it
        assert documents(api, ANNA) == [b"PK", b"# "]  # the Word file, then the Markdown, once
        assert len(api.sent(ANNA.id)[before:]) == 3  # and nothing else before the sentinel


async def test_a_chart_that_cannot_be_made_leaves_the_text_to_go_alone(
    api: StandInBotAPI, tmp_path: Path
) -> None:
    """The folder for charts and reports cannot be made (a file has its name): the profile
    after step 2 and /voortgang come as text without their chart, and the bot goes on."""
    db = tmp_path / "wijkbot.db"
    Path(f"{db}-bestanden").write_text("no folder", encoding="utf-8")
    async with running_bot(db, api) as bot:
        await bot.register(ANNA)
        [question] = await bot.say(ANNA, "/stap 2")  # its introduction and first question
        replies: list[Message] = []
        for phase in PHASES:
            replies = await bot.press(ANNA, question, f"Fase {phase}:")
            question = replies[-1]
        assert any("Visie en inspiratie" in text_of(m) for m in replies)  # the profile
        progress = await bot.say(ANNA, "/voortgang")
        assert any("Startpositie" in text_of(m) for m in progress)
        assert not api.called("sendPhoto")
