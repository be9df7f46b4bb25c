"""The only module that touches SQLite: schema, migrations and queries (sqlite-utils)."""

from .store import Store, default_db_path

__all__ = ["Store", "default_db_path"]
