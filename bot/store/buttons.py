"""Short tokens for buttons, looked up when one is pressed.

Telegram lets a button carry 64 bytes; the engine's payloads and the checks a press needs
(who may press it, in which chat) do not fit, so a button carries a random token and the
rest stays here, in the same database as the conversation it belongs to.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import sqlite_utils

KEEP_BUTTONS = timedelta(days=60)


@dataclass(frozen=True)
class Button:
    token: str
    chat_id: str
    user_id: str
    payload: str
    label: str


class Buttons:
    db: sqlite_utils.Database
    now: Callable[[], str]

    def issue_buttons(
        self, chat_id: str, user_id: str, options: Sequence[tuple[str, str]]
    ) -> list[str]:
        """A fresh token for each (label, payload), in order."""
        now = self.now()
        rows = [
            (secrets.token_urlsafe(9), chat_id, user_id, payload, label, now)
            for label, payload in options
        ]
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT INTO buttons (token, chat_id, user_id, payload, label, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        return [token for token, *_ in rows]

    def button(self, token: str) -> Button | None:
        for row in self.db.table("buttons").rows_where("token = ?", [token]):
            del row["created_at"]
            return Button(**row)
        return None

    def spend_button(self, token: str) -> None:
        """A user's own button does its work once: pressed again, it is unknown."""
        with self.db.atomic():
            self.db.execute("DELETE FROM buttons WHERE token = ?", [token])

    def forget_buttons(self, older_than: str) -> int:
        """Drop buttons issued before `older_than` (an ISO time); return how many."""
        with self.db.atomic():
            cursor = self.db.execute("DELETE FROM buttons WHERE created_at < ?", [older_than])
        return cursor.rowcount
