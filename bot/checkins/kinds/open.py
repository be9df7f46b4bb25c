"""An open round (`open`): one open question, answered by replying to the bot's message; the
summary lists the answers, with names when asked. No buttons, no chart."""

from __future__ import annotations

from ...content import Knowledge
from ...content.models import CheckinTemplate
from ...records import Checkin
from .. import texts
from .base import Asked, CheckinAnswers, Kind, Noted, Results


class Open(Kind):
    how_to_answer = texts.HOW_OPEN

    def ask(self, template: CheckinTemplate, rest: str, kb: Knowledge) -> Asked:
        """The question given with /checkin, or else the template's."""
        return Asked(rest or template.question or "", [])

    def read_reply(self, text: str) -> Noted:
        return Noted(text, texts.NOTED_OPEN)

    def count(self, checkin: Checkin, given: CheckinAnswers, kb: Knowledge) -> Results:
        return {"answers": [{"name": name, "text": text} for name, text in given.values()]}

    def lines(
        self,
        checkin: Checkin,
        results: Results,
        arrows: dict[str, str],
        kb: Knowledge,
        show_names: bool,
    ) -> list[str]:
        if show_names:
            return [
                texts.OPEN_LINE_NAMED.format(name=answer["name"], answer=answer["text"])
                for answer in results["answers"]
            ]
        return [texts.OPEN_LINE.format(answer=answer["text"]) for answer in results["answers"]]
