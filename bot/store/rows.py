"""Small typed helpers over sqlite-utils."""

from __future__ import annotations

from sqlite_utils.db import Table


def new_id(table: Table) -> int:
    """The id of the row `table.insert(...)` just added.

    sqlite-utils types `last_pk` as optional: it stays None when no row went in. Every table
    here that hands out ids has an INTEGER PRIMARY KEY `id`, so anything else is a bug.
    """
    number = table.last_pk
    if not isinstance(number, int):
        raise RuntimeError(f"insert into {table.name} gave no row id (last_pk={number!r})")
    return number
