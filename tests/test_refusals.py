"""Every command and every kind of button, tried by people who have no business with a
gemeente's data: a stranger, the coordinator of another gemeente and a removed member, in
a private chat and in the gemeente's own group. Each gets a Dutch refusal or a harmless
reply, and the database stays exactly as it was (apart from their own traces: where they
are in a conversation, an anonymous unanswered question, the inbox and outbox).

The commands come from the engine's one table of commands and the buttons from its table
of payload prefixes, so a new one is tried here without anyone listing it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.checkins import texts as checkin_texts
from bot.engine import ChatType, Event, Reply, texts
from bot.engine.operators import Operators, Registration
from bot.engine.texts import UNKNOWN_BUTTON
from tests.botapi import Chat, User, text_of
from tests.telegram_harness import Running

from .scripted import STEP2, STEP4, InProcess

OLGA = "console:olga"  # the operator
GROUP = "-100900"  # Oude IJsselstreek's own group
ACTORS = {
    "stranger": "sam",
    "other gemeente": "finn",  # a member of Aalten
    "removed member": "rob",  # was a member of Oude IJsselstreek
}
# What a command is given after its name, where one is needed to try something real.
ARGUMENTS = {
    "stap": "2",
    "koppel": "GM0197",
    "checkin": "energie",
    "checkin_sluit": "namen",
    "checkin_plan": "energie maandag 09:00 48",
    "vraag": "Waar kan ik een partytent lenen?",
}
# Traces of the actor's own that may change (their own place in a conversation included).
OWN_TABLES = frozenset({"inbox", "outbox", "health", "unanswered", "buttons", "chats"})
SECRETS = ("partytent", "Een wijkvisie", "Anna de Vries", "console:bert")


class World:
    """Oude IJsselstreek (anna coordinates, bert is a member, rob was removed) with its
    answers, actions, a question handed on, a linked group with a plan and a running
    check-in; Aalten (eve coordinates, finn is a member); a claim by paula on Zutphen, pending."""

    def __init__(self, path: Path) -> None:
        self.bot = InProcess(path, operators=Operators(Registration.APPROVAL, frozenset({OLGA})))
        for user, name, code in (
            ("anna", "Oude IJsselstreek", "GM1509"),
            ("eve", "Aalten", "GM0197"),
        ):
            self.register(user, name, code)
            self.approve()
        for coordinator, colleague in (("anna", "bert"), ("anna", "rob"), ("eve", "finn")):
            said = self.bot.say(coordinator, "/uitnodigen")[0]
            self.bot.say(colleague, f"/start join-{said.split('/start join-')[1].split()[0]}")
        self.bot.press("anna", "rm:console:rob")
        self.bot.say("anna", *STEP2)
        self.bot.say("anna", *STEP4)
        self.bot.say("anna", "Waar kan ik een partytent lenen voor het buurtfeest?")
        # to her own gemeente: a coordinator is offered no button for that, the handler takes it
        [last] = self.bot.store.db.execute("SELECT MAX(id) FROM unanswered").fetchone()
        self.bot.press("anna", f"vg:{last}")
        self.group("anna", "/koppel GM1509", admin=True)
        self.group("anna", "/checkin_plan energie maandag 09:00 48", admin=True)
        self.group("anna", "/checkin energie", admin=True)
        self.register("paula", "Zutphen", "GM0301")

    def register(self, user: str, name: str, code: str) -> None:
        self.bot.say(user, "/start", name)

    def approve(self) -> None:
        [claim] = self.bot.store.pending_claims()
        self.bot.press("olga", f"aanvraag:{claim.id}:ja")

    def group(self, user: str, text: str | None = None, payload: str | None = None,
              admin: bool = False) -> list[Reply]:  # fmt: skip
        return self.handle(user, ChatType.GROUP, text, payload, admin)

    def handle(self, user: str, chat: ChatType, text: str | None = None,
               payload: str | None = None, admin: bool = False) -> list[Reply]:  # fmt: skip
        event = Event(
            chat_id=GROUP if chat is ChatType.GROUP else f"console:{user}",
            user_id=f"console:{user}",
            chat_type=chat,
            text=text,
            payload=payload,
            user_name=user,
            chat_title="Wijknetwerk Oude IJsselstreek",
            is_admin=admin,
        )
        return self.bot.services.engine.handle(event)

    def payloads(self) -> dict[str, str]:
        """Per button prefix, data that aims at Oude IJsselstreek's things where it can."""
        store = self.bot.store
        [checkin] = store.db.execute("SELECT id FROM checkins").fetchone()
        [schedule] = store.db.execute("SELECT id FROM checkin_schedules").fetchone()
        [question] = store.db.execute("SELECT id FROM questions").fetchone()
        [asked] = store.db.execute("SELECT unanswered_id FROM questions").fetchone()
        [action] = store.db.execute("SELECT id FROM actions").fetchone()
        [claim] = store.pending_claims()
        aimed = {
            "q:": "q:x:0",
            "kb:": "kb:nonexistent",
            "cmd:": "cmd:/voortgang",
            "gm:": "gm:GM1509",
            "ci:": f"ci:stop:{schedule}",
            "vg:": f"vg:{asked}",
            "vk:": "vk:GM1509",
            "avg:": "avg:nee",
            "aanvraag:": f"aanvraag:{claim.id}:ja",
            "step:": "step:2",
            "act:": f"act:{action}:klaar",
            "cl:": "cl:1",
            "rm:": "rm:console:bert",
            "co:": "co:console:bert",
            "va:": f"va:{question}",
            "vb:": f"vb:{question}",
            "blijf:": "blijf:",
            "besluit:": "besluit:",
            "vergelijk:": "vergelijk:aan",
        }
        extra = {"ci:start": "ci:start:energie", "ci:a": f"ci:a:{checkin}:x:9", "ci:bad": "ci:a:x"}
        return {**aimed, **extra}


