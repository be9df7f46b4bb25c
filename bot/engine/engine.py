"""The transport-neutral conversation core: Event in, list of Reply out.

Every event is handled in one database transaction, and where the user is (flow,
question, draft) is stored with it, so a restart at any moment continues every
conversation where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from ..answers import entry_text, respond
from ..checkins.service import PAYLOAD as CHECKIN_PAYLOAD
from ..checkins.service import CheckinService
from ..content import Knowledge
from ..content.flow_models import Flow
from ..content.layout import Answers, Slot, choices
from ..formatting import DUTCH_TIME, STEP_STATUS
from ..matcher import Matcher, Outcome
from ..store import Store
from ..store.members import looks_like_invite
from . import texts
from .actions import ACTION_PAYLOAD, ActionPlan
from .checklist import PAYLOAD as CHECKLIST_PAYLOAD
from .checklist import ChecklistCommand
from .commands import Command, Handler, Menu, menus
from .events import ChatType, Delivery, Event, Option, Reply
from .flow import FLOW_PAYLOAD, FlowRunner
from .local_knowledge import LocalKnowledge
from .membership import GEMEENTE_PAYLOAD, PROMOTE_PAYLOAD, REMOVE_PAYLOAD, Membership
from .overview import Overview
from .privacy import FORGET_PAYLOAD, Operator, PrivacyDesk
from .questions import ANSWER_PAYLOAD, HAND_ON_PAYLOAD, KEEP_PAYLOAD, PICK_PAYLOAD, QuestionDesk
from .reminders import ActionReminders
from .suggest import suggested_themes
from .turn import Turn
from .validate import Invalid, parse

ENTRY_PAYLOAD = "kb:"
STEP_PAYLOAD = "step:"
COMMAND_PAYLOAD = "cmd:"
JOIN_PREFIX = "join-"
PHASES_PREFIX = "fasen-"  # /start fasen-<theme>: the 'Uitleg fasen' link of a quick scan
QUESTION_WORDS = frozenset(
    "wat hoe waarom wie welke welk wanneer waar waarmee kan kun kunt mag moet is zijn "
    "heeft hebben geef vertel leg".split()
)


KEEP_QUESTIONS = timedelta(days=365)  # unanswered questions: 12 months (texts.PRIVACY)


class Engine:
    def __init__(
        self,
        kb: Knowledge,
        matcher: Matcher,
        store: Store,
        files: Path,
        bot_username: str | None = None,
        operator: Operator | None = None,
    ) -> None:
        self.kb = kb
        self.matcher = matcher
        self.store = store
        self.flows = FlowRunner(kb, store, self.today, self._finished, self._suggest)
        self.membership = Membership(kb, store, bot_username)
        self.plan = ActionPlan(kb, store, self.today)
        self.reminders = ActionReminders(store, self.plan)
        self.overview = Overview(kb, store, files, self.today)
        self.checklist = ChecklistCommand(kb, store, self.flows)
        self.checkins = CheckinService(kb, store, files, self._deep_link)
        self.local = LocalKnowledge(kb, matcher, store)
        self.desk = QuestionDesk(store, self.membership.finder)
        self.privacy = PrivacyDesk(store, files, operator or Operator())
        # Buttons anyone may press (each part checks who may), and those of members only.
        self._buttons: dict[str, Handler] = {
            FLOW_PAYLOAD: self.flows.receive_option,
            ENTRY_PAYLOAD: self._entry,
            COMMAND_PAYLOAD: self._dispatch_command,
            GEMEENTE_PAYLOAD: self.membership.choose_gemeente,
            CHECKIN_PAYLOAD: self.checkins.press,
            HAND_ON_PAYLOAD: self.desk.hand_on,
            PICK_PAYLOAD: self.desk.pick_gemeente,
            FORGET_PAYLOAD: self.privacy.confirm,
        }
        self._member_buttons: dict[str, Handler] = {
            STEP_PAYLOAD: lambda t, p: self._step(t, p.removeprefix(STEP_PAYLOAD)),
            ACTION_PAYLOAD: self._action,
            CHECKLIST_PAYLOAD: lambda t, p: self.checklist.press(t, p) or _stale(),
            REMOVE_PAYLOAD: self.membership.remove,
            PROMOTE_PAYLOAD: self.membership.promote,
            ANSWER_PAYLOAD: self.desk.start_answer,
            KEEP_PAYLOAD: self.desk.keep,
        }
        private, group, admins = (Menu.PRIVATE,), (Menu.PRIVATE, Menu.GROUP), (Menu.GROUP_ADMIN,)
        menu = texts.MENU
        # In the order the menus show them; a command without a description is in no menu.
        self._commands: dict[str, Command] = {
            "/start": Command(self._start, menu["start"], (Menu.PRIVATE, Menu.GROUP_ADMIN)),
            "/stap": Command(self._member_only(self._step), menu["stap"], private),
            "/vraag": Command(self._question_command, menu["vraag"], group),
            "/voortgang": Command(
                self._member_only(lambda t, _: self.overview.show(t)), menu["voortgang"], private
            ),
            "/checklist": Command(
                self._member_only(self.checklist.command), menu["checklist"], private
            ),
            "/acties": Command(
                self._member_only(lambda t, _: self.plan.overview(t)), menu["acties"], private
            ),
            "/herinneringen": Command(
                self._member_only(self.reminders.command), menu["herinneringen"], private
            ),
            "/rapport": Command(
                self._member_only(lambda t, _: self.overview.report(t)), menu["rapport"], private
            ),
            "/uitnodigen": Command(
                self._member_only(lambda t, _: self.membership.invite(t)),
                menu["uitnodigen"],
                private,
            ),
            "/leden": Command(
                self._member_only(lambda t, _: self.membership.members(t)), menu["leden"], private
            ),
            "/open_vragen": Command(
                self._member_only(self.desk.open_questions), menu["open_vragen"], private
            ),
            "/terug": Command(self._in_flow(self.flows.back), menu["terug"], private),
            "/overslaan": Command(self._in_flow(self.flows.advance), menu["overslaan"], private),
            "/stop": Command(self._stop, menu["stop"], private),
            "/help": Command(self._help, menu["help"], group),
            "/hulp": Command(self._help),
            "/privacy": Command(self.privacy.notice, menu["privacy"], group),
            "/mijn_gegevens": Command(self.privacy.my_data, menu["mijn_gegevens"], private),
            "/vergeet_mij": Command(self.privacy.forget, menu["vergeet_mij"], private),
            "/checkin": Command(self.checkins.start_command, menu["checkin"], admins),
            "/checkin_sluit": Command(self.checkins.close_command, menu["checkin_sluit"], admins),
            "/checkin_plan": Command(self.checkins.plan_command, menu["checkin_plan"], admins),
            "/checkin_plannen": Command(
                self.checkins.plans_command, menu["checkin_plannen"], admins
            ),
            "/koppel": Command(self.checkins.link_command, menu["koppel"], admins),
        }

    @property
    def command_names(self) -> list[str]:
        """The commands the engine knows, without their slash."""
        return [command.removeprefix("/") for command in self._commands]

    @property
    def menus(self) -> dict[Menu, list[tuple[str, str]]]:
        """The commands offered per menu, with their descriptions (from the same table)."""
        return menus(self._commands)

    def today(self) -> date:
        return self.store.clock().astimezone(DUTCH_TIME).date()

    def due(self, now: datetime) -> tuple[list[Delivery], str | None]:
        """What the clock brings at `now` (check-in deadlines, reminders, schedules, action
        reminders): the replies per chat, and when the next thing is due (ISO time, or
        None). Questions past their keeping time (the privacy statement) go too."""
        self.store.forget_old_questions((now - KEEP_QUESTIONS).isoformat(timespec="seconds"))
        found, next_due = self.checkins.due(now)
        return [*found, *self.reminders.due(now)], next_due

    def chat_left(self, chat_id: str) -> None:
        """The bot was removed from a group: what runs there is closed, plans stop."""
        self.checkins.chat_left(chat_id)

    def handle(self, event: Event) -> list[Reply]:
        with self.store.transaction():
            conversation = self.store.conversation(event.chat_id, event.user_id)
            before = repr(conversation)
            turn = Turn(event, conversation, self.store.member(event.user_id))
            replies = self._dispatch(turn)
            if repr(turn.conversation) != before and not turn.forgotten:
                self.store.save_conversation(turn.conversation)
        return replies

    def _dispatch(self, turn: Turn) -> list[Reply]:
        event = turn.event
        if event.payload is not None:
            return self._payload(turn, event.payload)
        text = (event.text or "").strip()
        if not text:
            return [Reply(texts.EMPTY)]
        if len(text) > texts.MAX_MESSAGE_CHARS:
            too_long = texts.TOO_LONG.format(limit=texts.MAX_MESSAGE_CHARS, length=len(text))
            return [Reply(too_long), *self._pending_question(turn)]
        if text.startswith("/") and event.forwarded:
            return [Reply(texts.FORWARDED_COMMAND)]
        if text.startswith("/"):
            command, _, rest = text.partition(" ")
            name, _, addressee = command.partition("@")
            if (
                addressee
                and addressee.casefold() != (self.membership.bot_username or "").casefold()
            ):
                return []  # a command for another bot in the chat
            found = self._commands.get(name.lower())
            if found is None:
                return [Reply(texts.UNKNOWN_COMMAND.format(command=name))]
            return found.handler(turn, rest.strip())
        return self._text(turn, text)

    def _text(self, turn: Turn, text: str) -> list[Reply]:
        if (noted := self.checkins.open_answer(turn, text)) is not None:
            return noted
        waiting = turn.conversation.draft.get("await")
        if waiting == "question_answer":
            return self.desk.receive_answer(turn, text)
        if waiting == "question_gemeente" and not _asks_something(text):
            return self.desk.receive_gemeente(turn, text)
        if waiting == "gemeente" and not _asks_something(text):
            return self.membership.receive_gemeente(turn, text)
        if waiting == "invite" and looks_like_invite(text):
            return self.membership.join(turn, text)
        if waiting == "invite" and not _asks_something(text):
            return [Reply(texts.NOT_AN_INVITE)]
        if waiting == "action" and not text.endswith("?"):
            return [*self.plan.receive_edit(turn, text), *self._pending_question(turn)]
        if turn.conversation.flow and turn.member is None:  # removed from the gemeente
            self.flows.stop(turn)
            return [Reply(texts.NOT_A_MEMBER)]
        here = self.flows.current(turn)
        if here is None:
            return self.answer(turn, text)
        slot, answers = here
        if self._is_question(slot, answers, text):
            return [*self.answer(turn, text), self.flows.ask(turn, slot, answers)]
        return self.flows.receive_text(turn, slot, answers, text)

    def _pending_question(self, turn: Turn) -> list[Reply]:
        """The flow's open question again, once nothing else is awaited."""
        here = self.flows.current(turn)
        if here is None or turn.conversation.draft.get("await"):
            return []
        return [self.flows.ask(turn, *here)]

    def _is_question(self, slot: Slot, answers: Answers, text: str) -> bool:
        """A question to answer rather than the answer to the flow's question.

        Where free text is expected, only a '?' sentence the knowledge base answers counts
        ("Waarom niet?" stays an answer); elsewhere also a text that does not fit the
        question but that the knowledge base answers with confidence.
        """
        if slot.question.type == "text":
            return text.endswith("?") and self.matcher.match(text).outcome is Outcome.ANSWER
        if text.endswith("?"):
            return True
        options = choices(slot, self.kb, answers)
        if not isinstance(parse(slot.question, options, text, self.today()), Invalid):
            return False
        return self.matcher.match(text).outcome is Outcome.ANSWER

    def answer(self, turn: Turn, question: str) -> list[Reply]:
        """Answer a free question (with the gemeente's own knowledge, for its users); when
        the bot has no answer, record the question and offer to pass it on to the gemeente."""
        match = self.local.matcher(self.desk.gemeente_of(turn)).match(question)
        response = respond(match, self.kb)
        options = tuple(Option(e.title, ENTRY_PAYLOAD + e.id) for e in response.suggestions)
        if match.outcome is not Outcome.ANSWER:
            best = match.best
            unanswered_id = self.store.record_unanswered(
                question,
                match.outcome.value,
                best.entry.id if best else None,
                round(best.score, 3) if best else None,
                turn.event.chat_type.value,
            )
            options += (self.desk.offer(unanswered_id),)
        text = response.text
        if response.title and options:
            text += "\n\n" + texts.SEE_ALSO
        return [Reply(text, title=response.title, options=options)]

    def best_answers(self, question: str, limit: int = 5) -> list[Reply]:
        """The entries closest to a question, each as a whole answer (for inline mode)."""
        match = self.matcher.match(question, limit)
        if match.outcome is Outcome.DECLINE:
            return []
        floor = self.matcher.decision.suggest_floor
        close = [c.entry for c in match.candidates if c.score >= floor]
        return [Reply(entry_text(entry, self.kb), title=entry.title) for entry in close]

    # -- buttons ---------------------------------------------------------------------------

    def _payload(self, turn: Turn, payload: str) -> list[Reply]:
        """A pressed option: to the part whose prefix it carries ("q:", "kb:", ...)."""
        prefix = payload.partition(":")[0] + ":"
        handler = self._buttons.get(prefix)
        if handler is None and turn.member is not None:
            handler = self._member_buttons.get(prefix)
        return handler(turn, payload) if handler else _stale()

    def _entry(self, turn: Turn, payload: str) -> list[Reply]:
        entry_id = payload.removeprefix(ENTRY_PAYLOAD)
        entry = self.local.entry(self.desk.gemeente_of(turn), entry_id)
        return [Reply(entry_text(entry, self.kb), title=entry.title)] if entry else _stale()

    def _action(self, turn: Turn, payload: str) -> list[Reply]:
        if payload == ACTION_PAYLOAD + "nieuw":
            return self.flows.begin(turn, self.kb.flows["actie"])
        return self.plan.choose(turn, payload)

    def _dispatch_command(self, turn: Turn, payload: str) -> list[Reply]:
        found = self._commands.get(payload.removeprefix(COMMAND_PAYLOAD))
        return found.handler(turn, "") if found else _stale()

    # -- commands --------------------------------------------------------------------------

    def _start(self, turn: Turn, rest: str) -> list[Reply]:
        if rest.startswith(JOIN_PREFIX):
            if turn.event.chat_type is not ChatType.PRIVATE:
                return [Reply(texts.PRIVATE_ONLY)]
            return self.membership.join(turn, rest.removeprefix(JOIN_PREFIX))
        if rest.startswith(PHASES_PREFIX) and (
            explained := self.checkins.explain(rest.removeprefix(PHASES_PREFIX))
        ):
            return explained
        if turn.event.chat_type is not ChatType.PRIVATE:
            return [Reply(texts.WELCOME_GROUP)]
        if turn.member is None:
            return [Reply(texts.WELCOME), *self.membership.ask_gemeente(turn)]
        welcome = texts.WELCOME_BACK.format(gemeente=turn.member.gemeente_name)
        return [Reply(welcome), *self.overview.show(turn)]

    def _help(self, turn: Turn, rest: str) -> list[Reply]:
        private = turn.event.chat_type is ChatType.PRIVATE
        return [Reply(texts.HELP_PRIVATE if private else texts.HELP_GROUP)]

    def _question_command(self, turn: Turn, rest: str) -> list[Reply]:
        if not rest:
            return [Reply(texts.ASK_WHAT)]
        return [*self.answer(turn, rest), *self._pending_question(turn)]

    def _step(self, turn: Turn, rest: str) -> list[Reply]:
        if not rest:
            return self._steps_menu(turn)
        step = next((s for s in self.kb.steps if rest.strip() == str(s.number)), None)
        if step is None:
            return [Reply(texts.WHICH_STEP), *self._steps_menu(turn)]
        return self.flows.begin(turn, self.kb.step_flow(step.key))

    def _steps_menu(self, turn: Turn) -> list[Reply]:
        progress = self.overview.progress(turn)
        options = tuple(
            Option(
                f"Stap {s.number}: {s.name} ({STEP_STATUS[progress.statuses[s.key]]})",
                f"{STEP_PAYLOAD}{s.number}",
            )
            for s in self.kb.steps
        )
        here = self.flows.current(turn)
        where = texts.NOW_AT.format(heading=self.flows.heading(here[0].flow, *here)) if here else ""
        return [Reply((where + "\n\n" + texts.CHOOSE_STEP).strip(), options=options)]

    def _stop(self, turn: Turn, rest: str) -> list[Reply]:
        busy = turn.conversation.flow or turn.conversation.draft
        in_checklist = turn.conversation.flow == self.checklist.flow_key
        self.flows.stop(turn)
        if in_checklist:
            return [Reply(self.checklist.stopped)]
        return [Reply(texts.STOPPED if busy else texts.NOTHING_TO_STOP)]

    # -- guards ------------------------------------------------------------------------------

    def _member_only(self, handler: Handler) -> Handler:
        def guarded(turn: Turn, rest: str) -> list[Reply]:
            if turn.event.chat_type is not ChatType.PRIVATE:
                return [Reply(texts.PRIVATE_ONLY)]
            if turn.member is None:
                return [Reply(texts.NOT_A_MEMBER)]
            return handler(turn, rest)

        return guarded

    def _in_flow(self, handler: Callable[[Turn, Slot, Answers], list[Reply]]) -> Handler:
        def guarded(turn: Turn, rest: str) -> list[Reply]:
            if turn.event.chat_type is not ChatType.PRIVATE:
                return [Reply(texts.PRIVATE_ONLY)]
            here = self.flows.current(turn)
            if here is None:
                return [Reply(texts.NOT_IN_FLOW)]
            return handler(turn, *here)

        return guarded

    # -- hooks for the flow runner -----------------------------------------------------------

    def _finished(self, turn: Turn, flow: Flow, answers: Answers) -> list[Reply]:
        if flow.step == "startpositie":
            return self.overview.profile(turn)
        if flow.step:
            return [Reply(texts.WHAT_NEXT, options=self.overview.next_options(turn))]
        if flow.key == self.checklist.flow_key:
            return self.checklist.result(turn)
        return []

    def _deep_link(self, start: str) -> str | None:
        name = self.membership.bot_username
        return f"https://t.me/{name}?start={start}" if name else None

    def _suggest(self, turn: Turn) -> list[str]:
        assert turn.member is not None
        return suggested_themes(self.kb, self.matcher, self.store, turn.member.gemeente_id)


def _asks_something(text: str) -> bool:
    """A question rather than a name: it ends in '?' or opens with a question word."""
    first = text.split()[0].casefold() if text.split() else ""
    return text.endswith("?") or first in QUESTION_WORDS


def _stale() -> list[Reply]:
    return [Reply(texts.STALE_OPTION)]
