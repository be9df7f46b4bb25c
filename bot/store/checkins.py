"""Group check-ins: what was asked, every answer (appended, the latest counts), schedules,
and which group belongs to which gemeente."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlite_utils

from ..records import Checkin, Schedule
from .rows import new_id

OPEN, CLOSED = "open", "closed"
ACTIVE, CANCELLED, STOPPED = "active", "cancelled", "stopped"


class Checkins:
    db: sqlite_utils.Database
    now: Callable[[], str]

    # -- check-ins and answers ----------------------------------------------------------------

    def open_checkin(self, checkin: Checkin) -> int:
        row = {k: v for k, v in vars(checkin).items() if k not in ("id", "options", "results")}
        row |= {"options": json.dumps(checkin.options), "results": None, "status": OPEN}
        row["gemeente_id"] = self.group_gemeente(checkin.chat_id)  # the one it runs under
        with self.db.atomic():
            return new_id(self.db.table("checkins").insert(row))

    def checkin(self, checkin_id: int) -> Checkin | None:
        return self._checkin_where("id = ?", [checkin_id])

    def open_checkin_in(self, chat_id: str) -> Checkin | None:
        return self._checkin_where("chat_id = ? AND status = ?", [chat_id, OPEN])

    def previous_checkin(self, chat_id: str, template: str, before: int) -> Checkin | None:
        """The latest closed check-in of this template in this chat before `before`."""
        return self._checkin_where(
            "chat_id = ? AND template = ? AND status = ? AND id < ?",
            [chat_id, template, CLOSED, before],
        )

    def checkins_due(self, now: str) -> list[Checkin]:
        rows = self.db.table("checkins").rows_where(
            "status = ? AND closes_at IS NOT NULL AND closes_at <= ?", [OPEN, now], order_by="id"
        )
        return [_checkin(row) for row in rows]

    def reminders_due(self, now: str) -> list[Checkin]:
        rows = self.db.table("checkins").rows_where(
            "status = ? AND reminded_at IS NULL AND remind_at <= ?", [OPEN, now], order_by="id"
        )
        return [_checkin(row) for row in rows]

    def mark_reminded(self, checkin_id: int) -> None:
        with self.db.atomic():
            self.db.table("checkins").update(checkin_id, {"reminded_at": self.now()})

    def close_checkin(self, checkin_id: int, results: dict[str, Any], at: str) -> None:
        with self.db.atomic():
            self.db.table("checkins").update(
                checkin_id, {"status": CLOSED, "closed_at": at, "results": json.dumps(results)}
            )

    def add_checkin_answer(
        self, checkin_id: int, question: str, user_id: str, user_name: str, value: Any
    ) -> None:
        row = {
            "checkin_id": checkin_id,
            "question": question,
            "user_id": user_id,
            "user_name": user_name,
            "value": json.dumps(value),
            "answered_at": self.now(),
        }
        with self.db.atomic():
            self.db.table("checkin_answers").insert(row)

    def checkin_answers(self, checkin_id: int) -> dict[tuple[str, str], tuple[str, Any]]:
        """(question, user) -> (name, value): each member's latest answer to each question."""
        rows = self.db.execute(
            "SELECT question, user_id, user_name, value FROM checkin_answers"
            " WHERE checkin_id = ? ORDER BY id",
            [checkin_id],
        ).fetchall()
        return {(q, user): (name, json.loads(value)) for q, user, name, value in rows}

    def checkin_answers_of(
        self, checkin_id: int, question: str, user_id: str, count: int = 2
    ) -> list[tuple[Any, str]]:
        """A member's latest `count` answers to one question, newest first: (value, when)."""
        rows = self.db.execute(
            "SELECT value, answered_at FROM checkin_answers"
            " WHERE checkin_id = ? AND question = ? AND user_id = ? ORDER BY id DESC LIMIT ?",
            [checkin_id, question, user_id, count],
        ).fetchall()
        return [(json.loads(value), at) for value, at in rows]

    def closed_checkins_of(self, gemeente_id: int) -> list[Checkin]:
        """Closed check-ins that ran under this gemeente, oldest first."""
        rows = self.db.query(
            "SELECT * FROM checkins WHERE gemeente_id = ? AND status = ? ORDER BY id",
            [gemeente_id, CLOSED],
        )
        return [_checkin(row) for row in rows]

    def _checkin_where(self, where: str, params: list[Any]) -> Checkin | None:
        rows = self.db.table("checkins").rows_where(where, params, order_by="id desc", limit=1)
        return next((_checkin(row) for row in rows), None)

    # -- schedules ----------------------------------------------------------------------------

    def add_schedule(self, schedule: Schedule) -> int:
        row = {k: v for k, v in vars(schedule).items() if k != "id"}
        with self.db.atomic():
            return new_id(self.db.table("checkin_schedules").insert(row))

    def schedules(self, chat_id: str) -> list[Schedule]:
        rows = self.db.table("checkin_schedules").rows_where(
            "chat_id = ? AND status = ?", [chat_id, ACTIVE], order_by="id"
        )
        return [Schedule(**row) for row in rows]

    def schedules_due(self, now: str) -> list[Schedule]:
        rows = self.db.table("checkin_schedules").rows_where(
            "status = ? AND next_at <= ?", [ACTIVE, now], order_by="next_at"
        )
        return [Schedule(**row) for row in rows]

    def next_due(self) -> str | None:
        """The earliest moment something is due: a schedule, a reminder or a deadline."""
        row = self.db.execute(
            "SELECT MIN(t) FROM ("
            " SELECT next_at AS t FROM checkin_schedules WHERE status = ?"
            " UNION ALL SELECT remind_at FROM checkins WHERE status = ? AND reminded_at IS NULL"
            " UNION ALL SELECT closes_at FROM checkins WHERE status = ?)",
            [ACTIVE, OPEN, OPEN],
        ).fetchone()
        return row[0]

    def set_schedule(self, schedule_id: int, **changes: Any) -> None:
        with self.db.atomic():
            self.db.table("checkin_schedules").update(schedule_id, changes)

    def stop_schedules(self, chat_id: str, status: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE checkin_schedules SET status = ?, ended_at = ? WHERE chat_id = ?"
                " AND status = ?",
                [status, self.now(), chat_id, ACTIVE],
            )

    # -- groups and gemeenten -----------------------------------------------------------------

    def link_group(self, chat_id: str, gemeente_id: int, by: str) -> None:
        """The group's check-ins count for this gemeente from now on; so do the ones it ran
        before it was linked to any. Those that ran under another gemeente stay with it."""
        row = {"chat_id": chat_id, "gemeente_id": gemeente_id, "linked_by": by}
        with self.db.atomic():
            self.db.table("group_links").upsert(row | {"linked_at": self.now()}, pk="chat_id")
            self.db.execute(
                "UPDATE checkins SET gemeente_id = ? WHERE chat_id = ? AND gemeente_id IS NULL",
                [gemeente_id, chat_id],
            )

    def group_gemeente(self, chat_id: str) -> int | None:
        row = self.db.execute(
            "SELECT gemeente_id FROM group_links WHERE chat_id = ?", [chat_id]
        ).fetchone()
        return row[0] if row else None


def _checkin(row: dict[str, Any]) -> Checkin:
    row = dict(row)
    del row["status"], row["gemeente_id"]
    row["options"] = [tuple(o) for o in json.loads(row["options"])]
    row["results"] = json.loads(row["results"]) if row["results"] else None
    return Checkin(**row)