def dump(db: Path, actor: str = "") -> list[str]:
    """The database as SQL, without the actor's own traces (where they are in a
    conversation, given their user id) and the chats the bot saw."""
    with sqlite3.connect(db) as connection:
        lines = list(connection.iterdump())
    connection.close()
    own = tuple(f'INSERT INTO "{table}"' for table in OWN_TABLES)
    return [
        line for line in lines
        if not line.startswith(own)
        and not (actor and line.startswith('INSERT INTO "conversations"') and actor in line)
    ]  # fmt: skip


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    world = World(tmp_path_factory.mktemp("refusals") / "wijkbot.db")
    yield world
    world.bot.close()


def tries(world: World) -> Iterator[tuple[str, str, str | None, str | None]]:
    engine = world.bot.services.engine
    for name in engine.command_names:
        yield "/" + name, f"/{name} {ARGUMENTS.get(name, '')}".strip(), None
    for prefix, payload in world.payloads().items():
        yield prefix, None, payload


def test_nobody_without_a_right_changes_or_sees_a_gemeentes_data(world: World) -> None:
    engine = world.bot.services.engine
    assert len(engine.command_names) >= 20 and len(engine.button_prefixes) >= 15
    missing = set(engine.button_prefixes) - set(world.payloads())
    assert not missing, f"add data for the new buttons {missing} to World.payloads"
    first: dict[tuple[str, ChatType, str], str] = {}  # the first reply per case
    for role, actor in ACTORS.items():
        before = dump(world.bot.store.path, f"console:{actor}")  # each try must leave it so
        for chat in ChatType:
            for what, text, payload in tries(world):
                replies = world.handle(actor, chat, text, payload)
                case = f"{what} by the {role} in a {chat} chat"
                assert replies or chat is ChatType.GROUP, case
                for reply in replies:
                    assert reply.text.strip(), case
                    assert not any(secret in reply.text for secret in SECRETS), (case, reply.text)
                    assert reply.chat_id in (None, f"console:{actor}"), (case, reply)
                first[role, chat, what] = replies[0].text if replies else ""
                after = dump(world.bot.store.path, f"console:{actor}")
                assert after == before, (case, set(after) ^ set(before))

    for (role, chat, what), said in first.items():
        case = f"{what} by the {role} in a {chat} chat"
        if what in PROTECTED_BUTTONS:
            assert said in REFUSALS, (case, said)
        if what in LEADER_COMMANDS and chat is ChatType.GROUP:
            assert said.startswith("Alleen"), (case, said)
        if what in MEMBER_COMMANDS and chat is ChatType.PRIVATE and role != "other gemeente":
            assert said.startswith(texts.NOT_A_MEMBER), (case, said)
        if what in MEMBER_COMMANDS and chat is ChatType.GROUP:
            assert said == texts.PRIVATE_ONLY, (case, said)


# Buttons that would change or show a gemeente's things: a refusal for all three.
PROTECTED_BUTTONS = {"rm:", "co:", "act:", "va:", "vb:", "aanvraag:", "ci:", "ci:start", "ci:a"}
REFUSALS = {
    texts.STALE_OPTION,
    texts.COORDINATORS_ONLY[1].format(names="eve"),  # Finn's own coordinator, in Aalten
    texts.OPERATORS_ONLY,
    texts.PRIVATE_ONLY,
    checkin_texts.NOT_A_POINT,
    checkin_texts.ONLY_IN_GROUPS,
    checkin_texts.ONLY_LEADERS,
}
LEADER_COMMANDS = {"/checkin", "/checkin_sluit", "/checkin_plan", "/koppel"}
MEMBER_COMMANDS = {"/stap", "/voortgang", "/checklist", "/acties", "/rapport", "/uitnodigen",
                   "/leden", "/open_vragen"}  # fmt: skip


def test_a_check_in_answer_forged_into_a_private_chat_does_not_count(world: World) -> None:
    [checkin] = world.bot.store.db.execute("SELECT id FROM checkins").fetchone()
    before = dump(world.bot.store.path, "console:sam")
    pressed = world.handle("sam", ChatType.PRIVATE, payload=f"ci:a:{checkin}::wijkteams")
    assert [r.text for r in pressed] == [checkin_texts.NOT_A_POINT]
    assert dump(world.bot.store.path, "console:sam") == before


async def test_over_telegram_a_stranger_and_a_demoted_admin_are_refused_in_the_group(
    bot: Running,
) -> None:
    anna, sam, dora = User(501, "Anna"), User(777, "Sam"), User(778, "Dora")
    group = Chat(-100400, "supergroup", "Wijknetwerk Oost")
    await bot.register(anna)
    bot.api.admins[group.id] = {anna.id, dora.id}
    await bot.say(anna, "/koppel GM1509", group)
    [plan] = await bot.say(anna, "/checkin_plan energie maandag 09:00 48", group)
    bot.api.admins[group.id] = {anna.id}  # Dora is an administrator no more
    before = dump(bot.db)
    for user in (sam, dora):
        for command in ("/checkin energie", "/checkin_sluit", "/koppel GM0197", "/leden"):
            [said] = await bot.say(user, command, group)
            assert text_of(said).startswith(("Alleen", texts.PRIVATE_ONLY)), (user, command)
        toast = await bot.toast(user, plan, data="ci:stop:1")  # data no button of ours carries
        assert toast == UNKNOWN_BUTTON
    assert dump(bot.db) == before
