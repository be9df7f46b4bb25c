"""The doe-het-zelf-checklist: 97 points answered in `wijkbot chat` by two colleagues, each
task's result when it is done, the result with the strong and weak tasks and the pitfalls
recognised, and where it shows (voortgang, export, report).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest

from bot.content.models import ChecklistTask
from bot.report.checklist import ChecklistScores, score
from bot.telegram.render import keyboard
from bot.vocabulary import ChatType, Event

from .scripted import (
    InProcess,
    answer_rows,
    around,
    chat,
    dump,
    export,
    first,
    heading,
    join,
    knowledge,
    options,
    register,
)

# Per task, per point in order: j(a), d(eels) or n(ee). Kansen come first in every task.
PATTERNS = {
    1: "jjjjjjj" + "nnnnnn",  # all kansen, no valkuil: 10,0
    2: "jjjjjj" + "jnnnnn",  # 9,2
    3: "jjjjjjd" + "dnnn",  # 9,0
    4: "jjjdddd" + "ddddd",  # 6,1
    5: "ddddnn" + "ddddddd",  # 4,2
    6: "dddd" + "dddd",  # 5,0
    7: "nnnnn" + "jjj",  # no kans, every valkuil: 0,0
    8: "nnnnd" + "jjj",  # 0,5
    9: "ndnnnn" + "jd",  # 1,7
    10: "jdd" + "n",  # 8,3
}
VALUES = {"j": "ja", "d": "deels", "n": "nee"}
WORDS = {"j": "ja", "d": "Deels", "n": "nee"}  # typed; buttons are 1 Ja, 2 Deels, 3 Nee
BUTTONS = {"j": "1", "d": "2", "n": "3"}
LETTERS = "".join(PATTERNS[number] for number in sorted(PATTERNS))
# What the user types for point n (1-97): a typed word and a button number, by turns.
TYPED = [WORDS[c] if n % 2 else BUTTONS[c] for n, c in enumerate(LETTERS, start=1)]


def tasks() -> tuple[ChecklistTask, ...]:
    return knowledge().checklist


def expected_score(task: ChecklistTask) -> float:
    """The rule of the feature, worked out apart from the code under test."""
    points = {"j": Decimal(1), "d": Decimal("0.5"), "n": Decimal(0)}
    letters = PATTERNS[task.number]
    kans = [points[c] for c, i in zip(letters, task.items, strict=True) if i.kind == "kans"]
    valkuil = [points[c] for c, i in zip(letters, task.items, strict=True) if i.kind == "valkuil"]
    value = 5 + 5 * (sum(kans) / len(kans) - sum(valkuil) / len(valkuil))
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def expected_ranking() -> tuple[list[ChecklistTask], list[ChecklistTask]]:
    """The strong tasks (6,0 or more, best first) and the weak (4,0 or less, worst first)."""
    ordered = sorted(tasks(), key=expected_score)
    scores = [expected_score(t) for t in ordered]
    assert len(set(scores)) == len(scores), "the answers must give every task its own score"
    strong = [t for t in ordered[::-1] if expected_score(t) >= 6]
    return strong, [t for t in ordered if expected_score(t) <= 4]


def dutch(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """Anna begins with task 1 and stops in task 4; Bert picks task 6 and stops in task 9;
    Anna picks task 9 later, and the flow runs on to point 97, round to the points still
    open (46-61) and then to the result."""
    db = tmp_path_factory.mktemp("checklist") / "wijkbot.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WIJKBOT_FILES", raising=False)
        register(db, "anna")
        join(db, "bert")
        replies = {
            "anna": chat(db, "/checklist", "1", *TYPED[:45], "/stop"),
            "bert": chat(db, "/checklist", "6", *TYPED[61:86], "/stop", user="bert"),
            "later": chat(db, "/checklist", "9", *TYPED[86:], *TYPED[45:61]),
            "after": chat(db, "/voortgang", "/rapport", "/checklist", user="bert"),
        }
    return db, replies


def test_every_point_is_asked_with_its_task_and_kind(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    _, replies = walk
    menu = first(replies["anna"], "Kies een opgave")
    assert options(menu)[0] == "Breed bereik (0/13)"  # no "1) 1. Breed bereik"
    assert options(menu)[9] == "Rugdekking (0/4)"
    question = first(replies["anna"], "Punt 1 ·")
    assert heading(question) == "Opgave 1 van 10: Breed bereik (punt 1 van 13)"
    assert "Punt 1 · kans" in question
    assert "Herkent u dit in uw gemeente?" in question
    assert "Punt 8 · valkuil" in first(replies["anna"], "Punt 8 ·")
    assert replies["anna"][-1].startswith("Gestopt.") and "/checklist" in replies["anna"][-1]


def asked(replies: list[str]) -> list[int]:
    """The points asked, in order, from their lines 'Punt N · kans'."""
    found = [re.search(r"^Punt (\d+) · ", r, flags=re.MULTILINE) for r in replies]
    return [int(match[1]) for match in found if match]


def test_a_colleague_sees_the_progress_and_begins_at_the_task_of_their_choice(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    db, replies = walk
    menu = replies["bert"][0]
    assert "1) Breed bereik (13/13) ✓" in menu
    assert "4) Structuur en methodiek (9/12)" in menu and "Uitslag bekijken" in menu
    assert asked(replies["bert"]) == list(range(62, 88))  # task 6 on, not the open 46
    assert "Opgave 7 van 10" in first(replies["bert"], "Punt 70 ·")  # on past task 6
    authors = {row["item"]: row["author_name"] for row in answer_rows(db, flow="checklist")}
    assert (authors["45"], authors["62"], authors["86"]) == ("anna", "bert", "bert")
    assert (authors["87"], authors["46"]) == ("anna", "anna")


def test_a_task_continues_at_its_first_open_point_and_the_flow_comes_round(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    _, replies = walk
    assert "U gaat verder bij de eerste vraag die nog open staat" in replies["later"][1]
    assert asked(replies["later"]) == [*range(87, 98), *range(46, 62)]
    assert "Dat waren de open punten van de checklist" in first(replies["later"], "open punten")


def test_every_answer_is_stored_once_as_typed_or_pressed(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    db, _ = walk
    rows = answer_rows(db, flow="checklist")
    assert sorted(int(row["item"]) for row in rows) == list(range(1, 98))
    stored = {int(row["item"]): row["value"] for row in rows}
    assert [stored[n] for n in range(1, 98)] == [VALUES[c] for c in LETTERS]


def test_the_result_names_the_strongest_and_weakest_tasks_and_what_to_do(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    _, replies = walk
    strongest, weakest = expected_ranking()
    result = first(replies["later"], "Uitslag doe-het-zelf-checklist")
    assert "kansen die er zijn tellen mee, herkende valkuilen tellen tegen" in result
    assert "Sterk is 6,0 of hoger, zwak 4,0 of lager." in result
    shown = ", ".join(f"{t.name} ({dutch(expected_score(t))})" for t in strongest)
    assert f"Sterk (6,0 of hoger): {shown}" in result
    shown = ", ".join(f"{t.name} ({dutch(expected_score(t))})" for t in weakest)
    assert f"Zwak (4,0 of lager): {shown}" in result
    assert [t.number for t in strongest] == [1, 2, 3, 10, 4]  # 6,1 is strong; 5,0 neither
    assert [t.number for t in weakest] == [7, 8, 9]
    for task in tasks():
        assert f"{task.number}. {task.name}: {dutch(expected_score(task))}" in result

    weakest_task = weakest[0]  # every valkuil ja, every kans nee
    advice = first(replies["later"], "Zwakke opgaven")
    pitfalls = [i for i in weakest_task.items if i.kind == "valkuil"][:3]
    missing = [i for i in weakest_task.items if i.kind == "kans"][:3]
    for item in pitfalls + missing:
        assert f"• {item.number}. {item.text}" in advice
    entry = knowledge().entries[weakest_task.entry]
    assert f"/vraag {entry.title}" in advice
    build_on = first(replies["later"], "Sterke opgaven")
    assert strongest[0].items[0].text in build_on and "voortbouwen" in build_on
    assert tasks()[3].name not in build_on  # strong, but the three strongest are shown


def test_the_result_lists_every_pitfall_recognised(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    _, replies = walk
    listed = first(replies["later"], "Valkuilen die u herkent\n")
    recognised = [
        (item, VALUES[PATTERNS[task.number][place]])
        for task in tasks()
        for place, item in enumerate(task.items)
        if item.kind == "valkuil" and PATTERNS[task.number][place] in "jd"
    ]
    assert len(recognised) == 26
    for item, answer in recognised:
        assert f"• {item.number}. {item.text} ({answer})" in listed
    assert "Opgave 1: Breed bereik" not in listed  # no pitfall recognised there


def test_each_task_shows_its_result_when_it_is_done(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    _, replies = walk
    before, done, after = around(replies["later"], "Opgave 10 is ingevuld: Rugdekking")
    assert "Punt 97 · valkuil" in before and "Punt 46 · valkuil" in after  # round to 46
    assert "Score 8,3: sterk (6,0 of hoger)." in done
    assert "U herkent geen valkuil in deze opgave." in done
    six = first(replies["bert"], "Opgave 6 is ingevuld")
    assert "Score 5,0: tussen zwak (4,0 of lager) en sterk (6,0 of hoger)." in six
    pitfalls = [i for i in tasks()[5].items if i.kind == "valkuil"]
    assert all(f"• {i.number}. {i.text} (deels)" in six for i in pitfalls)
    results = [heading(r) for r in replies["bert"] if "is ingevuld" in heading(r)]
    assert results == [
        "Opgave 6 is ingevuld: Ruimte vrij maken",
        "Opgave 7 is ingevuld: Ruimte voor professionals",
        "Opgave 8 is ingevuld: Dienstverlening",
    ]


def test_voortgang_export_and_report_show_the_checklist(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    db, replies = walk
    strongest, weakest = expected_ranking()
    progress = first(replies["after"], "Voortgang van")
    assert (
        "Doe-het-zelf-checklist: 10 van 10 opgaven ingevuld (97 van 97 punten) · "
        f"sterkst: {strongest[0].name} · zwakst: {weakest[0].name}"
    ) in progress
    assert "10) Rugdekking (4/4) ✓" in replies["after"][-1]

    checklist = export(db)["checklist"]
    assert checklist["status"] == "klaar"
    assert {t["key"]: t["score"] for t in checklist["tasks"]} == {
        t.key: expected_score(t) for t in tasks()
    }
    assert all(t["answered"] == t["items"] for t in checklist["tasks"])
    assert checklist["strongest"] == [t.key for t in strongest[:3]]
    assert checklist["weakest"] == [t.key for t in weakest[:3]]

    [path] = re.findall(r"^\[document: (.+\.md)\]$", "\n".join(replies["after"]), re.MULTILINE)
    markdown = Path(path).read_text(encoding="utf-8")
    assert "## Doe-het-zelf-checklist" in markdown
    assert "| Opgave | Ingevuld | Score |" in markdown
    assert f"| 1. Breed bereik | 13 van 13 | {dutch(expected_score(tasks()[0]))} |" in markdown
    assert "Zwakke opgaven: wat te doen" in markdown
    [path] = re.findall(r"^\[document: (.+\.docx)\]$", "\n".join(replies["after"]), re.MULTILINE)
    report = docx.Document(path)
    cells = [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    assert "Doe-het-zelf-checklist" in [p.text for p in report.paragraphs]
    assert "10. Rugdekking" in cells and "4 van 4" in cells


def test_a_finished_task_is_walked_again_and_skipping_changes_nothing(
    walk: tuple[Path, dict[str, list[str]]],
) -> None:
    db, _ = walk
    before = answer_rows(db, flow="checklist")
    replies = chat(db, "/checklist 10", "/overslaan", "/overslaan", "/overslaan", "/overslaan")
    assert "Deze opgave is al helemaal ingevuld" in replies[0]
    assert heading(replies[1]) == "Opgave 10 van 10: Rugdekking (punt 1 van 4)"
    assert "Punt 94 · kans" in replies[1] and "Huidig antwoord: Ja" in replies[1]
    assert "Punt 97 · valkuil" in first(replies, "Punt 97")
    assert "Uitslag doe-het-zelf-checklist" in replies[-4]  # then weak, strong, pitfalls
    assert answer_rows(db, flow="checklist") == before


# -- bad input ----------------------------------------------------------------------------


@pytest.fixture
def member(tmp_path: Path) -> Path:
    db = tmp_path / "wijkbot.db"
    register(db, "anna")
    return db


@pytest.mark.parametrize("given", ["11", "abc", "0"])
def test_a_task_that_does_not_exist_gets_the_menu_and_changes_nothing(
    member: Path, given: str
) -> None:
    before = dump(member)
    replies = chat(member, f"/checklist {given}")
    assert replies[0] == (
        f"Die opgave ken ik niet: {given}. Kies een opgave van 1 tot 10, bijvoorbeeld: /checklist 3"
    )
    assert "1) Breed bereik (0/13)" in replies[1]
    unchanged = [line for line in before if "conversations" not in line]
    assert [line for line in dump(member) if "conversations" not in line] == unchanged


def test_an_answer_that_is_not_ja_deels_or_nee_is_refused(member: Path) -> None:
    replies = chat(member, "/checklist 2", "misschien", "4")
    refusals = [r for r in replies if r.startswith("Kies een van de opties")]
    assert len(refusals) == 2 and "van 1 tot 3" in refusals[0]
    assert replies[-1] == replies[-3]  # the same point is asked again
    assert "Punt 14 · kans" in replies[-1]
    assert answer_rows(member, flow="checklist") == []


def test_the_checklist_is_for_members_only(tmp_path: Path) -> None:
    [reply] = chat(tmp_path / "wijkbot.db", "/checklist")
    assert "nog geen lid van een gemeente" in reply


# -- the score rule -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        ([], None),
        ([("kans", "ja")], 10.0),
        ([("valkuil", "ja")], 0.0),
        ([("valkuil", "nee")], 5.0),  # no kans answered: its share is 0
        ([("kans", "ja"), ("kans", "nee"), ("valkuil", "deels")], 5.0),
        ([("kans", "deels"), ("valkuil", "nee")], 7.5),
        ([("kans", "ja"), ("kans", "ja"), ("kans", "nee"), ("valkuil", "deels")], 5.8),
        ([("kans", "ja"), ("kans", "deels"), ("valkuil", "ja"), ("valkuil", "nee")], 6.3),
    ],
)
def test_the_score_rule(answers: list[tuple[str, str]], expected: float | None) -> None:
    assert score(answers) == expected


def test_strong_and_weak_go_by_the_threshold_and_ties_by_number() -> None:
    first_points = {task.number: task.items[0] for task in tasks()}
    # Four tasks answered on their first point, a kans: ja (10), nee (5), deels (7,5), ja (10)
    answers = {first_points[1].number: "ja", first_points[2].number: "nee"}
    answers |= {first_points[3].number: "deels", first_points[4].number: "ja"}
    checklist = ChecklistScores(tasks(), answers)
    strongest, weakest = checklist.ranked()
    assert [s.task.number for s in strongest] == [1, 4, 3]  # 1 and 4 tie: the lower first
    assert weakest == []  # 5,0 is neither strong nor weak


def test_with_few_tasks_done_only_a_strong_score_is_called_strong() -> None:
    first_points = {task.number: task.items[0] for task in tasks()}
    answers = {first_points[n].number: value for n, value in [(1, "ja"), (2, "deels")]}
    valkuil = next(i for i in tasks()[2].items if i.kind == "valkuil")  # task 3: 2,5 alone
    checklist = ChecklistScores(tasks(), {**answers, valkuil.number: "deels"})
    assert [s.score for s in checklist.scores()[:3]] == [10.0, 7.5, 2.5]
    strongest, weakest = checklist.ranked()
    assert [s.task.number for s in strongest] == [1, 2]
    assert [s.task.number for s in weakest] == [3]
    assert checklist.scores()[4].score is None and checklist.status() == "bezig"


# -- a task of the checklist as a group check-in: one row of buttons per point ------------


def test_each_task_fits_one_message_with_a_row_per_point(tmp_path: Path) -> None:
    bot = InProcess(tmp_path / "wijkbot.db")
    group = {"chat_id": "g1", "user_id": "fia", "chat_type": ChatType.GROUP, "is_admin": True}
    try:
        for task in tasks():
            event = Event(text=f"/checkin checklist {task.number}", **group)
            [message] = bot.services.engine.handle(event)
            markup = keyboard([(o.label, o.payload, o.url) for o in message.options])
            assert markup is not None
            rows = [[b.text for b in row] for row in markup.inline_keyboard]
            assert rows == [[f"Punt {i.number}: ja", "deels", "nee"] for i in task.items]
            assert len(message.options) <= 100 and len(message.text) < 4096
            bot.services.engine.handle(Event(text="/checkin_sluit", **group))
    finally:
        bot.close()
