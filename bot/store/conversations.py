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
        self.db.table("conversations").upsert(
            {
                "chat_id": conversation.chat_id,
                "user_id": conversation.user_id,
                "flow": conversation.flow,
                "item": conversation.item,
                "question": conversation.question,
                "draft": json.dumps(conversation.draft, ensure_ascii=False),
                "menu": json.dumps(conversation.menu, ensure_ascii=False),
                "updated_at": self.now(),
            },
            pk=("chat_id", "user_id"),
        )
