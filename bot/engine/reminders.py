"""Action reminders: a week before an action's date and on the day itself, from 09:00
Dutch time, to its owner when the owner is a member of the gemeente, else to its
coordinators; each once (also across restarts). /herinneringen turns one's own on or off."""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from ..formatting import DUTCH_TIME, due_date
from ..store import Store
from ..store.records import Action, Member
from . import texts
from .actions import ACTION_PAYLOAD
from .events import Delivery, Option, Reply
from .turn import Turn

log = logging.getLogger(__name__)

FROM = time(9, 0)  # no reminder before this hour, Dutch time
WEEK, DAY = "week", "dag"
LATE = timedelta(days=2)  # a bot that was down that long still sends the day's reminder


class ActionReminders:
    def __init__(self, store: Store) -> None:
        self.store = store

    def due(self, now: datetime) -> list[Delivery]:
        """The reminders due at `now`, each marked sent; one that fails is logged and tried
        again at the next look."""
        local = now.astimezone(DUTCH_TIME)
        if local.time() < FROM:
            return []
        today = local.date()
        windows = {  # kind: due from, due until, made this many days before its date
            WEEK: (today + timedelta(days=1), today + timedelta(days=7), 7),
            DAY: (today - LATE, today, 1),
        }
        deliveries = []
        for kind, (first, last, ahead) in windows.items():
            found = self.store.actions_to_remind(kind, first.isoformat(), last.isoformat(), ahead)
            for action in found:
                try:
                    with self.store.transaction():
                        deliveries += self._remind(action, kind)
                except Exception:
                    log.exception("The reminder for action %s failed; tried again later", action.id)
        return deliveries

    def _remind(self, action: Action, kind: str) -> list[Delivery]:
        self.store.mark_action_reminded(action, kind)
        text = texts.ACTION_REMINDER.format(title=action.title, due=due_date(action.due))
        prefix = f"{ACTION_PAYLOAD}{action.id}:"
        options = (
            Option(texts.REMINDER_DONE, prefix + "klaar"),
            Option(texts.REMINDER_NEW_DATE, prefix + "due"),
            Option(texts.REMINDER_LATER, prefix + "later"),
        )
        return [
            Delivery(member.user_id, [Reply(text, options=options)])
            for member in self._recipients(action)
            if self.store.reminders_on(member.user_id)
        ]

    def _recipients(self, action: Action) -> list[Member]:
        members = self.store.members_of(action.gemeente_id)
        owner = action.owner.strip().casefold()
        owners = [m for m in members if m.name.strip().casefold() == owner]
        return owners or [m for m in members if m.is_coordinator]

    def command(self, turn: Turn, rest: str) -> list[Reply]:
        """/herinneringen [aan|uit]: one's own action reminders."""
        user = turn.event.user_id
        wanted = rest.strip().lower()
        if wanted in ("aan", "uit"):
            self.store.set_reminders(user, wanted == "aan")
        elif wanted:
            return [Reply(texts.REMINDERS_HOW)]
        state = texts.REMINDERS_ON if self.store.reminders_on(user) else texts.REMINDERS_OFF
        return [Reply(f"{state}\n\n{texts.REMINDERS_HOW}")]
