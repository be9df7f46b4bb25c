"""What the report for the gemeenteraad says, in the order a council reads it: a summary,
the proposed decision, the four steps, the checklist, the check-ins, who contributed and the
sources. `report_blocks` decides the content; markdown.py and document.py only lay it out,
so both formats always tell the same story."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from ..content import Entry, Knowledge, is_phase
from ..formatting import DUTCH_TIME, STEP_STATUS, due_date, dutch_date, format_answer
from . import texts
from .blocks import Block, Chart, Heading, Items, Paragraph, Table
from .checklist import RULE, STRONG_TEXT, WEAK_TEXT, ChecklistScores, TaskScore, score_text
from .comparison import MIN_GEMEENTEN, phase_text
from .progress import Progress, ReportedAction


def report_title(progress: Progress) -> str:
    return texts.TITLE.format(gemeente=progress.gemeente_name)


def chart_title(progress: Progress, today: date) -> str:
    """The radar chart's title: the gemeente and the day it shows."""
    return texts.CHART_TITLE.format(gemeente=progress.gemeente_name, date=dutch_date(today))


def report_blocks(
    progress: Progress, kb: Knowledge, question_labels: Mapping[str, str], today: date
) -> list[Block]:
    return [
        Heading(report_title(progress), 1),
        Paragraph(texts.STAND.format(date=dutch_date(today))),
        *_summary(progress, kb),
        *_proposal(progress, kb),
        *_wijkanalyse(progress, kb, question_labels),
        *_startpositie(progress, kb, today),
        *_kernkeuzes(progress, kb),
        *_start(progress, kb),
        *_checklist(progress.checklist, kb),
        *_checkins(progress, kb),
        *_contributors(progress),
        *_sources(progress, kb),
    ]


