"""Step 1 with the gemeente's own wijken: the official CBS wijken offered by name, a typed
name or number read as one of them (its CBS code kept), and each chosen wijk's key figures
beside the gemeente's as the start of "Wie wonen er". Without CBS data nothing changes."""

from __future__ import annotations

import re

from ..cbs import shown
from ..cbs.figures import Region
from ..content.layout import Answers
from ..report.build import CBS_CODES as CODES  # per wijk name its CBS code, as an answer
from ..store import Store
from . import texts

MAX_LISTED = 30  # more official wijken than this are not listed one by one
_SPACES = re.compile(r"\s+")


class WijkData:
    def __init__(self, store: Store) -> None:
        self.store = store

    def offer(self, gemeente_code: str, gemeente_name: str) -> list[str]:
        """The lines under the wijken question that name the official wijken."""
        official = self.store.cbs_wijken(gemeente_code)
        if not official:
            return []
        if len(official) > MAX_LISTED:
            return [texts.CBS_WIJKEN_MANY.format(gemeente=gemeente_name, count=len(official))]
        listed = "\n".join(f"{n}. {w.name}" for n, w in enumerate(official, start=1))
        return [texts.CBS_WIJKEN.format(gemeente=gemeente_name, wijken=listed)]

    def read(self, gemeente_code: str, typed: list[str]) -> tuple[list[str], dict[str, str]]:
        """The names as the official wijken are called where a typed name or number is one
        of them, and the CBS code of each; other names stay as typed."""
        official = self.store.cbs_wijken(gemeente_code)
        by_name = {_key(w.name): w for w in official}
        names: list[str] = []
        codes: dict[str, str] = {}
        for item in typed:
            number = int(item) if item.isdigit() else 0
            wijk = official[number - 1] if 0 < number <= len(official) else by_name.get(_key(item))
            name = wijk.name if wijk else item
            if name not in names:
                names.append(name)
            if wijk:
                codes[name] = wijk.code
        return names, codes

    def summary(self, answers: Answers, wijk_name: str) -> tuple[str, list[str]] | None:
        """For a wijk kept with its CBS code: the one-line summary, and the lines to show
        (the figures beside the gemeente's, and the source)."""
        code = (answers.get(CODES) or {}).get(wijk_name)
        wijk = self.store.cbs_region(code) if code else None
        load = self.store.cbs_load()
        if wijk is None or load is None:
            return None
        gemeente = self.store.cbs_region(wijk.gemeente_code)
        lines = [texts.CBS_FIGURES.format(wijk=wijk.name, year=load.year)]
        lines += [_line(row, gemeente) for row in shown.rows(wijk, gemeente)]
        lines.append(shown.SOURCE.format(title=load.title))
        return shown.summary(wijk, gemeente), lines


def _line(row: shown.Row, gemeente: Region | None) -> str:
    if gemeente is None or not row.gemeente:
        return f"• {row.label}: {row.wijk}"
    return f"• {row.label}: {row.wijk} ({gemeente.name} {row.gemeente})"


def _key(name: str) -> str:
    return _SPACES.sub(" ", name).strip().casefold()
