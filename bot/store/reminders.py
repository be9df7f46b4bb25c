"""Action reminders: which were sent (once per action, kind and due date, so a new date
brings new ones), and who turned theirs off."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from .actions import _action
from .records import Action


class Reminders:
    db: sqlite_utils.Database
    now: Callable[[], str]

    def actions_to_remind(self, kind: str, first: str, last: str, ahead: int) -> list[Action]:
        """Open actions due from `first` to `last` (ISO dates) that existed `ahead` days
        before their date, and had no `kind` reminder for that date yet."""
        rows = self.db.execute(
            "SELECT * FROM actions a WHERE status = 'open' AND due BETWEEN ? AND ?"
            " AND substr(created_at, 1, 10) <= date(due, ?) AND NOT EXISTS (SELECT 1"
            " FROM action_reminders r WHERE r.action_id = a.id AND r.kind = ? AND r.due = a.due)"
            " ORDER BY id",
            [first, last, f"-{ahead} days", kind],
        )
        columns = [c[0] for c in rows.description]
        return [_action(dict(zip(columns, row, strict=True))) for row in rows.fetchall()]

    def mark_action_reminded(self, action: Action, kind: str) -> None:
        row = {"action_id": action.id, "kind": kind, "due": action.due, "sent_at": self.now()}
        with self.db.atomic():
            self.db.table("action_reminders").insert(row)

    def reminders_on(self, user_id: str) -> bool:
        row = self.db.execute(
            "SELECT reminders FROM members WHERE user_id = ? AND removed_at IS NULL", [user_id]
        ).fetchone()
        return bool(row[0]) if row else False

    def set_reminders(self, user_id: str, on: bool) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE members SET reminders = ? WHERE user_id = ? AND removed_at IS NULL",
                [int(on), user_id],
            )
