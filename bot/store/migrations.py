"""Versioned schema migrations, applied in order at start-up.

Each migration runs once, in one transaction with the bump of `schema_version`. Never edit
a migration that has shipped; add the next one.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


def _001_unanswered(db: sqlite_utils.Database) -> None:
    db["unanswered"].create(
        {
            "id": int,
            "question": str,
            "outcome": str,  # decline or suggest
            "best_id": str,
            "best_score": float,
            "chat_type": str,
            "asked_at": str,
        },
        pk="id",
    )
    db["unanswered"].create_index(["asked_at"])


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_001_unanswered]


def migrate(db: sqlite_utils.Database) -> int:
    """Bring the database to the newest schema; return its version."""
    db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    version = row[0] or 0
    for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
        with db.conn:
            migration(db)
            db.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
    return len(MIGRATIONS)
