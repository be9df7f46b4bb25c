"""Read a typed reply for what it means: yes or no, an option named anywhere in it, several
options, a number written as a word, or a question rather than an answer.

Every kind of answer the bot can wait for is declared once in `AnswerType`; the flows'
question types (flows/*.yaml) are among them. Dates are read in `dates.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz


class AnswerType(StrEnum):
    """What a reply is read as. The first seven are the flows' question types."""

    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    RANKING = "ranking"
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    LIST = "list"
    YES_NO = "yes_no"  # a proposal: "Bedoelt u Zutphen?", "Zullen we beginnen?"
    NAME = "name"  # a gemeente's name
    CODE = "code"  # an invitation code


NUMBER_WORDS = {
    w: n
    for n, words in enumerate(
        [
            (),
            ("een", "één", "eerste", "eén"),
            ("twee", "tweede"),
            ("drie", "derde"),
            ("vier", "vierde"),
            ("vijf", "vijfde"),
            ("zes", "zesde"),
            ("zeven", "zevende"),
            ("acht", "achtste"),
            ("negen", "negende"),
            ("tien", "tiende"),
            ("elf", "elfde"),
            ("twaalf", "twaalfde"),
        ]
    )
    for w in words
}
# Words that may stand before or around an option's number: "fase 2", "optie twee", "nummer 3".
NUMBER_CUES = frozenset("fase optie opgave nummer nr keuze de het".split())

YES = (
    "ja",
    "jazeker",
    "jawel",
    "jep",
    "yes",
    "zeker",
    "klopt",
    "dat klopt",
    "prima",
    "graag",
    "goed",
    "is goed",
    "oke",
    "oké",
    "ok",
    "okay",
    "akkoord",
    "doe maar",
    "doen",
    "inderdaad",
    "precies",
    "correct",
    "juist",
    "top",
    "prima zo",
    "laten we beginnen",
    "begin maar",
    "ga maar",
    "ga door",
    "bewaar maar",
    "bewaren",
    "dat is hem",
    "die bedoel ik",
)
NO = (
    "nee",
    "neen",
    "nope",
    "no",
    "liever niet",
    "nog niet",
    "niet nu",
    "niet",
    "nee hoor",
    "klopt niet",
    "dat klopt niet",
    "niet bewaren",
    "later",
    "straks",
    "een andere",
    "geen van deze",
    "geen van beide",
    "geen",
)
QUESTION_WORDS = frozenset(
    "wat hoe waarom wie welke welk wanneer waar waarmee waarover waardoor waarvoor hoeveel "
    "hoelang kan kun kunt kunnen mag mogen moet moeten is zijn heeft hebben geldt werkt "
    "bestaat wil wilt geef vertel leg".split()
)
_WORD = re.compile(r"[\wéëèïöüáà'-]+")


def words(text: str) -> list[str]:
    """The words of a reply, lower case, without punctuation; number words as digits."""
    found = _WORD.findall(text.casefold().replace("\u2019", "'"))
    return [str(NUMBER_WORDS.get(w, w)) for w in found]


def number(text: str) -> int | None:
    """A whole number, typed as digits or as a word ("twee", "derde")."""
    found = words(text)
    return int(found[0]) if len(found) == 1 and found[0].isdigit() else None


def yes_no(text: str) -> bool | None:
    """True for an everyday yes, False for an everyday no, None when it is neither.

    The reply must open with it ("ja graag", "nee, liever niet", "prima, doe maar").
    """
    said = " ".join(words(text))
    for value, phrases in ((False, NO), (True, YES)):  # "klopt niet" before "klopt"
        if any(said == p or said.startswith(p + " ") for p in phrases):
            return value
    return None


def reads_as_question(text: str) -> bool:
    """A question rather than an answer: it ends in '?' or opens with a question word."""
    found = words(text)
    return text.rstrip().endswith("?") or bool(found and found[0] in QUESTION_WORDS)


@dataclass(frozen=True)
class Named:
    """What a reader may call an option: its label, key and other names (all lower case)."""

    names: tuple[str, ...]
    number: int | None = None  # "fase 2": an option known by a number of its own
    yes: bool | None = None  # the option a plain yes (True) or no (False) picks


