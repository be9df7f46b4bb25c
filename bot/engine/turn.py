"""What the engine knows while it handles one event."""

from __future__ import annotations

from dataclasses import dataclass

from ..store.records import Conversation, Member
from .events import Event


@dataclass
class Turn:
    event: Event
    conversation: Conversation
    member: Member | None  # None: the user belongs to no gemeente (yet)
    forgotten: bool = False  # the user asked to be forgotten: store nothing more about them

    @property
    def author(self) -> str:
        return self.member.name if self.member else self.event.user_name
