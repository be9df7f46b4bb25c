"""Which themes to suggest for step 4: the weakest in the profile, and those the wijk-analyse
points at (its answers on what plays and what is weak, matched against the themes)."""

from __future__ import annotations

from ..content import Knowledge
from ..matcher import Matcher
from ..store import Store

ANALYSIS_QUESTIONS = ("wat_speelt", "zwak")
MIN_SCORE = 0.5


def suggested_themes(kb: Knowledge, matcher: Matcher, store: Store, gemeente_id: int) -> list[str]:
    profile = store.current_answers(gemeente_id, kb.step_flow("startpositie").key)
    phases = {item: value for (item, question), value in profile.items() if question == "fase"}
    weakest = min(phases.values(), default=None)
    suggested: list[str] = [
        t.key for t in kb.themes if weakest is not None and phases.get(t.key) == weakest
    ]

    analysis = store.current_answers(gemeente_id, kb.step_flow("wijkanalyse").key)
    theme_of_entry = {t.entry: t.key for t in kb.themes}
    for (_, question), value in analysis.items():
        if question not in ANALYSIS_QUESTIONS or not isinstance(value, str):
            continue
        for candidate in matcher.rank(value, limit=5):
            theme = theme_of_entry.get(candidate.entry.id)
            if theme and candidate.score >= MIN_SCORE and theme not in suggested:
                suggested.append(theme)
    return suggested
