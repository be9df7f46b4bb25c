from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils

from ..records import Action
from .rows import new_id

FIELDS = ("theme", "title", "owner", "due", "status")


class Actions:
    """The action plan of step 4. Every version of an action is kept in action_versions."""

    db: sqlite_utils.Database
    now: Callable[[], str]

    def actions(self, gemeente_id: int) -> list[Action]:
        rows = self.db.table("actions").rows_where("gemeente_id = ?", [gemeente_id], order_by="id")
        return [_action(row) for row in rows]

    def action(self, action_id: int) -> Action | None:
        rows = list(self.db.table("actions").rows_where("id = ?", [action_id]))
        return _action(rows[0]) if rows else None

    def save_action(
        self, gemeente_id: int, fields: dict[str, Any], origin: str | None, by: str
    ) -> int:
        """Add an action, or change the one that came from the same `origin`."""
        with self.db.atomic():
            existing = None
            if origin is not None:
                existing = self.db.execute(
                    "SELECT id FROM actions WHERE gemeente_id = ? AND origin = ?",
                    [gemeente_id, origin],
                ).fetchone()
            if existing is not None:
                self.update_action(existing[0], fields, by)
                return existing[0]
            record = {"status": "open", **fields}
            action_id = new_id(
                self.db.table("actions").insert(
                    {
                        "gemeente_id": gemeente_id,
                        "origin": origin,
                        **record,
                        "created_at": self.now(),
                        "updated_at": self.now(),
                    }
                )
            )
            self._keep_version(action_id, by)
        return action_id

    def update_action(self, action_id: int, changes: dict[str, Any], by: str) -> None:
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown action fields {sorted(unknown)}")
        with self.db.atomic():
            self.db.table("actions").update(action_id, {**changes, "updated_at": self.now()})
            self._keep_version(action_id, by)

    def _keep_version(self, action_id: int, by: str) -> None:
        row = self.db.table("actions").get(action_id)
        version = {name: row[name] for name in FIELDS}
        self.db.table("action_versions").insert(
            {"action_id": action_id, **version, "changed_by": by, "changed_at": self.now()}
        )

    def action_versions(self, action_id: int) -> list[dict[str, Any]]:
        return list(
            self.db.table("action_versions").rows_where("action_id = ?", [action_id], order_by="id")
        )


def _action(row: dict[str, Any]) -> Action:
    return Action(
        id=row["id"],
        gemeente_id=row["gemeente_id"],
        theme=row["theme"],
        title=row["title"],
        owner=row["owner"],
        due=row["due"],
        status=row["status"],
        origin=row["origin"],
    )
