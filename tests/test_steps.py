"""A coordinator walks all four steps in `wijkbot chat`, and a killed bot loses nothing."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import docx
import pytest

from bot.content import Knowledge

from .scripted import (
    ACTION_1,
    ACTION_2,
    GEMEENTE,
    NEXT_YEAR,
    NOORD,
    PHASES,
    REASON_AANPAK,
    REASON_ROL,
    REGISTER,
    STEP1,
    STEP3,
    STEP4,
    ZUID,
    answer_rows,
    chat,
    export,
    first,
    heading,
    headings,
    options,
    register,
)

FREE_QUESTION = "Wat is een buurtbudget?"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """One whole walk, choosing 'Begin met stap 1' and 'Verder met stap N' by number."""
    db = tmp_path_factory.mktemp("walk") / "wijkbot.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("WIJKBOT_FILES", raising=False)
        replies = chat(
            db,
            *REGISTER,
            "1",  # Begin met stap 1
            *STEP1[1:],
            "1",  # Verder met stap 2
            *PHASES[:2],
            FREE_QUESTION,
            *PHASES[2:],
            "1",  # Verder met stap 3
            *STEP3[1:],
            "1",  # Verder met stap 4
            *STEP4[1:],
            "/voortgang",
            "/acties",
            "1",  # Actie 1
            "Markeer als klaar",
            "/acties",
            "/rapport",
        )
    return db, replies


def document(replies: list[str], suffix: str) -> Path:
    paths = re.findall(r"^\[document: (.+)\]$", "\n".join(replies), flags=re.MULTILINE)
    [path] = [Path(p) for p in paths if p.endswith(suffix)]
    return path


def docx_text(path: Path) -> str:
    report = docx.Document(str(path))
    cells = [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in report.paragraphs] + cells)


def test_a_gemeente_name_with_a_typo_is_recognised_and_the_user_becomes_coordinator(
    walk: tuple[Path, list[str]],
) -> None:
    db, replies = walk
    [proposal] = [r for r in replies[:4] if "bedoelt u" in r.lower()]  # one of the two forms
    assert proposal.startswith(("Bedoelt u Oude IJsselstreek?", "Welke gemeente bedoelt u?"))
    assert GEMEENTE in options(proposal)
    assert f"u bent de coördinator van {GEMEENTE}" in first(replies, "Gelukt")
    assert export(db)["members"] == 1


def test_every_question_is_headed_with_its_step_and_number(
    walk: tuple[Path, list[str]],
) -> None:
    _, replies = walk
    asked = headings(replies)
    assert asked[0] == "Stap 1 van 4, vraag 1"  # the number of wijken is not known yet
    assert asked[1:20] == [f"Stap 1 van 4, vraag {n} van 20" for n in range(2, 21)]
    step2 = [h for h in asked if h.startswith("Stap 2 van 4")]
    assert "Stap 2 van 4, vraag 3 van 6" in step2
    assert sorted(set(step2)) == [f"Stap 2 van 4, vraag {n} van 6" for n in range(1, 7)]
    step3 = [h for h in asked if h.startswith("Stap 3 van 4")]
    assert step3 == [f"Stap 3 van 4, vraag {n} van 4" for n in range(1, 5)]
    step4 = [h for h in asked if h.startswith("Stap 4 van 4")]
    assert step4 == ["Stap 4 van 4, vraag 1"] + [
        f"Stap 4 van 4, vraag {n} van 7" for n in range(2, 8)
    ]


def test_a_free_question_mid_step_is_answered_and_the_question_asked_again(
    walk: tuple[Path, list[str]],
) -> None:
    _, replies = walk
    answer = first(replies, "Bron:")
    at = replies.index(answer)
    assert "buurtbudget" in answer.lower()
    assert heading(replies[at - 1]) == heading(replies[at + 1]) == "Stap 2 van 4, vraag 3 van 6"
    assert replies[at + 1] == replies[at - 1]  # the same question, with the same options
    assert "Thema 3 van 6: Opdrachtgeverschap" in replies[at + 1]
    themes = export(walk[0])["steps"]["startpositie"]["themes"]
    assert themes["opdrachtgeverschap"] == int(PHASES[2])  # the question was not an answer


def test_step_1_keeps_both_wijken_all_answers_and_the_typed_ranking(
    walk: tuple[Path, list[str]],
) -> None:
    step = export(walk[0])["steps"]["wijkanalyse"]
    assert step["status"] == "klaar"
    wijken = {w["name"]: w["answers"] for w in step["wijken"]}
    assert list(wijken) == ["Noord", "Zuid"]
    assert wijken["Noord"]["bewoners"] == NOORD[0]
    assert wijken["Noord"]["gezondheid"] == NOORD[5]
    assert wijken["Noord"]["herkenning"] == "ja"
    assert wijken["Noord"]["oplossingen"] == NOORD[8]
    assert wijken["Zuid"]["wat_speelt"] == ZUID[1]
    assert wijken["Zuid"]["herkenning"] == "deels"
    assert "oplossingen" not in wijken["Zuid"]  # skipped: optional
    assert step["priorities"] == ["Zuid", "Noord"]  # typed as "2, 1"


def test_step_2_profile_follows_the_numbers_typed(walk: tuple[Path, list[str]]) -> None:
    db, replies = walk
    step = export(db)["steps"]["startpositie"]
    assert step["status"] == "klaar"
    assert list(step["themes"].values()) == [int(p) for p in PHASES]
    profile = first(replies, "Startpositie per thema:")
    assert "Samenwerking in de wijk: fase 1" in profile
    assert "Eerst aandacht nodig: Samenwerking in de wijk, Taal en gedrag." in profile


def test_step_3_keeps_both_choices_and_their_reasons(walk: tuple[Path, list[str]]) -> None:
    reasons = answer_rows(walk[0], flow="kernkeuzes", question="reden")
    assert [(r["item"], r["value"]) for r in reasons] == [
        ("veranderaanpak", REASON_AANPAK),
        ("rol_toegangsteam", REASON_ROL),
    ]
    step = export(walk[0])["steps"]["kernkeuzes"]
    assert step == {
        "status": "klaar",
        "veranderaanpak": "evolutionair",
        "rol_toegangsteam": "toegang_lichte_ondersteuning",
    }


def test_step_4_turns_focus_themes_and_dutch_dates_into_actions(
    walk: tuple[Path, list[str]],
) -> None:
    step = export(walk[0])["steps"]["start"]
    assert step["status"] == "klaar"
    assert step["focus_themes"] == ["visie_inspiratie", "opdrachtgeverschap"]
    assert step["actions"] == [
        {
            "theme": "visie_inspiratie",
            "title": ACTION_1[0],
            "owner": ACTION_1[1],
            "due": f"{NEXT_YEAR}-03-01",
            "status": "klaar",  # marked done in /acties
        },
        {
            "theme": "opdrachtgeverschap",
            "title": ACTION_2[0],
            "owner": ACTION_2[1],
            "due": f"{NEXT_YEAR}-06-01",
            "status": "open",
        },
    ]


def test_step_4_suggests_the_themes_with_energy_and_says_why(
    walk: tuple[Path, list[str]],
) -> None:
    _, replies = walk
    asked = first(replies, "Bij welke thema's zit nu energie")
    assert "• Gemeentelijke organisatie, omdat u hier het verst bent (fase 4: In het DNA)." in asked
    assert (
        "• Samenwerking in de wijk, omdat bewoners en partners in Noord het beeld herkennen."
    ) in asked  # Zuid answered "Deels"
    assert "• Taal en gedrag" not in asked  # in fase 1: the weakest is no energy


def test_voortgang_shows_four_finished_steps_and_a_png_profile(
    walk: tuple[Path, list[str]],
) -> None:
    _, replies = walk
    progress = first(replies, f"Voortgang van {GEMEENTE}")
    for number in range(1, 5):
        assert re.search(rf"^✅ Stap {number} .+: klaar$", progress, flags=re.MULTILINE)
    assert "Open acties: 2" in progress  # shown before one was marked done
    [image] = re.findall(r"^\[afbeelding: (.+)\]$", progress, flags=re.MULTILINE)
    assert Path(image).read_bytes().startswith(PNG_MAGIC)


def test_acties_lists_the_actions_and_marks_one_done(walk: tuple[Path, list[str]]) -> None:
    _, replies = walk
    plan = first(replies, "Actieplan")
    assert f"1. ☐ {ACTION_1[0]} ({ACTION_1[1]}, uiterlijk 1 maart {NEXT_YEAR}" in plan
    assert f"2. ☐ {ACTION_2[0]} ({ACTION_2[1]}, uiterlijk 1 juni {NEXT_YEAR}" in plan
    changed = first(replies, "Bijgewerkt:")
    assert f"✅ {ACTION_1[0]}" in changed
    after = replies[replies.index(changed) + 1]
    assert f"1. ✅ {ACTION_1[0]}" in after
    assert f"2. ☐ {ACTION_2[0]}" in after


def test_rapport_gives_a_word_report_with_everything_entered(
    walk: tuple[Path, list[str]],
) -> None:
    _, replies = walk
    text = docx_text(document(replies, ".docx"))
    assert f"Wijkgericht werken in {GEMEENTE}" in text
    for expected in (
        "Noord",
        "Zuid",
        NOORD[0],
        NOORD[8],
        ZUID[1],
        "Deels",
        "Evolutionair: partners bepalen tempo",
        REASON_AANPAK,
        "Toegang plus lichte hulp",
        REASON_ROL,
        ACTION_1[0],
        ACTION_1[1],
        ACTION_2[0],
        f"1 juni {NEXT_YEAR}",
        "Klaar: 1 van de 2 acties.",
    ):
        assert expected in text, expected


def test_rapport_gives_the_same_report_as_markdown(walk: tuple[Path, list[str]]) -> None:
    _, replies = walk
    markdown = document(replies, ".md").read_text(encoding="utf-8")
    assert markdown.startswith(f"# Wijkgericht werken in {GEMEENTE}")
    for expected in (NOORD[0], REASON_ROL, ACTION_2[0]):
        assert expected in markdown


def summary_of(path: Path) -> str:
    """The Samenvatting of a Word report: the text between its heading and the next."""
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    start = paragraphs.index("Samenvatting") + 1
    return "\n".join(paragraphs[start : paragraphs.index("Voorgesteld besluit")])


def test_rapport_summary_tells_what_the_export_holds(
    walk: tuple[Path, list[str]], kb: Knowledge
) -> None:
    db, replies = walk
    summary = summary_of(document(replies, ".docx"))
    progress = export(db)
    steps = progress["steps"]

    done = sum(step["status"] == "klaar" for step in steps.values())
    assert f"{done} van de 4 stappen zijn klaar" in summary
    assert f"{steps['wijkanalyse']['priorities'][0]} krijgt als eerste aandacht" in summary
    for kernkeuze in kb.kernkeuzes:
        chosen = steps["kernkeuzes"][kernkeuze.key]
        assert next(o.label for o in kernkeuze.options if o.key == chosen) in summary
    names = {theme.key: theme.name for theme in kb.themes}
    for key in steps["start"]["focus_themes"]:
        assert names[key] in summary
    actions = steps["start"]["actions"]
    for action in actions:  # the open ones are the first actions; the done one is not
        assert (action["title"] in summary) == (action["status"] == "open"), action


def test_a_coordinator_replaces_the_proposed_decision_and_the_report_shows_it(
    walk: tuple[Path, list[str]], tmp_path: Path
) -> None:
    db = tmp_path / "wijkbot.db"
    db.write_bytes(walk[0].read_bytes())
    proposal = "De raad stemt in met de wijkvisie voor Noord en Zuid."

    replies = chat(db, "/rapport", "Wijzig het voorgestelde besluit", proposal)
    assert "1. in te stemmen met de aanpak" in first(replies, "Het voorgestelde besluit in het")
    assert first(replies, "Het voorgestelde besluit is bewaard")
    report = chat(db, "/rapport")
    text = docx_text(document(report, ".docx"))
    assert proposal in text
    assert "De raad besluit:" not in text  # the default is replaced
    assert "Opgesteld door anna op" in text
    again = chat(db, "/rapport", "Wijzig het voorgestelde besluit", "/stop")
    assert proposal in first(again, "Het voorgestelde besluit in het")
    [row] = answer_rows(db, flow="besluit")
    assert row["author_name"] == "anna" and row["value"] == proposal


# -- a restart in the middle of a step ------------------------------------------------------


def wijkbot_command() -> list[str]:
    """The installed `wijkbot` script beside this Python, else the same entry point."""
    script = Path(sys.executable).with_name("wijkbot")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from bot.cli import main; main()"]


class Bot:
    """`wijkbot chat` as a real process, typed into line by line."""

    def __init__(self, db: Path, user: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "WIJKBOT_FILES"}
        self.process = subprocess.Popen(
            [*wijkbot_command(), "chat", "--db", str(db), "--user", user],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output = ""
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stdout: IO[str]) -> None:
        for line in stdout:
            self.lines.put(line)

    def type(self, *lines: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("".join(line + "\n" for line in lines))
        self.process.stdin.flush()

    def wait_for(self, text: str, deadline: float = 60) -> None:
        """Read the output until `text` was printed (the deadline only stops a hang)."""
        while text not in self.output:
            try:
                self.output += self.lines.get(timeout=deadline)
            except queue.Empty:
                pytest.fail(f"{text!r} never came; the bot printed:\n{self.output}")

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()


@pytest.mark.slow
def test_a_killed_bot_continues_at_the_question_where_the_user_was(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    chat(db, "/stap 1", "Noord", "/stop")  # an answer from an earlier run
    bot = Bot(db, "anna")
    try:
        bot.type("/stap 2", "2", "3")
        bot.wait_for("Stap 2 van 4, vraag 3 van 6")  # printed once "3" was stored
    finally:
        bot.kill()
    assert bot.process.returncode == -signal.SIGKILL

    replies = chat(db, "4")  # a new process; the user types the next answer
    assert heading(replies[0]) == "Stap 2 van 4, vraag 4 van 6"
    assert "Thema 4 van 6: Samenwerking in de wijk" in replies[0]
    themes = export(db)["steps"]["startpositie"]["themes"]
    assert [themes[k] for k in ("visie_inspiratie", "wijkteams", "opdrachtgeverschap")] == [2, 3, 4]
    assert export(db)["steps"]["wijkanalyse"]["wijken"] == [{"name": "Noord", "answers": {}}]


def test_a_step_ended_with_a_question_open_says_so_instead_of_done(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    replies = chat(db, "/stap 2", "2", "/overslaan", *PHASES[2:])

    end = first(replies, "U bent aan het eind van stap 2")
    assert "er staat nog 1 vraag open. Met /stap 2 vult u die later aan." in end
    assert "Uw startpositie staat" not in end and "vraag of vragen" not in end


def test_a_wijk_added_or_removed_reopens_the_priorities(tmp_path: Path) -> None:
    db = tmp_path / "wijkbot.db"
    register(db)
    chat(db, *STEP1)

    def step1() -> tuple[str, list[str]]:
        step = export(db)["steps"]["wijkanalyse"]
        return step["status"], step["priorities"]

    assert step1() == ("klaar", ["Zuid", "Noord"])
    chat(db, "/stap 1", "Noord, Zuid, Oost", "/stop")
    assert step1() == ("bezig", [])  # Oost has no place in the ranking yet

    *_, ranking = chat(db, "/stap 1", *NOORD)  # on at Oost's questions, then the ranking
    assert heading(ranking) == "Stap 1 van 4, vraag 29 van 29"
    assert "Uw eerdere volgorde: Zuid, Noord." in ranking
    assert options(ranking) == ["Noord", "Zuid", "Oost"]
    chat(db, "3, 2, 1")
    assert step1() == ("klaar", ["Oost", "Zuid", "Noord"])

    chat(db, "/stap 1", "Noord, Oost", "/stop")
    assert step1() == ("bezig", [])
    _, ranking = chat(db, "/stap 1")  # the first open question: the ranking
    assert "Uw eerdere volgorde: Oost, Noord." in ranking
    assert "De wijk-analyse is rond" in chat(db, "2, 1")[0]
    assert step1() == ("klaar", ["Oost", "Noord"])
