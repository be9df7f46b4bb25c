"""What the adapter asks of the engine: each function runs in the engine process (see
`worker`) with that process's `Services`; arguments and results are plain data."""

from __future__ import annotations

from datetime import datetime

from ..engine import Event, Reply
from ..services import Services
from ..store import Store
from ..store.buttons import KEEP_BUTTONS, Button
from ..store.chats import LEFT
from .render import Keyboard

Delivery = tuple[str, list[Reply], list[Keyboard]]  # a chat, what it gets, its buttons


def begin(services: Services) -> list[str]:
    """At start-up: forget buttons nobody pressed for long; the commands the engine knows."""
    cutoff = services.store.clock() - KEEP_BUTTONS
    services.store.forget_buttons(cutoff.isoformat(timespec="seconds"))
    return services.engine.command_names


def turn(services: Services, event: Event) -> tuple[list[Reply], list[Keyboard]]:
    """The engine's replies and a token for every option, in one transaction."""
    store = services.store
    with store.transaction():
        replies = services.engine.handle(event)
        keyboards = [
            _keyboard(store, r.chat_id or event.chat_id, event.user_id, r) for r in replies
        ]
    return replies, keyboards


def due(services: Services, now: str) -> tuple[list[Delivery], str | None]:
    """What is due at `now` (check-in deadlines, reminders, schedules), and the next moment."""
    store = services.store
    with store.transaction():
        found, next_due = services.engine.checkins.due(datetime.fromisoformat(now))
        deliveries = [
            (chat, replies, [_keyboard(store, chat, "", r) for r in replies])
            for chat, replies in found
        ]
    return deliveries, next_due


def _keyboard(store: Store, chat_id: str, user_id: str, reply: Reply) -> Keyboard:
    """A token for each choice, for this user only or for anyone in the chat; links as such."""
    choices = [(o.label, o.payload) for o in reply.options if not o.url]
    who = "" if reply.for_everyone else user_id
    tokens = iter(store.issue_buttons(chat_id, who, choices))
    return [
        (o.label, None, o.url) if o.url else (o.label, next(tokens), None) for o in reply.options
    ]


def button(services: Services, token: str) -> Button | None:
    return services.store.button(token)


def best_answers(services: Services, question: str) -> list[Reply]:
    return services.engine.best_answers(question)


def note_chat(services: Services, chat_id: str, chat_type: str, title: str) -> None:
    services.store.note_chat(chat_id, chat_type, title)


def leave_chat(services: Services, chat_id: str, status: str) -> None:
    with services.store.transaction():
        if status == LEFT:
            services.engine.checkins.chat_left(chat_id)
        services.store.leave_chat(chat_id, status)


def move_chat(services: Services, old_id: str, new_id: str) -> None:
    services.store.move_chat(old_id, new_id)
