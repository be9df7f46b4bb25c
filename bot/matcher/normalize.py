"""Dutch text normalisation for matching: accent folding, stopwords and Snowball stems.

`fold` makes "Ervaringsdeskundigheid", "ervaringsdeskundígheid" and "ERVARINGSDESKUNDIGHEID"
the same word; `Analyzer.terms` then drops stopwords and reduces each word to its stem, so
"wijkteams" and "wijkteam", or "buurtbudgetten" and "buurtbudget", meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import Stemmer
from stop_words import get_stop_words

_WORD = re.compile(r"[a-z0-9]{2,}|[0-9]")  # a word: two letters or more, or a digit
_COMBINING = re.compile("[\u0300-\u036f]")  # the accents NFKD splits off letters

# Question and filler words users type around the topic; the library's list is about
# running text and misses most of them.
_QUESTION_WORDS = """
    welke welk waarom waar wanneer hoeveel hoelang kun kunt jij jullie mag mogen moeten
    gaat gaan houdt zit zitten eigenlijk precies graag even weten vertel leg uitleg
    betekent betekenis bedoeld bedoelt bedoelen noem noemen geef beschrijf heet heten
    soort soorten manier manieren iemand wel iets echt nou dus ofzo via goed beste
""".split()


def fold(text: str) -> str:
    """Lower case without accents: 'Één Oúde IJssel' -> 'een oude ijssel'."""
    if text.isascii():
        return text.casefold()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


def words(text: str) -> list[str]:
    """The folded words of a text, punctuation removed; single letters dropped."""
    return _WORD.findall(fold(text))


class Analyzer:
    """Turns text into matching terms: folded, stopwords removed, stemmed (Snowball Dutch)."""

    def __init__(self) -> None:
        self._stemmer = Stemmer.Stemmer("dutch")
        self.stopwords = frozenset(fold(w) for w in get_stop_words("dutch")) | frozenset(
            _QUESTION_WORDS
        )
        self.stem = lru_cache(maxsize=65536)(self._stemmer.stemWord)

    def __reduce__(self) -> tuple[type[Analyzer], tuple[()]]:
        """Pickled as what it is made from (nothing): the stemmer itself does not pickle."""
        return Analyzer, ()

    def content_words(self, text: str) -> list[str]:
        return self.content(words(text))

    def content(self, said: Iterable[str]) -> list[str]:
        """The words that carry content: stopwords left out."""
        return [w for w in said if w not in self.stopwords]

    def terms(self, text: str) -> list[str]:
        return [self.stem(w) for w in self.content_words(text)]
