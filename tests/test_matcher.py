"""Free questions: typos, accents, case and plural/singular do not matter; close calls give
suggestions; questions outside the field get a friendly decline."""

from __future__ import annotations

import pytest

from bot.content import Entry, Knowledge
from bot.content.models import Source
from bot.matcher import Analyzer, Matcher, Outcome, Thresholds, fold


def entry(id: str, title: str, questions: list[str], answer: str) -> Entry:
    return Entry(
        id=id,
        title=title,
        questions=questions,
        answer=answer,
        source=Source(document="000_b471dc141edc901d.txt", section="Test"),
        tags=[],
        related=[],
    )


@pytest.fixture(scope="module")
def small() -> Matcher:
    """A small knowledge base whose behaviour is known by construction."""
    return Matcher(
        [
            entry(
                "buurtbudget",
                "Buurtbudget",
                ["Wat is een buurtbudget?", "geld voor bewonersinitiatieven"],
                "Een buurtbudget is geld dat bewoners zelf besteden aan hun buurt.",
            ),
            entry(
                "rol-wijkteam",
                "De rol van het wijkteam",
                ["Welke rol heeft het wijkteam?", "taken van het wijkteam"],
                "Het wijkteam is de toegang tot hulp en soms het kloppend hart van de wijk.",
            ),
            entry(
                "rol-gebiedsregisseur",
                "De rol van de gebiedsregisseur",
                ["Welke rol heeft de gebiedsregisseur?", "taken van de gebiedsregisseur"],
                "De gebiedsregisseur houdt overzicht in het gebied en heeft doorzettingsmacht.",
            ),
            entry(
                "ervaringsdeskundigheid",
                "Ervaringsdeskundigheid",
                ["Wat is ervaringsdeskundigheid?", "wat doen ervaringsdeskundigen"],
                "Ervaringsdeskundigen zetten hun eigen ervaring in om anderen te steunen.",
            ),
        ]
    )


def test_fold_removes_accents_and_case() -> None:
    assert fold("Één Oúde IJsselstreek") == "een oude ijsselstreek"


def test_plural_and_singular_meet() -> None:
    analyzer = Analyzer()
    assert analyzer.terms("wijkteams buurtbudgetten fases") == analyzer.terms(
        "wijkteam buurtbudget fase"
    )


def test_question_words_are_not_terms() -> None:
    assert Analyzer().terms("Wat is eigenlijk de rol van een beschermheer?") == [
        "rol",
        "beschermheer",
    ]


@pytest.mark.parametrize(
    "question",
    [
        "wat is een buurtbudjet",  # typo
        "WAT IS EEN BUURTBUDGET",  # upper case
        "buurtbudgetten",  # plural
        "Wat is een búúrtbudget?",  # accents
    ],
)
def test_variants_find_the_same_answer(small: Matcher, question: str) -> None:
    match = small.match(question)
    assert match.outcome is Outcome.ANSWER
    assert match.best is not None and match.best.entry.id == "buurtbudget"


def test_typo_in_a_long_word(small: Matcher) -> None:
    match = small.match("ervaringsdeskundighijd wat is het")
    assert match.best is not None and match.best.entry.id == "ervaringsdeskundigheid"


def test_run_together_words_are_split(small: Matcher) -> None:
    match = small.match("gebiedsregisseurtaken")
    assert match.outcome is Outcome.ANSWER
    assert match.best is not None and match.best.entry.id == "rol-gebiedsregisseur"


def test_close_candidates_give_suggestions(small: Matcher) -> None:
    undecided = Matcher(small.index.entries, thresholds=Thresholds(margin=0.3, sure=1.0))
    match = undecided.match("welke rol")
    assert match.outcome is Outcome.SUGGEST
    assert {c.entry.id for c in match.candidates} >= {"rol-wijkteam", "rol-gebiedsregisseur"}


def test_unrelated_question_is_declined(small: Matcher) -> None:
    assert small.match("Hoe laat vertrekt de trein naar Utrecht?").outcome is Outcome.DECLINE
    assert small.match("asdfghjkl").outcome is Outcome.DECLINE
    assert small.match("???").outcome is Outcome.DECLINE


@pytest.mark.parametrize(
    "question",
    [
        "Wat kost een parkeervergunning?",
        "Wanneer wordt het grofvuil opgehaald?",
        "Hoe vraag ik een nieuw paspoort aan?",
        "Wie won het WK voetbal in 2022?",
        "Geef me een recept voor appeltaart",
        "Wat is de hoofdstad van Frankrijk?",
        "Hoeveel is 17 keer 23?",
        "Kan ik bij jullie een afspraak maken voor een vaccinatie?",
    ],
)
def test_real_knowledge_declines_questions_outside_its_field(
    matcher: Matcher, question: str
) -> None:
    assert matcher.match(question).outcome is Outcome.DECLINE


def test_every_entry_is_found_by_its_own_title(matcher: Matcher, kb: Knowledge) -> None:
    """Each title is a question a user may type; the entry must rank in the top three."""
    missed = [
        e.id
        for e in kb.entries.values()
        if e.id not in {c.entry.id for c in matcher.rank(e.title, limit=3)}
    ]
    assert len(missed) <= len(kb.entries) // 50, missed


def test_short_word_missing_a_letter(small: Matcher) -> None:
    match = small.match("welke taken heeft het wijktem")
    assert match.best is not None and match.best.entry.id == "rol-wijkteam"


def test_part_of_a_known_compound(small: Matcher) -> None:
    """'initiatieven' only occurs inside 'bewonersinitiatieven'."""
    match = small.match("geld voor initiatieven")
    assert match.best is not None and match.best.entry.id == "buurtbudget"


def test_a_real_word_is_not_mended_into_another(matcher: Matcher) -> None:
    """'gehuwden' is one changed letter from 'gehouden', a word the knowledge uses."""
    assert "gehouden" in matcher.index.surface
    assert matcher.match("Hoeveel bijstand krijgen gehuwden?").outcome is Outcome.DECLINE
