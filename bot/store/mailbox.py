"""The durable inbox and outbox between Telegram and the database.

Inbox: every update, stored before Telegram is told it arrived (polling: before the offset
moves past it; webhook: before the 200), and marked handled in the transaction of the turn
it caused; so a hard stop at any moment loses no update and handles none twice.

Outbox: every message a turn sends, written in the transaction of the turn's effects, and
marked delivered once Telegram took it; what a stop interrupted goes out after the restart.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils

from ..vocabulary import Mail

PENDING, DELIVERED, DROPPED = "pending", "delivered", "dropped"


class Mailbox:
    db: sqlite_utils.Database
    now: Callable[[], str]

    # -- inbox --------------------------------------------------------------------------------

    def receive(self, updates: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Keep updates (update_id, as Telegram sent it); one seen before is kept once."""
        rows = [
            {"update_id": uid, "body": json.dumps(body), "received_at": self.now()}
            for uid, body in updates
        ]
        with self.db.atomic():
            self.db.table("inbox").insert_all(rows, ignore=True)

    def unhandled(self) -> list[dict[str, Any]]:
        """Updates received but never handled, oldest first."""
        rows = self.db.execute(
            "SELECT body FROM inbox WHERE handled_at IS NULL ORDER BY update_id"
        ).fetchall()
        return [json.loads(body) for (body,) in rows]

    def handled(self, update_id: int) -> bool:
        row = self.db.execute(
            "SELECT handled_at FROM inbox WHERE update_id = ?", [update_id]
        ).fetchone()
        return bool(row and row[0])

    def mark_handled(self, update_id: int) -> None:
        """Done with it; what it said is no longer kept (only that it was handled)."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE inbox SET handled_at = ?, body = NULL "
                "WHERE update_id = ? AND handled_at IS NULL",
                [self.now(), update_id],
            )

    def forget_mail(self, before: str) -> None:
        """Drop the traces of updates and mail settled before `before` (ISO time)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM inbox WHERE handled_at < ?", [before])
            self.db.execute("DELETE FROM outbox WHERE settled_at < ?", [before])

    # -- outbox -------------------------------------------------------------------------------

    def post(
        self, update_id: int | None, letters: Sequence[tuple[str, dict[str, Any]]]
    ) -> list[Mail]:
        """Queue messages (chat, body) in this order; the mail, with its ids."""
        posted, now = [], self.now()
        with self.db.atomic():
            for chat_id, body in letters:
                cursor = self.db.execute(
                    "INSERT INTO outbox (update_id, chat_id, body, status, posted_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    [update_id, chat_id, json.dumps(body), PENDING, now],
                )
                assert cursor.lastrowid is not None  # an INTEGER PRIMARY KEY: always set
                posted.append(Mail(cursor.lastrowid, chat_id, body))
        return posted

    def pending_mail(self, update_id: int | None = None) -> list[Mail]:
        """Mail not yet delivered (of one update, or all), oldest first."""
        params: list[str | int]
        where, params = "status = ?", [PENDING]
        if update_id is not None:
            where, params = "status = ? AND update_id = ?", [PENDING, update_id]
        rows = self.db.execute(
            f"SELECT id, chat_id, body FROM outbox WHERE {where} ORDER BY id", params
        ).fetchall()
        return [Mail(number, chat, json.loads(body)) for number, chat, body in rows]

    def delivered(self, mail_ids: Sequence[int]) -> None:
        """Telegram took them (one transaction for all)."""
        self._settle(mail_ids, DELIVERED, None)

    def dropped(self, mail_id: int, reason: str) -> None:
        """Telegram refused it for good (a blocked user, a chat that is gone)."""
        self._settle([mail_id], DROPPED, reason)

    def _settle(self, mail_ids: Sequence[int], status: str, reason: str | None) -> None:
        now = self.now()
        with self.db.atomic():
            self.db.conn.executemany(
                "UPDATE outbox SET status = ?, settled_at = ?, reason = ?, body = NULL "
                "WHERE id = ?",
                [(status, now, reason, mail_id) for mail_id in mail_ids],
            )
