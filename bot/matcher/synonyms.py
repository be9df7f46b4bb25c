"""Words people use for the same thing (knowledge/reference/synonyms.yaml), as the matcher
reads them: a phrase of several words becomes its group's first single word ("de kar
trekken" -> "regie"), and each word knows the stems of the other words of its group."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .normalize import Analyzer, words


class Synonyms:
    def __init__(self, groups: Iterable[Iterable[str]], analyzer: Analyzer) -> None:
        phrases: dict[str, str] = {}
        self.related: dict[str, tuple[str, ...]] = {}
        for group in groups:
            members = [" ".join(words(m)) for m in group]
            single = [m for m in members if " " not in m]
            if not single:
                continue
            for phrase in (m for m in members if " " in m):
                phrases[phrase] = single[0]
            stems = list(dict.fromkeys(analyzer.stem(m) for m in single))
            for stem in stems:
                others = tuple(s for s in stems if s != stem)
                self.related[stem] = tuple(dict.fromkeys((*self.related.get(stem, ()), *others)))
        self._word_of = phrases
        # one pattern; longer phrases first, so "waar moeten we op letten" wins over a
        # shorter phrase inside it
        alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
        self._pattern = re.compile(rf"\b(?:{alternatives})\b") if phrases else None

    def rewrite(self, text: str) -> list[str]:
        """The text's words (`words`), with every known phrase replaced by its group's word."""
        said = words(text)
        if self._pattern is None:
            return said
        return self._pattern.sub(lambda m: self._word_of[m.group(0)], " ".join(said)).split()
