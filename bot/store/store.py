from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .migrations import migrate


def default_db_path() -> Path:
    """`WIJKBOT_DB` when set, else wijkbot.db in the current folder."""
    return Path(os.environ.get("WIJKBOT_DB") or "wijkbot.db")


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(self.path)
        self.db.enable_wal()
        self.schema_version = migrate(self.db)

    def close(self) -> None:
        self.db.close()

    def record_unanswered(
        self,
        question: str,
        outcome: str,
        best_id: str | None,
        best_score: float | None,
        chat_type: str,
    ) -> None:
        with self.db.conn:
            self.db["unanswered"].insert(
                {
                    "question": question,
                    "outcome": outcome,
                    "best_id": best_id,
                    "best_score": best_score,
                    "chat_type": chat_type,
                    "asked_at": now(),
                }
            )

    def unanswered(self, limit: int = 100) -> list[dict[str, Any]]:
        return list(self.db["unanswered"].rows_where(order_by="id desc", limit=limit))
