"""/voortgang, /rapport and the profile shown after step 2: a gemeente's state at a glance."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..content import Knowledge
from ..content.flows import STEP_KEYS
from ..formatting import STEP_STATUS, due_date, dutch_date
from ..report.blocks import blocks_data
from ..report.build import load_progress
from ..report.markdown import markdown_of
from ..report.outline import chart_title, proposal_text, report_blocks, report_title
from ..report.progress import Progress
from ..store import Store
from ..vocabulary import Drawing, DrawingKind, Option, Reply, Turn
from . import checklist_texts, texts

PROPOSAL_PAYLOAD = "besluit:"  # the option under /rapport: edit the proposed decision
SHOWN_ACTIONS = 5  # open actions listed in /voortgang


class Overview:
    def __init__(
        self,
        kb: Knowledge,
        store: Store,
        files: Path,
        today: Callable[[], date],
        comparison: Callable[[Progress], list[str]],
    ) -> None:
        self.kb = kb
        self.store = store
        self.files = files
        self.today = today
        self.comparison = comparison  # the lines comparing the profile with other gemeenten
        questions = kb.step_flow("wijkanalyse").all_questions()
        self.wijk_labels = {q.key: q.label for q in questions}
        self.choice_labels = {(q.key, o.key): o.label for q in questions for o in q.options}

    def progress(self, turn: Turn) -> Progress:
        assert turn.member is not None
        return load_progress(self.store, self.kb, turn.member.gemeente_id)

    def show(self, turn: Turn) -> list[Reply]:
        progress = self.progress(turn)
        lines = [self._step_line(progress, step.key) for step in self.kb.steps]
        lines += ["", *self._profile_lines(progress)]
        lines += ["", *self.comparison(progress)]
        lines += ["", *self._action_lines(progress)]
        lines += ["", _checklist_line(progress)]
        lines += self._checkin_lines(progress)
        members = "1 lid" if progress.members == 1 else f"{progress.members} leden"
        title = texts.PROGRESS_TITLE.format(gemeente=progress.gemeente_name, members=members)
        return [
            Reply(
                "\n".join(lines).strip(),
                title=title,
                image=self._chart(progress),
                options=self._next(progress),
            )
        ]

    def profile(self, turn: Turn) -> list[Reply]:
        """Shown when step 2 is finished: the profile, the chart, and what needs attention."""
        progress = self.progress(turn)
        lines = self._profile_lines(progress)
        for key in progress.attention_themes():
            theme = next(t for t in self.kb.themes if t.key == key)
            lines += ["", f"{theme.name}: {theme.attention}"]
        return [Reply("\n".join(lines), image=self._chart(progress), options=self._next(progress))]

    def report(self, turn: Turn) -> list[Reply]:
        """The report as it stands now: the Markdown written at once (text, quickly), the
        Word document (python-docx) and its chart to be drawn (bot/drawings.py), both in a
        folder named after what they say."""
        progress = self.progress(turn)
        today = self.today()
        chart = self._chart(progress)
        progress = self._readable(progress)
        blocks = report_blocks(progress, self.kb, self.wijk_labels, today)
        said = {
            "blocks": blocks_data(blocks),
            "gemeente": progress.gemeente_name,
            "title": report_title(progress),
            "date": today.isoformat(),
            "chart": chart.to_json() if chart else None,
        }
        digest = hashlib.sha256(json.dumps(said, sort_keys=True).encode()).hexdigest()[:16]
        name = f"rapport-{_slug(progress.gemeente_name)}-{today.isoformat()}"
        base = self.files / f"rapport-{digest}" / name
        base.parent.mkdir(parents=True, exist_ok=True)
        markdown = base.with_suffix(".md")
        markdown.write_text(markdown_of(blocks), encoding="utf-8")
        docx = Drawing(DrawingKind.REPORT_DOCX, base.with_suffix(".docx"), said)
        assert turn.member is not None
        edit = (Option(texts.EDIT_PROPOSAL, PROPOSAL_PAYLOAD),)
        return [
            Reply(texts.REPORT_READY.format(gemeente=progress.gemeente_name), document=docx),
            Reply(
                texts.REPORT_MARKDOWN,
                document=markdown,
                options=edit if turn.member.is_coordinator else (),
            ),
        ]

    def proposal(self, turn: Turn) -> Reply:
        """The proposed decision as the report has it now."""
        text = proposal_text(self.progress(turn), self.kb)
        return Reply(texts.PROPOSAL_NOW.format(text=text))

    def _readable(self, progress: Progress) -> Progress:
        """Choices in the wijk-analyse as their labels ("Deels"), not their stored keys."""
        wijken = [
            replace(
                w, answers={k: self.choice_labels.get((k, str(v)), v) for k, v in w.answers.items()}
            )
            for w in progress.wijken
        ]
        return replace(progress, wijken=wijken)

    def _checkin_lines(self, progress: Progress) -> list[str]:
        """The latest check-ins of the groups linked to the gemeente."""
        if not progress.checkins:
            return []
        lines = ["", texts.CHECKINS_HEADER]
        for checkin in progress.checkins[-3:][::-1]:
            template = self.kb.checkins.get(checkin["template"])
            count = checkin["results"].get("respondents", 0)
            lines.append(
                texts.CHECKIN_LINE.format(
                    name=template.name if template else checkin["template"],
                    group=checkin["group"],
                    date=dutch_date(date.fromisoformat((checkin["closed_at"] or "")[:10])),
                    participants="1 deelnemer" if count == 1 else f"{count} deelnemers",
                )
            )
        return lines

    def _action_lines(self, progress: Progress) -> list[str]:
        """The open actions, the first due first, each with its date (and whether it is late)."""
        open_actions = [a for a in progress.actions if a.status != "klaar"]
        open_actions.sort(key=lambda a: (a.due is None, a.due or ""))
        lines = [texts.OPEN_ACTIONS.format(count=len(open_actions))]
        today = self.today().isoformat()
        for action in open_actions[:SHOWN_ACTIONS]:
            line = texts.OPEN_ACTION
            if action.due:
                line = texts.OPEN_ACTION_LATE if action.due < today else texts.OPEN_ACTION_DUE
            due = due_date(action.due)
            lines.append(line.format(title=action.title, owner=action.owner, due=due))
        if len(open_actions) > SHOWN_ACTIONS:
            lines.append(texts.MORE_ACTIONS.format(count=len(open_actions) - SHOWN_ACTIONS))
        return lines

    def _step_line(self, progress: Progress, key: str) -> str:
        step = next(s for s in self.kb.steps if s.key == key)
        state = progress.statuses[key]
        mark = {"klaar": "✅", "bezig": "🔸", "open": "⬜"}[state]
        return f"{mark} Stap {step.number} {step.name}: {STEP_STATUS[state]}"

    def _profile_lines(self, progress: Progress) -> list[str]:
        if not any(progress.profile.values()):
            return [texts.NO_PROFILE]
        lines = [texts.PROFILE_HEADER]
        for theme in self.kb.themes:
            phase = progress.profile.get(theme.key)
            shown = f"fase {phase}: {theme.labels[phase]}" if phase else "nog niet ingevuld"
            lines.append(f"• {theme.name}: {shown}")
        attention = [t.name for t in self.kb.themes if t.key in progress.attention_themes()]
        if attention:
            lines.append(texts.ATTENTION_FIRST.format(themes=", ".join(attention)))
        return lines

    def _chart(self, progress: Progress) -> Drawing | None:
        """The radar chart of the startpositie, titled with the gemeente and today's date:
        one file per profile and day, to be drawn (bot/drawings.py)."""
        if not any(progress.profile.values()):
            return None
        phases = "".join(str(progress.profile.get(t.key) or 0) for t in self.kb.themes)
        today = self.today()
        name = f"profiel-{_slug(progress.gemeente_name)}-{phases}-{today.isoformat()}.png"
        shown = {"phases": dict(progress.profile), "title": chart_title(progress, today)}
        return Drawing(DrawingKind.PROFILE_CHART, self.files / name, shown)

    def next_options(self, turn: Turn) -> tuple[Option, ...]:
        return self._next(self.progress(turn))

    def _next(self, progress: Progress) -> tuple[Option, ...]:
        todo = next(
            (n for n, k in enumerate(STEP_KEYS, 1) if progress.statuses[k] != "klaar"), None
        )
        options = (
            [Option(texts.CONTINUE_STEP.format(number=todo), f"step:{todo}", means=True)]
            if todo
            else []
        )
        return (*options, Option(texts.MAKE_REPORT, "cmd:/rapport"))


def _checklist_line(progress: Progress) -> str:
    """One line on the doe-het-zelf-checklist: tasks done, the strongest and the weakest."""
    checklist = progress.checklist
    if checklist.status() == "open":
        return checklist_texts.PROGRESS_START
    scores = checklist.scores()
    done = sum(s.complete for s in scores)
    answered, points = sum(s.answered for s in scores), sum(s.items for s in scores)
    line = checklist_texts.PROGRESS_LINE.format(
        done=done, count=len(scores), answered=answered, points=points
    )
    parts = [line]
    strongest, weakest = checklist.ranked()
    if strongest:
        parts.append(checklist_texts.PROGRESS_STRONGEST.format(name=strongest[0].task.name))
    if weakest:
        parts.append(checklist_texts.PROGRESS_WEAKEST.format(name=weakest[0].task.name))
    return " · ".join(parts)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")
