from __future__ import annotations

import json
from collections.abc import Callable

import sqlite_utils

from ..records import Conversation


class Conversations:
    """Where every user is in every chat, so a restart continues each conversation."""

    db: sqlite_utils.Database
    now: Callable[[], str]

    def conversation(self, chat_id: str, user_id: str) -> Conversation:
        rows = list(
            self.db.table("conversations").rows_where(
                "chat_id = ? AND user_id = ?", [chat_id, user_id]
            )
        )
        if not rows:
            return Conversation(chat_id, user_id)
        row = rows[0]
        return Conversation(
            chat_id,
            user_id,
            flow=row["flow"],
            item=row["item"] or "",
            question=row["question"],
            draft=json.loads(row["draft"] or "{}"),
            menu=json.loads(row.get("menu") or "{}"),
        )

    def save_conversation(self, conversation: Conversation) -> None:
        """Written at every turn: one statement, without sqlite-utils' look at the schema."""
        with self.db.atomic():
            self.db.execute(
                "INSERT INTO conversations "
                "(chat_id, user_id, flow, item, question, draft, menu, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET "
                "flow = excluded.flow, item = excluded.item, question = excluded.question, "
                "draft = excluded.draft, menu = excluded.menu, updated_at = excluded.updated_at",
                [
                    conversation.chat_id,
                    conversation.user_id,
                    conversation.flow,
                    conversation.item,
                    conversation.question,
                    json.dumps(conversation.draft, ensure_ascii=False),
                    json.dumps(conversation.menu, ensure_ascii=False),
                    self.now(),
                ],
            )