def and_list(names: Sequence[str]) -> str:
    """Dutch: "A", "A en B", "A, B en C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def _theme_names(kb: Knowledge, keys: Sequence[str]) -> list[str]:
    names: dict[str, str] = {theme.key: theme.name for theme in kb.themes}
    return [names.get(key, key) for key in keys]


# -- Samenvatting ---------------------------------------------------------------------------


def _summary(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield Heading(texts.SUMMARY, 2)
    done = sum(status == "klaar" for status in progress.statuses.values())
    busy = [s.name for s in kb.steps if progress.statuses.get(s.key) == "bezig"]
    steps = texts.SUMMARY_STEPS.format(done=done, are="is" if done == 1 else "zijn")
    yield Paragraph(f"{steps} {texts.SUMMARY_BUSY.format(steps=and_list(busy))}" if busy else steps)
    yield _step_table(progress, kb)
    if progress.wijken and progress.priorities:
        wijken = and_list([w.name for w in progress.wijken])
        yield Paragraph(texts.SUMMARY_WIJKEN.format(wijken=wijken, first=progress.priorities[0]))
    yield Paragraph(_profile_summary(progress, kb))
    chosen = [_option_label(kb, k.key, progress.choices.get(k.key)) for k in kb.kernkeuzes]
    yield Paragraph(texts.SUMMARY_CHOICES.format(aanpak=chosen[0], rol=chosen[1]))
    focus = _theme_names(kb, progress.focus_themes)
    yield Paragraph(
        texts.SUMMARY_FOCUS.format(themes=and_list(focus)) if focus else texts.SUMMARY_NO_FOCUS
    )
    first = first_actions(progress.actions)
    if first:
        yield Paragraph(texts.SUMMARY_ACTIONS)
        yield Items(tuple(f"{a.title} ({a.owner}, {due_date(a.due)})" for a in first))
    else:
        yield Paragraph(texts.SUMMARY_NO_ACTIONS)
    yield Paragraph(texts.SUMMARY_ASK)


def _profile_summary(progress: Progress, kb: Knowledge) -> str:
    placed = {key: phase for key, phase in progress.profile.items() if is_phase(phase)}
    if not placed:
        return texts.SUMMARY_NO_PROFILE
    low, high = min(placed.values()), max(placed.values())
    if low == high:
        return texts.SUMMARY_PROFILE_EVEN.format(phase=low)
    strong = _theme_names(kb, [t.key for t in kb.themes if placed.get(t.key) == high])
    weak = _theme_names(kb, progress.attention_themes())
    return texts.SUMMARY_PROFILE.format(
        strong=and_list(strong),
        high=high,
        weak=and_list(weak),
        vraagt="vraagt" if len(weak) == 1 else "vragen",
        low=low,
    )


def _option_label(kb: Knowledge, kernkeuze: str, chosen: str | None) -> str:
    options = next(k.options for k in kb.kernkeuzes if k.key == kernkeuze)
    label = next((o.label for o in options if o.key == chosen), chosen)
    return label or texts.SUMMARY_NO_CHOICE


def first_actions(actions: Sequence[ReportedAction]) -> list[ReportedAction]:
    """The open actions that are due first (those without a date last)."""
    still_open = [a for a in actions if a.status != "klaar"]
    ordered = sorted(still_open, key=lambda a: (a.due is None, a.due or "", a.id))
    return ordered[: texts.FIRST_ACTIONS]


# -- Voorgesteld besluit --------------------------------------------------------------------


def _proposal(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield Heading(texts.PROPOSAL, 2)
    own = progress.proposal
    if own is not None:
        yield Paragraph(own.text)
        day = datetime.fromisoformat(own.at).astimezone(DUTCH_TIME).date()
        yield Paragraph(
            texts.PROPOSAL_BY.format(author=own.author, date=dutch_date(day)), note=True
        )
        return
    yield Paragraph(texts.PROPOSAL_OPENING)
    yield Items(default_proposal(progress, kb), numbered=True)
    yield Paragraph(texts.PROPOSAL_DEFAULT_NOTE, note=True)


def default_proposal(progress: Progress, kb: Knowledge) -> tuple[str, ...]:
    """The points of the standard proposal: with the focus themes once they are chosen."""
    agree, themes, report_back = texts.PROPOSAL_POINTS
    focus = _theme_names(kb, progress.focus_themes)
    if not focus:
        return agree, report_back
    return agree, themes.format(themes=and_list(focus)), report_back


def proposal_text(progress: Progress, kb: Knowledge) -> str:
    """The proposal as it stands in the report, as plain text (to show before an edit)."""
    if progress.proposal is not None:
        return progress.proposal.text
    points = default_proposal(progress, kb)
    numbered = (f"{number}. {point}" for number, point in enumerate(points, start=1))
    return "\n".join([texts.PROPOSAL_OPENING, *numbered])


# -- the four steps -------------------------------------------------------------------------


def _step_heading(kb: Knowledge, key: str) -> Heading:
    step = next(step for step in kb.steps if step.key == key)
    return Heading(texts.STEP_HEADING.format(number=step.number, name=step.name), 2)


def _nothing_yet(progress: Progress, key: str) -> Paragraph:
    if progress.statuses.get(key, "open") == "open":
        return Paragraph(texts.NOT_STARTED)
    return Paragraph(texts.NOTHING_FILLED_IN)


def _step_table(progress: Progress, kb: Knowledge) -> Table:
    rows = tuple(
        (
            texts.STEP_LINE.format(number=step.number, name=step.name),
            STEP_STATUS.get(progress.statuses.get(step.key, "open"), "open"),
        )
        for step in kb.steps
    )
    return Table(("Stap", "Status"), rows)


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
        yield Table(("Vraag", "Antwoord"), rows) if rows else Paragraph(texts.WIJK_EMPTY)
        if wijk.figures:
            yield Paragraph(texts.CBS_FIGURES.format(wijk=wijk.name))
            header = (texts.CBS_FIGURE, wijk.name, progress.gemeente_name)
            yield Table(header, tuple((r.label, r.wijk, r.gemeente) for r in wijk.figures))
            yield Paragraph(progress.cbs_source, note=True)
    yield Heading(texts.PRIORITIES, 3)
    if progress.priorities:
        yield Paragraph(texts.PRIORITIES_INTRO)
        yield Items(tuple(progress.priorities), numbered=True)
    else:
        yield Paragraph(texts.NO_PRIORITIES)


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


def _startpositie(progress: Progress, kb: Knowledge, today: date) -> Iterator[Block]:
    yield _step_heading(kb, "startpositie")
    profile = {key: phase for key, phase in progress.profile.items() if is_phase(phase)}
    if not profile:
        yield _nothing_yet(progress, "startpositie")
        return
    first, last = kb.phases[0], kb.phases[-1]
    yield Paragraph(
        texts.PROFILE_INTRO.format(
            gemeente=progress.gemeente_name,
            first=first.number,
            first_label=first.label,
            last=last.number,
            last_label=last.label,
        )
    )
    yield Chart(texts.CHART_CAPTION.format(gemeente=progress.gemeente_name, date=dutch_date(today)))
    rows = tuple(
        (theme.name, str(profile[theme.key]), theme.labels[profile[theme.key]])
        if theme.key in profile
        else (theme.name, "-", texts.NOT_FILLED_IN)
        for theme in kb.themes
    )
    yield Table(("Thema", "Fase", "Wat dat betekent"), rows)
    yield Heading(texts.ATTENTION, 3)
    themes = {theme.key: theme for theme in kb.themes}
    attention = [themes[key] for key in progress.attention_themes() if key in themes]
    if not attention:
        yield Paragraph(texts.NO_ATTENTION)
    for theme in attention:
        yield Paragraph(theme.attention, label=f"{theme.name} (fase {profile[theme.key]})")
    yield from _comparison(progress, kb)


def _comparison(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    """The averages of the gemeenten that share their startpositie (by consent only)."""
    comparison = progress.comparison
    if not comparison.sharing:
        return
    yield Heading(texts.COMPARISON, 3)
    everyone, same = comparison.everyone, comparison.same_size
    if everyone is None:
        yield Paragraph(texts.COMPARISON_TOO_FEW.format(minimum=MIN_GEMEENTEN))
        return
    yield Paragraph(texts.COMPARISON_INTRO.format(minimum=MIN_GEMEENTEN))
    header = [texts.COMPARISON_THEME, progress.gemeente_name]
    header.append(texts.COMPARISON_ALL.format(count=everyone.count))
    if same:
        size = comparison.size[:1].upper() + comparison.size[1:]
        header.append(texts.COMPARISON_SAME.format(size=size, count=same.count))
    rows = tuple(
        (
            theme.name,
            str(progress.profile.get(theme.key) or "-"),
            phase_text(everyone.phases[theme.key]),
            *([phase_text(same.phases[theme.key])] if same else []),
        )
        for theme in kb.themes
    )
    yield Table(tuple(header), rows)


def _kernkeuzes(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield _step_heading(kb, "kernkeuzes")
    if not any(progress.choices.values()) and not any(progress.reasons.values()):
        yield _nothing_yet(progress, "kernkeuzes")
        return
    for kernkeuze in kb.kernkeuzes:
        yield Heading(kernkeuze.name, 3)
        chosen = progress.choices.get(kernkeuze.key)
        if not chosen:
            yield Paragraph(texts.CHOICE_NOT_MADE)
            continue
        option = next((o for o in kernkeuze.options if o.key == chosen), None)
        yield Paragraph(option.label if option else chosen, label="Keuze")
        if option:
            yield Paragraph(option.consequences, label="Wat dit betekent")
        yield Paragraph(progress.reasons.get(kernkeuze.key) or texts.NO_REASON, label="Waarom")


def _start(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield _step_heading(kb, "start")
    if not progress.focus_themes and not progress.actions:
        yield _nothing_yet(progress, "start")
        return
    yield Heading(texts.FOCUS, 3)
    if progress.focus_themes:
        yield Items(tuple(_theme_names(kb, progress.focus_themes)))
        yield Heading(texts.WHY_FOCUS, 3)
        yield from _why_focus(progress, kb)
        examples = cited_examples(progress, kb)
        if examples:
            yield Heading(texts.EXAMPLES, 3)
            yield Paragraph(texts.EXAMPLES_INTRO)
            yield Items(tuple(entry.title for entry in examples))
    else:
        yield Paragraph(texts.NO_FOCUS)
    yield from _action_plan(progress, kb)


def _why_focus(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    """How the chosen themes (energy) relate to the themes that lag in the startpositie."""
    attention = progress.attention_themes()
    if not attention:
        yield Paragraph(texts.NO_ATTENTION_THEMES)
        return
    yield Paragraph(texts.WHY_FOCUS_INTRO)
    focus = progress.focus_themes
    groups = (
        (texts.FOCUS_AND_ATTENTION, [key for key in focus if key in attention]),
        (texts.FOCUS_ONLY, [key for key in focus if key not in attention]),
        (texts.ATTENTION_ONLY, [key for key in attention if key not in focus]),
    )
    for sentences, keys in groups:
        if keys:
            names = and_list(_theme_names(kb, keys))
            yield Paragraph(sentences[min(len(keys), 2)].format(themes=names))


def cited_examples(progress: Progress, kb: Knowledge) -> list[Entry]:
    """The examples of the focus themes (knowledge/reference/themes.yaml), each once."""
    ids = [i for t in kb.themes if t.key in progress.focus_themes for i in t.examples]
    return [kb.entries[i] for i in dict.fromkeys(ids) if i in kb.entries]


def _action_plan(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield Heading(texts.ACTION_PLAN, 3)
    if not progress.actions:
        yield Paragraph(texts.NO_ACTIONS)
        return
    done = sum(action.status == "klaar" for action in progress.actions)
    total = len(progress.actions)
    acties = "actie" if total == 1 else "acties"
    yield Paragraph(texts.ACTIONS_DONE.format(done=done, total=total, acties=acties))
    names: dict[str, str] = {theme.key: theme.name for theme in kb.themes}
    rows = tuple(
        (
            action.title,
            names.get(action.theme, action.theme),
            action.owner,
            due_date(action.due),
            texts.ACTION_STATUS.get(action.status, action.status),
        )
        for action in progress.actions
    )
    yield Table(("Actie", "Thema", "Wie", "Wanneer", "Status"), rows)


# -- the checklist --------------------------------------------------------------------------


def _checklist(checklist: ChecklistScores, kb: Knowledge) -> Iterator[Block]:
    """The doe-het-zelf-checklist: a score per task, the strongest, the weakest, the pitfalls."""
    yield Heading(texts.CHECKLIST, 2)
    if checklist.status() == "open":
        yield Paragraph(texts.CHECKLIST_OPEN)
        return
    yield Paragraph(texts.CHECKLIST_INTRO.format(rule=RULE))
    rows = tuple(
        (f"{s.task.number}. {s.task.name}", f"{s.answered} van {s.items}", score_text(s.score))
        for s in checklist.scores()
    )
    yield Table(("Opgave", "Ingevuld", "Score"), rows)
    strongest, weakest = checklist.ranked()
    yield Heading(texts.STRONGEST, 3)
    if not strongest:
        yield Paragraph(texts.NONE_STRONG.format(score=STRONG_TEXT))
    for scored in strongest:
        advice = checklist.advice(scored.task)
        yield Paragraph(texts.STRONG_ADVICE, label=_task(scored))
        if advice.present:
            yield Items(
                tuple(texts.PRESENT.format(number=i.number, text=i.text) for i in advice.present)
            )
    yield Heading(texts.WEAKEST, 3)
    if not weakest:
        yield Paragraph(texts.NONE_WEAK.format(score=WEAK_TEXT))
    for scored in weakest:
        advice = checklist.advice(scored.task)
        entry = kb.entries.get(scored.task.entry)
        more = texts.MORE_IN_WIJKBOT.format(title=entry.title) if entry else ""
        yield Paragraph(texts.WEAK_ADVICE + more, label=_task(scored))
        todo = [texts.TACKLE.format(number=i.number, text=i.text) for i in advice.pitfalls]
        todo += [texts.USE.format(number=i.number, text=i.text) for i in advice.missing]
        if todo:
            yield Items(tuple(todo))
    yield from _pitfalls(checklist)


def _pitfalls(checklist: ChecklistScores) -> Iterator[Block]:
    yield Heading(texts.PITFALLS, 3)
    recognised = checklist.recognised_pitfalls()
    if not recognised:
        yield Paragraph(texts.NO_PITFALLS)
        return
    yield Paragraph(texts.PITFALLS_INTRO)
    rows = tuple(
        (f"{item.number}. {item.text}", task.name, texts.RECOGNISED[answer])
        for task, item, answer in recognised
    )
    yield Table(("Valkuil", "Opgave", "Herkend"), rows)


def _task(scored: TaskScore) -> str:
    return f"{scored.task.name} ({score_text(scored.score)})"


# -- check-ins ------------------------------------------------------------------------------


def _checkins(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    """Check-ins held in the groups linked to the gemeente (/koppel), newest first."""
    if progress.checkins:
        yield Heading(texts.CHECKINS, 2)
    for checkin in reversed(progress.checkins):
        template = kb.checkins.get(checkin["template"])
        name = template.name if template else checkin["template"]
        closed = date.fromisoformat((checkin["closed_at"] or checkin["opened_at"])[:10])
        heading = texts.CHECKIN_HEADING.format(
            name=name, group=checkin["group"], date=dutch_date(closed)
        )
        yield Heading(heading, 3)
        yield from _checkin_results(checkin["results"], kb)


def _checkin_results(results: dict[str, Any], kb: Knowledge) -> Iterator[Block]:
    count = results.get("respondents", 0)
    yield Paragraph(texts.PARTICIPANTS.get(count) or texts.PARTICIPANTS_MANY.format(count=count))
    names = {theme.key: theme.name for theme in kb.themes} | results.get("labels", {})
    if "themes" in results:
        header = ("Thema", "Gemiddelde fase", "Spreiding", "Antwoorden")
        themes = results["themes"].items()
        yield Table(header, tuple(_theme_row(names.get(k, k), t) for k, t in themes))
    elif "counts" in results:
        counts = results["counts"].items()
        yield Table(("Keuze", "Aantal"), tuple((names.get(k, k), str(n)) for k, n in counts))
    elif "items" in results:  # a task of the checklist
        yield Paragraph(score_text(results.get("score")), label=texts.GROUP_SCORE)
        points = {str(i.number): i.text for task in kb.checklist for i in task.items}
        rows = tuple(
            (
                f"{point}. {points[point]}" if point in points else point,
                *(str(counts.get(v, 0)) for v in ("ja", "deels", "nee")),
            )
            for point, counts in results["items"].items()
        )
        yield Table(("Punt", "Ja", "Deels", "Nee"), rows)
    elif results.get("answers"):
        yield Items(tuple(answer["text"] for answer in results["answers"]))


def _theme_row(name: str, theme: dict[str, Any]) -> tuple[str, ...]:
    return name, _decimal(theme["average"]), _decimal(theme["spread"]), str(theme["count"])


def _decimal(value: float | None) -> str:
    return "" if value is None else format_answer(round(value, 1))


# -- who contributed, sources ---------------------------------------------------------------


def _contributors(progress: Progress) -> Iterator[Block]:
    """How many people contributed: a count, as Wijkbot asks nobody to be named."""
    yield Heading(texts.CONTRIBUTORS, 2)
    count = progress.contributors
    yield Paragraph(
        texts.CONTRIBUTORS_COUNT.get(count) or texts.CONTRIBUTORS_MANY.format(count=count)
    )
    members = "1 lid" if progress.members == 1 else f"{progress.members} leden"
    yield Paragraph(
        texts.CONTRIBUTORS_MEMBERS.format(gemeente=progress.gemeente_name, members=members)
    )
    yield Paragraph(texts.CONTRIBUTORS_NO_NAMES, note=True)


def _sources(progress: Progress, kb: Knowledge) -> Iterator[Block]:
    yield Heading(texts.SOURCES, 2)
    lines = [texts.SOURCE_METHOD.format(source=_document(kb, kb.steps[0].source.document))]
    checklist_entry = kb.entries.get(kb.checklist[0].entry) if kb.checklist else None
    if checklist_entry and progress.checklist.status() != "open":
        document = _document(kb, checklist_entry.source.document)
        lines.append(texts.SOURCE_CHECKLIST.format(source=document))
    lines += [
        texts.SOURCE_EXAMPLE.format(
            title=entry.title,
            source=_document(kb, entry.source.document),
            section=entry.source.section,
        )
        for entry in cited_examples(progress, kb)
    ]
    yield Items(tuple(lines))
    yield Paragraph(texts.MADE_WITH, note=True)


def _document(kb: Knowledge, name: str) -> str:
    document = kb.sources.get(name)
    if document is None:
        return name
    return texts.SOURCE_DOCUMENT.format(title=document.title, publisher=document.publisher)
