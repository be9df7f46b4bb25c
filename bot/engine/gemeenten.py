"""Find the gemeente a user means, by name or alias, forgiving typos."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process, utils

from ..content.models import Gemeente
from ..vocabulary import Option, Reply
from . import texts

MIN_SCORE = 75
# What people put before the name: "gemeente Zutphen", "wij zijn Zutphen", "ik werk bij ...".
_LEAD = re.compile(
    r"^(?:(?:ik|wij|we) (?:ben|zijn|werk|werken) (?:van|bij|voor|in) |(?:ik|wij|we) (?:ben|zijn) "
    r"|(?:van|bij|voor) )?(?:de )?(?:gemeente )?"
)
NEAR_BEST = 8  # candidates this close to the best score are offered too
# a reply may have this many words more than the longest name ("… in de Achterhoek")
EXTRA_WORDS = 2


class GemeenteFinder:
    def __init__(self, gemeenten: tuple[Gemeente, ...]) -> None:
        self.by_code = {g.code: g for g in gemeenten}
        self._names: list[str] = []
        self._codes: list[str] = []
        for gemeente in gemeenten:
            for name in (gemeente.name, *gemeente.aliases):
                self._names.append(utils.default_process(name))
                self._codes.append(gemeente.code)
        # longer than this, a reply is a sentence, not a name: fuzzy matching would find
        # "Aa en Hunze" in any sentence with "en" in it
        self._most_words = max((len(n.split()) for n in self._names), default=0) + EXTRA_WORDS

    def exact(self, text: str) -> Gemeente | None:
        """The gemeente a reply names exactly (name or alias, case and accents aside)."""
        for query in (utils.default_process(text), name_in(text)):
            if query in self._names:
                return self.by_code[self._codes[self._names.index(query)]]
        return None

    def find(self, text: str, limit: int = 3) -> list[Gemeente]:
        """Best candidates first; an exact name or alias comes alone."""
        query = name_in(text)
        if not query or len(query.split()) > self._most_words:
            return []
        if (exact := self.exact(text)) is not None:
            return [exact]
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
    or why none fits. One candidate is a yes/no proposal: a typed "ja" chooses it."""
    found = finder.find(text)
    if not found:
        return Reply(texts.GEMEENTE_UNKNOWN.format(text=text))
    if len(found) == 1:
        only = Option(found[0].name, prefix + found[0].code, means=True)
        return Reply(texts.DID_YOU_MEAN_GEMEENTE.format(name=found[0].name), options=(only, *extra))
    options = (*(Option(g.name, prefix + g.code) for g in found), *extra)
    return Reply(texts.WHICH_GEMEENTE, options=options)


def name_in(text: str) -> str:
    """The name a reply gives, without its lead-in ("de gemeente X", "wij zijn X")."""
    query = utils.default_process(text)
    return _LEAD.sub("", query, count=1).strip() or query
