"""The only module that touches SQLite: schema, migrations and queries (sqlite-utils)."""

from typing import TYPE_CHECKING, Any

from .paths import default_db_path, files_dir

if TYPE_CHECKING:
    from .store import Store

__all__ = ["Store", "default_db_path", "files_dir"]


def __getattr__(name: str) -> Any:
    """`Store` on first use (PEP 562): a process that only needs the database's path (the
    bot's adapter, which forks the engine) does not import sqlite-utils and numpy."""
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
