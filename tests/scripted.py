"""Shared helpers for the end-to-end tests: a user typing into `wijkbot chat`.

`chat` runs the real command (CliRunner), so every call is a fresh process as far as the
bot knows: the options of an earlier call are forgotten, the database is all that stays.
The knowledge base and its matcher are loaded once per test session (from its content cache)
instead of once per call, only to keep the tests fast; the command itself is unchanged.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from unittest import mock

import sqlite_utils
from click.testing import CliRunner, Result

from bot import cli, content, services
from bot.console import PROMPT_BOT, Console
from bot.content import Knowledge, load_knowledge
from bot.engine.operators import Operators
from bot.matcher import Matcher
from bot.parts_cache import load_cached
from bot.services import build_services
from bot.store import Store
from bot.vocabulary import Event

ROOT = Path(__file__).resolve().parent.parent
GEMEENTE = "Oude IJsselstreek"
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
NEXT_YEAR = date.today().year + 1

# The answers of a whole walk, as a user types them. Each step opens with /stap N, so a
# script works on its own and after any other.
REGISTER = ("/start", "Oude Ijselstreek", GEMEENTE)  # a typo, then the name from the options
NOORD = (
    "Veel jonge gezinnen en ouderen",
    "Eenzaamheid onder ouderen",
    "Wijkteam, huisarts en woningcorporatie",
    "Buren helpen elkaar",
    "Weinig plekken om elkaar te ontmoeten",
    "Overgewicht bij jongeren",
    "CBS-cijfers en een buurtschouw",
    "1",  # herkenning: Ja, zij herkennen het
    "Een buurthuis in de oude school",
)
ZUID = (
    "Vooral alleenstaanden en studenten",
    "Armoede en schulden",
    "Welzijn en de wijkagent",
    "Een actieve kerk",
    "Een onveilig gevoel op straat",
    "Veel mensen met chronische ziekten",
    "Gesprekken met sleutelfiguren",
    "2",  # herkenning: Deels
    "/overslaan",  # oplossingen is optional
)
STEP1 = ("/stap 1", "Noord, Zuid", *NOORD, *ZUID, "2, 1")
PHASES = ("2", "3", "2", "1", "4", "1")  # the six themes, in the order of the flow
STEP2 = ("/stap 2", *PHASES)
REASON_AANPAK = "Partners in de wijk hebben al veel energie; wij sluiten daarbij aan."
REASON_ROL = "Ons team biedt nu al lichte hulp en dat werkt goed."
STEP3 = ("/stap 3", "2", REASON_AANPAK, "2", REASON_ROL)
ACTION_1 = ("Een wijkvisie schrijven met bewoners", "Anna de Vries", f"1 maart {NEXT_YEAR}")
ACTION_2 = ("Wijkafspraken in de contracten", "Team inkoop", f"01-06-{NEXT_YEAR}")
STEP4 = ("/stap 4", "1, 3", *ACTION_1, *ACTION_2)


_MATCHER_FOR = Matcher.for_knowledge  # the real one, before run() stands in for it


@cache
def _parts() -> tuple[Knowledge, Matcher]:
    """The checkout's content and its matcher, as every engine gets them: from the test
    session's content cache (bot/parts_cache.py, tests/conftest.py) once some process of
    the session has built them, else built here and kept there."""

    def build() -> tuple[Knowledge, Matcher]:
        kb = load_knowledge(ROOT)
        return kb, _MATCHER_FOR(kb)

    return load_cached(build, ROOT)


def knowledge() -> Knowledge:
    return _parts()[0]


def matcher() -> Matcher:
    return _parts()[1]


def run(*args: str, input: str | None = None) -> Result:
    """`wijkbot ARGS` with stdin `input`; the exit code is left to the caller."""
    with (
        mock.patch.object(content, "load_knowledge", knowledge),
        mock.patch.object(services.Matcher, "for_knowledge", lambda *_, **__: matcher()),
    ):
        return CliRunner().invoke(cli.main, list(args), input=input)


def chat(db: Path, *lines: str, user: str = "anna") -> list[str]:
    """Type the lines as `user`; return the printed replies, one block per reply."""
    result = run("chat", "--db", str(db), "--user", user, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [block.strip() for block in result.stdout.split(PROMPT_BOT) if block.strip()]


def options(block: str) -> list[str]:
    return re.findall(r"^\d+\) (.+)$", block, flags=re.MULTILINE)


def first(replies: list[str], text: str) -> str:
    """The first reply that contains `text`."""
    found = [reply for reply in replies if text in reply]
    assert found, f"no reply contains {text!r}:\n\n" + "\n\n".join(replies)
    return found[0]


def around(replies: list[str], text: str) -> tuple[str, str, str]:
    """The reply before the first one that contains `text`, that one, and the one after."""
    at = replies.index(first(replies, text))
    assert 0 < at < len(replies) - 1, replies
    return replies[at - 1], replies[at], replies[at + 1]


def heading(reply: str) -> str:
    return reply.splitlines()[0]


def headings(replies: list[str]) -> list[str]:
    """The 'Stap N van 4, vraag ...' headings, in the order they were asked."""
    return [heading(r) for r in replies if re.match(r"Stap \d van 4, vraag ", heading(r))]


def register(db: Path, user: str = "anna", gemeente: str = GEMEENTE) -> list[str]:
    replies = chat(db, "/start", gemeente, user=user)
    assert "coördinator" in replies[-1], replies
    return replies


def invite(db: Path, user: str = "anna") -> str:
    """A fresh invitation code made by the coordinator `user`."""
    [reply] = chat(db, "/uitnodigen", user=user)
    found = re.search(r"/start join-([A-Z0-9]+)", reply)
    assert found, reply
    return found[1]


def join(db: Path, user: str, coordinator: str = "anna") -> list[str]:
    replies = chat(db, f"/start join-{invite(db, coordinator)}", user=user)
    assert "U bent nu lid van" in replies[0], replies
    return replies


def export(db: Path, gemeente: str | None = GEMEENTE) -> Any:
    args = ["export", "--db", str(db), "--json"]
    result = run(*args, *(["--gemeente", gemeente] if gemeente else []))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def answer_rows(db: Path, **where: str) -> list[dict[str, Any]]:
    """Rows of the answers table (oldest first), with `value` decoded."""
    clause = " AND ".join(f"{key} = ?" for key in where) or None
    rows = sqlite_utils.Database(db)["answers"].rows_where(
        clause, list(where.values()), order_by="id"
    )
    return [{**row, "value": json.loads(row["value"])} for row in rows]


def count(db: Path, table: str) -> int:
    return sqlite_utils.Database(db)[table].count


def dump(db: Path) -> list[str]:
    """The whole database as SQL, to show that a message changed nothing."""
    with sqlite3.connect(db) as connection:
        lines = list(connection.iterdump())
    connection.close()
    return lines


class InProcess:
    """The engine on a store whose clock the test moves, typed into through `Console`."""

    def __init__(
        self,
        path: Path,
        now: datetime = datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
        operators: Operators | None = None,
    ):
        self.now = now
        self.store = Store(path, clock=lambda: self.now)
        self.services = build_services(
            path, knowledge(), store=self.store, matcher=matcher(), operators=operators
        )
        self.out = io.StringIO()
        self.consoles: dict[str, Console] = {}

    def console(self, user: str) -> Console:
        return self.consoles.setdefault(user, Console(self.services.engine, user, self.out))

    def say(self, user: str, *lines: str) -> list[str]:
        """Type the lines as `user`; return the replies to the last one."""
        for line in lines:
            start = self.out.tell()
            self.console(user).send(line)
        printed = self.out.getvalue()[start:]
        return [block.strip() for block in printed.split(PROMPT_BOT) if block.strip()]

    def press(self, user: str, payload: str) -> list[str]:
        """Send button data as Telegram would, whatever the user was last shown."""
        ids = {"chat_id": f"console:{user}", "user_id": f"console:{user}"}
        event = Event(payload=payload, user_name=user, **ids)
        return [reply.text for reply in self.services.engine.handle(event)]

    def close(self) -> None:
        self.services.close()
