"""What the web part asks of the engine: each function runs in the engine process (see
bot/engine_process.py) with that process's `Services`; arguments and results are plain
data. A save and the chat's confirmation are one transaction, like a bot's turn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..vocabulary import Mail, Page, PageRefusal

if TYPE_CHECKING:  # the engine's own process has them
    from ..services import Services


def page(services: Services, user_id: str, code: str, page: Page) -> dict[str, Any] | PageRefusal:
    return services.engine.page(user_id, code, page)


def save_startpositie(
    services: Services, user_id: str, user_name: str, code: str, phases: object
) -> list[Mail] | PageRefusal:
    return services.mailroom.save_startpositie(user_id, user_name, code, phases)
