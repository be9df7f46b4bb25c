"""The user's own data (AVG/GDPR): the privacy notice, all data as JSON, being forgotten."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..records import Member
from ..store import Store
from ..vocabulary import ChatType, Option, Reply, Turn
from . import texts

FORGET_PAYLOAD = "avg:"


@dataclass(frozen=True)
class Operator:
    """Who runs this Wijkbot and answers for its data (WIJKBOT_OPERATOR_NAME, _CONTACT)."""

    name: str = ""
    contact: str = ""


class PrivacyDesk:
    def __init__(self, store: Store, files: Path, operator: Operator) -> None:
        self.store = store
        self.files = files / "gegevens"
        self.operator = operator

    def notice(self, turn: Turn, rest: str = "") -> list[Reply]:
        controller = self.operator.name or texts.DEFAULT_CONTROLLER
        contact = self.operator.contact or texts.DEFAULT_CONTACT
        return [Reply(texts.PRIVACY.format(controller=controller, contact=contact))]

    def my_data(self, turn: Turn, rest: str = "") -> list[Reply]:
        if turn.event.chat_type is not ChatType.PRIVATE:
            return [Reply(texts.PRIVATE_ONLY)]
        user_id = turn.event.user_id
        tables = self.store.personal_data(user_id)
        if not tables:
            return [Reply(texts.NO_DATA)]
        document = {"telegram_id": user_id, "exported_at": self.store.now(), "tables": tables}
        path = self._file(user_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
        return [Reply(texts.MY_DATA, document=path)]

    def forget(self, turn: Turn, rest: str = "") -> list[Reply]:
        if turn.event.chat_type is not ChatType.PRIVATE:
            return [Reply(texts.PRIVATE_ONLY)]
        member = turn.member
        membership = texts.FORGET_MEMBERSHIP.format(gemeente=member.gemeente_name) if member else ""
        if successor := self._successor(member):
            membership += texts.FORGET_HANDOVER.format(name=successor.name)
        options = (
            Option(texts.FORGET_YES, FORGET_PAYLOAD + "ja", means=True),
            Option(texts.FORGET_NO, FORGET_PAYLOAD + "nee", means=False),
        )
        return [Reply(texts.FORGET_CONFIRM.format(membership=membership), options=options)]

    def confirm(self, turn: Turn, payload: str) -> list[Reply]:
        """Forget the user. The turn is marked so the engine stores nothing more about them."""
        if payload != FORGET_PAYLOAD + "ja":
            return [Reply(texts.NOT_FORGOTTEN)]
        replies = [Reply(texts.FORGOTTEN), *self.forget_person(turn.event.user_id, turn.member)]
        turn.forgotten = True
        turn.member = None
        return replies

    def forget_person(self, user_id: str, member: Member | None) -> list[Reply]:
        """Forget someone (as /vergeet_mij does). When they were their gemeente's only
        coordinator, the colleague who joined first takes over; the replies tell them."""
        replies = []
        if (successor := self._successor(member)) and member:
            self.store.make_coordinator(member.gemeente_id, successor.user_id)
            told = texts.NOW_COORDINATOR.format(gemeente=member.gemeente_name)
            replies.append(Reply(told, chat_id=successor.user_id))
        self.store.forget(user_id)
        self._file(user_id).unlink(missing_ok=True)
        return replies

    def _successor(self, member: Member | None) -> Member | None:
        """Who keeps the gemeente when its only coordinator goes: the colleague who joined
        first (None when there is another coordinator, or nobody else)."""
        if member is None or not member.is_coordinator:
            return None
        everyone = self.store.members_of(member.gemeente_id)
        others = [m for m in everyone if m.user_id != member.user_id]
        if not others or any(m.is_coordinator for m in others):
            return None
        return others[0]

    def _file(self, user_id: str) -> Path:
        safe = "".join(c if c.isalnum() else "-" for c in user_id)
        return self.files / f"mijn-gegevens-{safe}.json"
