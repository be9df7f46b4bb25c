"""What the store hands out and the engine works with: plain, typed records (bot/store keeps
them in SQLite; no sqlite row leaves that package)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
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


class ClaimStatus(StrEnum):
    """Where a request to become a gemeente's first coordinator stands."""

    PENDING = "aangevraagd"  # an operator has yet to decide
    APPROVED = "goedgekeurd"
    REJECTED = "afgewezen"


@dataclass(frozen=True)
class Claim:
    """Someone asks to become the first coordinator of a gemeente (approval mode)."""

    id: int
    code: str
    gemeente: str
    user_id: str
    user_name: str
    status: ClaimStatus
    requested_at: str
    decided_at: str | None = None
    decided_by: str | None = None
    told_at: str | None = None


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
    # the options the user saw last: {"options": [[label, payload, means]], "soft", "prompt",
    # "asked_again"}; a typed reply may pick one of them, in this process or the next
    menu: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Checkin:
    """A check-in in a group; `options` are (key, label), `results` are set when it closes."""

    id: int | None
    chat_id: str
    chat_title: str
    template: str
    kind: str
    question: str
    options: list[tuple[str, str]]
    opened_by: str
    opened_at: str
    closes_at: str | None = None
    remind_at: str | None = None
    reminded_at: str | None = None
    closed_at: str | None = None
    schedule_id: int | None = None
    results: dict[str, Any] | None = None
    thread_id: str | None = None  # the topic of the group it runs in (None: the group itself)


@dataclass(frozen=True)
class Schedule:
    """A recurring check-in: every `weekday` (0 Monday; None every day) at `time`, Dutch time."""

    id: int | None
    chat_id: str
    template: str
    weekday: int | None
    time: str
    open_hours: int
    created_by: str
    created_at: str
    next_at: str
    status: str = "active"
    ended_at: str | None = None
    thread_id: str | None = None  # the topic its check-ins open in (None: the group itself)


@dataclass(frozen=True)
class UserQuestion:
    """A question the bot could not answer, handed on to a gemeente."""

    id: int
    gemeente_id: int
    chat_id: str
    chat_type: str
    user_id: str
    user_name: str
    text: str
    asked_at: str
    status: Literal["open", "answered"]
    answer: str | None = None


@dataclass(frozen=True)
class LocalEntry:
    """An answer a gemeente keeps as knowledge of its own."""

    id: int
    gemeente_id: int
    question: str
    answer: str
    created_at: str
