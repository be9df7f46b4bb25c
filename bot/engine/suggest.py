"""Which themes step 4 suggests, and why: where the gemeente's energy is, as its own work
shows it.

- the startpositie (step 2): the themes in the highest phase, unless all six share it;
- the wijk-analyse (step 1): wijken whose residents and partners recognise the picture
  give energy for samenwerking in de wijk;
- the doe-het-zelf-checklist: its strong tasks, for the themes each serves
  (knowledge/reference/checklist.yaml);
- the group check-ins: the themes most chosen in the latest energy check.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content import Knowledge, Theme
from ..content.models import CheckinKind
from ..formatting import dutch_list
from ..report.checklist import FLOW as CHECKLIST_FLOW
from ..report.checklist import from_answers, score_text
from ..store import Store
from . import texts

RECOGNISED = "ja"  # herkenning in step 1: residents and partners recognise the picture
RECOGNITION_THEME = "samenwerking_wijk"


@dataclass(frozen=True)
class Energy:
    theme: Theme
    reasons: tuple[str, ...]  # Dutch clauses: "u hier het verst bent (fase 3: ...)"


def energy(kb: Knowledge, store: Store, gemeente_id: int) -> list[Energy]:
    """The themes with energy, in the order of the themes, each with its reasons."""
    reasons: dict[str, list[str]] = {theme.key: [] for theme in kb.themes}
    for source in (_profile, _recognition, _checklist, _checkin):
        for key, reason in source(kb, store, gemeente_id):
            reasons[key].append(reason)
    return [Energy(t, tuple(reasons[t.key])) for t in kb.themes if reasons[t.key]]


def energy_text(found: list[Energy]) -> str:
    """ "Hier zit energie: ..." with a line per theme; empty when nothing is known yet."""
    if not found:
        return ""
    lines = [
        texts.ENERGY_LINE.format(theme=e.theme.name, reasons=dutch_list(list(e.reasons)))
        for e in found
    ]
    return "\n".join([texts.ENERGY_INTRO, *lines])


Reasons = list[tuple[str, str]]  # (theme key, reason)


def _profile(kb: Knowledge, store: Store, gemeente_id: int) -> Reasons:
    answers = store.current_answers(gemeente_id, kb.step_flow("startpositie").key)
    phases = {item: value for (item, question), value in answers.items() if question == "fase"}
    if not phases or (len(phases) == len(kb.themes) and len(set(phases.values())) == 1):
        return []  # nothing known, or every theme as far: no theme stands out
    highest = max(phases.values())
    phase = next(p for p in kb.phases if p.number == highest)
    reason = texts.ENERGY_PHASE.format(number=highest, label=phase.label)
    return [(key, reason) for key, value in phases.items() if value == highest]


def _recognition(kb: Knowledge, store: Store, gemeente_id: int) -> Reasons:
    answers = store.current_answers(gemeente_id, kb.step_flow("wijkanalyse").key)
    current = answers.get(("", "wijken")) or []
    wijken = [w for w in current if answers.get((w, "herkenning")) == RECOGNISED]
    if not wijken:
        return []
    return [(RECOGNITION_THEME, texts.ENERGY_RECOGNISED.format(wijken=dutch_list(wijken)))]


def _checklist(kb: Knowledge, store: Store, gemeente_id: int) -> Reasons:
    checklist = from_answers(kb.checklist, store.current_answers(gemeente_id, CHECKLIST_FLOW))
    strong: dict[str, list[str]] = {}
    for scored in checklist.strong():
        named = texts.ENERGY_TASK.format(name=scored.task.name, score=score_text(scored.score))
        for key in scored.task.themes:
            strong.setdefault(key, []).append(named)
    return [
        (key, texts.ENERGY_CHECKLIST[min(len(tasks), 2)].format(tasks=dutch_list(tasks)))
        for key, tasks in strong.items()
    ]


def _checkin(kb: Knowledge, store: Store, gemeente_id: int) -> Reasons:
    checks = [c for c in store.closed_checkins_of(gemeente_id) if c.kind == CheckinKind.THEMES]
    counts = (checks[-1].results or {}).get("counts", {}) if checks else {}
    most = max(counts.values(), default=0)
    if not most:
        return []
    group = checks[-1].chat_title or texts.ENERGY_THE_GROUP
    reason = texts.ENERGY_CHECKIN.format(group=group, count=most)
    return [(key, reason) for key, count in counts.items() if count == most]
