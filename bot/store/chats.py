"""The chats the bot is in, and what changes about them from Telegram's side.

A group that becomes a supergroup gets a new id; a group can remove the bot; a user can
block it. The bot's own data follows: conversations, buttons and check-ins move to the new
id; conversations and buttons are dropped for a group the bot has left (its check-ins stay).
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

ACTIVE, LEFT, BLOCKED = "active", "left", "blocked"
DROPPED_ON_LEAVING = ("conversations", "buttons")
MOVING_TABLES = (
    *DROPPED_ON_LEAVING,
    "checkins",
    "checkin_schedules",
    "group_links",
    "questions",
    "outbox",
)


class Chats:
    db: sqlite_utils.Database
    now: Callable[[], str]

    def note_chat(self, chat_id: str, chat_type: str, title: str) -> None:
        """The bot is in this chat (again): added to a group, or unblocked by a user."""
        row = {"chat_type": chat_type, "title": title, "status": ACTIVE, "updated_at": self.now()}
        with self.db.atomic():
            self.db.table("chats").upsert({"chat_id": chat_id, **row}, pk="chat_id")

    def chat_title(self, chat_id: str) -> str:
        row = self.db.execute("SELECT title FROM chats WHERE chat_id = ?", [chat_id]).fetchone()
        return row[0] if row and row[0] else ""

    def leave_chat(self, chat_id: str, status: str) -> None:
        """The bot was removed from a group (LEFT) or blocked by a user (BLOCKED)."""
        with self.db.atomic():
            self.db.table("chats").upsert(
                {"chat_id": chat_id, "status": status, "updated_at": self.now()}, pk="chat_id"
            )
            if status == LEFT:
                for table in DROPPED_ON_LEAVING:
                    self.db.execute(f"DELETE FROM {table} WHERE chat_id = ?", [chat_id])

    def move_chat(self, old_id: str, new_id: str) -> None:
        """A group became a supergroup: everything of the old id now belongs to the new one."""
        with self.db.atomic():
            for table in MOVING_TABLES:
                self.db.execute(
                    f"UPDATE OR REPLACE {table} SET chat_id = ? WHERE chat_id = ?", [new_id, old_id]
                )
            self.db.table("chats").upsert(
                {"chat_id": old_id, "status": LEFT, "moved_to": new_id, "updated_at": self.now()},
                pk="chat_id",
            )
