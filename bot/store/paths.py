"""Where the database and its files are: no SQLite, no sqlite-utils (whose import brings
numpy along), so that a process that only needs the path (the bot's adapter) stays light."""

from __future__ import annotations

import os
from pathlib import Path


def default_db_path() -> Path:
    """`WIJKBOT_DB` when set, else wijkbot.db in the current folder."""
    return Path(os.environ.get("WIJKBOT_DB") or "wijkbot.db")


def files_dir(db_path: Path | str) -> Path:
    """Where charts and reports are written: `WIJKBOT_FILES`, else beside the database."""
    configured = os.environ.get("WIJKBOT_FILES")
    return Path(configured) if configured else Path(f"{db_path}-bestanden")
