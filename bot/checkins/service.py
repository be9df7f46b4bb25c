"""Check-ins in a group: start, answer, close with a summary, schedule, link to a gemeente.

Called by the engine for the check-in commands and buttons (`ci:` payloads), and by the
adapter's clock (`due`) for deadlines, reminders and schedules. Every answer is appended;
the latest of each member counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from ..content import Knowledge
from ..content.models import CheckinTemplate
from ..engine.events import ChatType, Option, Reply
from ..engine.turn import Turn
from ..report.build import load_progress
from ..report.checklist import POINTS, point_kinds, task_numbered, task_of_point
from ..store import Store
from ..store.checkins import CANCELLED, STOPPED
from ..store.records import Checkin, Schedule
from . import texts
from .parse import Refusal, Start, parse_own, parse_plan, parse_start
from .results import compute, trend
from .schedule import describe, next_occurrence, reminder_before, when
from .summary import draw_chart, summary

PAYLOAD = "ci:"
Delivery = tuple[str, list[Reply]]  # (chat, replies) that no one's message asked for


@dataclass(frozen=True)
class _Asked:
    question: str
    options: list[tuple[str, str]]


class CheckinService:
    def __init__(
        self, kb: Knowledge, store: Store, files: Path, deep_link: Callable[[str], str | None]
    ) -> None:
        self.kb = kb
        self.store = store
        self.files = files
        self.deep_link = deep_link  # start parameter -> t.me link to the bot, when known

    # -- commands -----------------------------------------------------------------------------

    def start_command(self, turn: Turn, args: str) -> list[Reply]:
        if refused := self._refuse(turn):
            return refused
        if not args.strip():
            return [self._menu()]
        parsed = parse_start(args)
        if isinstance(parsed, Refusal):
            return [Reply(parsed.text)]
        event = turn.event
        return self._open(event.chat_id, event.chat_title, parsed, self._now(), turn.author)

    def close_command(self, turn: Turn, args: str) -> list[Reply]:
        if refused := self._refuse(turn):
            return refused
        checkin = self.store.open_checkin_in(turn.event.chat_id)
        if checkin is None:
            return [Reply(texts.NOTHING_OPEN)]
        return self._close(checkin, self._now(), show_names="namen" in args.lower())

    def plan_command(self, turn: Turn, args: str) -> list[Reply]:
        if refused := self._refuse(turn):
            return refused
        plan = parse_plan(args)
        if isinstance(plan, Refusal):
            return [Reply(plan.text)]
        template = self.kb.checkins.get(plan.template)
        if template is None:
            return [self._unknown(plan.template)]
        if template.kind == "choice":
            return [Reply(texts.PLAN_NO_CHOICE)]
        if template.kind == "checklist":
            return [Reply(texts.PLAN_NO_CHECKLIST)]
        first = next_occurrence(plan.weekday, plan.at, self._now())
        at = plan.at.strftime("%H:%M")
        schedule = Schedule(
            id=None,
            chat_id=turn.event.chat_id,
            template=template.key,
            weekday=plan.weekday,
            time=at,
            open_hours=plan.hours,
            created_by=turn.author,
            created_at=self.store.now(),
            next_at=first.isoformat(),
        )
        self.store.add_schedule(schedule)
        planned = texts.PLANNED.format(
            name=template.name, when=describe(plan.weekday, at), hours=plan.hours, first=when(first)
        )
        return [Reply(planned)]

    def plans_command(self, turn: Turn, args: str) -> list[Reply]:
        if refused := self._refuse(turn, leaders_only=False):
            return refused
        schedules = self.store.schedules(turn.event.chat_id)
        if not schedules:
            return [Reply(texts.NO_PLANS)]
        lines, options = [texts.PLANS_HEADER], []
        for s in schedules:
            name, every = self.kb.checkins[s.template].name, describe(s.weekday, s.time)
            lines.append(
                texts.PLAN_LINE.format(
                    name=name, when=every, hours=s.open_hours, next=when(s.next_at)
                )
            )
            label = texts.CANCEL_PLAN.format(name=name, when=every)
            options.append(Option(label, f"{PAYLOAD}stop:{s.id}"))
        return [Reply("\n".join(lines), options=tuple(options), for_everyone=True)]

    def link_command(self, turn: Turn, args: str) -> list[Reply]:
        if refused := self._refuse(turn, leaders_only=False):
            return refused
        member = turn.member
        if member is None or not member.is_coordinator:
            return [Reply(texts.LINK_ONLY_COORDINATOR)]
        given = args.strip()
        if not given:
            return [Reply(texts.LINK_USAGE)]
        if given.casefold() not in (
            member.gemeente_code.casefold(),
            member.gemeente_name.casefold(),
        ):
            return [
                Reply(
                    texts.LINK_OTHER_GEMEENTE.format(
                        gemeente=member.gemeente_name, code=member.gemeente_code, given=given
                    )
                )
            ]
        self.store.link_group(turn.event.chat_id, member.gemeente_id, member.name)
        return [Reply(texts.LINKED.format(gemeente=member.gemeente_name))]

    # -- buttons and replies ------------------------------------------------------------------

    def press(self, turn: Turn, payload: str) -> list[Reply]:
        action, _, rest = payload.removeprefix(PAYLOAD).partition(":")
        if action == "start":
            return self.start_command(turn, rest)
        if action == "stop":
            return self._cancel_schedule(turn, int(rest))
        checkin_id, question, value = rest.split(":", 2)
        return [self._answer(turn, int(checkin_id), question, value)]

    def open_answer(self, turn: Turn, text: str) -> list[Reply] | None:
        """A reply to the bot while an open round runs: that member's answer (else None)."""
        event = turn.event
        if event.chat_type is not ChatType.GROUP or not event.replies_to_bot:
            return None
        checkin = self.store.open_checkin_in(event.chat_id)
        if checkin is None or checkin.kind != "open":
            return None
        self.store.add_checkin_answer(checkin.id or 0, "", event.user_id, turn.author, text)
        return [Reply(texts.NOTED_OPEN, notice=True)]

    def explain(self, theme_key: str) -> list[Reply]:
        """The four phases of one theme (the 'Uitleg fasen' link of a quick scan)."""
        theme = next((t for t in self.kb.themes if t.key == theme_key), None)
        if theme is None:
            return []
        label = {phase.number: phase.label for phase in self.kb.phases}
        lines = [f"{n}. {label[n]}: {text}" for n, text in theme.phases.items()]
        return [Reply("\n\n".join(lines), title=texts.PHASES_OF_THEME.format(theme=theme.name))]

    def _answer(self, turn: Turn, checkin_id: int, question: str, value: str) -> Reply:
        checkin = self.store.checkin(checkin_id)
        if checkin is None or checkin.closed_at:
            return Reply(texts.CLOSED_ALREADY, notice=True)
        labels = dict(checkin.options)
        user = turn.event.user_id
        if checkin.kind == "checklist":
            if question not in labels or value not in POINTS:
                return Reply(texts.NOT_A_POINT, notice=True)
            self.store.add_checkin_answer(checkin_id, question, user, turn.author, value)
            return Reply(texts.NOTED_POINT.format(number=question, value=value), notice=True)
        if checkin.kind == "themes":
            mine = self.store.checkin_answers(checkin_id).get((question, user), ("", []))[1]
            chosen = [k for k in labels if (k in mine) != (k == value)]  # toggle `value`
            self.store.add_checkin_answer(checkin_id, question, user, turn.author, chosen)
            if not chosen:
                return Reply(texts.NOTED_NOTHING, notice=True)
            return Reply(
                texts.NOTED_THEMES.format(labels=", ".join(labels[k] for k in chosen)), notice=True
            )
        self.store.add_checkin_answer(checkin_id, question, user, turn.author, value)
        return Reply(texts.NOTED.format(label=labels.get(value, value)), notice=True)

    # -- opening and closing ------------------------------------------------------------------

    def _open(
        self,
        chat_id: str,
        chat_title: str,
        start: Start,
        now: datetime,
        opened_by: str,
        schedule_id: int | None = None,
    ) -> list[Reply]:
        template = self.kb.checkins.get(start.template)
        if template is None:
            return [self._unknown(start.template)]
        running = self.store.open_checkin_in(chat_id)
        if running is not None:
            name = self.kb.checkins[running.template].name
            return [Reply(texts.ALREADY_OPEN.format(name=name, opened=when(running.opened_at)))]
        asked = self._asked(template, start.rest)
        if isinstance(asked, Refusal):
            return [Reply(asked.text)]
        closes = now + start.duration if start.duration else None
        remind = reminder_before(closes, now) if closes else None
        checkin = Checkin(
            id=None,
            chat_id=chat_id,
            chat_title=chat_title,
            template=template.key,
            kind=template.kind,
            question=asked.question,
            options=asked.options,
            opened_by=opened_by,
            opened_at=_stamp(now),
            closes_at=_stamp(closes) if closes else None,
            remind_at=_stamp(remind) if remind else None,
            schedule_id=schedule_id,
        )
        checkin_id = self.store.open_checkin(checkin)
        return self._questions(template, asked, checkin_id, closes)

    def _asked(self, template: CheckinTemplate, rest: str) -> _Asked | Refusal:
        if template.kind == "phases":
            return _Asked(
                template.question or "", [(str(p.number), p.label) for p in self.kb.phases]
            )
        if template.kind == "themes":
            return _Asked(template.question or "", [(t.key, t.name) for t in self.kb.themes])
        if template.kind == "open":
            return _Asked(rest or template.question or "", [])
        if template.kind == "checklist":
            return self._checklist_task(rest)
        own = parse_own(rest)
        if isinstance(own, Refusal):
            return own
        return _Asked(own.question, [(str(n), o) for n, o in enumerate(own.options, 1)])

    def _questions(
        self, template: CheckinTemplate, asked: _Asked, checkin_id: int, closes: datetime | None
    ) -> list[Reply]:
        """As few messages as can be (a group takes 20 a minute): the explanation goes with
        the first question; a quick scan has a message per theme, the others one."""
        ending = texts.CLOSES_AT.format(when=when(closes)) if closes else texts.CLOSE_BY_HAND
        how = texts.HOW_TO_ANSWER[template.kind]
        intro = f"{texts.STARTED.format(name=template.name)}\n{how} {ending}\n\n"

        def options(question: str) -> tuple[Option, ...]:
            payload = f"{PAYLOAD}a:{checkin_id}:{question}:"
            return tuple(
                Option(f"{k} {label}" if template.kind == "phases" else label, payload + k)
                for k, label in asked.options
            )

        if template.kind == "checklist":
            return [self._checklist_question(template, asked, checkin_id, intro)]
        if template.kind != "phases":
            text, title = intro + asked.question, template.name
            return [Reply(text, title=title, options=options(""), for_everyone=True)]
        replies = []
        for number, theme in enumerate(self.kb.themes):
            link = self.deep_link(f"fasen-{theme.key}")
            explain = (Option(texts.EXPLAIN_PHASES, "", url=link),) if link else ()
            text = asked.question.format(theme=theme.name)
            first = number == 0
            replies.append(
                Reply(
                    intro + text if first else text,
                    title=template.name if first else None,
                    options=options(theme.key) + explain,
                    for_everyone=True,
                )
            )
        return replies

    def _close(self, checkin: Checkin, now: datetime, show_names: bool = False) -> list[Reply]:
        assert checkin.id is not None
        answers = self.store.checkin_answers(checkin.id)
        results = compute(checkin, answers, [t.key for t in self.kb.themes], self.kb.checklist)
        self.store.close_checkin(checkin.id, results, _stamp(now))
        previous = self.store.previous_checkin(checkin.chat_id, checkin.template, checkin.id)
        moved = trend(results, previous.results if previous else None)
        chart = draw_chart(
            checkin,
            results,
            self.kb,
            self.files / f"checkin-{checkin.id}.png",
            self._gemeente_profile(checkin.chat_id),
        )
        return summary(checkin, results, moved, previous, self.kb, chart, show_names)

    def _gemeente_profile(self, chat_id: str) -> tuple[str, dict[str, int | None]] | None:
        gemeente_id = self.store.group_gemeente(chat_id)
        if gemeente_id is None:
            return None
        progress = load_progress(self.store, self.kb, gemeente_id)
        return progress.gemeente_name, dict(progress.profile)

    # -- the clock ----------------------------------------------------------------------------

    def due(self, now: datetime) -> tuple[list[Delivery], str | None]:
        """Deadlines, reminders and schedules due at `now`; and when the next thing is due."""
        stamp = _stamp(now)
        deliveries: list[Delivery] = []
        for checkin in self.store.checkins_due(stamp):
            deliveries.append((checkin.chat_id, self._close(checkin, now)))
        for checkin in self.store.reminders_due(stamp):
            self.store.mark_reminded(checkin.id or 0)
            deliveries.append((checkin.chat_id, [self._reminder(checkin)]))
        for schedule in self.store.schedules_due(stamp):
            deliveries.append((schedule.chat_id, self._fire(schedule, now)))
        return [d for d in deliveries if d[1]], self.store.next_due()

    def _reminder(self, checkin: Checkin) -> Reply:
        count = len({user for _, user in self.store.checkin_answers(checkin.id or 0)})
        name = self.kb.checkins[checkin.template].name
        return Reply(
            texts.REMINDER.format(name=name, when=when(checkin.closes_at or ""), count=count)
        )

    def _fire(self, schedule: Schedule, now: datetime) -> list[Reply]:
        at = datetime.strptime(schedule.time, "%H:%M").time()
        self.store.set_schedule(
            schedule.id or 0, next_at=next_occurrence(schedule.weekday, at, now).isoformat()
        )
        if self.store.open_checkin_in(schedule.chat_id) is not None:
            return [Reply(texts.SKIPPED.format(name=self.kb.checkins[schedule.template].name))]
        start = Start(schedule.template, "", timedelta(hours=schedule.open_hours))
        title = self.store.chat_title(schedule.chat_id)
        return self._open(schedule.chat_id, title, start, now, texts.PLANNER, schedule.id)

    def chat_left(self, chat_id: str) -> None:
        """The bot left the group: close what runs (results kept, nothing sent), stop plans."""
        checkin = self.store.open_checkin_in(chat_id)
        if checkin is not None:
            self._close(checkin, self._now())
        self.store.stop_schedules(chat_id, STOPPED)

    # -- helpers ------------------------------------------------------------------------------

    def _cancel_schedule(self, turn: Turn, schedule_id: int) -> list[Reply]:
        if refused := self._refuse(turn):
            return [Reply(refused[0].text, notice=True)]
        schedule = next(
            (s for s in self.store.schedules(turn.event.chat_id) if s.id == schedule_id), None
        )
        if schedule is None:
            return [Reply(texts.PLAN_GONE, notice=True)]
        self.store.set_schedule(schedule_id, status=CANCELLED, ended_at=self.store.now())
        name = self.kb.checkins[schedule.template].name
        return [
            Reply(
                texts.PLAN_CANCELLED.format(
                    name=name, when=describe(schedule.weekday, schedule.time)
                )
            )
        ]

    def _refuse(self, turn: Turn, leaders_only: bool = True) -> list[Reply] | None:
        if turn.event.chat_type is not ChatType.GROUP:
            return [Reply(texts.ONLY_IN_GROUPS)]
        if leaders_only and not self._may_lead(turn):
            return [Reply(texts.ONLY_LEADERS)]
        return None

    def _may_lead(self, turn: Turn) -> bool:
        """A group administrator, or a Wijkbot member of the gemeente the group is linked to."""
        if turn.event.is_admin:
            return True
        linked = self.store.group_gemeente(turn.event.chat_id)
        return turn.member is not None and linked == turn.member.gemeente_id

    def _menu(self) -> Reply:
        templates = self.kb.checkins.values()
        lines = [
            texts.TEMPLATE_LINE.format(key=t.key, name=t.name, description=t.description)
            for t in templates
        ]
        options = tuple(
            Option(t.name, f"{PAYLOAD}start:{t.key}")
            for t in templates
            if t.kind not in ("choice", "checklist")  # these need more than a name
        )
        return Reply(
            "\n".join([texts.CHOOSE_TEMPLATE, "", *lines]), options=options, for_everyone=True
        )

    # -- a task of the checklist ---------------------------------------------------------------

    def _checklist_task(self, rest: str) -> _Asked | Refusal:
        """The task named by its number: the question is its heading, the options its points."""
        given = rest.strip()
        tasks = self.kb.checklist
        task = task_numbered(tasks, given)
        if task is None:
            listing = "\n".join(
                texts.CHECKLIST_TASK_LINE.format(number=t.number, name=t.name) for t in tasks
            )
            if not given:
                return Refusal(texts.CHECKLIST_WHICH.format(tasks=listing))
            return Refusal(
                texts.CHECKLIST_UNKNOWN.format(given=given, count=len(tasks), tasks=listing)
            )
        heading = texts.CHECKLIST_TASK.format(number=task.number, count=len(tasks), name=task.name)
        return _Asked(heading, [(str(item.number), item.text) for item in task.items])

    def _checklist_question(
        self, template: CheckinTemplate, asked: _Asked, checkin_id: int, intro: str
    ) -> Reply:
        """One message (a group takes 20 a minute): every point of the task, and a row of
        three buttons per point."""
        kinds = point_kinds(self.kb.checklist)
        task = task_of_point(self.kb.checklist, asked.options[0][0])
        assert task is not None
        points = [
            texts.CHECKLIST_POINT.format(number=n, kind=kinds[n].capitalize(), text=text)
            for n, text in asked.options
        ]
        text = "\n\n".join(
            [intro.strip(), f"{asked.question}\n{task.description}", "\n".join(points)]
        )
        options = tuple(
            Option(label.format(number=n), f"{PAYLOAD}a:{checkin_id}:{n}:{value}")
            for n, _ in asked.options
            for label, value in zip(texts.CHECKLIST_BUTTONS, POINTS, strict=True)
        )
        question = template.question or ""
        return Reply(
            f"{text}\n\n{question}", title=template.name, options=options, for_everyone=True
        )

    def _unknown(self, key: str) -> Reply:
        return Reply(texts.UNKNOWN_TEMPLATE.format(key=key, keys=", ".join(self.kb.checkins)))

    def _now(self) -> datetime:
        return self.store.clock()


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
