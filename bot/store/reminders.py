"""Action reminders: which were sent (once per action, kind and due date, so a new date
brings new ones), and who turned theirs off."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from ..records import Action
from .actions import _action


class Reminders:
    db: sqlite_utils.Database
    now: Callable[[], str]
    action: Callable[[int], Action | None]

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

    def digests_due(self, weekday: int, today: str) -> list[int]:
        """The gemeenten whose weekly digest is on `weekday` and not yet sent `today`."""
        rows = self.db.execute(
            "SELECT id FROM gemeenten WHERE digest_day = ? AND"
            " (digest_sent IS NULL OR digest_sent < ?) ORDER BY id",
            [weekday, today],
        )
        return [gemeente_id for (gemeente_id,) in rows.fetchall()]

    def mark_digest_sent(self, gemeente_id: int, today: str) -> None:
        with self.db.atomic():
            self.db.table("gemeenten").update(gemeente_id, {"digest_sent": today})

    def digest_day(self, gemeente_id: int) -> int | None:
        row = self.db.execute("SELECT digest_day FROM gemeenten WHERE id = ?", [gemeente_id])
        return row.fetchone()[0]

    def set_digest_day(self, gemeente_id: int, weekday: int | None) -> None:
        with self.db.atomic():
            self.db.table("gemeenten").update(gemeente_id, {"digest_day": weekday})

    def actions_done_since(self, gemeente_id: int, since: str) -> list[Action]:
        """The gemeente's actions that are done and were marked so since `since` (ISO)."""
        done = self.db.execute(
            "SELECT DISTINCT v.action_id FROM action_versions v JOIN actions a"
            " ON a.id = v.action_id WHERE a.gemeente_id = ? AND a.status = 'klaar'"
            " AND v.status = 'klaar' AND v.changed_at >= ?",
            [gemeente_id, since],
        ).fetchall()
        return [a for (action_id,) in done if (a := self.action(action_id)) is not None]

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
