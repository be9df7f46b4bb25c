"""Read one gemeente's progress out of the store."""

from __future__ import annotations

from ..cbs import shown
from ..content import Knowledge
from ..content.flows import STEP_KEYS
from ..content.layout import AnswerChoice, Answers, ranks_all, status
from ..store import Store
from . import checklist
from .comparison import load_comparison
from .progress import KERNKEUZE_KEYS, Progress, Proposal, ReportedAction, Wijk

PROPOSAL_FLOW = "besluit"  # flows/besluit.yaml: the decision proposed to the council
PROPOSAL_KEY = ("", "tekst")  # its one question
CBS_CODES = ("", "cbs_codes")  # step 1: per wijk name the CBS code of an official wijk


def load_progress(store: Store, kb: Knowledge, gemeente_id: int) -> Progress:
    code, name = store.db.execute(
        "SELECT code, name FROM gemeenten WHERE id = ?", [gemeente_id]
    ).fetchone()
    answers = {
        step: store.current_answers(gemeente_id, kb.step_flow(step).key) for step in STEP_KEYS
    }
    analysis, profile, choices, start = (answers[step] for step in STEP_KEYS)
    return Progress(
        gemeente_name=name,
        gemeente_code=code,
        members=len(store.members_of(gemeente_id)),
        statuses={step: status(kb.step_flow(step), kb, answers[step]) for step in STEP_KEYS},
        wijken=_wijken(store, analysis),
        priorities=_priorities(analysis),
        profile={t.key: profile.get((t.key, "fase")) for t in kb.themes},
        choices={k: choices.get((k, "keuze")) for k in KERNKEUZE_KEYS},
        reasons={k: choices.get((k, "reden")) for k in KERNKEUZE_KEYS},
        focus_themes=list(start.get(("", "focus_themes")) or []),
        actions=[
            ReportedAction(a.id, a.theme, a.title, a.owner, a.due, a.status)
            for a in store.actions(gemeente_id)
        ],
        checkins=[
            {
                "group": c.chat_title or c.chat_id,
                "template": c.template,
                "opened_at": c.opened_at,
                "closed_at": c.closed_at,
                "results": c.results or {},
            }
            for c in store.closed_checkins_of(gemeente_id)
        ],
        updated_at=store.last_change(gemeente_id),
        checklist=checklist.from_answers(
            kb.checklist, store.current_answers(gemeente_id, checklist.FLOW)
        ),
        proposal=_proposal(store, gemeente_id),
        contributors=store.contributors(gemeente_id),
        comparison=load_comparison(store, kb, gemeente_id, code),
        cbs_source=_cbs_source(store, analysis),
    )


def _proposal(store: Store, gemeente_id: int) -> Proposal | None:
    """The latest proposal a member wrote, with who wrote it and when; None: the default."""
    history = store.answer_history(gemeente_id, PROPOSAL_FLOW, PROPOSAL_KEY)
    if not history or not str(history[-1]["value"]).strip():
        return None
    latest = history[-1]
    return Proposal(str(latest["value"]), latest["author_name"], latest["answered_at"])


def gemeente_ids(store: Store, name_or_code: str | None = None) -> list[int]:
    """All gemeenten in the store, or the one with this name or GM code (any case)."""
    rows = store.db.execute("SELECT id, code, name FROM gemeenten ORDER BY name").fetchall()
    wanted = (name_or_code or "").casefold()
    return [
        i for i, code, name in rows if not wanted or wanted in (code.casefold(), name.casefold())
    ]


def _wijken(store: Store, answers: Answers) -> list[Wijk]:
    names = answers.get(("", "wijken")) or []
    return [
        Wijk(
            name,
            {question: value for (item, question), value in answers.items() if item == name},
            _figures(store, answers, name),
        )
        for name in names
    ]


def _figures(store: Store, answers: Answers, name: str) -> tuple[shown.Row, ...]:
    """The CBS figures of an official wijk beside its gemeente's (none for an own area)."""
    code = (answers.get(CBS_CODES) or {}).get(name)
    wijk = store.cbs_region(code) if code else None
    if wijk is None:
        return ()
    return tuple(shown.rows(wijk, store.cbs_region(wijk.gemeente_code)))


def _cbs_source(store: Store, answers: Answers) -> str:
    load = store.cbs_load()
    if load is None or not answers.get(CBS_CODES):
        return ""
    return shown.SOURCE.format(title=load.title)


def _priorities(answers: Answers) -> list[str]:
    """The wijken in the order chosen; none while a wijk added or removed since is not
    ranked yet (the step is then bezig); a single wijk goes first by itself."""
    names = answers.get(("", "wijken")) or []
    if len(names) == 1:
        return list(names)
    ranked = answers.get(("", "prioriteiten")) or []
    return list(ranked) if ranks_all(ranked, [AnswerChoice(n, n) for n in names]) else []
