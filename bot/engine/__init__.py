"""The conversation engine: transport-neutral, never imports telegram."""

from typing import TYPE_CHECKING, Any

from .events import ChatType, Event, Option, Reply

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["ChatType", "Engine", "Event", "Option", "Reply"]


def __getattr__(name: str) -> Any:
    """`Engine` on first use (PEP 562): bot.checkins, which the engine uses, can import this
    package's events without importing the engine itself."""
    if name == "Engine":
        from .engine import Engine

        return Engine
    raise AttributeError(name)
