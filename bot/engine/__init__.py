"""The conversation engine: transport-neutral, never imports telegram."""

from typing import TYPE_CHECKING, Any

from ..vocabulary import ChatType, Event, Option, Reply

if TYPE_CHECKING:
    from .engine import Engine

__all__ = ["ChatType", "Engine", "Event", "Option", "Reply"]


def __getattr__(name: str) -> Any:
    """`Engine` on first use (PEP 562): an adapter's process that needs the command table or
    the texts does not import the engine itself (the vocabulary is bot.vocabulary)."""
    if name == "Engine":
        from .engine import Engine

        return Engine
    raise AttributeError(name)
