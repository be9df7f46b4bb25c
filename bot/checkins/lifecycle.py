"""A check-in from opening to closing, whoever asks for it (a command, a schedule, the bot
leaving a group): opening asks and posts its messages; closing counts the answers, keeps the
results and gives the summary with a chart."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..content import Knowledge
from ..content.models import CheckinTemplate
from ..records import Checkin
from ..report.build import load_progress
from ..store import Store
from ..vocabulary import Reply
from . import texts
from .kinds import KINDS, GemeenteProfile, Opening
from .kinds.base import DeepLink
from .parse import Refusal, Start
from .results import compute, trend
from .schedule import reminder_before, when
from .summary import chart_drawing, summary


class Lifecycle:
    def __init__(self, kb: Knowledge, store: Store, files: Path, deep_link: DeepLink) -> None:
        self.kb = kb
        self.store = store
        self.files = files  # where the charts go
        self.deep_link = deep_link  # start parameter -> t.me link to the bot, when known

    def open(
        self,
        chat_id: str,
        chat_title: str,
        start: Start,
        now: datetime,
        opened_by: str,
        schedule_id: int | None = None,
        thread_id: str | None = None,
    ) -> list[Reply]:
        """Open `start` in the chat (in its topic `thread_id`), unless one runs there
        already; its messages."""
        template = self.kb.checkins.get(start.template)
        if template is None:
            return [self.unknown(start.template)]
        running = self.store.open_checkin_in(chat_id)
        if running is not None:
            name = self.kb.checkins[running.template].name
            return [Reply(texts.ALREADY_OPEN.format(name=name, opened=when(running.opened_at)))]
        kind = KINDS[template.kind]
        asked = kind.ask(template, start.rest, self.kb)
        if isinstance(asked, Refusal):
            return [Reply(asked.text)]
        closes = now + start.duration if start.duration else None
        checkin = Checkin(
            id=None,
            chat_id=chat_id,
            chat_title=chat_title,
            template=template.key,
            kind=template.kind.value,
            question=asked.question,
            options=asked.options,
            opened_by=opened_by,
            opened_at=stamp(now),
            closes_at=stamp(closes) if closes else None,
            remind_at=stamp(reminder_before(closes, now)) if closes else None,
            schedule_id=schedule_id,
            thread_id=thread_id,
        )
        checkin_id = self.store.open_checkin(checkin)
        opening = Opening(template, asked, checkin_id, _intro(template, closes))
        return kind.post(opening, self.kb, self.deep_link)

    def close(self, checkin: Checkin, now: datetime, show_names: bool = False) -> list[Reply]:
        """Close `checkin`: its results kept, compared with the previous, and summarised."""
        assert checkin.id is not None
        answers = self.store.checkin_answers(checkin.id)
        results = compute(checkin, answers, self.kb)
        self.store.close_checkin(checkin.id, results, stamp(now))
        previous = self.store.previous_checkin(checkin.chat_id, checkin.template, checkin.id)
        moved = trend(checkin, results, previous.results if previous else None)
        path = self.files / f"checkin-{checkin.id}.png"
        profile = self._gemeente_profile(checkin.chat_id)
        chart = chart_drawing(checkin, results, path, profile)
        return summary(checkin, results, moved, previous, self.kb, chart, show_names)

    def unknown(self, key: str) -> Reply:
        return Reply(texts.UNKNOWN_TEMPLATE.format(key=key, keys=", ".join(self.kb.checkins)))

    def now(self) -> datetime:
        return self.store.clock()

    def _gemeente_profile(self, chat_id: str) -> GemeenteProfile | None:
        gemeente_id = self.store.group_gemeente(chat_id)
        if gemeente_id is None:
            return None
        progress = load_progress(self.store, self.kb, gemeente_id)
        return progress.gemeente_name, dict(progress.profile)


def _intro(template: CheckinTemplate, closes: datetime | None) -> str:
    """What goes first: who may answer, how, and until when."""
    ending = texts.CLOSES_AT.format(when=when(closes)) if closes else texts.CLOSE_BY_HAND
    how = KINDS[template.kind].how_to_answer
    return f"{texts.STARTED.format(name=template.name)}\n{how} {ending}\n\n"


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
