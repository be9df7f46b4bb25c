"""What the adapter asks of the engine: each function runs in the engine process (see
`worker`) with that process's `Services`; arguments and results are plain data."""

from __future__ import annotations

from ..engine import Event, Reply
from ..services import Services
from ..store.buttons import KEEP_BUTTONS, Button
from .sender import Keyboard


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
        keyboards = []
        for reply in replies:
            options = [(o.label, o.payload) for o in reply.options]
            tokens = store.issue_buttons(event.chat_id, event.user_id, options)
            keyboards.append([(o.label, t) for o, t in zip(reply.options, tokens, strict=True)])
    return replies, keyboards


def button(services: Services, token: str) -> Button | None:
    return services.store.button(token)


def best_answers(services: Services, question: str) -> list[Reply]:
    return services.engine.best_answers(question)


def note_chat(services: Services, chat_id: str, chat_type: str, title: str) -> None:
    services.store.note_chat(chat_id, chat_type, title)


def leave_chat(services: Services, chat_id: str, status: str) -> None:
    services.store.leave_chat(chat_id, status)


def move_chat(services: Services, old_id: str, new_id: str) -> None:
    services.store.move_chat(old_id, new_id)
