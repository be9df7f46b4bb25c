"""Walks a user through a flow: asks the current question, takes the answer, moves on.

A flow stores its answers per gemeente (every member continues where another stopped),
except a flow that creates a record (a new action): that one keeps its answers in the
user's conversation draft until the last one, then makes its record.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from typing import Any

from ..content import Knowledge
from ..content.flow_models import Flow, Group
from ..content.layout import AnswerChoice, Answers, Slot, answered, choices, layout
from ..formatting import format_answer
from ..store import Store
from ..vocabulary import Option, Reply, Turn
from . import texts
from .validate import Invalid, parse
from .wijkdata import CODES, WijkData

FLOW_PAYLOAD = "q:"
DONE = "klaar"
START, KEEP = "cijfers", "bewaar"  # begin a text answer with the CBS figures; keep them so
# Called when a step is finished; returns extra replies (the profile after step 2).
FinishHook = Callable[[Turn, Flow, Answers], list[Reply]]
# Called after every stored answer with the answers before and after; returns extra
# replies shown before the next question (a checklist task's result when it is done).
AnswerHook = Callable[[Turn, Slot, Answers, Answers], list[Reply]]
Suggest = Callable[[Turn], str]  # what a question with `suggest:` adds: why these themes


class FlowRunner:
    def __init__(
        self,
        kb: Knowledge,
        store: Store,
        today: Callable[[], date],
        on_finish: FinishHook,
        suggest: Suggest,
        wijkdata: WijkData,
        on_answer: AnswerHook,
    ) -> None:
        self.kb = kb
        self.store = store
        self.today = today
        self.on_finish = on_finish
        self.suggest = suggest
        self.wijkdata = wijkdata
        self.on_answer = on_answer

    # -- where the user is -------------------------------------------------------------

    def answers(self, turn: Turn, flow: Flow) -> Answers:
        if flow.in_draft:
            record = turn.conversation.draft.get("record", [])
            return {(item, question): value for item, question, value in record}
        assert turn.member is not None
        return self.store.current_answers(turn.member.gemeente_id, flow.key)

    def current(self, turn: Turn) -> tuple[Slot, Answers] | None:
        conversation = turn.conversation
        flow = self.kb.flows.get(conversation.flow or "")
        if flow is None or turn.member is None:  # every flow is gemeente work
            return None
        answers = self.answers(turn, flow)
        slots = layout(flow, self.kb, answers)
        here = (conversation.item, conversation.question)
        slot = next((s for s in slots if s.key == here), None)
        if slot is None:  # e.g. the wijk it was at was renamed by a colleague
            slot = _first_open(slots, self.kb, answers)
        return (slot, answers) if slot else None

    # -- entering and leaving ----------------------------------------------------------

    def begin(self, turn: Turn, flow: Flow, among: Collection[str] | None = None) -> list[Reply]:
        """Start a flow at its first open question (at the first one when all are done).

        `among` narrows that to the questions of these group items (a task of the
        checklist); when those are all answered, only they are asked again.
        """
        turn.conversation.draft = {}
        turn.conversation.flow = flow.key
        answers = self.answers(turn, flow)
        slots = layout(flow, self.kb, answers)
        if among is not None:
            slots = [s for s in slots if s.key[0] in among]
        first_open = _first_open(slots, self.kb, answers)
        # nothing open (all answered, or only optional questions left): ask the first again
        slot = first_open if first_open is not None else slots[0]
        if not answers:
            intro = flow.intro
        elif first_open is None:
            intro = flow.again or texts.ALL_ANSWERED
            turn.conversation.draft["revisit"] = True if among is None else sorted(among)
        else:
            intro = texts.CONTINUING
        return [Reply(intro, title=self.heading(flow)), self.ask(turn, slot, answers)]

    def stop(self, turn: Turn) -> None:
        conversation = turn.conversation
        conversation.flow, conversation.item, conversation.question = None, "", None
        conversation.draft = {}

    # -- asking ------------------------------------------------------------------------

    def heading(self, flow: Flow, slot: Slot | None = None, answers: Answers | None = None) -> str:
        step = next((s for s in self.kb.steps if s.key == flow.step), None)
        title = f"Stap {step.number} van 4: {step.name}" if step else flow.title
        if slot is None or answers is None:
            return title
        if own := slot.heading():
            return own
        slots = layout(flow, self.kb, answers)
        number = [s.key for s in slots].index(slot.key) + 1
        where = f"Stap {step.number} van 4" if step else flow.title
        if _waits_for_items(flow, answers):  # how many questions follow is not known yet
            return f"{where}, vraag {number}"
        return f"{where}, vraag {number} van {len(slots)}"

    def ask(self, turn: Turn, slot: Slot, answers: Answers) -> Reply:
        conversation = turn.conversation
        if (conversation.item, conversation.question) != slot.key:
            conversation.draft.pop("partial", None)
            conversation.draft.pop("start", None)
        conversation.item, conversation.question = slot.key
        options = choices(slot, self.kb, answers)
        lines = [slot.text()]
        lines += _descriptions(options)
        lines += self._suggestion(turn, slot)
        lines += self._official(turn, slot, answers)
        current = answers.get(slot.key)
        if slot.question.type == "multi_choice" and isinstance(current, list):
            conversation.draft.setdefault("partial", list(current))
        if current is not None and answered(slot, self.kb, answers):
            shown = _shown(current, options)
            lines.append(f"Huidig antwoord: {shown}\n(/overslaan houdt dit antwoord)")
        elif current is not None:  # a ranking whose options changed since
            kept = [v for v in current if str(v) in {str(c.value) for c in options}]
            lines.append(texts.RANKING_REOPENED.format(order=_shown(kept, options) or "-"))
        picked = conversation.draft.get("partial", [])
        if slot.question.type == "ranking" and picked:
            order = ", ".join(f"{n}. {_shown(v, options)}" for n, v in enumerate(picked, 1))
            lines.append(f"Uw volgorde tot nu toe: {order}")
        return Reply(
            "\n\n".join(lines),
            title=self.heading(slot.flow, slot, answers),
            options=self._options(slot, options, picked)
            + self._figure_options(turn, slot, answers),
        )

    def _official(self, turn: Turn, slot: Slot, answers: Answers) -> list[str]:
        """The gemeente's official wijken, or the wijk's CBS figures (when loaded)."""
        member = turn.member
        if slot.question.suggest == "cbs_wijken" and member is not None:
            return self.wijkdata.offer(member.gemeente_code, member.gemeente_name)
        if slot.question.suggest != "cbs_figures" or slot.item is None:
            return []
        start = turn.conversation.draft.get("start")
        if start:
            return [texts.CBS_START.format(start=start)]
        found = self.wijkdata.summary(answers, slot.item.key)
        return ["\n".join(found[1])] if found else []

    def _figure_options(self, turn: Turn, slot: Slot, answers: Answers) -> tuple[Option, ...]:
        if slot.question.suggest != "cbs_figures" or slot.item is None:
            return ()
        prefix = f"{FLOW_PAYLOAD}{slot.token}:"
        if turn.conversation.draft.get("start"):
            return (Option(texts.CBS_KEEP, prefix + KEEP),)
        if self.wijkdata.summary(answers, slot.item.key) is None:
            return ()
        return (Option(texts.CBS_BEGIN, prefix + START),)

    def _options(
        self, slot: Slot, options: list[AnswerChoice], picked: list[Any]
    ) -> tuple[Option, ...]:
        kind = slot.question.type
        prefix = f"{FLOW_PAYLOAD}{slot.token}:"
        if kind == "choice":
            return tuple(Option(c.label, f"{prefix}{i}") for i, c in enumerate(options))
        if kind == "multi_choice":
            marked = [
                Option(("✓ " if c.value in picked else "") + c.label, f"{prefix}{i}")
                for i, c in enumerate(options)
            ]
            return (*marked, Option(texts.DONE_LABEL, prefix + DONE))
        if kind == "ranking":
            return tuple(
                Option(c.label, f"{prefix}{i}")
                for i, c in enumerate(options)
                if c.value not in picked
            )
        return ()

    def _suggestion(self, turn: Turn, slot: Slot) -> list[str]:
        if slot.question.suggest != "energy_themes":
            return []
        suggested = self.suggest(turn)
        return [suggested] if suggested else []

    # -- answering ---------------------------------------------------------------------

    def receive_text(self, turn: Turn, slot: Slot, answers: Answers, text: str) -> list[Reply]:
        extra = self._figure_options(turn, slot, answers)
        picked = next(
            (o for o in extra if text.strip().casefold() in ("1", o.label.casefold())), None
        )
        if picked is not None:  # the one option under a text question, typed
            return self.receive_option(turn, picked.payload)
        options = choices(slot, self.kb, answers)
        value = parse(slot.question, options, text, self.today())
        if isinstance(value, Invalid):
            return [Reply(value.message), self.ask(turn, slot, answers)]
        if slot.question.suggest == "cbs_wijken" and turn.member is not None:
            value, answers = self._official_names(turn, slot, answers, value)
        if start := turn.conversation.draft.pop("start", None):
            value = f"{start}\n{value}"
        return self.store_value(turn, slot, answers, value)

    def _official_names(
        self, turn: Turn, slot: Slot, answers: Answers, typed: list[str]
    ) -> tuple[list[str], Answers]:
        """Typed wijken as the official ones are called, their CBS codes kept beside them."""
        member = turn.member
        assert member is not None
        names, codes = self.wijkdata.read(member.gemeente_code, typed)
        if codes == (answers.get(CODES) or {}):
            return names, answers
        user = turn.event.user_id
        self.store.save_answer(member.gemeente_id, slot.flow.key, CODES, codes, user, turn.author)
        return names, {**answers, CODES: codes}

    def receive_option(self, turn: Turn, payload: str) -> list[Reply]:
        """A button: valid only for the question the user is at now."""
        here = self.current(turn)
        token, _, choice = payload.removeprefix(FLOW_PAYLOAD).partition(":")
        if here is None or here[0].token != token:
            return [Reply(texts.STALE_OPTION)]
        slot, answers = here
        if choice in (START, KEEP):
            found = self._figure_options(turn, slot, answers)
            if not found or not found[0].payload.endswith(f":{choice}"):
                return [Reply(texts.STALE_OPTION)]
            return self._figures_chosen(turn, slot, answers, keep=choice == KEEP)
        options = choices(slot, self.kb, answers)
        if choice == DONE and slot.question.type == "multi_choice":
            return self._finish_multi(turn, slot, answers, options)
        if not choice.isdigit() or int(choice) >= len(options):
            return [Reply(texts.STALE_OPTION)]
        value = options[int(choice)].value
        if slot.question.type == "choice":
            return self.store_value(turn, slot, answers, value)
        return self._toggle(turn, slot, answers, options, value)

    def _figures_chosen(self, turn: Turn, slot: Slot, answers: Answers, keep: bool) -> list[Reply]:
        """Begin the answer with the CBS figures (and add to them), or keep them as it is."""
        draft = turn.conversation.draft
        if keep:
            return self.store_value(turn, slot, answers, draft.pop("start"))
        found = self.wijkdata.summary(answers, slot.key[0])
        assert found is not None
        draft["start"] = found[0]
        return [self.ask(turn, slot, answers)]

    def _toggle(
        self, turn: Turn, slot: Slot, answers: Answers, options: list[AnswerChoice], value: Any
    ) -> list[Reply]:
        draft = turn.conversation.draft
        picked = draft.setdefault("partial", [])
        if value in picked and slot.question.type == "multi_choice":
            picked.remove(value)
        elif value not in picked:
            picked.append(value)
        if slot.question.type == "ranking" and len(picked) >= len(options) - 1:
            rest = [c.value for c in options if c.value not in picked]
            return self.store_value(turn, slot, answers, picked + rest)
        return [self.ask(turn, slot, answers)]

    def _finish_multi(
        self, turn: Turn, slot: Slot, answers: Answers, options: list[AnswerChoice]
    ) -> list[Reply]:
        picked = turn.conversation.draft.get("partial", [])
        question = slot.question
        if not question.min_items <= len(picked) <= question.max_items:
            hint = texts.PICK_SOME.format(low=question.min_items, high=question.max_items)
            return [Reply(hint), self.ask(turn, slot, answers)]
        ordered = [c.value for c in options if c.value in picked]
        return self.store_value(turn, slot, answers, ordered)

    def store_value(self, turn: Turn, slot: Slot, answers: Answers, value: Any) -> list[Reply]:
        flow = slot.flow
        if flow.in_draft:
            record = [r for r in turn.conversation.draft.get("record", []) if r[:2] != slot.key]
            turn.conversation.draft["record"] = [*record, [*slot.key, value]]
        else:
            assert turn.member is not None
            self.store.save_answer(
                turn.member.gemeente_id, flow.key, slot.key, value, turn.event.user_id, turn.author
            )
        before, answers = answers, {**answers, slot.key: value}
        self._make_record(turn, slot, answers)
        shown = self.on_answer(turn, slot, before, answers)
        if slot.question.type == "date":  # what was read from "eind maart", shown back
            shown.insert(0, Reply(texts.NOTED_DATE.format(date=format_answer(value))))
        return [*shown, *self.advance(turn, slot, answers)]

    def advance(self, turn: Turn, slot: Slot, answers: Answers) -> list[Reply]:
        """On to the next question; past ones a colleague answered, unless revisiting
        (the whole flow, or only the items listed in the draft's "revisit").

        At the end, a flow outside the steps goes round to a question still open before
        this one (the checklist begun at task 5); a step finishes and says what is open.
        """
        slots = layout(slot.flow, self.kb, answers)
        keys = [s.key for s in slots]
        ahead = slots[keys.index(slot.key) + 1 :] if slot.key in keys else []
        revisit = turn.conversation.draft.get("revisit")
        if revisit is not True:
            ahead = [
                s for s in ahead if not answered(s, self.kb, answers) or s.key[0] in (revisit or ())
            ]
        if not ahead and slot.flow.step is None:
            ahead = [s for s in slots if _still_needed(s, self.kb, answers) and s.key != slot.key]
        if ahead:
            return [self.ask(turn, ahead[0], answers)]
        return self.finish(turn, slot.flow, answers)

    def back(self, turn: Turn, slot: Slot, answers: Answers) -> list[Reply]:
        slots = layout(slot.flow, self.kb, answers)
        index = [s.key for s in slots].index(slot.key)
        turn.conversation.draft["revisit"] = True
        if index == 0:
            return [Reply(texts.AT_FIRST_QUESTION), self.ask(turn, slot, answers)]
        return [self.ask(turn, slots[index - 1], answers)]

    def finish(self, turn: Turn, flow: Flow, answers: Answers) -> list[Reply]:
        self.stop(turn)
        text = flow.done
        missing = [s for s in layout(flow, self.kb, answers) if _still_needed(s, self.kb, answers)]
        if flow.step and missing:  # not "done" then, but where the step stands
            step = next(s for s in self.kb.steps if s.key == flow.step)
            sentence = texts.STEP_END_OPEN[min(len(missing), 2)]
            text = sentence.format(count=len(missing), number=step.number)
        return [Reply(text, title=self.heading(flow)), *self.on_finish(turn, flow, answers)]

    def _make_record(self, turn: Turn, slot: Slot, answers: Answers) -> None:
        """A finished action (what, who, when) becomes an action in the plan."""
        creates = slot.group.creates if slot.group else slot.flow.creates
        if creates != "action" or turn.member is None:
            return
        item = slot.key[0]
        fields = {name: answers.get((item, name)) for name in ("wat", "wie", "wanneer")}
        if any(value is None for value in fields.values()):
            return
        theme = item if slot.group else answers.get(("", "thema"))
        self.store.save_action(
            turn.member.gemeente_id,
            {
                "theme": theme,
                "title": fields["wat"],
                "owner": fields["wie"],
                "due": fields["wanneer"],
            },
            f"{slot.flow.key}:{item}" if slot.group else None,
            turn.event.user_id,
        )


def _waits_for_items(flow: Flow, answers: Answers) -> bool:
    return any(
        isinstance(part, Group)
        and part.each.startswith("answer:")
        and ("", part.each.removeprefix("answer:")) not in answers
        for part in flow.questions
    )


def _still_needed(slot: Slot, kb: Knowledge, answers: Answers) -> bool:
    return not slot.question.optional and not answered(slot, kb, answers)


def _first_open(slots: list[Slot], kb: Knowledge, answers: Answers) -> Slot | None:
    return next((s for s in slots if _still_needed(s, kb, answers)), None)


def _descriptions(options: list[AnswerChoice]) -> list[str]:
    described = [c for c in options if c.description]
    if not described or len(described) != len(options) or len(options) > 4:
        return []
    return ["\n\n".join(f"{c.label}\n{c.description}" for c in options)]


def _shown(value: Any, options: list[AnswerChoice]) -> str:
    labels = {str(c.value): c.label for c in options}
    if isinstance(value, list):
        return ", ".join(labels.get(str(v), format_answer(v)) for v in value)
    return labels.get(str(value), format_answer(value))
