from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlite_utils

AnswerKey = tuple[str, str]  # (item, question); item is '' outside a group

_CURRENT_SQL = """
SELECT item, question, value FROM answers
WHERE id IN (
    SELECT MAX(id) FROM answers WHERE gemeente_id = ? AND flow = ? GROUP BY item, question
)
"""


class StoredAnswers:
    """Every answer is appended with its author and time; the latest one counts."""

    db: sqlite_utils.Database
    now: Callable[[], str]

    def save_answer(
        self,
        gemeente_id: int,
        flow: str,
        key: AnswerKey,
        value: Any,
        author_id: str,
        author_name: str,
    ) -> None:
        item, question = key
        self.db.table("answers").insert(
            {
                "gemeente_id": gemeente_id,
                "flow": flow,
                "item": item,
                "question": question,
                "value": json.dumps(value, ensure_ascii=False),
                "author_id": author_id,
                "author_name": author_name,
                "answered_at": self.now(),
            }
        )

    def current_answers(self, gemeente_id: int, flow: str) -> dict[AnswerKey, Any]:
        rows = self.db.execute(_CURRENT_SQL, [gemeente_id, flow]).fetchall()
        return {(item, question): json.loads(value) for item, question, value in rows}

    def answer_history(self, gemeente_id: int, flow: str, key: AnswerKey) -> list[dict[str, Any]]:
        """All answers to one question, oldest first, each with author and time."""
        item, question = key
        rows = self.db.table("answers").rows_where(
            "gemeente_id = ? AND flow = ? AND item = ? AND question = ?",
            [gemeente_id, flow, item, question],
            order_by="id",
        )
        return [{**row, "value": json.loads(row["value"])} for row in rows]

    def contributors(self, gemeente_id: int) -> int:
        """How many people entered an answer or changed an action of the gemeente."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM (SELECT author_id FROM answers WHERE gemeente_id = ?"
            " UNION SELECT v.changed_by FROM action_versions v JOIN actions a"
            " ON a.id = v.action_id WHERE a.gemeente_id = ?)",
            [gemeente_id, gemeente_id],
        ).fetchone()
        return row[0]

    def last_change(self, gemeente_id: int) -> str | None:
        row = self.db.execute(
            "SELECT MAX(at) FROM (SELECT answered_at AS at FROM answers WHERE gemeente_id = ?"
            " UNION ALL SELECT updated_at FROM actions WHERE gemeente_id = ?)",
            [gemeente_id, gemeente_id],
        ).fetchone()
        return row[0]
