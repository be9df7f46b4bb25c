"""What the bot says to a free question: the answer with its source, suggestions, or a
friendly decline. Plain Dutch text; adapters add their own markup."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .content import Entry, Knowledge
from .matcher import Match, Outcome, fold

DECLINE = (
    "Daar heb ik helaas geen antwoord op. Ik ben een adviesbot over wijkgericht werken "
    "in gemeenten. U kunt mij bijvoorbeeld vragen naar:\n"
    "• de vier stappen: wijk-analyse, startpositie, kernkeuzes en start\n"
    "• de zes basisthema's en de vier fases\n"
    "• wijkteams, de sociale basis, outreachend en integraal werken\n"
    "• ervaringen van gemeenten, zoals Gouda, Utrecht en Oude IJsselstreek\n"
    "Probeer bijvoorbeeld: Wat zijn de vier stappen?"
)
SUGGEST = "Ik weet niet zeker wat u bedoelt. Bedoelde u een van deze onderwerpen?"
PRACTICE = "Een voorbeeld uit de praktijk van {place}:"
SEE_ALSO_MIN_SCORE = 0.5  # runners-up offered under an answer ("Zie ook")


@dataclass(frozen=True)
class Response:
    match: Match
    title: str | None  # the entry's title when answered
    text: str  # the answer with its source line, the suggestion prompt, or the decline
    suggestions: tuple[Entry, ...]  # offered as options

    @property
    def full_text(self) -> str:
        return f"{self.title}\n\n{self.text}" if self.title else self.text

    def as_json(self, kb: Knowledge) -> dict[str, Any]:
        """The `wijkbot ask --json` object of DESIGN.md."""
        best = self.match.best
        answered = self.match.outcome is Outcome.ANSWER
        scores = {c.entry.id: c.score for c in self.match.candidates}
        return {
            "question": self.match.question,
            "matched": answered,
            "id": best.entry.id if answered and best else None,
            "title": best.entry.title if answered and best else None,
            "answer": self.full_text,
            "score": round(best.score, 3) if best else 0.0,
            "source": source_label(best.entry) if answered and best else None,
            "suggestions": [
                {"id": e.id, "title": e.title, "score": round(scores[e.id], 3)}
                for e in self.suggestions
            ],
        }


def source_label(entry: Entry) -> str:
    return f"{entry.source.document}, {entry.source.section}"


def entry_text(entry: Entry, kb: Knowledge, question: str = "") -> str:
    """The answer with its source line (the title goes separately). An entry about one
    place's own practice says so when the question did not ask for that place."""
    answer = entry.answer.strip()
    if entry.place and question and fold(entry.place) not in fold(question):
        answer = f"{PRACTICE.format(place=entry.place)}\n{answer}"
    return f"{answer}\n\n{source_line(entry, kb)}"


def source_line(entry: Entry, kb: Knowledge) -> str:
    """One "Bron:" line: a seed by its title, with the part cited by its own heading (a
    heading need not read as a sentence, so it is quoted); a gemeente's own answer by its
    origin and date."""
    document = kb.sources.get(entry.source.document)
    if document is None:
        return f"Bron: {entry.source.document} ({entry.source.section})"
    return f'Bron: {document.title}, onderdeel "{entry.source.section}".'


def shown_text(entry: Entry, kb: Knowledge) -> str:
    """Everything the user reads when the bot answers with `entry`."""
    return f"{entry.title}\n\n{entry_text(entry, kb)}"


def respond(match: Match, kb: Knowledge) -> Response:
    if match.outcome is Outcome.ANSWER:
        assert match.best is not None
        others = tuple(c.entry for c in match.candidates[1:] if c.score >= SEE_ALSO_MIN_SCORE)
        entry = match.best.entry
        return Response(match, entry.title, entry_text(entry, kb, match.question), others)
    if match.outcome is Outcome.SUGGEST:
        return Response(match, None, SUGGEST, tuple(c.entry for c in match.candidates))
    return Response(match, None, DECLINE, ())
