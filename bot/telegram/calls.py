"""What the adapter asks of the engine: each function runs in the engine process (see
bot/engine_process.py) with that process's `Services`, through the engine's door for a durable inbox
and outbox (bot/engine/mailroom.py); arguments and results are plain data. The calls of
every update (`together`) share their commit with the calls queued beside them; drawings
(`aside`) are made beside the others."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..engine_process import aside, together
from ..vocabulary import ChatType, Drawing, Event, Mail, PressResult, Reply, TurnResult

if TYPE_CHECKING:  # the engine's own process has them; the adapter's need not import them
    from ..engine.commands import Menu
    from ..services import AsideServices, Services


def begin(services: Services) -> tuple[list[str], dict[Menu, list[tuple[str, str]]]]:
    return services.mailroom.begin()


@together
def receive(services: Services, updates: list[tuple[int, dict[str, Any]]]) -> None:
    services.mailroom.receive(updates)


def unhandled(services: Services) -> tuple[list[dict[str, Any]], list[Mail]]:
    return services.mailroom.unhandled()


@together
def handled(services: Services, update_id: int) -> None:
    services.mailroom.handled(update_id)


@together
def turn(
    services: Services, event: Event, update_id: int, reply_to: int | None = None
) -> TurnResult:
    return services.mailroom.turn(event, update_id, reply_to)


@together
def press(services: Services, token: str, event: Event, update_id: int) -> PressResult:
    return services.mailroom.press(token, event, update_id)


def due(services: Services, now: str) -> tuple[list[Mail], str | None]:
    """What is due at `now`, posted, and when the next thing is. First the daily backup, if
    due: a copy of what is committed, outside the turn's transaction."""
    moment = datetime.fromisoformat(now)
    services.back_up(moment)
    return services.mailroom.due(moment)


def contact(services: Services) -> None:
    services.mailroom.contact()


@together
def delivered(services: Services, mail_ids: list[int]) -> None:
    services.mailroom.delivered(mail_ids)


def dropped(services: Services, mail_id: int, reason: str) -> None:
    services.mailroom.dropped(mail_id, reason)


@aside
def draw(services: AsideServices, recipe: dict[str, Any]) -> str:
    """A mail's file that is still to be made (its `drawing`), made beside the turns, so
    that none waits for it (bot/drawing_process.py)."""
    return str(services.drawing.make(Drawing.from_json(recipe), services.store))


def best_answers(services: Services, question: str) -> list[Reply]:
    return services.engine.best_answers(question)


def note_chat(services: Services, chat_id: str, chat_type: str, title: str) -> None:
    services.mailroom.note_chat(chat_id, chat_type, title)


def leave_chat(services: Services, chat_id: str, chat_type: ChatType) -> None:
    services.mailroom.leave_chat(chat_id, chat_type)


def move_chat(services: Services, old_id: str, new_id: str) -> None:
    services.mailroom.move_chat(old_id, new_id)
