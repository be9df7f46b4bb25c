"""The report for the gemeenteraad: its content as a list of blocks, and those blocks as Markdown.

`report_blocks` decides what the report says; `render_markdown` here and `write_docx` in
document.py only lay the blocks out, so both formats always tell the same story. Blocks hold
plain text: user input goes in as typed and each renderer escapes it for its own format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..content import Knowledge, is_phase
from ..formatting import STEP_STATUS, due_date, dutch_date, format_answer
from .checklist import RULE, Checklist, TaskScore, score_text
from .progress import Progress

ACTION_STATUS = {"open": "nog te doen", "klaar": "klaar"}


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 is the title of the report


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str | None = None  # shown in bold before the text: "Waarom: ..."


@dataclass(frozen=True)
class Items:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """Where the radar chart of the startpositie goes, in formats that can show it."""


Block = Heading | Paragraph | Items | Table | Chart


# The content


def report_title(progress: Progress) -> str:
    return f"Wijkgericht werken in {progress.gemeente_name}"


def report_blocks(
    progress: Progress, kb: Knowledge, question_labels: Mapping[str, str], today: date
) -> list[Block]:
    return [
        Heading(report_title(progress), 1),
        Paragraph(f"Stand van zaken op {dutch_date(today)}. Gemaakt met Wijkbot."),
        *_overview(progress, kb),
        *_wijkanalyse(progress, kb, question_labels),
        *_startpositie(progress, kb),
        *_kernkeuzes(progress, kb),
        *_start(progress, kb),
        *_checklist(progress.checklist, kb),
        *_checkins(progress, kb),
    ]


def _overview(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield Heading("Overzicht", 2)
    yield Paragraph(
        f"Wijkgericht werken gaat in vier stappen. Zo ver is {progress.gemeente_name} nu:"
    )
    rows = tuple(
        (f"{step.number}. {step.name}", _step_status(progress, step.key)) for step in kb.steps
    )
    yield Table(("Stap", "Status"), rows)


def _step_heading(kb: Knowledge, key: str) -> Heading:
    step = next(step for step in kb.steps if step.key == key)
    return Heading(f"Stap {step.number}: {step.name}", 2)


def _step_status(progress: Progress, key: str) -> str:
    status = progress.statuses.get(key, "open")
    return STEP_STATUS.get(status, status)


def _nothing_yet(progress: Progress, key: str) -> Paragraph:
    if progress.statuses.get(key, "open") == "open":
        return Paragraph("Deze stap is nog niet begonnen.")
    return Paragraph("Bij deze stap is nog niets ingevuld.")


def _wijkanalyse(
    progress: Progress, kb: Knowledge, question_labels: Mapping[str, str]
) -> Iterator[Block]:
    yield _step_heading(kb, "wijkanalyse")
    if not progress.wijken and not progress.priorities:
        yield _nothing_yet(progress, "wijkanalyse")
        return
    for wijk in progress.wijken:
        yield Heading(wijk.name, 3)
        rows = tuple(_answer_rows(wijk.answers, question_labels))
        yield Table(("Vraag", "Antwoord"), rows) if rows else Paragraph("Nog niets ingevuld.")
    yield Heading("Prioriteiten", 3)
    if progress.priorities:
        yield Paragraph("Deze wijken krijgen als eerste aandacht, de meest urgente bovenaan:")
        yield Items(tuple(progress.priorities), numbered=True)
    else:
        yield Paragraph("De prioriteiten zijn nog niet gekozen.")


def _answer_rows(
    answers: Mapping[str, Any], question_labels: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """The answered questions in the order of the flow; unknown keys follow, as stored."""
    order = [key for key in question_labels if key in answers]
    order += [key for key in answers if key not in question_labels]
    for key in order:
        text = format_answer(answers[key])
        if text.strip():
            label = question_labels.get(key) or key.replace("_", " ").capitalize()
            yield label, text


def _startpositie(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield _step_heading(kb, "startpositie")
    profile = {key: phase for key, phase in progress.profile.items() if is_phase(phase)}
    if not profile:
        yield _nothing_yet(progress, "startpositie")
        return
    first, last = kb.phases[0], kb.phases[-1]
    yield Paragraph(
        f"Per thema staat hier in welke fase {progress.gemeente_name} nu zit: van fase "
        f"{first.number} ({first.label}) tot fase {last.number} ({last.label})."
    )
    yield Chart()
    rows = tuple(
        (theme.name, str(profile[theme.key]), theme.labels[profile[theme.key]])
        if theme.key in profile
        else (theme.name, "-", "nog niet ingevuld")
        for theme in kb.themes
    )
    yield Table(("Thema", "Fase", "Wat dat betekent"), rows)
    yield Heading("Wat eerst aandacht vraagt", 3)
    themes = {theme.key: theme for theme in kb.themes}
    attention = [themes[key] for key in progress.attention_themes() if key in themes]
    if not attention:
        yield Paragraph("Geen thema blijft duidelijk achter bij de andere.")
    for theme in attention:
        yield Paragraph(theme.attention, label=f"{theme.name} (fase {profile[theme.key]})")


def _kernkeuzes(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield _step_heading(kb, "kernkeuzes")
    if not any(progress.choices.values()) and not any(progress.reasons.values()):
        yield _nothing_yet(progress, "kernkeuzes")
        return
    for kernkeuze in kb.kernkeuzes:
        yield Heading(kernkeuze.name, 3)
        chosen = progress.choices.get(kernkeuze.key)
        if not chosen:
            yield Paragraph("Nog niet gekozen.")
            continue
        option = next((o for o in kernkeuze.options if o.key == chosen), None)
        yield Paragraph(option.label if option else chosen, label="Keuze")
        if option:
            yield Paragraph(option.consequences, label="Wat dit betekent")
        reason = progress.reasons.get(kernkeuze.key) or "Er is geen reden opgegeven."
        yield Paragraph(reason, label="Waarom")


def _start(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield _step_heading(kb, "start")
    if not progress.focus_themes and not progress.actions:
        yield _nothing_yet(progress, "start")
        return
    names: dict[str, str] = {theme.key: theme.name for theme in kb.themes}
    yield Heading("Hier beginnen we mee", 3)
    if progress.focus_themes:
        yield Items(tuple(names.get(key, key) for key in progress.focus_themes))
    else:
        yield Paragraph("De focusthema's zijn nog niet gekozen.")
    yield Heading("Actieplan", 3)
    if not progress.actions:
        yield Paragraph("Er staan nog geen acties in het plan.")
        return
    done = sum(action.status == "klaar" for action in progress.actions)
    total = len(progress.actions)
    yield Paragraph(f"Klaar: {done} van de {total} {'actie' if total == 1 else 'acties'}.")
    rows = tuple(
        (
            action.title,
            names.get(action.theme, action.theme),
            action.owner,
            due_date(action.due),
            ACTION_STATUS.get(action.status, action.status),
        )
        for action in progress.actions
    )
    yield Table(("Actie", "Thema", "Wie", "Wanneer", "Status"), rows)


def _checklist(checklist: Checklist, kb: Knowledge) -> Iterator[Block]:
    """The doe-het-zelf-checklist: a score per task, the strongest and the weakest."""
    yield Heading("Doe-het-zelf-checklist", 2)
    if checklist.status() == "open":
        yield Paragraph("De checklist is nog niet ingevuld. Dat kan in Wijkbot met /checklist.")
        return
    yield Paragraph(
        "Per opgave is aangegeven welke kansen (wat helpt) en valkuilen (wat remt) de "
        f"gemeente herkent. {RULE}"
    )
    rows = tuple(
        (f"{s.task.number}. {s.task.name}", f"{s.answered} van {s.items}", score_text(s.score))
        for s in checklist.scores()
    )
    yield Table(("Opgave", "Ingevuld", "Score"), rows)
    strongest, weakest = checklist.ranked()
    yield Heading("Sterkste opgaven", 3)
    for scored in strongest:
        advice = checklist.advice(scored.task)
        yield Paragraph("hier kunt u op voortbouwen; deel wat werkt.", label=_task(scored))
        if advice.present:
            yield Items(tuple(f"Kans die er is: {i.number}. {i.text}" for i in advice.present))
    if not weakest:
        return
    yield Heading("Zwakste opgaven: wat te doen", 3)
    for scored in weakest:
        advice = checklist.advice(scored.task)
        entry = kb.entries.get(scored.task.entry)
        more = f" Meer hierover in Wijkbot: /vraag {entry.title}" if entry else ""
        yield Paragraph(f"pak de valkuilen aan en benut de kansen.{more}", label=_task(scored))
        todo = [f"Valkuil aanpakken: {i.number}. {i.text}" for i in advice.pitfalls]
        todo += [f"Kans benutten: {i.number}. {i.text}" for i in advice.missing]
        if todo:
            yield Items(tuple(todo))


def _task(scored: TaskScore) -> str:
    return f"{scored.task.name} ({score_text(scored.score)})"


def _checkins(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    """Check-ins held in the groups linked to the gemeente (/koppel), newest first."""
    if progress.checkins:
        yield Heading("Check-ins in gekoppelde groepen", 2)
    for checkin in reversed(progress.checkins):
        template = kb.checkins.get(checkin["template"])
        name = template.name if template else checkin["template"]
        closed = date.fromisoformat((checkin["closed_at"] or checkin["opened_at"])[:10])
        yield Heading(f"{name} in {checkin['group']}, {dutch_date(closed)}", 3)
        yield from _checkin_results(checkin["results"], kb)


def _checkin_results(results: dict[str, Any], kb: Knowledge) -> Iterator[Block]:
    count = results.get("respondents", 0)
    yield Paragraph(f"{count} {'deelnemer' if count == 1 else 'deelnemers'}.")
    names = {theme.key: theme.name for theme in kb.themes} | results.get("labels", {})
    if "themes" in results:
        header = ("Thema", "Gemiddelde fase", "Spreiding", "Antwoorden")
        themes = results["themes"].items()
        yield Table(header, tuple(_theme_row(names.get(k, k), t) for k, t in themes))
    elif "counts" in results:
        counts = results["counts"].items()
        yield Table(("Keuze", "Aantal"), tuple((names.get(k, k), str(n)) for k, n in counts))
    elif "items" in results:  # a task of the checklist
        yield Paragraph(score_text(results.get("score")), label="Score van de groep (0 tot 10)")
        header = ("Punt", "Ja", "Deels", "Nee")
        rows = tuple(
            (point, *(str(counts.get(v, 0)) for v in ("ja", "deels", "nee")))
            for point, counts in results["items"].items()
        )
        yield Table(header, rows)
    elif results.get("answers"):
        yield Items(tuple(answer["text"] for answer in results["answers"]))


def _theme_row(name: str, theme: dict[str, Any]) -> tuple[str, ...]:
    return name, _decimal(theme["average"]), _decimal(theme["spread"]), str(theme["count"])


def _decimal(value: float | None) -> str:
    return "" if value is None else format_answer(round(value, 1))


# The Markdown

_SPECIAL = re.compile(r"[\\`*_\[\]<>|~]|&(?=#?\w+;)")
_LIST_OR_HEADING = re.compile(r"^(#{1,6}|[+-]|\d{1,9}[.)])(?=\s|$)")


def escape(text: str) -> str:
    """Text that Markdown shows exactly as written, on one line so it fits lists and tables."""
    lines = [_SPECIAL.sub(r"\\\g<0>", line.strip()) for line in text.strip().splitlines()]
    return "<br>".join(lines)


def _escape_block(text: str) -> str:
    """`escape`, keeping a leading list or heading marker as text: for a line of its own."""
    escaped = escape(text)
    marker = _LIST_OR_HEADING.match(escaped)
    if not marker:
        return escaped
    at = len(marker[1]) - 1 if marker[1][0].isdigit() else 0
    return f"{escaped[:at]}\\{escaped[at:]}"


def render_markdown(
    progress: Progress, kb: Knowledge, question_labels: Mapping[str, str], today: date
) -> str:
    blocks = report_blocks(progress, kb, question_labels, today)
    parts = [_markdown(block) for block in blocks if not isinstance(block, Chart)]
    return "\n\n".join(parts) + "\n"


def _markdown(block: Block) -> str:
    match block:
        case Heading(text, level):
            return f"{'#' * level} {escape(text)}"
        case Paragraph(text, None):
            return _escape_block(text)
        case Paragraph(text, str(label)):
            return f"**{escape(label)}:** {escape(text)}"
        case Items(items, numbered):
            return "\n".join(
                f"{f'{n}.' if numbered else '-'} {_escape_block(item)}"
                for n, item in enumerate(items, start=1)
            )
        case Table(header, rows):
            lines = ["| " + " | ".join(map(escape, row)) + " |" for row in (header, *rows)]
            lines.insert(1, "|" + " --- |" * len(header))
            return "\n".join(lines)
    raise TypeError(f"no Markdown for {block!r}")
