"""What adapters hand the engine (Event) and what they render from it (Reply)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class ChatType(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True)
class Event:
    chat_id: str
    user_id: str
    chat_type: ChatType = ChatType.PRIVATE
    text: str | None = None  # a typed message or /command
    payload: str | None = None  # the data of a chosen option
    user_name: str = ""


@dataclass(frozen=True)
class Option:
    label: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    title: str | None = None  # shown emphasised above the text where the transport can
    options: tuple[Option, ...] = field(default_factory=tuple)
    image: Path | None = None
    document: Path | None = None
