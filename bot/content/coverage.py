"""Which parts of the seed documents the knowledge covers (`wijkbot kb coverage`).

Each seed is cut into the sections that knowledge/sources.yaml lists for it. Per section:
the entries that cite it, and the names (capitalised words inside a sentence, such as
"Naarden" or "Oude IJsselstreek") and numbers (such as "86%" or "2009") of its text that
no entry mentions anywhere. A name or number left out on purpose has its reason in
knowledge/README.md.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .loader import Knowledge
from .models import SourceDocument

# A capitalised word (or a run of them) after a lower-case word or a comma, so not the first
# word of a sentence or a heading; one-letter and all-caps words are left out.
_NAME = re.compile(
    r"(?<=[a-zà-ÿ,] )((?:[A-Z][a-zà-ÿ]+|IJ[a-zà-ÿ]+)(?:[ -](?:[A-Z][a-zà-ÿ]+|IJ[a-zà-ÿ]+))*)"
)
_ENUMERATOR = re.compile(r"(?m)^\W*\d+[.)]?\s")  # "11. Een punt" on a line of a list
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?\s?%|\d{2,}(?:[.,]\d+)?)(?![\w%])")


@dataclass(frozen=True)
class SectionCoverage:
    document: str
    section: str
    entries: tuple[str, ...]
    missing_names: tuple[str, ...]
    missing_numbers: tuple[str, ...]


def coverage(kb: Knowledge, seeds: Path) -> list[SectionCoverage]:
    known = _fold(
        " ".join(" ".join([e.title, *e.questions, e.answer]) for e in kb.entries.values())
    )
    found = []
    for document in kb.sources.values():
        text = (seeds / document.document).read_text(encoding="utf-8")
        for name, part in sections(document, text):
            citing = tuple(
                e.id
                for e in kb.entries.values()
                if e.source.document == document.document and e.source.section == name
            )
            names = _unique(m.group(1) for m in _NAME.finditer(part))
            running = _ENUMERATOR.sub("", part)
            numbers = _unique(re.sub(r"\s", "", m.group(1)) for m in _NUMBER.finditer(running))
            found.append(
                SectionCoverage(
                    document.document,
                    name,
                    citing,
                    tuple(n for n in names if _fold(n) not in known),
                    tuple(n for n in numbers if _fold(n) not in known),
                )
            )
    return found


def sections(document: SourceDocument, text: str) -> list[tuple[str, str]]:
    """(name, text) of each section, in order; a section whose start is not found is
    empty (`kb check` names it)."""
    starts: list[tuple[str, int]] = []
    position = 0
    for section in document.sections:
        at = text.find(section.starts, position)
        starts.append((section.name, at))
        position = at if at >= 0 else position
    found = []
    for number, (name, at) in enumerate(starts):
        ends = [a for _, a in starts[number + 1 :] if a > at]
        found.append((name, text[at : ends[0] if ends else len(text)] if at >= 0 else ""))
    return found


def _unique(items: object) -> list[str]:
    return list(dict.fromkeys(items))  # type: ignore[call-overload]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
