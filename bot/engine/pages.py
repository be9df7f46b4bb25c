"""Wijkbot's own web pages (bot/web; on Telegram a Mini App): what each shows, what the
startpositie page saves, and the options that open them.

The engine only says which page an option opens and what a page holds, as plain data; the
web part checks who asks (Telegram's signature) and serves it. A page is a gemeente's:
whoever is not a member of that gemeente gets a refusal and sees nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import urlencode

from ..checkins.kinds import kind_of
from ..content import Knowledge
from ..formatting import STEP_STATUS, dutch_date
from ..records import Member
from ..report.build import load_progress
from ..store import Store
from ..vocabulary import ChatType, Option, Page, PageRefusal, PageRefused, Reply, Turn
from . import texts
from .flow import FlowRunner
from .overview import Overview

STARTPOSITIE_FLOW = "startpositie"
PHASE_QUESTION = "fase"


PAGE_LABELS = {Page.STARTPOSITIE: texts.PAGE_STARTPOSITIE, Page.VOORTGANG: texts.PAGE_VOORTGANG}


class Pages:
    def __init__(
        self, kb: Knowledge, store: Store, flows: FlowRunner, overview: Overview, base_url: str
    ) -> None:
        self.kb = kb
        self.store = store
        self.flows = flows
        self.overview = overview
        self.base_url = base_url.rstrip("/")  # "": no pages are served

    # -- offering them --------------------------------------------------------------------

    def offer(self, turn: Turn, reply: Reply, *pages: Page) -> Reply:
        """`reply` with options that open `pages`, where they can open: only in a private
        chat (Telegram opens Mini Apps from buttons there only), for a member, when served."""
        if not self.base_url or turn.member is None:
            return reply
        if turn.event.chat_type is not ChatType.PRIVATE:
            return reply
        query = urlencode({"g": turn.member.gemeente_code})
        opened = tuple(
            Option(PAGE_LABELS[p], "", url=f"{self.base_url}/{p}?{query}", web_page=True)
            for p in pages
        )
        return Reply(
            reply.text,
            title=reply.title,
            options=(*opened, *reply.options),
            image=reply.image,
            document=reply.document,
        )

    # -- what they show -------------------------------------------------------------------

    def member(self, user_id: str, code: str) -> Member | PageRefusal:
        member = self.store.member(user_id)
        if member is None or member.gemeente_code != code:
            return PageRefusal(PageRefused.NOT_A_MEMBER, texts.PAGE_NOT_A_MEMBER)
        return member

    def startpositie(self, member: Member) -> dict[str, Any]:
        """The six themes with their phases described, each at the gemeente's current phase."""
        answers = self.store.current_answers(member.gemeente_id, STARTPOSITIE_FLOW)
        return {
            "gemeente": _gemeente(member),
            "phases": [
                {"number": p.number, "name": p.name, "label": p.label} for p in self.kb.phases
            ],
            "themes": [
                {
                    "key": theme.key,
                    "name": theme.name,
                    "short": theme.short,
                    "phases": {str(n): text for n, text in theme.phases.items()},
                    "labels": {str(n): text for n, text in theme.labels.items()},
                    "phase": answers.get((theme.key, PHASE_QUESTION)),
                }
                for theme in self.kb.themes
            ],
        }

    def voortgang(self, member: Member) -> dict[str, Any]:
        """The steps, the profile, the actions and the check-ins, ready to show."""
        progress = load_progress(self.store, self.kb, member.gemeente_id)
        themes = {t.key: t for t in self.kb.themes}
        return {
            "gemeente": _gemeente(member),
            "members": progress.members,
            "steps": [
                {
                    "number": s.number,
                    "name": s.name,
                    "status": progress.statuses[s.key],
                    "status_label": STEP_STATUS[progress.statuses[s.key]],
                }
                for s in self.kb.steps
            ],
            "themes": [
                {
                    "key": t.key,
                    "name": t.name,
                    "phase": progress.profile.get(t.key),
                    "label": t.labels[phase] if (phase := progress.profile.get(t.key)) else "",
                }
                for t in self.kb.themes
            ],
            "attention": [themes[k].name for k in progress.attention_themes()],
            "actions": [
                {
                    "title": a.title,
                    "owner": a.owner,
                    "theme": themes[a.theme].name if a.theme in themes else a.theme,
                    "status": a.status,
                    "due": a.due,
                    "due_label": dutch_date(date.fromisoformat(a.due)) if a.due else "",
                }
                for a in progress.actions
            ],
            "checkins": self._checkins(member),
        }

    def _checkins(self, member: Member) -> list[dict[str, Any]]:
        """The closed check-ins of the gemeente's groups, newest first, each with its lines."""
        found = []
        for checkin in reversed(self.store.closed_checkins_of(member.gemeente_id)):
            results = checkin.results or {}
            template = self.kb.checkins.get(checkin.template)
            lines = (
                kind_of(checkin.kind).lines(checkin, results, {}, self.kb, False)
                if results.get("respondents")
                else []
            )
            found.append(
                {
                    "name": template.name if template else checkin.template,
                    "group": checkin.chat_title or checkin.chat_id,
                    "date": dutch_date(date.fromisoformat((checkin.closed_at or "")[:10])),
                    "respondents": results.get("respondents", 0),
                    "lines": lines,
                }
            )
        return found

    # -- what the startpositie page saves ------------------------------------------------

    def save_startpositie(self, turn: Turn, phases: object) -> list[Reply] | PageRefusal:
        """Six phases, one per theme (1-4), stored as the buttons store them: each changed
        one appended with its author and time. The reply: the profile and the themes that
        need attention. Anything else changes nothing."""
        member = turn.member
        assert member is not None
        keys = [t.key for t in self.kb.themes]
        if not _six_phases(phases, keys):
            return PageRefusal(PageRefused.BAD_INPUT, texts.PAGE_BAD_PHASES)
        assert isinstance(phases, dict)
        current = self.store.current_answers(member.gemeente_id, STARTPOSITIE_FLOW)
        for key in keys:
            if current.get((key, PHASE_QUESTION)) != phases[key]:
                self.store.save_answer(
                    member.gemeente_id,
                    STARTPOSITIE_FLOW,
                    (key, PHASE_QUESTION),
                    phases[key],
                    turn.event.user_id,
                    turn.author,
                )
        if turn.conversation.flow == STARTPOSITIE_FLOW:  # the page answered what it asked
            self.flows.stop(turn)
        flow = self.kb.flows[STARTPOSITIE_FLOW]
        return [Reply(flow.done, title=self.flows.heading(flow)), *self.overview.profile(turn)]


def _six_phases(phases: object, keys: Sequence[str]) -> bool:
    return (
        isinstance(phases, dict)
        and sorted(phases) == sorted(keys)
        and all(type(v) is int and 1 <= v <= 4 for v in phases.values())
    )


def _gemeente(member: Member) -> dict[str, str]:
    return {"name": member.gemeente_name, "code": member.gemeente_code}
