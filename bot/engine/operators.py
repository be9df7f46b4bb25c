"""Who operates this Wijkbot, and how a gemeente's first coordinator is decided.

Light on purpose: the Telegram adapter reads these settings too (WIJKBOT_OPERATORS,
WIJKBOT_REGISTRATION) and hands them to the engine's process.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Registration(StrEnum):
    """What happens when someone registers as the first of a gemeente."""

    APPROVAL = "approval"  # their claim waits until an operator approves it
    OPEN = "open"  # they become its coordinator at once


@dataclass(frozen=True)
class Operators:
    """The operators' Telegram user ids, and the registration mode."""

    registration: Registration = Registration.OPEN
    ids: frozenset[str] = frozenset()

    @classmethod
    def from_env(cls, env: Mapping[str, str], default: Registration) -> Operators:
        """From WIJKBOT_REGISTRATION (else `default`) and WIJKBOT_OPERATORS (comma-separated
        user ids); ValueError names what is wrong."""
        mode = env.get("WIJKBOT_REGISTRATION", "").strip().lower() or default.value
        if mode not in set(Registration):
            choices = "|".join(Registration)
            raise ValueError(f"WIJKBOT_REGISTRATION must be {choices}, not {mode!r}")
        ids = frozenset(i.strip() for i in env.get("WIJKBOT_OPERATORS", "").split(",") if i.strip())
        return cls(Registration(mode), ids)

    def decides(self, user_id: str) -> bool:
        """The user's own claims need nobody's approval, and they may decide others'."""
        return user_id in self.ids

    def needs_approval(self, user_id: str) -> bool:
        return self.registration is Registration.APPROVAL and not self.decides(user_id)
