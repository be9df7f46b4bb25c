"""CBS kerncijfers per gemeente and wijk (`wijkbot data cbs`), and which gemeenten share
their startpositie for comparison (/vergelijken)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sqlite_utils

from ..cbs.figures import Kerncijfers, Region


@dataclass(frozen=True)
class CbsLoad:
    year: int
    table_id: str
    title: str
    loaded_at: str


class Cbs:
    db: sqlite_utils.Database
    now: Callable[[], str]

    def replace_kerncijfers(self, loaded: Kerncijfers) -> None:
        """The year's figures replaced by these, in one transaction: a second load of the
        same year updates in place, and a region CBS no longer has is gone."""
        year = loaded.year
        with self.db.atomic():
            for table in ("cbs_figures", "cbs_regions"):
                self.db.execute(f"DELETE FROM {table} WHERE year = ?", [year])
            self.db.table("cbs_regions").insert_all(
                {
                    "year": year,
                    "code": r.code,
                    "kind": r.kind,
                    "gemeente_code": r.gemeente_code,
                    "name": r.name,
                }
                for r in loaded.regions
            )
            self.db.table("cbs_figures").insert_all(_figure_rows(loaded))
            self.db.table("cbs_loads").upsert(
                {
                    "year": year,
                    "table_id": loaded.table,
                    "title": loaded.title,
                    "loaded_at": self.now(),
                },
                pk="year",
            )

    def cbs_load(self) -> CbsLoad | None:
        """The newest year loaded, or None: no CBS figures here."""
        row = self.db.execute(
            "SELECT year, table_id, title, loaded_at FROM cbs_loads ORDER BY year DESC LIMIT 1"
        ).fetchone()
        return CbsLoad(*row) if row else None

    def cbs_region(self, code: str) -> Region | None:
        found = self._regions("code = ?", [code])
        return found[0] if found else None

    def cbs_wijken(self, gemeente_code: str) -> list[Region]:
        """The gemeente's wijken in the newest year loaded, in CBS's order."""
        return self._regions("gemeente_code = ? AND kind = 'wijk'", [gemeente_code])

    def _regions(self, where: str, params: list[object]) -> list[Region]:
        load = self.cbs_load()
        if load is None:
            return []
        rows = self.db.execute(
            "SELECT code, kind, name, gemeente_code FROM cbs_regions "
            f"WHERE year = ? AND {where} ORDER BY code",
            [load.year, *params],
        ).fetchall()
        return [self._with_figures(load.year, *row) for row in rows]

    def _with_figures(self, year: int, code: str, kind: str, name: str, gemeente: str) -> Region:
        rows = self.db.execute(
            "SELECT figure, value, unit FROM cbs_figures WHERE year = ? AND code = ?",
            [year, code],
        ).fetchall()
        return Region(
            code,
            kind,
            name,
            gemeente,
            figures={figure: value for figure, value, _ in rows},
            units={figure: unit for figure, _, unit in rows},
        )

    # -- comparison by consent ------------------------------------------------------------

    def set_comparing(self, gemeente_id: int, on: bool) -> None:
        """Share the startpositie for comparison from now on, or stop at once."""
        with self.db.atomic():
            self.db.execute(
                "UPDATE gemeenten SET compare_since = ? WHERE id = ?",
                [self.now() if on else None, gemeente_id],
            )

    def is_comparing(self, gemeente_id: int) -> bool:
        row = self.db.execute(
            "SELECT compare_since FROM gemeenten WHERE id = ?", [gemeente_id]
        ).fetchone()
        return bool(row and row[0])

    def comparing_gemeenten(self) -> list[tuple[int, str]]:
        """(id, GM code) of every gemeente that shares its startpositie."""
        rows = self.db.execute(
            "SELECT id, code FROM gemeenten WHERE compare_since IS NOT NULL ORDER BY id"
        )
        return [(gemeente_id, code) for gemeente_id, code in rows.fetchall()]


def _figure_rows(loaded: Kerncijfers) -> Iterator[dict[str, object]]:
    for region in loaded.regions:
        for figure, value in region.figures.items():
            yield {
                "year": loaded.year,
                "code": region.code,
                "figure": figure,
                "value": value,
                "unit": region.units.get(figure, ""),
            }
