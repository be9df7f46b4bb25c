"""Members answering a check-in: a press of one of its buttons, or a reply to the bot while an
open round runs. Every answer is appended; the latest of each member counts. How a press or a
reply is read depends on the kind (kinds/)."""

from __future__ import annotations

from ..store import Store
from ..vocabulary import ChatType, Reply, Turn
from . import texts
from .kinds import kind_of
from .parse import Refusal


def press(store: Store, turn: Turn, checkin_id: int, item: str, value: str) -> Reply:
    """The button `value` of `item` (a theme, a point, or '' for the one question)."""
    checkin = store.checkin(checkin_id)
    if checkin is None or checkin.closed_at:
        return Reply(texts.CLOSED_ALREADY, notice=True)
    if checkin.chat_id != turn.event.chat_id:  # forged: its buttons are in its own group
        return Reply(texts.NOT_A_POINT, notice=True)
    user = turn.event.user_id
    earlier = store.checkin_answers(checkin_id).get((item, user), ("", None))[1]
    read = kind_of(checkin.kind).read_press(dict(checkin.options), item, value, earlier)
    if isinstance(read, Refusal):
        return Reply(read.text, notice=True)
    store.add_checkin_answer(checkin_id, item, user, turn.author, read.value)
    return Reply(read.text, notice=True)


def reply(store: Store, turn: Turn, text: str) -> list[Reply] | None:
    """A reply to the bot in a group while a check-in answered by replies runs: that member's
    answer. None: not an answer (the engine handles the message as any other)."""
    event = turn.event
    if event.chat_type is not ChatType.GROUP or not event.replies_to_bot:
        return None
    checkin = store.open_checkin_in(event.chat_id)
    if checkin is None:
        return None
    read = kind_of(checkin.kind).read_reply(text)
    if read is None:
        return None
    store.add_checkin_answer(checkin.id or 0, "", event.user_id, turn.author, read.value)
    return [Reply(read.text, notice=True)]
