"""The transport-neutral conversation core: Event in, list of Reply out.

Every event is handled in one database transaction, and where the user is (flow,
question, draft) is stored with it, so a restart at any moment continues every
conversation where it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..answers import entry_text, respond
from ..checkins.service import PAYLOAD as CHECKIN_PAYLOAD
from ..checkins.service import CheckinService
from ..content import Knowledge
from ..content.flow_models import Flow
from ..content.layout import Answers, Slot, choices
from ..formatting import DUTCH_TIME, STEP_STATUS
from ..matcher import Match, Matcher, Outcome
from ..records import Conversation
from ..report.build import PROPOSAL_FLOW
from ..store import Store
from ..store.members import looks_like_invite
from ..vocabulary import ChatType, Delivery, Event, Option, Page, PageRefusal, Reply, Turn
from . import reading, texts
from .actions import ACTION_PAYLOAD, ActionPlan
from .checklist import PAYLOAD as CHECKLIST_PAYLOAD
from .checklist import ChecklistCommand
from .claims import CLAIM_PAYLOAD, ClaimDesk
from .commands import Command, Handler, Menu, menus
from .comparing import COMPARE_PAYLOAD, CompareDesk
from .coordinators import only_coordinators
from .flow import FLOW_PAYLOAD, FlowRunner
from .local_knowledge import LocalKnowledge
from .membership import GEMEENTE_PAYLOAD, PROMOTE_PAYLOAD, REMOVE_PAYLOAD, Membership
from .operators import Operators
from .overview import PROPOSAL_PAYLOAD, Overview
from .pages import Pages
from .privacy import FORGET_PAYLOAD, Operator, PrivacyDesk
from .questions import ANSWER_PAYLOAD, HAND_ON_PAYLOAD, KEEP_PAYLOAD, PICK_PAYLOAD, QuestionDesk
from .reminders import ActionReminders
from .retention import STAY_PAYLOAD, Retention
from .states import STATES, Waiting, waiting
from .suggest import energy, energy_text
from .validate import Invalid, parse
from .wijkdata import WijkData

ENTRY_PAYLOAD = "kb:"
STEP_PAYLOAD = "step:"
COMMAND_PAYLOAD = "cmd:"
JOIN_PREFIX = "join-"
PHASES_PREFIX = "fasen-"  # /start fasen-<theme>: the 'Uitleg fasen' link of a quick scan
# Options under an answer ("Zie ook", "Stel deze vraag aan de gemeente"): a typed reply may
# pick one, but the next message is a new question, not a reply that must fit them.
SOFT_MENUS = (ENTRY_PAYLOAD, HAND_ON_PAYLOAD)
NAMED_MENUS = (REMOVE_PAYLOAD, PROMOTE_PAYLOAD)  # their labels name people: not remembered
ASKED_AGAIN = "asked_again"  # a kept menu's mark: shown again after a question already


class Engine:
    def __init__(
        self,
        kb: Knowledge,
        matcher: Matcher,
        store: Store,
        files: Path,
        bot_username: str | None = None,
        operator: Operator | None = None,
        operators: Operators | None = None,
        pages_url: str = "",
    ) -> None:
        self.kb = kb
        self.matcher = matcher
        self.store = store
        self.flows = FlowRunner(
            kb,
            store,
            self.today,
            self._finished,
            self._suggest,
            WijkData(store),
            self._answered,
        )
        self.claims = ClaimDesk(store, operators or Operators())
        self.membership = Membership(kb, store, self.claims, bot_username)
        self.plan = ActionPlan(kb, store, self.today)
        self.reminders = ActionReminders(store, self.plan)
        self.compare = CompareDesk(kb, store)
        self.overview = Overview(kb, store, files, self.today, self.compare.lines)
        self.pages = Pages(kb, store, self.flows, self.overview, pages_url)
        self.checklist = ChecklistCommand(kb, store, self.flows)
        self.checkins = CheckinService(kb, store, files, self._deep_link)
        self.local = LocalKnowledge(kb, matcher, store)
        self.desk = QuestionDesk(store, self.membership.finder)
        self.privacy = PrivacyDesk(store, files, operator or Operator())
        self.retention = Retention(store, self.privacy)
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
            CLAIM_PAYLOAD: self.claims.decide,
        }
        self._member_buttons: dict[str, Handler] = {
            STEP_PAYLOAD: lambda t, p: self._step(t, p.removeprefix(STEP_PAYLOAD)),
            ACTION_PAYLOAD: self._action,
            CHECKLIST_PAYLOAD: lambda t, p: self.checklist.press(t, p) or _stale(),
            REMOVE_PAYLOAD: self.membership.remove,
            PROMOTE_PAYLOAD: self.membership.promote,
            ANSWER_PAYLOAD: self.desk.start_answer,
            KEEP_PAYLOAD: self.desk.keep,
            STAY_PAYLOAD: lambda t, p: [Reply(texts.STAYS)],
            PROPOSAL_PAYLOAD: self._edit_proposal,
            COMPARE_PAYLOAD: self.compare.press,
        }
        # What receives a typed reply in each state a conversation can wait in (states.py).
        self._receivers: dict[Waiting, Callable[[Turn, str], list[Reply]]] = {
            Waiting.GEMEENTE: self.membership.receive_gemeente,
            Waiting.INVITE: self._receive_invite,
            Waiting.QUESTION_GEMEENTE: self.desk.receive_gemeente,
            Waiting.QUESTION_ANSWER: self.desk.receive_answer,
            Waiting.ACTION_EDIT: self._receive_edit,
            Waiting.FLOW: self._receive_flow,
            Waiting.MENU: self._in_menu,
        }
        private, group, admins = (Menu.PRIVATE,), (Menu.PRIVATE, Menu.GROUP), (Menu.GROUP_ADMIN,)
        menu = texts.MENU
        # In the order the menus show them; a command without a description is in no menu.
        self._commands: dict[str, Command] = {
            "/start": Command(self._start, menu["start"], (Menu.PRIVATE, Menu.GROUP_ADMIN)),
            "/stap": Command(self._member_only(self._step), menu["stap"], private),
            "/vraag": Command(self._question_command, menu["vraag"], group),
            "/voortgang": Command(self._member_only(self._progress), menu["voortgang"], private),
            "/checklist": Command(
                self._member_only(self.checklist.command), menu["checklist"], private
            ),
            "/acties": Command(
                self._member_only(lambda t, _: self.plan.overview(t)), menu["acties"], private
            ),
            "/herinneringen": Command(
                self._member_only(self.reminders.command), menu["herinneringen"], private
            ),
            "/vergelijken": Command(
                self._member_only(self.compare.command), menu["vergelijken"], private
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
    def button_prefixes(self) -> list[str]:
        """The prefixes of the button data the engine takes ("q:", "kb:", ...)."""
        return [*self._buttons, *self._member_buttons]

    @property
    def menus(self) -> dict[Menu, list[tuple[str, str]]]:
        """The commands offered per menu, with their descriptions (from the same table)."""
        return menus(self._commands)

    def today(self) -> date:
        return self.store.clock().astimezone(DUTCH_TIME).date()

    def due(self, now: datetime | None = None) -> tuple[list[Delivery], str | None]:
        """What the clock brings at `now` (by default the store's clock: check-in deadlines,
        reminders, schedules, action reminders, the outcome of claims decided on the command
        line, the keeping times of the privacy statement), in one transaction: the replies per
        chat, and when the next thing is due (ISO time, or None)."""
        now = now or self.store.clock()
        with self.store.transaction():
            kept = [*self.retention.due(now), *self.claims.due()]
            found, next_due = self.checkins.due(now)
            return [*kept, *found, *self.reminders.due(now)], next_due

    def telegram_keeps_the_clock(self) -> bool:
        """Whether a Telegram bot has run on this database: then its clock sends what comes
        due, and a terminal on the same database must not take (and so use up) it."""
        return self.store.telegram_silent_since() is not None

    def chat_left(self, chat_id: str) -> None:
        """The bot was removed from a group: what runs there is closed, plans stop."""
        self.checkins.chat_left(chat_id)

    def handle(self, event: Event) -> list[Reply]:
        return self._take(event, self._dispatch)

    def page(self, user_id: str, code: str, page: Page) -> dict[str, Any] | PageRefusal:
        """What one of the web pages shows to `user_id`, for the gemeente `code`; a refusal
        when they are not its member."""
        member = self.pages.member(user_id, code)
        if isinstance(member, PageRefusal):
            return member
        if page is Page.STARTPOSITIE:
            return self.pages.startpositie(member)
        return self.pages.voortgang(member)

    def save_startpositie(
        self, user_id: str, user_name: str, code: str, phases: object
    ) -> list[Reply] | PageRefusal:
        """The startpositie page's six phases (theme key -> 1-4), saved by a member of the
        gemeente `code`; the replies for their private chat with the bot."""
        refused = self.pages.member(user_id, code)
        if isinstance(refused, PageRefusal):
            return refused
        event = Event(chat_id=user_id, user_id=user_id, user_name=user_name)
        saved: list[PageRefusal] = []

        def save(turn: Turn) -> list[Reply]:
            result = self.pages.save_startpositie(turn, phases)
            if isinstance(result, PageRefusal):
                saved.append(result)
                return []
            return result

        replies = self._take(event, save)
        return saved[0] if saved else replies

    def _take(self, event: Event, act: Callable[[Turn], list[Reply]]) -> list[Reply]:
        """One turn: where the user is loaded, `act` done, where they are now saved."""
        with self.store.transaction():
            conversation = self.store.conversation(event.chat_id, event.user_id)
            before = deepcopy(conversation)
            turn = Turn(event, conversation, self.store.member(event.user_id))
            if turn.member is not None:
                self.store.note_active(event.user_id)
            replies = act(turn)
            if event.chat_type is ChatType.PRIVATE:
                moved = _where(turn.conversation) != _where(before) or (
                    event.payload is not None and replies != _stale()
                )
                _remember_menu(turn.conversation, replies, moved)
            if turn.conversation != before and not turn.forgotten:
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
        if (payload := self._picked(turn, text)) is not None:
            return self._payload(turn, payload)
        if turn.conversation.flow and turn.member is None:  # removed from the gemeente
            self.flows.stop(turn)
            return [Reply(texts.NOT_A_MEMBER)]
        state = waiting(turn.conversation)
        if state is None:
            return self.answer(turn, text)
        if STATES[state].questions_first and self._is_question(turn, state, text):
            return self._question_first(turn, state, text)
        return self._receivers[state](turn, text)

    def _question_first(self, turn: Turn, state: Waiting, text: str) -> list[Reply]:
        """A question where a reply was awaited: answered, and what was awaited asked again.
        Options shown last are asked again once: who asks on has moved on from them, and
        gets the answer with its own options (a flow's question is asked again each time)."""
        menu = turn.conversation.menu
        if state is Waiting.MENU and menu.get(ASKED_AGAIN):
            turn.conversation.menu = {}
            return self.answer(turn, text)
        if state is Waiting.MENU:
            menu[ASKED_AGAIN] = True
        return [*self.answer(turn, text, offers=False), *self._ask_again(turn, state)]

    def _picked(self, turn: Turn, text: str) -> str | None:
        """The payload of the option shown last that a typed reply names ("ja", "2",
        "uitslag"); the flow's own questions read their options themselves."""
        shown = turn.conversation.menu.get("options") or []
        if not shown or shown[0][1].startswith(FLOW_PAYLOAD):
            return None
        offered = [reading.named(label, yes=means) for label, _, means in shown]
        index = reading.menu_option(offered, text)
        return shown[index][1] if index is not None else None

    def _is_question(self, turn: Turn, state: Waiting, text: str) -> bool:
        """A question to answer rather than the reply the state waits for. An answer is
        never taken for a question: what the state can read comes first."""
        if state is Waiting.FLOW:
            here = self.flows.current(turn)
            return here is not None and self._flow_question(*here, text)
        if state in (Waiting.GEMEENTE, Waiting.QUESTION_GEMEENTE):
            return reading.reads_as_question(text) or not self.membership.finder.find(text)
        if state is Waiting.INVITE:
            return not looks_like_invite(text) and (
                reading.reads_as_question(text) or self._confident(text)
            )
        return reading.reads_as_question(text) or self._confident(text)

    def _flow_question(self, slot: Slot, answers: Answers, text: str) -> bool:
        if slot.question.type == "text":
            return reading.reads_as_question(text)
        options = choices(slot, self.kb, answers)
        if not isinstance(parse(slot.question, options, text, self.today()), Invalid):
            return False
        return reading.reads_as_question(text) or self._confident(text)

    def _confident(self, text: str) -> bool:
        return self.matcher.match(text).outcome is Outcome.ANSWER

    def _ask_again(self, turn: Turn, state: Waiting) -> list[Reply]:
        """What the state waits for, asked again: the flow's question, the options shown
        last, or the state's own sentence."""
        if state is Waiting.FLOW:
            here = self.flows.current(turn)
            return [self.flows.ask(turn, *here)] if here else []
        shown = self._menu_again(turn)
        again = STATES[state].again
        return [shown] if shown else [Reply(again)] if again else []

    def _menu_again(self, turn: Turn) -> Reply | None:
        menu = turn.conversation.menu
        if not menu.get("options"):
            return None
        options = tuple(
            Option(label, payload, means=means) for label, payload, means in menu["options"]
        )
        return Reply(menu.get("prompt") or texts.OPTIONS_AGAIN, options=options)

    def _in_menu(self, turn: Turn, text: str) -> list[Reply]:
        """A typed reply at the options shown last that names none of them."""
        shown = self._menu_again(turn)
        assert shown is not None
        if reading.yes_no(text) is False and any(o.means for o in shown.options):
            turn.conversation.menu = {}
            return [Reply(texts.LATER)]
        return [Reply(texts.CHOOSE_AN_OPTION), shown]

    def _receive_invite(self, turn: Turn, text: str) -> list[Reply]:
        if not looks_like_invite(text):
            return [Reply(texts.NOT_AN_INVITE)]
        return self.membership.join(turn, text)

    def _receive_edit(self, turn: Turn, text: str) -> list[Reply]:
        return [*self.plan.receive_edit(turn, text), *self._pending_question(turn)]

    def _receive_flow(self, turn: Turn, text: str) -> list[Reply]:
        here = self.flows.current(turn)
        if here is None:
            self.flows.stop(turn)
            return self.answer(turn, text)
        return self.flows.receive_text(turn, *here, text)

    def _pending_question(self, turn: Turn) -> list[Reply]:
        """The flow's open question again, once nothing else is awaited."""
        here = self.flows.current(turn)
        if here is None or turn.conversation.draft.get("await"):
            return []
        return [self.flows.ask(turn, *here)]

    def answer(self, turn: Turn, question: str, offers: bool = True) -> list[Reply]:
        """Answer a free question (with the gemeente's own knowledge, for its users); when
        the bot has no answer, record the question and offer to pass it on to the gemeente
        (not to its own coordinator, who would pass it to themselves).

        Without `offers` (a question or menu is pending and is asked again next), related
        entries are named in the text and nothing is offered: one list of options is live
        at a time."""
        match = self.local.matcher(self.desk.gemeente_of(turn)).match(question)
        response = respond(match, self.kb)
        unanswered_id = (
            None if match.outcome is Outcome.ANSWER else self._record(turn, question, match)
        )
        if not offers:
            named = [f"• {e.title}" for e in response.suggestions]
            if response.title and named:
                named.insert(0, texts.SEE_ALSO)
            text = "\n\n".join([response.text, "\n".join(named)]).strip()
            return [Reply(text, title=response.title)]
        options = tuple(Option(e.title, ENTRY_PAYLOAD + e.id) for e in response.suggestions)
        coordinator = turn.member is not None and turn.member.is_coordinator
        if unanswered_id is not None and not coordinator:
            options += (self.desk.offer(unanswered_id),)
        text = response.text
        if response.title and options:
            text += "\n\n" + texts.SEE_ALSO
        return [Reply(text, title=response.title, options=options)]

    def _record(self, turn: Turn, question: str, match: Match) -> int:
        best = match.best
        return self.store.record_unanswered(
            question,
            match.outcome.value,
            best.entry.id if best else None,
            round(best.score, 3) if best else None,
            turn.event.chat_type.value,
        )

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

    def _edit_proposal(self, turn: Turn, payload: str) -> list[Reply]:
        """The coordinator replaces the decision the report proposes to the council."""
        assert turn.member is not None
        if not turn.member.is_coordinator:
            return [Reply(only_coordinators(self.store, turn.member))]
        if turn.event.chat_type is not ChatType.PRIVATE:
            return [Reply(texts.PRIVATE_ONLY)]
        shown = self.overview.proposal(turn)
        return [shown, *self.flows.begin(turn, self.kb.flows[PROPOSAL_FLOW])]

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
            if waiting := self.claims.waiting(turn):
                return [waiting]
            return [Reply(texts.WELCOME), *self.membership.ask_gemeente(turn)]
        return self._welcome_back(turn)

    def _welcome_back(self, turn: Turn) -> list[Reply]:
        """Where the user is, and what is pending asked again with its options; with
        nothing pending, the progress and what comes next."""
        assert turn.member is not None
        gemeente = turn.member.gemeente_name
        here = self.flows.current(turn) if not turn.conversation.draft.get("await") else None
        if here is not None:
            heading = self.flows.heading(here[0].flow, *here)
            welcome = texts.WELCOME_BACK_AT.format(gemeente=gemeente, heading=heading)
            return [Reply(welcome), self.flows.ask(turn, *here)]
        state = waiting(turn.conversation)
        back = Reply(texts.WELCOME_BACK.format(gemeente=gemeente))
        if state is not None and state is not Waiting.FLOW:
            return [back, *self._ask_again(turn, state)]
        return [back, *self.overview.show(turn)]

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
        intro, *asked = self.flows.begin(turn, self.kb.step_flow(step.key))
        if step.key == Page.STARTPOSITIE:  # the sliders, as a page, beside the buttons
            intro = self.pages.offer(turn, intro, Page.STARTPOSITIE)
        return [intro, *asked]

    def _progress(self, turn: Turn, rest: str) -> list[Reply]:
        shown, *more = self.overview.show(turn)
        return [self.pages.offer(turn, shown, Page.VOORTGANG, Page.STARTPOSITIE), *more]

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
                return [self.claims.waiting(turn) or Reply(texts.NOT_A_MEMBER)]
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
        if flow.key == PROPOSAL_FLOW:
            return [Reply(texts.WHAT_NEXT, options=(Option(texts.MAKE_REPORT, "cmd:/rapport"),))]
        return []

    def _answered(self, turn: Turn, slot: Slot, before: Answers, after: Answers) -> list[Reply]:
        if slot.flow.key == self.checklist.flow_key:
            return self.checklist.answered(turn, slot, before, after)
        return []

    def _deep_link(self, start: str) -> str | None:
        name = self.membership.bot_username
        return f"https://t.me/{name}?start={start}" if name else None

    def _suggest(self, turn: Turn) -> str:
        assert turn.member is not None
        return energy_text(energy(self.kb, self.store, turn.member.gemeente_id))


def _where(conversation: Conversation) -> tuple[object, ...]:
    return (conversation.flow, conversation.item, conversation.question, conversation.draft)


def _remember_menu(conversation: Conversation, replies: list[Reply], moved: bool) -> None:
    """The options shown last stay live until other options are shown, or the
    conversation moves on without options (bad input leaves them as they were)."""
    mine = [r for r in replies if r.chat_id is None and not r.notice]
    last = mine[-1] if mine else None
    options = [[o.label, o.payload, o.means] for o in last.options if o.url is None] if last else []
    if not options or last is None:
        if moved:
            conversation.menu = {}
        return
    if any(o.payload.startswith(NAMED_MENUS) for o in last.options):
        conversation.menu = {}  # labels with colleagues' names are not kept
        return
    soft = all(o.payload.startswith(SOFT_MENUS) for o in last.options)
    again = conversation.menu.get("options") == options and conversation.menu.get(ASKED_AGAIN)
    conversation.menu = {"options": options, "soft": soft, "prompt": _prompt(last)}
    if again:  # the same options shown again: still asked again once already
        conversation.menu[ASKED_AGAIN] = True


def _prompt(reply: Reply) -> str | None:
    """The question a menu asks ("Bedoelt u Zutphen?"), to ask it again; only the engine's
    own sentences, never a list that quotes what people wrote."""
    if reply.options and reply.options[0].payload.startswith(ANSWER_PAYLOAD):
        return None
    asked = re.findall(r"[^.!?\n]+\?", reply.text)
    return asked[-1].strip() if asked else None


def _stale() -> list[Reply]:
    return [Reply(texts.STALE_OPTION)]
