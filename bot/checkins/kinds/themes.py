"""An energy check (`themes`): one question, and each member taps the themes that apply to
them; a second tap takes one away (one within two seconds is the same tap: answering.py)."""

from __future__ import annotations

from typing import Any

from ...content import Knowledge
from ...content.models import CheckinTemplate
from .. import texts
from ..parse import Refusal
from .base import Asked, Noted
from .counted import Counted


class Themes(Counted):
    how_to_answer = texts.HOW_THEMES

    def ask(self, template: CheckinTemplate, rest: str, kb: Knowledge) -> Asked:
        return Asked(template.question or "", [(t.key, t.name) for t in kb.themes])

    def read_press(
        self, labels: dict[str, str], item: str, value: str, earlier: Any
    ) -> Noted | Refusal:
        """The member's themes so far, with `value` added or, when it was there, taken away."""
        if value not in labels:
            return Refusal(texts.NOT_A_POINT)
        mine = earlier or []
        chosen = [key for key in labels if (key in mine) != (key == value)]
        if not chosen:
            return Noted(chosen, texts.NOTED_NOTHING)
        names = ", ".join(labels[key] for key in chosen)
        return Noted(chosen, texts.NOTED_THEMES.format(labels=names))