FUZZY_CUTOFF = 86


def option(offered: Sequence[Named], text: str) -> int | None:
    """The index of the one option the reply names (by its place, a number, a name, a
    near-name, or yes/no), or None when it names none or several."""
    found = options(offered, text)
    if len(found) == 1:
        return found[0]
    if not found and (meant := yes_no(text)) is not None:
        picks = [i for i, o in enumerate(offered) if o.yes is meant]
        return picks[0] if len(picks) == 1 else None
    return None


def options(offered: Sequence[Named], text: str) -> list[int]:
    """The options a reply names, in the order it names them: "1, 3", "twee en vier",
    "wijkteams en samenwerking in de wijk", "fase 2", a label with a typo."""
    said = words(text)
    if not said:
        return []
    if all(w.isdigit() or w in ("en", "of") for w in said):
        return _by_place(offered, [int(w) for w in said if w.isdigit()])
    if len(said) <= 3 and said[-1].isdigit() and all(w in NUMBER_CUES for w in said[:-1]):
        return _by_number(offered, int(said[-1]))
    return _by_name(offered, " ".join(said))


def _by_place(offered: Sequence[Named], numbers: list[int]) -> list[int]:
    picked = [n - 1 for n in numbers if 1 <= n <= len(offered)]
    if len(picked) != len(numbers):
        return []
    return list(dict.fromkeys(picked))


def _by_number(offered: Sequence[Named], wanted: int) -> list[int]:
    own = [i for i, o in enumerate(offered) if o.number == wanted]
    return own or _by_place(offered, [wanted])


def _by_name(offered: Sequence[Named], said: str) -> list[int]:
    """Options whose name stands in the reply as whole words (the longest name wins
    where names overlap), else the one option the whole reply resembles."""
    spans: list[tuple[int, int, int]] = []  # start, end, option
    for index, named in enumerate(offered):
        for name in named.names:
            for hit in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", said):
                spans.append((hit.start(), hit.end(), index))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    picked: list[int] = []
    reach = -1
    for start, end, index in spans:
        if start >= reach:  # not inside a longer name already taken
            picked.append(index)
            reach = end
    if picked:
        return list(dict.fromkeys(picked))
    return _resembles(offered, said)


def _resembles(offered: Sequence[Named], said: str) -> list[int]:
    """A typo: the option whose name the reply (or its last words) is closest to."""
    best: tuple[float, int] | None = None
    for index, named in enumerate(offered):
        for name in named.names:
            score = fuzz.ratio(said, name)
            tail = " ".join(said.split()[-len(name.split()) :])
            score = max(score, fuzz.ratio(tail, name) - 2)
            if score >= FUZZY_CUTOFF and (best is None or score > best[0]):
                best = (score, index)
    return [best[1]] if best else []


def named(label: str, key: object = None, *more: str, yes: bool | None = None) -> Named:
    """The names of an option: its label (and the parts around a ':'), its key, more."""
    names = [label, *label.split(":"), *more]
    if isinstance(key, str):
        names += [key, key.replace("_", " ")]
    number_ = key if isinstance(key, int) else None
    cleaned = (" ".join(words(n)) for n in names)
    return Named(tuple(dict.fromkeys(n for n in cleaned if n)), number_, yes)


def menu_option(offered: Sequence[Named], text: str) -> int | None:
    """The option of a menu a reply picks: named as for a question, or else (when it is
    no question) by one of the option's longer words."""
    index = option(offered, text)
    if index is None and not reads_as_question(text):
        index = loose_option(offered, text)
    return index


LOOSE_MIN_CHARS = 4  # words this long or longer count in a loose pick ("uitslag", "datum")


def loose_option(offered: Sequence[Named], text: str) -> int | None:
    """For a menu: the one option that shares a longer word with the reply ("verder" for
    "Verder met stap 2", "datum aanpassen" for "Wijzig datum"); None when none or several."""
    said = {w for w in words(text) if len(w) >= LOOSE_MIN_CHARS}
    hits = [
        i
        for i, named_ in enumerate(offered)
        if said & {w for name in named_.names for w in name.split()}
    ]
    return hits[0] if len(hits) == 1 else None
