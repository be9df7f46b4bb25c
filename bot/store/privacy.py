"""A user's own data (AVG/GDPR): everything stored about them, and forgetting them.

Forgetting removes who someone is, not the gemeente's work: their answers, actions and
check-in votes stay, attributed to a random pseudonym and "verwijderde gebruiker", so
counts ("two members answered") stay right. What they wrote for themselves (their
questions, their replies in an open round, their requests to become a coordinator, where
they were in a conversation) goes.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any

import sqlite_utils

DELETED_NAME = "verwijderde gebruiker"

# Where a user's Telegram id is kept, and beside it (same row) their name, if anywhere.
ID_COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("members", "user_id", "name"),
    ("members", "removed_by", None),
    ("invites", "created_by", None),
    ("invites", "used_by", None),
    ("answers", "author_id", "author_name"),
    ("action_versions", "changed_by", None),
    ("checkin_answers", "user_id", "user_name"),
    ("questions", "user_id", "user_name"),
    ("questions", "answered_by", None),
    ("local_entries", "created_by", None),
    ("user_gemeenten", "user_id", None),
    ("conversations", "user_id", None),
    ("buttons", "user_id", None),
    ("chats", "chat_id", "title"),  # a private chat's id is the user's id
    ("claims", "user_id", "user_name"),
    ("claims", "decided_by", None),
)
# Columns that hold JSON: in a person's export they are shown as what they mean.
JSON_COLUMNS = frozenset({"value", "draft", "menu", "options", "results"})
OTHER_PERSON = "iemand anders"  # in a person's export, in place of someone else's id or name
# Where only a name is kept (who opened a check-in, planned one, linked a group).
NAME_COLUMNS: tuple[tuple[str, str], ...] = (
    ("checkins", "opened_by"),
    ("checkin_schedules", "created_by"),
    ("group_links", "linked_by"),
)


class Privacy:
    scrub_after: bool
    db: sqlite_utils.Database
    now: Callable[[], str]

    def names_of(self, user_id: str) -> set[str]:
        names: set[str] = set()
        for table, column, name in ID_COLUMNS:
            if name:
                sql = f"SELECT DISTINCT [{name}] FROM [{table}] WHERE [{column}] = ?"
                names |= {row[0] for row in self.db.execute(sql, [user_id]) if row[0]}
        return names

    def personal_data(self, user_id: str) -> dict[str, list[dict[str, Any]]]:
        """Every row that names this user, per table."""
        found: dict[str, list[dict[str, Any]]] = {}
        for table, column, _ in ID_COLUMNS:
            rows = self.db.table(table).rows_where(f"[{column}] = ?", [user_id])
            _add_rows(found, table, rows)
        names = sorted(self.names_of(user_id))
        marks = ", ".join("?" * len(names))
        for table, column in NAME_COLUMNS if names else ():
            _add_rows(
                found, table, self.db.table(table).rows_where(f"[{column}] IN ({marks})", names)
            )
        for checkin_id, _ in self._results_naming(set(names)):
            _add_rows(found, "checkins", [self.db.table("checkins").get(checkin_id)])
        own = {user_id, *names}
        return {
            table: [_as_meant(table, row, own) for row in rows] for table, rows in found.items()
        }

    def _results_naming(self, names: set[str]) -> list[tuple[int, dict[str, Any]]]:
        """Closed check-ins whose results (kept as JSON) name one of `names`."""
        rows = self.db.execute("SELECT id, results FROM checkins WHERE results IS NOT NULL")
        naming = []
        for checkin_id, raw in rows.fetchall():
            results = json.loads(raw)
            if names & set(results.get("names", [])):
                naming.append((checkin_id, results))
        return naming

    def forget(self, user_id: str) -> None:
        """Remove the user's identity and personal messages everywhere, in one transaction."""
        pseudonym = "verwijderd-" + secrets.token_hex(6)
        names = self.names_of(user_id)
        with self.db.atomic():
            self._delete_personal(user_id)
            self.db.execute(
                "UPDATE members SET removed_at = ?, removed_by = ? "
                "WHERE user_id = ? AND removed_at IS NULL",
                [self.now(), pseudonym, user_id],
            )
            for table, column, name in ID_COLUMNS:
                assignments = f"[{column}] = ?" + (f", [{name}] = ?" if name else "")
                values = [pseudonym, DELETED_NAME] if name else [pseudonym]
                sql = f"UPDATE [{table}] SET {assignments} WHERE [{column}] = ?"
                self.db.execute(sql, [*values, user_id])
            for table, column in NAME_COLUMNS:
                for name in names:
                    sql = f"UPDATE [{table}] SET [{column}] = ? WHERE [{column}] = ?"
                    self.db.execute(sql, [DELETED_NAME, name])
            for checkin_id, results in self._results_naming(names):
                self.db.table("checkins").update(checkin_id, {"results": _without(results, names)})
        self.scrub_after = True

    def _delete_personal(self, user_id: str) -> None:
        mine = "SELECT id FROM questions WHERE user_id = ?"
        self.db.execute(
            f"UPDATE local_entries SET question_id = NULL WHERE question_id IN ({mine})",
            [user_id],
        )
        self.db.execute(
            "DELETE FROM unanswered WHERE id IN "
            "(SELECT unanswered_id FROM questions WHERE user_id = ?)",
            [user_id],
        )
        self.db.execute("DELETE FROM questions WHERE user_id = ?", [user_id])
        self.db.execute(
            "DELETE FROM checkin_answers WHERE user_id = ? AND checkin_id IN "
            "(SELECT id FROM checkins WHERE kind = 'open')",
            [user_id],
        )
        for table in ("conversations", "user_gemeenten", "claims"):
            self.db.execute(f"DELETE FROM [{table}] WHERE user_id = ?", [user_id])
        self.db.execute(
            "DELETE FROM buttons WHERE user_id = ? OR payload LIKE ?", [user_id, f"%:{user_id}"]
        )
        self.db.execute("DELETE FROM chats WHERE chat_id = ?", [user_id])


def _without(results: dict[str, Any], names: set[str]) -> str:
    """Check-in results with the names replaced and that person's open-round replies gone."""
    results["names"] = [DELETED_NAME if n in names else n for n in results["names"]]
    if "answers" in results:
        results["answers"] = [a for a in results["answers"] if a["name"] not in names]
    return json.dumps(results, ensure_ascii=False)


def _as_meant(table: str, row: dict[str, Any], own: set[str]) -> dict[str, Any]:
    """A row as its owner (`own`: their id and names) reads it: JSON as numbers and text,
    and other people left out (a colleague who sent the invitation, who opened a check-in,
    their names and replies in its results)."""
    shown = dict(row)
    for column in JSON_COLUMNS & shown.keys():
        if isinstance(shown[column], str):
            shown[column] = json.loads(shown[column])
    for where, column, name in ID_COLUMNS:
        if where == table and shown.get(column) not in (None, *own):
            shown[column] = OTHER_PERSON
            if name:
                shown[name] = OTHER_PERSON
    for where, column in NAME_COLUMNS:
        if where == table and shown.get(column) not in (None, *own):
            shown[column] = OTHER_PERSON
    if isinstance(results := shown.get("results"), dict):
        results["names"] = [n if n in own else OTHER_PERSON for n in results.get("names", [])]
        if "answers" in results:
            results["answers"] = [a for a in results["answers"] if a.get("name") in own]
    return shown


def _add_rows(found: dict[str, list[dict[str, Any]]], table: str, rows: Any) -> None:
    for row in rows:
        if row not in found.setdefault(table, []):
            found[table].append(row)
