"""What the adapter asks of the engine: each function runs in the engine process (see
`worker`) with that process's `Services`; arguments and results are plain data.

A turn and its mail are one transaction: the update is marked handled, the engine's
effects are stored and the messages it sends are posted in the outbox together, so a stop
at any moment leaves either all of it or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from ..engine.commands import Menu
from ..engine.texts import STALE_OPTION
from ..store.buttons import KEEP_BUTTONS, Button
from ..store.chats import LEFT
from ..store.mailbox import Mail
from ..vocabulary import Event, Reply
from .render import Keyboard
from .texts import SOMEONE_ELSES_BUTTON, UNKNOWN_BUTTON

if TYPE_CHECKING:  # the engine's own process has them; the adapter's need not import them
    from ..services import Services
    from ..store import Store

KEEP_MAIL = timedelta(days=7)  # traces of handled updates and settled mail


@dataclass(frozen=True)
class TurnResult:
    notices: list[str]  # for the user who acted only: a toast or a 👍
    mail: list[Mail]  # what the turn sends, posted in the outbox


@dataclass(frozen=True)
class PressResult:
    refusal: str | None  # why the press does not count (a toast); None when it does
    label: str = ""  # the pressed choice, to show under its question
    for_anyone: bool = False  # a button anyone in the chat may press (a check-in)
    taken: bool = False  # the engine took the choice (not a stale one)
    done: TurnResult = field(default_factory=lambda: TurnResult([], []))


def begin(services: Services) -> tuple[list[str], dict[Menu, list[tuple[str, str]]]]:
    """At start-up: forget buttons nobody pressed for long and old traces of mail; the
    commands the engine knows, and the menus it offers them in."""
    now = services.store.clock()
    services.store.forget_buttons((now - KEEP_BUTTONS).isoformat(timespec="seconds"))
    services.store.forget_mail((now - KEEP_MAIL).isoformat(timespec="seconds"))
    return services.engine.command_names, services.engine.menus


def receive(services: Services, updates: list[tuple[int, dict[str, Any]]]) -> None:
    services.store.receive(updates)


def unhandled(services: Services) -> tuple[list[dict[str, Any]], list[Mail]]:
    """After a restart: the updates still to handle, and the mail still to deliver."""
    return services.store.unhandled(), services.store.pending_mail()


def handled(services: Services, update_id: int) -> None:
    services.store.mark_handled(update_id)


def turn(
    services: Services, event: Event, update_id: int, reply_to: int | None = None
) -> TurnResult:
    """The engine's turn for one update, exactly once: an update handled before gets no
    new turn, only its mail that is still undelivered."""
    store = services.store
    with store.transaction():
        if store.handled(update_id):
            return TurnResult([], store.pending_mail(update_id))
        replies = services.engine.handle(event)
        letters = []
        for reply in (r for r in replies if not r.notice):
            chat = reply.chat_id or event.chat_id
            here = chat == event.chat_id  # else another chat, not its topic
            thread = event.thread_id if here else None
            quoting = reply_to if here else None
            owner = event.user_id if here else _owner(chat)
            letters.append((chat, letter(store, chat, owner, reply, quoting, thread)))
            reply_to = None if here else reply_to
        mail = store.post(update_id, letters)
        store.mark_handled(update_id)
    return TurnResult([r.text for r in replies if r.notice], mail)


def _owner(chat_id: str) -> str:
    """Whose the buttons are in a message to another chat than the turn's: a private chat's
    (its id is its user's: an operator asked to decide, a registrant told the outcome);
    anyone's in a group (ids below zero)."""
    return "" if chat_id.startswith("-") else chat_id


def press(services: Services, token: str, event: Event, update_id: int) -> PressResult:
    """A pressed button, in one call: checked (known, this chat's, this user's or anyone's),
    its turn taken, and a user's own button spent, so a double press acts once."""
    store = services.store
    with store.transaction():
        button = store.button(token)
        refusal = _refusal(button, event)
        if refusal or button is None:
            store.mark_handled(update_id)
            return PressResult(refusal or UNKNOWN_BUTTON)
        done = turn(services, replace(event, payload=button.payload), update_id)
        taken = not any(m.body["text"] == STALE_OPTION for m in done.mail)
        if button.user_id and taken:
            store.spend_button(token)
    return PressResult(None, button.label, not button.user_id, taken, done)


def _refusal(button: Button | None, event: Event) -> str | None:
    if button is None or button.chat_id != event.chat_id:
        return UNKNOWN_BUTTON
    if button.user_id and button.user_id != event.user_id:  # empty: anyone in the chat
        return SOMEONE_ELSES_BUTTON
    return None


def due(services: Services, now: str) -> tuple[list[Mail], str | None]:
    """What is due at `now` (check-in deadlines, reminders, schedules), posted; and the
    next moment something is due. First the daily backup, if due: a copy of what is
    committed, outside the transaction."""
    moment = datetime.fromisoformat(now)
    services.back_up(moment)
    store = services.store
    with store.transaction():
        found, next_due = services.engine.due(moment)
        letters = [
            (d.chat_id, letter(store, d.chat_id, "", r, thread=d.thread_id))
            for d in found
            for r in d.replies
        ]
        mail = store.post(None, letters)
    return mail, next_due


def letter(
    store: Store,
    chat_id: str,
    user_id: str,
    reply: Reply,
    reply_to: int | None = None,
    thread: str | None = None,
) -> dict[str, Any]:
    """A reply as the outbox keeps it: its text, media and buttons (a token for each
    choice, for this user only or for anyone in the chat; links as such), and the topic
    of the chat it goes to."""
    return {
        "text": reply.text,
        "title": reply.title,
        "image": str(reply.image) if reply.image else None,
        "document": str(reply.document) if reply.document else None,
        "keyboard": [list(b) for b in _keyboard(store, chat_id, user_id, reply)],
        "reply_to": reply_to,
        "thread": thread,
    }


def _keyboard(store: Store, chat_id: str, user_id: str, reply: Reply) -> Keyboard:
    choices = [(o.label, o.payload) for o in reply.options if not o.url]
    who = "" if reply.for_everyone else user_id
    tokens = iter(store.issue_buttons(chat_id, who, choices))
    return [
        (o.label, None, o.url) if o.url else (o.label, next(tokens), None) for o in reply.options
    ]


def contact(services: Services) -> None:
    services.store.note_contact()


def delivered(services: Services, mail_id: int) -> None:
    services.store.delivered(mail_id)


def dropped(services: Services, mail_id: int, reason: str) -> None:
    services.store.dropped(mail_id, reason)


def best_answers(services: Services, question: str) -> list[Reply]:
    return services.engine.best_answers(question)


def note_chat(services: Services, chat_id: str, chat_type: str, title: str) -> None:
    services.store.note_chat(chat_id, chat_type, title)


def leave_chat(services: Services, chat_id: str, status: str) -> None:
    with services.store.transaction():
        if status == LEFT:
            services.engine.chat_left(chat_id)
        services.store.leave_chat(chat_id, status)


def move_chat(services: Services, old_id: str, new_id: str) -> None:
    services.store.move_chat(old_id, new_id)
