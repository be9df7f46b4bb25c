"""The conversation engine: transport-neutral, never imports telegram."""

from .engine import Engine
from .events import ChatType, Event, Option, Reply

__all__ = ["ChatType", "Engine", "Event", "Option", "Reply"]
