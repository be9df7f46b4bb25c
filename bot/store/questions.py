"""Questions handed on to a gemeente, their answers, and the gemeente's own knowledge."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlite_utils

from ..records import LocalEntry, UserQuestion
from .rows import new_id

_QUESTION_FIELDS = (
    "id gemeente_id chat_id chat_type user_id user_name text asked_at status answer".split()
)


class Questions:
    db: sqlite_utils.Database
    now: Callable[[], str]

    def unanswered_question(self, unanswered_id: int) -> str | None:
        row = self.db.execute(
            "SELECT question FROM unanswered WHERE id = ?", [unanswered_id]
        ).fetchone()
        return row[0] if row else None

    def is_handed_on(self, unanswered_id: int) -> bool:
        return bool(self.db.table("questions").count_where("unanswered_id = ?", [unanswered_id]))

    def hand_on(self, unanswered_id: int, gemeente_id: int, asker: dict[str, str]) -> int:
        """Store a declined question for its gemeente; `asker` holds chat_id, chat_type,
        user_id and user_name (where the answer goes back to)."""
        text = self.unanswered_question(unanswered_id)
        row = {
            "gemeente_id": gemeente_id,
            "unanswered_id": unanswered_id,
            "text": text,
            "asked_at": self.now(),
            "status": "open",
            **asker,
        }
        with self.db.atomic():
            return new_id(self.db.table("questions").insert(row))

    def question(self, question_id: int) -> UserQuestion | None:
        rows = list(self.db.table("questions").rows_where("id = ?", [question_id]))
        return _question(rows[0]) if rows else None

    def open_questions(self, gemeente_id: int) -> list[UserQuestion]:
        rows = self.db.table("questions").rows_where(
            "gemeente_id = ? AND status = 'open'", [gemeente_id], order_by="id"
        )
        return [_question(row) for row in rows]

    def answer_question(self, question_id: int, answer: str, by: str) -> bool:
        """Answer an open question; False when it was answered already (by a colleague)."""
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE questions SET status = 'answered', answer = ?, answered_by = ?, "
                "answered_at = ? WHERE id = ? AND status = 'open'",
                [answer, by, self.now(), question_id],
            )
        return cursor.rowcount > 0

    def keep_local(self, question: UserQuestion, by: str) -> int:
        row = {
            "gemeente_id": question.gemeente_id,
            "question_id": question.id,
            "question": question.text,
            "answer": question.answer,
            "created_by": by,
            "created_at": self.now(),
        }
        with self.db.atomic():
            return new_id(self.db.table("local_entries").insert(row))

    def is_kept(self, question_id: int) -> bool:
        return bool(self.db.table("local_entries").count_where("question_id = ?", [question_id]))

    def local_entries(self, gemeente_id: int) -> list[LocalEntry]:
        rows = self.db.execute(
            "SELECT id, gemeente_id, question, answer, created_at FROM local_entries "
            "WHERE gemeente_id = ? ORDER BY id",
            [gemeente_id],
        ).fetchall()
        return [LocalEntry(*row) for row in rows]

    def chosen_gemeente(self, user_id: str) -> int | None:
        row = self.db.execute(
            "SELECT gemeente_id FROM user_gemeenten WHERE user_id = ?", [user_id]
        ).fetchone()
        return row[0] if row else None

    def choose_gemeente(self, user_id: str, gemeente_id: int) -> None:
        row = {"user_id": user_id, "gemeente_id": gemeente_id, "chosen_at": self.now()}
        with self.db.atomic():
            self.db.table("user_gemeenten").upsert(row, pk="user_id")

    def declined_questions(self) -> list[str]:
        """Every question the bot declined or only had suggestions for (`kb gaps`)."""
        return [row[0] for row in self.db.execute("SELECT question FROM unanswered ORDER BY id")]


def _question(row: dict[str, Any]) -> UserQuestion:
    return UserQuestion(**{key: row[key] for key in _QUESTION_FIELDS})
