"""Check-ins in a group, as the rest of the bot calls them: `CheckinService`.

The engine calls it for the check-in commands, for their buttons (`ci:` payloads) and for
replies in a group; the adapter's clock calls `due`, and `chat_left` when the bot leaves a
group. The work is done by commands.py (the leaders' commands), answering.py (members'
presses and replies), clock.py (deadlines, reminders, plans) and lifecycle.py (opening and
closing a check-in); what differs per kind of check-in is in kinds/.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..content import Knowledge
from ..store import Store
from ..store.checkins import STOPPED
from ..vocabulary import Delivery, Reply, Turn
from . import answering, payloads, texts
from .clock import Clock
from .commands import Commands
from .kinds.base import DeepLink
from .kinds.phases import explain as explain_phases
from .lifecycle import Lifecycle

PAYLOAD = payloads.PAYLOAD

__all__ = ["PAYLOAD", "CheckinService", "Delivery"]


class CheckinService:
    def __init__(self, kb: Knowledge, store: Store, files: Path, deep_link: DeepLink) -> None:
        self.kb = kb
        self.store = store
        self.lifecycle = Lifecycle(kb, store, files, deep_link)
        self.commands = Commands(self.lifecycle)
        self.clock = Clock(self.lifecycle)

    # -- commands (bot/engine/engine.py maps them) ----------------------------------------------

    def start_command(self, turn: Turn, args: str) -> list[Reply]:
        return self.commands.start(turn, args)

    def close_command(self, turn: Turn, args: str) -> list[Reply]:
        return self.commands.close(turn, args)

    def plan_command(self, turn: Turn, args: str) -> list[Reply]:
        return self.commands.plan(turn, args)

    def plans_command(self, turn: Turn, args: str) -> list[Reply]:
        return self.commands.plans(turn, args)

    def link_command(self, turn: Turn, args: str) -> list[Reply]:
        return self.commands.link(turn, args)

    # -- buttons and replies ------------------------------------------------------------------

    def press(self, turn: Turn, payload: str) -> list[Reply]:
        """A button of a check-in: the menu's start, a plan's stop, or a member's answer."""
        action, _, rest = payload.removeprefix(PAYLOAD).partition(":")
        if action == payloads.START:
            return self.commands.start(turn, rest)
        number, _, answer = rest.partition(":")
        if not number.isdigit() or (action == payloads.ANSWER and ":" not in answer):
            return [Reply(texts.NOT_A_POINT)]  # forged or broken data
        if action == payloads.STOP:
            return self.commands.cancel_plan(turn, int(number))
        item, _, value = answer.partition(":")
        return [answering.press(self.store, turn, int(number), item, value)]

    def open_answer(self, turn: Turn, text: str) -> list[Reply] | None:
        """A reply to the bot while an open round runs: that member's answer (else None)."""
        return answering.reply(self.store, turn, text)

    def explain(self, theme_key: str) -> list[Reply]:
        """The four phases of one theme (the 'Uitleg fasen' link of a quick scan)."""
        return explain_phases(self.kb, theme_key)

    # -- the clock, and the bot leaving a group ------------------------------------------------

    def due(self, now: datetime) -> tuple[list[Delivery], str | None]:
        """Deadlines, reminders and schedules due at `now`; and when the next thing is due."""
        return self.clock.due(now)

    def chat_left(self, chat_id: str) -> None:
        """The bot left the group: close what runs (results kept, nothing sent), stop plans."""
        checkin = self.store.open_checkin_in(chat_id)
        if checkin is not None:
            self.lifecycle.close(checkin, self.lifecycle.now())
        self.store.stop_schedules(chat_id, STOPPED)
