"""The content loads, and every kind of mistake an editor can make stops the load with a
message naming the file, the entry and the problem."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.content import MAX_ANSWER_CHARS, THEME_KEYS, ContentError, Knowledge, load_knowledge
from bot.content.coverage import coverage
from bot.content.models import SeedSection, Source, SourceDocument
from bot.matcher import fold
from bot.matcher.normalize import words

from .conftest import ROOT, SHARED

ENTRY = """\
  - id: {id}
    title: Een titel
    questions: ["Een vraag?"]
    answer: Een antwoord.
    source: {{document: 000_b471dc141edc901d.txt, section: Voorwoord}}
    tags: [test]
    related: []
"""


@pytest.fixture
def content(content_copy: Path) -> Path:
    """A writable copy of the real content (tests/conftest.py)."""
    return content_copy


def add_entries(root: Path, text: str) -> None:
    (root / "knowledge/entries/zz_test.yaml").write_text("entries:\n" + text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_knowledge(root)
    return [str(p) for p in caught.value.problems]


def test_real_content_loads_complete(kb: Knowledge) -> None:
    counts = kb.counts()
    assert counts["entries"] >= 150
    assert [t.key for t in kb.themes] == list(THEME_KEYS)
    assert [s.key for s in kb.steps] == ["wijkanalyse", "startpositie", "kernkeuzes", "start"]
    assert counts["values"] == 10 and counts["checklist tasks"] == 10
    assert counts["checklist items"] == 97
    assert counts["gemeenten"] == 342
    assert len(kb.sources) == 5
    assert {e.source.document for e in kb.entries.values()} == set(kb.sources)


def test_every_entry_is_fit_for_a_phone(kb: Knowledge) -> None:
    for entry in kb.entries.values():
        assert len(entry.answer) <= MAX_ANSWER_CHARS, entry.id
        assert len(entry.questions) >= 3, entry.id
        assert "**" not in entry.answer and "<" not in entry.answer, entry.id


def _shingles(text: str, size: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", fold(text))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="needs ../shared/seeds")
def test_answers_are_written_in_own_words(kb: Knowledge) -> None:
    seeds = set()
    for path in (SHARED / "seeds").glob("*.txt"):
        seeds |= _shingles(path.read_text(encoding="utf-8"), 10)
    copied = [e.id for e in kb.entries.values() if _shingles(e.answer, 10) & seeds]
    assert copied == []


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: the sets are large
QUESTION_SETS = sorted(
    [SHARED / "eval/dev_questions.yaml", *(ROOT / "bench").glob("questions_*.yaml")]
)


def _asked(path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    asked = [item["q"] for item in data["in_scope"]]
    asked += [o if isinstance(o, str) else o["q"] for o in data["out_of_scope"]]
    return [f" {' '.join(words(q))} " for q in asked if len(q) > 12]


@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="needs ../shared/eval")
def test_eval_questions_are_not_in_the_knowledge_base(kb: Knowledge) -> None:
    """The question sets measure the matcher: no question of any set is one of the
    knowledge's phrasings, not even inside a longer one; and no dev question stands anywhere
    in knowledge/. (A short keyword question of another set may of course occur in a title
    or an answer: "wat is outreachend werken".)"""
    asked = [q for path in QUESTION_SETS for q in _asked(path)]
    phrasings = [f" {' '.join(words(p))} " for e in kb.entries.values() for p in e.questions]
    everything = "|".join(phrasings)  # one search per question instead of one per pair
    found = [q for q in asked if q in everything]
    assert [p for p in phrasings if any(q in p for q in found)] == []
    text = " ".join(
        " ".join(words(p.read_text(encoding="utf-8"))) for p in (ROOT / "knowledge").rglob("*.yaml")
    )
    dev = _asked(SHARED / "eval/dev_questions.yaml")
    assert [q for q in dev if q in f" {text} "] == []


def test_missing_field(content: Path) -> None:
    add_entries(content, ENTRY.format(id="proef").replace("    tags: [test]\n", ""))
    assert problems(content) == [
        "knowledge/entries/zz_test.yaml: entry 'proef': missing field 'tags'"
    ]


def test_unknown_key(content: Path) -> None:
    add_entries(content, ENTRY.format(id="proef") + "    auteur: Piet\n")
    assert problems(content) == [
        "knowledge/entries/zz_test.yaml: entry 'proef': unknown key 'auteur'"
    ]


def test_duplicate_id_names_both_files(content: Path) -> None:
    add_entries(content, ENTRY.format(id="basisprincipe"))
    [message] = problems(content)
    assert message.startswith("knowledge/entries/zz_test.yaml: entry 'basisprincipe': duplicate")
    assert "000_aanpak.yaml" in message


def test_related_id_must_exist(content: Path) -> None:
    add_entries(content, ENTRY.format(id="proef").replace("related: []", "related: [bestaat-niet]"))
    assert problems(content) == [
        "knowledge/entries/zz_test.yaml: entry 'proef': related id 'bestaat-niet' does not exist"
    ]


def test_over_long_answer(content: Path) -> None:
    long_answer = "Een antwoord. " * 70
    add_entries(content, ENTRY.format(id="proef").replace("Een antwoord.", long_answer.strip()))
    [message] = problems(content)
    assert message.startswith("knowledge/entries/zz_test.yaml: entry 'proef': answer is 979")
    assert f"at most {MAX_ANSWER_CHARS}" in message


def test_answers_speak_with_one_voice(content: Path) -> None:
    informal = "Dan kun je jouw buren vragen. Het motto 'doe je mee?' mag."
    add_entries(
        content,
        ENTRY.format(id="je-vorm").replace("Een antwoord.", informal)
        + ENTRY.format(id="eigen-bron").replace("Een antwoord.", '"Zo gaat het. Bron: de memo."'),
    )
    assert problems(content) == [
        "knowledge/entries/zz_test.yaml: entry 'je-vorm': answer says je, jouw; address the "
        "reader as u",
        "knowledge/entries/zz_test.yaml: entry 'eigen-bron': answer has its own 'Bron:' line; "
        "the bot adds the source",
    ]


def test_synonym_mistakes_are_named(content: Path) -> None:
    (content / "knowledge/reference/synonyms.yaml").write_text(
        "synonyms:\n"
        "  - [bewoner, inwoner]\n"
        "  - [buurt]\n"
        "  - [inwoner, burger]\n"
        "  - [zeppelin, luchtschip]\n"
        "  - bewoner\n",
        encoding="utf-8",
    )
    file = "knowledge/reference/synonyms.yaml"
    assert problems(content) == [
        f"{file}: group 2: a group needs at least two different members",
        f"{file}: group 3: 'inwoner' is also in group 1",
        f"{file}: group 4: no member of ['zeppelin', 'luchtschip'] occurs in the knowledge",
        f"{file}: group 5: a group is a list of words, like [bewoner, inwoner]",
    ]


def test_an_entry_cites_a_section_its_document_has(content: Path) -> None:
    add_entries(content, ENTRY.format(id="proef").replace("Voorwoord", "Hoofdstuk 9"))
    [message] = problems(content)
    assert message == (
        "knowledge/entries/zz_test.yaml: entry 'proef': section 'Hoofdstuk 9' is not a "
        "section of its document"
    )


def test_yaml_error_names_the_line(content: Path) -> None:
    add_entries(content, ENTRY.format(id="proef") + "  - id: [kapot\n")
    [message] = problems(content)
    assert message.startswith("knowledge/entries/zz_test.yaml: line 10: YAML error")


def test_bad_id_and_unknown_source(content: Path) -> None:
    add_entries(
        content,
        ENTRY.format(id="Geen_Kebab")
        + ENTRY.format(id="proef").replace("000_b471dc141edc901d.txt", "onbekend.txt"),
    )
    found = problems(content)
    assert len(found) == 2
    assert found[0].startswith("knowledge/entries/zz_test.yaml: entry 'Geen_Kebab': field 'id'")
    assert found[1] == (
        "knowledge/entries/zz_test.yaml: entry 'proef': unknown source document 'onbekend.txt'"
    )


def test_reference_data_is_checked(content: Path) -> None:
    themes = content / "knowledge/reference/themes.yaml"
    data = yaml.safe_load(themes.read_text(encoding="utf-8"))
    data["themes"] = data["themes"][:-1]
    data["themes"][0]["examples"].append("voorbeeld-nergens")
    themes.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = problems(content)
    assert (
        "knowledge/reference/themes.yaml: theme 'visie_inspiratie': "
        "entry id 'voorbeeld-nergens' does not exist"
    ) in found
    assert any("themes incomplete: missing ['taal_gedrag']" in p for p in found)


def test_all_problems_are_reported_at_once(content: Path) -> None:
    first = ENTRY.format(id="een").replace("related: []", "related: [nergens]")
    second = ENTRY.format(id="twee").replace("title: Een titel", "titel: Een titel")
    add_entries(content, first + second)
    found = problems(content)
    assert found == [
        "knowledge/entries/zz_test.yaml: entry 'twee': missing field 'title'",
        "knowledge/entries/zz_test.yaml: entry 'twee': unknown key 'titel'",
        "knowledge/entries/zz_test.yaml: entry 'een': related id 'nergens' does not exist",
    ]


def test_flows_cover_the_four_steps(kb: Knowledge) -> None:
    assert sorted(f.step for f in kb.flows.values() if f.step) == sorted(
        ["wijkanalyse", "startpositie", "kernkeuzes", "start"]
    )
    assert "actie" in kb.flows


def edit_flow(root: Path, name: str, change: Callable[[dict[str, Any]], object]) -> None:
    path = root / "flows" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["questions"][1]["questions"][0].update(text="Wie wonen er in {wijk}?"),
            "flows/wijkanalyse.yaml: question 'bewoners': unknown placeholder {wijk} in text",
        ),
        (
            lambda d: d["questions"][2].update(options_from="answer:straten"),
            "flows/wijkanalyse.yaml: question 'prioriteiten': 'answer:straten' does not name "
            "an earlier question of this flow",
        ),
        (
            lambda d: d["questions"][0].update(type="choice"),
            "flows/wijkanalyse.yaml: field 'questions.0.question': Value error, a choice "
            "question needs 'options' or 'options_from'",
        ),
        (
            lambda d: d["questions"][1]["questions"][0].update(colour="blue"),
            "flows/wijkanalyse.yaml: unknown key 'questions.1.group.questions.0.colour'",
        ),
        (
            lambda d: d["questions"][1]["questions"].append(
                dict(d["questions"][1]["questions"][0])
            ),
            "flows/wijkanalyse.yaml: question 'bewoners': duplicate question key",
        ),
    ],
)
def test_flow_mistakes_are_named(
    content: Path, change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    edit_flow(content, "wijkanalyse.yaml", change)
    assert expected in problems(content)


def test_a_checklist_text_may_use_the_fields_of_a_point_only(content: Path) -> None:
    question = "Opgave {task_number}: {task}, punt {number} ({kind_label}): {text} {name}"

    def change(data: dict[str, Any]) -> None:
        data["questions"][0]["questions"][0]["text"] = question

    edit_flow(content, "checklist.yaml", change)
    assert problems(content) == [
        "flows/checklist.yaml: question 'herkend': unknown placeholder {name} in text"
    ]


def test_a_step_without_its_flow_is_reported(content: Path) -> None:
    (content / "flows/kernkeuzes.yaml").unlink()
    assert any("each step needs exactly one flow" in p for p in problems(content))


def test_an_action_group_needs_what_who_and_when(content: Path) -> None:
    edit_flow(content, "start.yaml", lambda d: d["questions"][1]["questions"].pop())
    assert (
        "flows/start.yaml: group 'answer:focus_themes': creates: action needs questions "
        "wat, wie, wanneer" in problems(content)
    )


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        (
            "1_quickscan.yaml",
            lambda d: d.update(question="In welke fase zit {thema}?"),
            "flows/checkins/1_quickscan.yaml: check-in 'quickscan': the question may use "
            "{theme}, not ['thema']",
        ),
        (
            "2_energie.yaml",
            lambda d: d.update(kind="poll"),
            "flows/checkins/2_energie.yaml: field 'kind': Input should be 'phases', 'themes', "
            "'open', 'choice' or 'checklist'",
        ),
        (
            "3_open.yaml",
            lambda d: d.pop("question"),
            "flows/checkins/3_open.yaml: check-in 'open': a check-in of kind 'open' needs a "
            "question",
        ),
    ],
)
def test_check_in_template_mistakes_are_named(
    content: Path, file: str, change: Callable[[dict[str, Any]], object], expected: str
) -> None:
    edit_flow(content, f"checkins/{file}", change)
    assert expected in problems(content)


def test_coverage_names_what_no_entry_holds(kb: Knowledge, tmp_path: Path) -> None:
    """`wijkbot kb coverage` on a small seed of two sections and two entries."""
    (tmp_path / "seed.txt").write_text(
        "Inleiding\nIn 2009 begon een proef in Naarden en Bussum met 12 buurten.\n"
        "Slot\nHet werkte ook in Tilburg, zegt Piet Jansen. Dit gaat over 86% van de gemeenten.\n",
        encoding="utf-8",
    )
    seed = SourceDocument(
        document="seed.txt",
        title="Een proef",
        publisher="Test",
        sections=[
            SeedSection(name="Inleiding", starts="Inleiding"),
            SeedSection(name="Slot", starts="Slot"),
        ],
    )
    entry = kb.entries["basisprincipe"]
    cited = entry.model_copy(
        update={
            "id": "proef-naarden",
            "answer": "Naarden begon in 2009 met een proef.",
            "source": Source(document="seed.txt", section="Inleiding"),
        }
    )
    small = replace(kb, entries={cited.id: cited}, sources={"seed.txt": seed})
    inleiding, slot = coverage(small, tmp_path)
    assert (inleiding.section, inleiding.entries) == ("Inleiding", ("proef-naarden",))
    assert inleiding.missing_names == ("Bussum",)
    assert inleiding.missing_numbers == ("12",)
    assert (slot.section, slot.entries) == ("Slot", ())
    assert slot.missing_names == ("Tilburg", "Piet Jansen")
    assert slot.missing_numbers == ("86%",)
