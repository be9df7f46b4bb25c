"""The commands of check-ins in a group, and who may give them: /checkin (start),
/checkin_sluit (close), /checkin_plan and /checkin_plannen (plans, and their stop buttons),
/koppel (link the group to a gemeente)."""

from __future__ import annotations

from ..records import Schedule
from ..store.checkins import CANCELLED
from ..vocabulary import ChatType, Option, Reply, Turn
from . import payloads, texts
from .kinds import KINDS
from .lifecycle import Lifecycle
from .parse import Refusal, parse_plan, parse_start
from .schedule import describe, next_occurrence, when


class Commands:
    def __init__(self, lifecycle: Lifecycle) -> None:
        self.lifecycle = lifecycle
        self.kb = lifecycle.kb
        self.store = lifecycle.store

    def start(self, turn: Turn, args: str) -> list[Reply]:
        """`/checkin TEMPLATE [question or options] [duration]`; without arguments, a menu."""
        if refused := self._refuse(turn):
            return refused
        if not args.strip():
            return [self._menu()]
        parsed = parse_start(args)
        if isinstance(parsed, Refusal):
            return [Reply(parsed.text)]
        event, now = turn.event, self.lifecycle.now()
        return self.lifecycle.open(
            event.chat_id, event.chat_title, parsed, now, turn.author, thread_id=event.thread_id
        )

    def close(self, turn: Turn, args: str) -> list[Reply]:
        """`/checkin_sluit [namen]`: the summary, with who answered when asked."""
        if refused := self._refuse(turn):
            return refused
        checkin = self.store.open_checkin_in(turn.event.chat_id)
        if checkin is None:
            return [Reply(texts.NOTHING_OPEN)]
        show_names = "namen" in args.lower()
        return self.lifecycle.close(checkin, self.lifecycle.now(), show_names=show_names)

    def plan(self, turn: Turn, args: str) -> list[Reply]:
        """`/checkin_plan TEMPLATE DAY HH:MM [HOURS]`: a check-in that opens by itself."""
        if refused := self._refuse(turn):
            return refused
        plan = parse_plan(args)
        if isinstance(plan, Refusal):
            return [Reply(plan.text)]
        template = self.kb.checkins.get(plan.template)
        if template is None:
            return [self.lifecycle.unknown(plan.template)]
        if refusal := KINDS[template.kind].plan_refusal:
            return [Reply(refusal)]
        first = next_occurrence(plan.weekday, plan.at, self.lifecycle.now())
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
            thread_id=turn.event.thread_id,
        )
        self.store.add_schedule(schedule)
        planned = texts.PLANNED.format(
            name=template.name, when=describe(plan.weekday, at), hours=plan.hours, first=when(first)
        )
        return [Reply(planned)]

    def plans(self, turn: Turn, args: str) -> list[Reply]:
        """`/checkin_plannen`: the group's plans, each with a button to stop it."""
        if refused := self._refuse(turn, leaders_only=False):
            return refused
        schedules = self.store.schedules(turn.event.chat_id)
        if not schedules:
            return [Reply(texts.NO_PLANS)]
        lines, buttons = [texts.PLANS_HEADER], []
        for s in schedules:
            name, every = self.kb.checkins[s.template].name, describe(s.weekday, s.time)
            lines.append(
                texts.PLAN_LINE.format(
                    name=name, when=every, hours=s.open_hours, next=when(s.next_at)
                )
            )
            label = texts.CANCEL_PLAN.format(name=name, when=every)
            buttons.append(Option(label, payloads.stop(s.id)))
        return [Reply("\n".join(lines), options=tuple(buttons), for_everyone=True)]

    def cancel_plan(self, turn: Turn, schedule_id: int) -> list[Reply]:
        """The stop button of a plan (from /checkin_plannen)."""
        if refused := self._refuse(turn):
            return [Reply(refused[0].text, notice=True)]
        schedule = next(
            (s for s in self.store.schedules(turn.event.chat_id) if s.id == schedule_id), None
        )
        if schedule is None:
            return [Reply(texts.PLAN_GONE, notice=True)]
        self.store.set_schedule(schedule_id, status=CANCELLED, ended_at=self.store.now())
        name = self.kb.checkins[schedule.template].name
        every = describe(schedule.weekday, schedule.time)
        return [Reply(texts.PLAN_CANCELLED.format(name=name, when=every))]

    def link(self, turn: Turn, args: str) -> list[Reply]:
        """`/koppel GEMEENTE`: the group's check-ins count for the coordinator's gemeente.
        Only a group administrator who is that gemeente's coordinator may link (or re-link)
        a group: a coordinator of another gemeente cannot take a group's check-ins."""
        if refused := self._refuse(turn, leaders_only=False):
            return refused
        member = turn.member
        if member is None or not member.is_coordinator or not turn.event.is_admin:
            return [Reply(texts.LINK_ONLY_COORDINATOR)]
        given = args.strip()
        if not given:
            return [Reply(texts.LINK_USAGE)]
        if given.casefold() not in (
            member.gemeente_code.casefold(),
            member.gemeente_name.casefold(),
        ):
            other = texts.LINK_OTHER_GEMEENTE.format(
                gemeente=member.gemeente_name, code=member.gemeente_code, given=given
            )
            return [Reply(other)]
        self.store.link_group(turn.event.chat_id, member.gemeente_id, member.name)
        return [Reply(texts.LINKED.format(gemeente=member.gemeente_name))]

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
        """Every template, and a button for each that starts by its name alone."""
        templates = self.kb.checkins.values()
        lines = [
            texts.TEMPLATE_LINE.format(key=t.key, name=t.name, description=t.description)
            for t in templates
        ]
        buttons = tuple(
            Option(t.name, payloads.start(t.key)) for t in templates if KINDS[t.kind].in_menu
        )
        return Reply(
            "\n".join([texts.CHOOSE_TEMPLATE, "", *lines]), options=buttons, for_everyone=True
        )
