"""An own question (`choice`): the facilitator gives the question and its options with the
command, and each member picks one."""

from __future__ import annotations

from ...content import Knowledge
from ...content.models import CheckinTemplate
from .. import texts
from ..parse import Refusal, parse_own
from .base import Asked
from .counted import Counted


class Choice(Counted):
    how_to_answer = texts.HOW_CHOICE
    in_menu = False  # it needs its question and options
    plan_refusal = texts.PLAN_NO_CHOICE

    def ask(self, template: CheckinTemplate, rest: str, kb: Knowledge) -> Asked | Refusal:
        own = parse_own(rest)
        if isinstance(own, Refusal):
            return own
        return Asked(own.question, [(str(n), option) for n, option in enumerate(own.options, 1)])
