"""What every kind of check-in does, with the defaults: one question, a button per option,
and per member one answer that counts (the latest)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from ...content import Knowledge
from ...content.models import CheckinTemplate
from ...formatting import DUTCH_TIME, dutch_date
from ...records import Checkin
from ...vocabulary import Option, Reply
from .. import payloads, texts
from ..parse import Refusal

CheckinAnswers = dict[tuple[str, str], tuple[str, Any]]  # (item, user) -> (name, value)
Results = dict[str, Any]  # kept as JSON when a check-in closes
GemeenteProfile = tuple[
    str, dict[str, int | None]
]  # a linked gemeente: its name, its phase per theme
DeepLink = Callable[[str], str | None]  # a start parameter -> a t.me link to the bot, if known


@dataclass(frozen=True)
class Asked:
    """What a check-in asks: the question as posted, and its options as (key, label)."""

    question: str
    options: list[tuple[str, str]]


@dataclass(frozen=True)
class Opening:
    """A check-in as it opens: its template, what it asks, its id, and what goes first."""

    template: CheckinTemplate
    asked: Asked
    checkin_id: int
    intro: str  # who may answer, how, and until when


@dataclass(frozen=True)
class Noted:
    """A member's answer to keep, and what they are told."""

    value: Any
    text: str


class Kind(ABC):
    """How one kind of check-in (bot/content/models.py CheckinKind) is posted, answered,
    counted, summarised and charted. One instance per kind, in KINDS (kinds/__init__.py)."""

    how_to_answer: ClassVar[str]  # said when the check-in starts
    in_menu: ClassVar[bool] = True  # started by its name alone: a button of /checkin
    plan_refusal: ClassVar[str | None] = None  # why /checkin_plan refuses it (None: it may)
    charted: ClassVar[bool] = False  # its summary has a chart (`chart` draws it)

    @abstractmethod
    def ask(self, template: CheckinTemplate, rest: str, kb: Knowledge) -> Asked | Refusal:
        """What to ask; `rest` is what /checkin got after the template's name."""

    def post(self, opening: Opening, kb: Knowledge, deep_link: DeepLink) -> list[Reply]:
        """The messages that open the check-in; here one, the question with its buttons."""
        asked = opening.asked
        buttons = self.buttons(asked, opening.checkin_id, "")
        text, title = opening.intro + asked.question, opening.template.name
        return [Reply(text, title=title, options=buttons, for_everyone=True)]

    def buttons(self, asked: Asked, checkin_id: int, item: str) -> tuple[Option, ...]:
        """A button per option, to answer `item` ('' for the one question)."""
        return tuple(
            Option(self.button_label(key, label), payloads.answer(checkin_id, item, key))
            for key, label in asked.options
        )

    def button_label(self, key: str, label: str) -> str:
        return label

    def read_press(
        self, labels: dict[str, str], item: str, value: str, earlier: Any
    ) -> Noted | Refusal:
        """The button `value` of `item` was pressed; `labels` are the check-in's options by
        key, `earlier` is the member's latest answer to `item` (None: none yet)."""
        if value not in labels:
            return Refusal(texts.NOT_A_POINT)
        return Noted(value, texts.NOTED.format(label=labels.get(value, value)))

    def read_reply(self, text: str) -> Noted | None:
        """A member replied to the bot while this check-in runs: their answer, or None when
        this kind is not answered by replying."""
        return None

    @abstractmethod
    def count(self, checkin: Checkin, given: CheckinAnswers, kb: Knowledge) -> Results:
        """The results beside the respondents, from the answers given (none empty)."""

    def trend(self, results: Results, previous: Results) -> dict[str, str]:
        """Per theme or option 'up', 'down' or 'same' against `previous`; {}: not compared."""
        return {}

    @abstractmethod
    def lines(
        self,
        checkin: Checkin,
        results: Results,
        arrows: dict[str, str],
        kb: Knowledge,
        show_names: bool,
    ) -> list[str]:
        """The results in the summary; `arrows`: the trend as texts.TREND, by theme or option."""

    def chart(
        self,
        checkin: Checkin,
        results: Results,
        kb: Knowledge,
        path: Path,
        profile: GemeenteProfile | None,
    ) -> Path | None:
        """Draw the results (someone answered) to `path`; None: this kind has no chart."""
        return None


def directions(
    pairs: dict[str, tuple[float | None, float | None]], within: float
) -> dict[str, str]:
    """Per key, (now, then) as 'up', 'down' or 'same' (no more than `within` apart); only the
    keys known both times."""
    return {
        key: _direction(now, then, within)
        for key, (now, then) in pairs.items()
        if now is not None and then is not None
    }


def _direction(now: float, then: float, within: float) -> str:
    if abs(now - then) <= within:
        return "same"
    return "up" if now > then else "down"


def chart_title(checkin: Checkin, kb: Knowledge) -> str:
    """The group's name (or else the template's) and the day the check-in closed."""
    name = checkin.chat_title or kb.checkins[checkin.template].name
    at = datetime.fromisoformat(checkin.closed_at or checkin.opened_at).astimezone(DUTCH_TIME)
    return f"{name}, {dutch_date(at.date())}"
