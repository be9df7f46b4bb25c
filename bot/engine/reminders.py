"""Action reminders: a week before an action's date and on the day itself, from 09:00
Dutch time, to its owner when the owner is a member of the gemeente, else to its
coordinators; each once (also across restarts). A weekly digest per gemeente on the day
its coordinator chooses: due soon, overdue, done this week. /herinneringen turns one's own
on or off, and sets the digest's day."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial

from ..formatting import DAYS, DUTCH_TIME, due_date
from ..records import Action, Member
from ..store import Store
from ..vocabulary import Delivery, Option, Reply, Turn
from . import texts
from .actions import ACTION_PAYLOAD, ActionPlan
from .coordinators import only_coordinators

log = logging.getLogger(__name__)

FROM = time(9, 0)  # no reminder before this hour, Dutch time
WEEK, DAY = "week", "dag"
LATE = timedelta(days=2)  # a bot that was down that long still sends the day's reminder


class ActionReminders:
    def __init__(self, store: Store, plan: ActionPlan) -> None:
        self.store = store
        self.plan = plan

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
        jobs: list[tuple[str, Callable[[], list[Delivery]]]] = []
        for kind, (first, last, ahead) in windows.items():
            found = self.store.actions_to_remind(kind, first.isoformat(), last.isoformat(), ahead)
            jobs += [(f"action {a.id}", partial(self._remind, a, kind)) for a in found]
        for gemeente_id in self.store.digests_due(today.weekday(), today.isoformat()):
            jobs.append((f"gemeente {gemeente_id}", partial(self._digest, gemeente_id, today)))
        deliveries = []
        for what, job in jobs:
            try:
                with self.store.transaction():
                    deliveries += job()
            except Exception:
                log.exception("The reminder for %s failed; it is tried again later", what)
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
        return self._to([Reply(text, options=options)], self._recipients(action))

    def _to(self, replies: list[Reply], members: list[Member]) -> list[Delivery]:
        """To each of `members` who has reminders on, in private."""
        return [Delivery(m.user_id, replies) for m in members if self.store.reminders_on(m.user_id)]

    def _digest(self, gemeente_id: int, today: date) -> list[Delivery]:
        """The week's overview of the gemeente's actions, to its members."""
        self.store.mark_digest_sent(gemeente_id, today.isoformat())
        actions = self.store.actions(gemeente_id)
        week = (today + timedelta(days=7)).isoformat()
        open_ = [a for a in actions if a.status == "open" and a.due]
        since = (today - timedelta(days=7)).isoformat()
        parts = {
            texts.DIGEST_SOON: [a for a in open_ if today.isoformat() <= (a.due or "") <= week],
            texts.DIGEST_LATE: [a for a in open_ if (a.due or "") < today.isoformat()],
            texts.DIGEST_DONE: self.store.actions_done_since(gemeente_id, since),
        }
        lines = [
            f"{heading}\n" + "\n".join(f"• {self.plan.describe(a)}" for a in found)
            for heading, found in parts.items()
            if found
        ]
        text = "\n\n".join(lines) or texts.DIGEST_NOTHING
        title = texts.DIGEST_TITLE.format(gemeente=self.store.gemeente_name(gemeente_id))
        return self._to([Reply(text, title=title)], self.store.members_of(gemeente_id))

    def _recipients(self, action: Action) -> list[Member]:
        members = self.store.members_of(action.gemeente_id)
        owner = action.owner.strip().casefold()
        owners = [m for m in members if m.name.strip().casefold() == owner]
        return owners or [m for m in members if m.is_coordinator]

    def command(self, turn: Turn, rest: str) -> list[Reply]:
        """/herinneringen [aan|uit]: one's own reminders; /herinneringen overzicht DAG|uit:
        the gemeente's weekly digest (its coordinators)."""
        assert turn.member is not None
        words = rest.strip().lower().split()
        if words in (["aan"], ["uit"]):
            self.store.set_reminders(turn.event.user_id, words == ["aan"])
        elif words[:1] == ["overzicht"]:
            if refused := self._set_digest(turn.member, words[1:]):
                return [Reply(refused)]
        elif words:
            return [Reply(texts.REMINDERS_UNCLEAR)]
        return [Reply(self._state(turn.member))]

    def _set_digest(self, member: Member, words: list[str]) -> str | None:
        """The digest's day set (or off); else why not."""
        if not member.is_coordinator:
            return only_coordinators(self.store, member, texts.DIGEST_ONLY_COORDINATOR)
        if words == ["uit"]:
            self.store.set_digest_day(member.gemeente_id, None)
            return None
        if len(words) != 1 or words[0] not in DAYS:
            return texts.REMINDERS_UNCLEAR
        self.store.set_digest_day(member.gemeente_id, DAYS.index(words[0]))
        return None

    def _state(self, member: Member) -> str:
        own = texts.REMINDERS_ON if self.store.reminders_on(member.user_id) else texts.REMINDERS_OFF
        day = self.store.digest_day(member.gemeente_id)
        digest = texts.DIGEST_OFF if day is None else texts.DIGEST_ON.format(day=DAYS[day])
        return f"{own}\n{digest}\n\n{texts.REMINDERS_HOW}"
