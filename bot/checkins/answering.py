"""Members answering a check-in: a press of one of its buttons, or a reply to the bot while an
open round runs. Every answer is appended; the latest of each member counts. How a press or a
reply is read depends on the kind (kinds/)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from ..store import Store
from ..vocabulary import ChatType, Reply, Turn
from . import texts
from .kinds import Kind, kind_of
from .parse import Refusal

# A second press of the same button this soon after the first is the same press (a double
# tap, or a press repeated while the first was on its way); the answer stays as it was.
DOUBLE_TAP = timedelta(seconds=2)


def press(store: Store, turn: Turn, checkin_id: int, item: str, value: str) -> Reply:
    """The button `value` of `item` (a theme, a point, or '' for the one question)."""
    checkin = store.checkin(checkin_id)
    if checkin is None or checkin.closed_at:
        return Reply(texts.CLOSED_ALREADY, notice=True)
    if checkin.chat_id != turn.event.chat_id:  # forged: its buttons are in its own group
        return Reply(texts.NOT_A_POINT, notice=True)
    user = turn.event.user_id
    kind, labels = kind_of(checkin.kind), dict(checkin.options)
    latest = store.checkin_answers_of(checkin_id, item, user)
    again = _again(kind, labels, item, value, latest, store.clock())
    if again is not None:
        return Reply(again, notice=True)
    read = kind.read_press(labels, item, value, latest[0][0] if latest else None)
    if isinstance(read, Refusal):
        return Reply(read.text, notice=True)
    store.add_checkin_answer(checkin_id, item, user, turn.author, read.value)
    return Reply(read.text, notice=True)


def _again(
    kind: Kind,
    labels: dict[str, str],
    item: str,
    value: str,
    latest: list[tuple[Any, str]],
    now: datetime,
) -> str | None:
    """The notice of the member's last press when this one repeats it within DOUBLE_TAP:
    read against the answer before it, it gives the answer it gave then. None: a new press."""
    if not latest or now - datetime.fromisoformat(latest[0][1]) > DOUBLE_TAP:
        return None
    before = latest[1][0] if len(latest) > 1 else None
    same = kind.read_press(labels, item, value, before)
    if isinstance(same, Refusal) or same.value != latest[0][0]:
        return None
    return same.text


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
