"""What the clock brings (the adapter asks with `due`): check-ins whose time is up close,
reminders go out before they do, and plans open their check-in."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from ..records import Checkin, Schedule
from ..vocabulary import Delivery, Reply
from . import texts
from .lifecycle import Lifecycle, stamp
from .parse import Start
from .schedule import next_occurrence, when

log = logging.getLogger(__name__)

Job = tuple[str, str | None, Callable[[], list[Reply]]]  # chat, topic, the work


class Clock:
    def __init__(self, lifecycle: Lifecycle) -> None:
        self.lifecycle = lifecycle
        self.kb = lifecycle.kb
        self.store = lifecycle.store

    def due(self, now: datetime) -> tuple[list[Delivery], str | None]:
        """Deadlines, reminders and schedules due at `now`; and when the next thing is due.

        Each is done on its own: one that fails is logged, leaves nothing half done, and is
        tried again at the next look, while the others go ahead.
        """
        moment = stamp(now)
        jobs: list[Job] = []
        for checkin in self.store.checkins_due(moment):
            jobs.append(
                (checkin.chat_id, checkin.thread_id, partial(self.lifecycle.close, checkin, now))
            )
        for checkin in self.store.reminders_due(moment):
            jobs.append((checkin.chat_id, checkin.thread_id, partial(self._remind, checkin)))
        for schedule in self.store.schedules_due(moment):
            jobs.append((schedule.chat_id, schedule.thread_id, partial(self._fire, schedule, now)))
        deliveries = [
            Delivery(chat, replies, thread)
            for chat, thread, job in jobs
            if (replies := self._alone(chat, job))
        ]
        return deliveries, self.store.next_due()

    def _alone(self, chat_id: str, job: Callable[[], list[Reply]]) -> list[Reply]:
        try:
            with self.store.transaction():
                return job()
        except Exception:
            log.exception("What was due in chat %s failed; it is tried again later", chat_id)
            return []

    def _remind(self, checkin: Checkin) -> list[Reply]:
        self.store.mark_reminded(checkin.id or 0)
        return [self._reminder(checkin)]

    def _reminder(self, checkin: Checkin) -> Reply:
        count = len({user for _, user in self.store.checkin_answers(checkin.id or 0)})
        name = self.kb.checkins[checkin.template].name
        closes = when(checkin.closes_at or "")
        return Reply(
            texts.REMINDER.format(name=name, when=closes, participants=texts.participants(count))
        )

    def _fire(self, schedule: Schedule, now: datetime) -> list[Reply]:
        """A plan's time came: its next time set, and its check-in opened (unless one runs)."""
        at = datetime.strptime(schedule.time, "%H:%M").time()
        next_at = next_occurrence(schedule.weekday, at, now).isoformat()
        self.store.set_schedule(schedule.id or 0, next_at=next_at)
        if self.store.open_checkin_in(schedule.chat_id) is not None:
            return [Reply(texts.SKIPPED.format(name=self.kb.checkins[schedule.template].name))]
        start = Start(schedule.template, "", timedelta(hours=schedule.open_hours))
        title = self.store.chat_title(schedule.chat_id)
        return self.lifecycle.open(
            schedule.chat_id, title, start, now, texts.PLANNER, schedule.id, schedule.thread_id
        )
