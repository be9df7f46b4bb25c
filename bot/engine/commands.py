"""The engine's commands in one table: what each does, and in which menu it is offered.

Adapters show the menus (Telegram: per scope at start-up) and send every command typed to
the engine; the table is the only list of commands there is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..vocabulary import Reply, Turn

Handler = Callable[["Turn", str], "list[Reply]"]


class Menu(StrEnum):
    """Where a command is offered: private chats, groups, or a group's administrators
    (who see the group's commands too)."""

    PRIVATE = "private"
    GROUP = "group"
    GROUP_ADMIN = "group_admin"


@dataclass(frozen=True)
class Command:
    handler: Handler
    description: str = ""  # in the menu, in Dutch; no description: not in any menu
    menus: tuple[Menu, ...] = ()


def menus(commands: dict[str, Command]) -> dict[Menu, list[tuple[str, str]]]:
    """Per menu its (command without slash, description), in the table's order."""
    found: dict[Menu, list[tuple[str, str]]] = {menu: [] for menu in Menu}
    for name, command in commands.items():
        shown = set(command.menus)
        if Menu.GROUP in shown:
            shown.add(Menu.GROUP_ADMIN)
        for menu in Menu:
            if menu in shown:
                found[menu].append((name.removeprefix("/"), command.description))
    return found
