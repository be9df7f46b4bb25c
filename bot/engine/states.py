"""What a conversation can wait for, declared once.

Each state says how a typed reply is read, whether a reply that reads as a question is
answered first (and the state's question asked again), and what is asked again, also
after a restart ("Welkom terug"). The engine binds each state to the part that receives
the reply; the state itself is kept with the conversation, so it survives any restart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..records import Conversation
from . import texts
from .reading import AnswerType


class Waiting(StrEnum):
    GEMEENTE = "gemeente"  # a new user: the name of their gemeente (or a question)
    INVITE = "invite"  # the gemeente works with Wijkbot: an invitation code
    QUESTION_GEMEENTE = "question_gemeente"  # whom a volunteer's question goes to
    QUESTION_ANSWER = "question_answer"  # a coordinator's answer to a handed-on question
    ACTION_EDIT = "action"  # a new what, who or date for an action
    FLOW = "flow"  # the current question of a step, the checklist or a new action
    MENU = "menu"  # the options shown last (a proposal, a menu)


@dataclass(frozen=True)
class State:
    reads: AnswerType | None  # None: the flow's question decides
    questions_first: bool  # a reply that reads as a question is answered, then asked again
    again: str | None  # what is asked again; None: the question or menu itself


STATES: dict[Waiting, State] = {
    Waiting.GEMEENTE: State(AnswerType.NAME, True, texts.ASK_GEMEENTE_AGAIN),
    Waiting.INVITE: State(AnswerType.CODE, True, texts.ASK_INVITE_AGAIN),
    Waiting.QUESTION_GEMEENTE: State(AnswerType.NAME, True, texts.WHICH_GEMEENTE_FOR_QUESTION),
    Waiting.QUESTION_ANSWER: State(AnswerType.TEXT, False, texts.TYPE_ANSWER_AGAIN),
    Waiting.ACTION_EDIT: State(None, False, texts.EDIT_AGAIN),
    Waiting.FLOW: State(None, True, None),
    Waiting.MENU: State(AnswerType.CHOICE, True, None),
}


def waiting(conversation: Conversation) -> Waiting | None:
    """What the conversation waits for now: an explicit wait first, then the flow's
    question, then the options shown last."""
    explicit = conversation.draft.get("await")
    if explicit:
        return Waiting(explicit)
    if conversation.flow:
        return Waiting.FLOW
    menu = conversation.menu
    return Waiting.MENU if menu.get("options") and not menu.get("soft") else None
