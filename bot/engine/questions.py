"""Questions the bot cannot answer, handed on to the gemeente, and the answers sent back.

A volunteer picks their gemeente once (fuzzy matched); members ask their own gemeente and a
group linked to a gemeente asks that one. Coordinators answer from `/open_vragen`; the
answer goes to the chat where the question was asked, and can be kept as local knowledge.
"""

from __future__ import annotations

from ..records import UserQuestion
from ..store import Store
from ..vocabulary import ChatType, Option, Reply, Turn
from . import texts
from .coordinators import only_coordinators
from .gemeenten import GemeenteFinder, offer_gemeenten
from .states import Waiting

HAND_ON_PAYLOAD = "vg:"  # vg:<unanswered id>: pass a declined question on
PICK_PAYLOAD = "vk:"  # vk:<gemeente code>: the gemeente a volunteer asks
ANSWER_PAYLOAD = "va:"  # va:<question id>: a coordinator answers it
KEEP_PAYLOAD = "vb:"  # vb:<question id>[:nee]: keep the answer as local knowledge, or not
QUESTION_CHARS = 200  # of a question quoted in a list


class QuestionDesk:
    def __init__(self, store: Store, finder: GemeenteFinder) -> None:
        self.store = store
        self.finder = finder

    def gemeente_of(self, turn: Turn) -> int | None:
        """Whose users this is: a member's gemeente, a linked group's, or the one picked."""
        if turn.member is not None:
            return turn.member.gemeente_id
        if turn.event.chat_type is ChatType.GROUP:
            linked = self.store.group_gemeente(turn.event.chat_id)
            if linked is not None:
                return linked
        return self.store.chosen_gemeente(turn.event.user_id)

    @staticmethod
    def offer(unanswered_id: int) -> Option:
        return Option(texts.ASK_GEMEENTE_LABEL, f"{HAND_ON_PAYLOAD}{unanswered_id}")

    # -- the person asking ------------------------------------------------------------------

    def hand_on(self, turn: Turn, payload: str) -> list[Reply]:
        raw = payload.removeprefix(HAND_ON_PAYLOAD)
        if not raw.isdigit() or self.store.unanswered_question(int(raw)) is None:
            return [Reply(texts.STALE_OPTION)]
        if self.store.is_handed_on(int(raw)):
            return [Reply(texts.ALREADY_PASSED_ON)]
        gemeente_id = self.gemeente_of(turn)
        if gemeente_id is None:
            turn.conversation.draft = {"await": Waiting.QUESTION_GEMEENTE, "question": int(raw)}
            return [Reply(texts.WHICH_GEMEENTE_FOR_QUESTION)]
        return self._pass_on(turn, int(raw), gemeente_id)

    def receive_gemeente(self, turn: Turn, text: str) -> list[Reply]:
        if (exact := self.finder.exact(text)) is not None:
            return self.pick_gemeente(turn, PICK_PAYLOAD + exact.code)
        return [offer_gemeenten(self.finder, text, PICK_PAYLOAD)]

    def pick_gemeente(self, turn: Turn, payload: str) -> list[Reply]:
        gemeente = self.finder.by_code.get(payload.removeprefix(PICK_PAYLOAD))
        draft = turn.conversation.draft
        if gemeente is None or draft.get("await") != Waiting.QUESTION_GEMEENTE:
            return [Reply(texts.STALE_OPTION)]
        gemeente_id = self.store.ensure_gemeente(gemeente.code, gemeente.name)
        self.store.choose_gemeente(turn.event.user_id, gemeente_id)
        turn.conversation.draft = {}
        if self.store.is_handed_on(draft["question"]):
            return [Reply(texts.ALREADY_PASSED_ON)]
        return self._pass_on(turn, draft["question"], gemeente_id)

    def _pass_on(self, turn: Turn, unanswered_id: int, gemeente_id: int) -> list[Reply]:
        event = turn.event
        asker = {
            "chat_id": event.chat_id,
            "chat_type": event.chat_type.value,
            "user_id": event.user_id,
            "user_name": turn.author,
        }
        self.store.hand_on(unanswered_id, gemeente_id, asker)
        gemeente = self.store.gemeente_name(gemeente_id)
        text = texts.QUESTION_PASSED_ON.format(gemeente=gemeente)
        if not self.store.members_of(gemeente_id):
            text += "\n\n" + texts.GEMEENTE_NOT_ON_WIJKBOT.format(gemeente=gemeente)
        return [Reply(text)]

    # -- the coordinator answering ------------------------------------------------------------

    def open_questions(self, turn: Turn, rest: str = "") -> list[Reply]:
        member = turn.member
        assert member is not None
        if not member.is_coordinator:
            return [Reply(only_coordinators(self.store, member))]
        waiting = self.store.open_questions(member.gemeente_id)
        if not waiting:
            return [Reply(texts.NO_OPEN_QUESTIONS.format(gemeente=member.gemeente_name))]
        lines = [texts.OPEN_QUESTIONS_HEADER.format(gemeente=member.gemeente_name)]
        lines += [
            f"{n}. «{_short(q.text)}» ({q.user_name or 'onbekend'})"
            for n, q in enumerate(waiting, 1)
        ]
        options = tuple(
            Option(texts.ANSWER_LABEL.format(number=n), f"{ANSWER_PAYLOAD}{q.id}")
            for n, q in enumerate(waiting, 1)
        )
        return [Reply("\n".join(lines), options=options)]

    def start_answer(self, turn: Turn, payload: str) -> list[Reply]:
        question = self._own_question(turn, payload.removeprefix(ANSWER_PAYLOAD))
        if question is None:
            return [Reply(texts.STALE_OPTION)]
        if question.status != "open":
            return [Reply(texts.ALREADY_ANSWERED)]
        turn.conversation.draft = {"await": Waiting.QUESTION_ANSWER, "question": question.id}
        name = question.user_name or "onbekend"
        return [Reply(texts.TYPE_YOUR_ANSWER.format(name=name, question=question.text))]

    def receive_answer(self, turn: Turn, text: str) -> list[Reply]:
        member = turn.member
        question = self.store.question(turn.conversation.draft["question"])
        turn.conversation.draft = {}
        if member is None or question is None or question.gemeente_id != member.gemeente_id:
            return [Reply(texts.STALE_OPTION)]
        if not self.store.answer_question(question.id, text, member.user_id):
            return [Reply(texts.ALREADY_ANSWERED)]
        keep = (
            Option(texts.KEEP_LABEL, f"{KEEP_PAYLOAD}{question.id}", means=True),
            Option(texts.DONT_KEEP_LABEL, f"{KEEP_PAYLOAD}{question.id}:nee", means=False),
        )
        name = question.user_name or "onbekend"
        return [
            _for_asker(question, member.gemeente_name, text),
            Reply(texts.ANSWER_DELIVERED.format(name=name)),
            Reply(texts.KEEP_QUESTION.format(gemeente=member.gemeente_name), options=keep),
        ]

    def keep(self, turn: Turn, payload: str) -> list[Reply]:
        raw, _, choice = payload.removeprefix(KEEP_PAYLOAD).partition(":")
        question = self._own_question(turn, raw)
        if question is None or question.status != "answered" or self.store.is_kept(question.id):
            return [Reply(texts.STALE_OPTION)]
        if choice == "nee":
            return [Reply(texts.NOT_KEPT)]
        assert turn.member is not None
        self.store.keep_local(question, turn.member.user_id)
        return [Reply(texts.KEPT.format(gemeente=turn.member.gemeente_name))]

    def _own_question(self, turn: Turn, raw: str) -> UserQuestion | None:
        """A question of the coordinator's own gemeente, or None."""
        member = turn.member
        if member is None or not member.is_coordinator or not raw.isdigit():
            return None
        question = self.store.question(int(raw))
        if question is None or question.gemeente_id != member.gemeente_id:
            return None
        return question


def _for_asker(question: UserQuestion, gemeente: str, answer: str) -> Reply:
    """The answer, delivered in the chat where the question was asked."""
    if question.chat_type == ChatType.PRIVATE.value:
        text = texts.ANSWER_FOR_ASKER_PRIVATE.format(
            gemeente=gemeente, question=question.text, answer=answer
        )
    else:
        text = texts.ANSWER_FOR_ASKER_GROUP.format(
            gemeente=gemeente, name=question.user_name, question=question.text, answer=answer
        )
    return Reply(text, chat_id=question.chat_id)


def _short(text: str) -> str:
    return text if len(text) <= QUESTION_CHARS else text[: QUESTION_CHARS - 1] + "…"
