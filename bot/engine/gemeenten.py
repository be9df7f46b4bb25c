"""Find the gemeente a user means, by name or alias, forgiving typos."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from ..content.models import Gemeente
from . import texts
from .events import Option, Reply

MIN_SCORE = 75
NEAR_BEST = 8  # candidates this close to the best score are offered too


class GemeenteFinder:
    def __init__(self, gemeenten: tuple[Gemeente, ...]) -> None:
        self.by_code = {g.code: g for g in gemeenten}
        self._names: list[str] = []
        self._codes: list[str] = []
        for gemeente in gemeenten:
            for name in (gemeente.name, *gemeente.aliases):
                self._names.append(utils.default_process(name))
                self._codes.append(gemeente.code)

    def find(self, text: str, limit: int = 3) -> list[Gemeente]:
        """Best candidates first; an exact name or alias comes alone."""
        query = utils.default_process(text)
        if not query:
            return []
        if query in self._names:
            return [self.by_code[self._codes[self._names.index(query)]]]
        found: list[Gemeente] = []
        hits = process.extract(
            query, self._names, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=MIN_SCORE
        )
        for _, score, index in hits:
            if score < hits[0][1] - NEAR_BEST:
                break
            gemeente = self.by_code[self._codes[index]]
            if gemeente not in found:
                found.append(gemeente)
        return found[:limit]


def offer_gemeenten(
    finder: GemeenteFinder, text: str, prefix: str, extra: tuple[Option, ...] = ()
) -> Reply:
    """ "Bedoelt u …?" with the gemeenten a typed name may mean (payload `prefix` + code),
    or why none fits."""
    found = finder.find(text)
    if not found:
        return Reply(texts.GEMEENTE_UNKNOWN.format(text=text))
    options = (*(Option(g.name, prefix + g.code) for g in found), *extra)
    if len(found) > 1:
        return Reply(texts.WHICH_GEMEENTE, options=options)
    return Reply(texts.DID_YOU_MEAN_GEMEENTE.format(name=found[0].name), options=options)
