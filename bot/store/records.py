"""What the store hands out: plain, typed records (no sqlite rows outside this package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True)
class Member:
    gemeente_id: int
    gemeente_code: str
    gemeente_name: str
    user_id: str
    name: str
    role: str  # coordinator or member

    @property
    def display_name(self) -> str:
        return self.name or "naamloze gebruiker"

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"


@dataclass(frozen=True)
class Action:
    id: int
    gemeente_id: int
    theme: str
    title: str
    owner: str
    due: str | None
    status: Literal["open", "klaar"]
    origin: str | None


@dataclass
class Conversation:
    """Where one user is in one chat: the flow, the current question, and a draft."""

    chat_id: str
    user_id: str
    flow: str | None = None
    item: str = ""
    question: str | None = None
    draft: dict[str, Any] = field(default_factory=dict)
