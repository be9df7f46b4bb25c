"""Free questions: typos, accents, case and plural/singular do not matter; close calls give
suggestions; questions outside the field get a friendly decline."""

from __future__ import annotations

import pytest

from bot.answers import respond
from bot.content import Entry, Knowledge
from bot.content.models import Source
from bot.matcher import Analyzer, Decision, Matcher, Outcome, fold


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
    never_sure = Decision(answer=1.1, in_field=0.0)  # every question in the field, none clear
    undecided = Matcher(small.index.entries, never_sure)
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


def _answer(matcher: Matcher, kb: Knowledge, question: str) -> str:
    match = matcher.match(question)
    assert match.outcome is Outcome.ANSWER, [(c.entry.id, c.score) for c in match.candidates]
    return fold(respond(match, kb).full_text)


# Questions as people type them, one or two of each style; written for these tests, not
# taken from any question set in bench/ or ../shared/eval/. Each must be answered outright
# with an answer that holds the fact a user asked for.
@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("kernkeuzes wijkgericht werken", "veranderaanpak"),  # a. keywords
        ("rol toegangsteam", "kloppend hart"),
        ("wat doet een sociaal makelaar nou precies", "verbind"),  # b. informal
        ("wat zijn de fases van wijkgericht werken eigenlijk", "samen op weg"),
        (  # c. long and situated: the scene-setting words are not in the knowledge
            "Ik werk bij een middelgrote gemeente en we willen dit jaar beginnen met "
            "wijkgericht werken. De wethouder wil eerst weten waar we nu staan. Hoe bepalen "
            "we onze startpositie?",
            "fase",
        ),
        (
            "Wij zijn een plattelandsgemeente met zeven dorpen. Onze wijkteams werken vooral "
            "als loket. Welke rol kan het toegangsteam nog meer hebben?",
            "kloppend hart",
        ),
        ("hoeveel procent van de gemeenten werkt wijkgericht", "86"),  # d. a number
        ("welke gemeente werkt met een sociaal makelaar", "gouda"),  # d. a place
        ("wie moet de kar trekken als we in de buurt aan de slag gaan", "regie"),  # e.
    ],
)
def test_questions_in_every_style_are_answered(
    matcher: Matcher, kb: Knowledge, question: str, fact: str
) -> None:
    assert fact in _answer(matcher, kb, question)


def test_a_vague_word_gets_suggestions_not_an_answer(matcher: Matcher, kb: Knowledge) -> None:
    match = matcher.match("rol")
    assert match.outcome is Outcome.SUGGEST
    assert 1 <= len(match.candidates) <= 3
    assert all("rol" in fold(c.entry.title + " ".join(c.entry.questions)) for c in match.candidates)
    assert respond(match, kb).text.startswith("Ik weet niet zeker wat u bedoelt")


@pytest.mark.parametrize(
    "question",
    [
        "Hoe vraag ik een Wmo-indicatie aan?",
        "Wie is de burgemeester van Utrecht?",
        "wie is mijn wijkagent",
    ],
)
def test_near_the_field_but_not_in_it_is_declined_with_what_the_bot_can_do(
    matcher: Matcher, kb: Knowledge, question: str
) -> None:
    match = matcher.match(question)
    assert match.outcome is Outcome.DECLINE
    assert "U kunt mij bijvoorbeeld vragen naar" in respond(match, kb).text


def test_generic_before_local(matcher: Matcher, kb: Knowledge) -> None:
    """A generic question gets the generic entry; naming the place gets that place's own
    practice; and a place's entry that does answer a generic question says whose it is."""
    generic = matcher.match("wat is een buurtbudget")
    assert generic.best is not None and generic.best.entry.place is None
    local = matcher.match("Hoe werkt het buurtbudget in Oude IJsselstreek?")
    assert local.best is not None and local.best.entry.place == "Oude IJsselstreek"
    assert not respond(local, kb).text.startswith("Een voorbeeld uit de praktijk")
    example = matcher.match("welke gemeente werkt met een sociaal makelaar")
    assert example.best is not None and example.best.entry.place == "Gouda"
    assert respond(example, kb).text.startswith("Een voorbeeld uit de praktijk van Gouda:")


def test_synonyms_find_the_words_the_knowledge_uses(kb: Knowledge) -> None:
    """'de kar trekken' is said for 'regie', 'inwoners' for 'bewoners'."""
    with_synonyms = Matcher.for_knowledge(kb)
    terms = {t.stem for t in with_synonyms.terms("wie moet de kar trekken")}
    assert "regie" in terms
    [inwoner] = with_synonyms.terms("inwoners")
    assert "bewoner" in inwoner.related
