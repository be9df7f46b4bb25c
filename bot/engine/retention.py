"""The keeping times the privacy statement promises (texts.PRIVACY), enforced at the
clock's looks: unanswered questions go after 12 months; a member who has not used the bot
for 24 months is asked whether they stay, and forgotten (as /vergeet_mij does) without an
answer within 30 days. Any message or press from them counts as an answer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..store import Store
from ..vocabulary import Delivery, Option, Reply
from . import texts
from .privacy import PrivacyDesk

KEEP_QUESTIONS = timedelta(days=365)  # 12 months
INACTIVE_AFTER = timedelta(days=730)  # 24 months
ANSWER_WITHIN = timedelta(days=30)
STAY_PAYLOAD = "blijf:"


class Retention:
    def __init__(self, store: Store, privacy: PrivacyDesk) -> None:
        self.store = store
        self.privacy = privacy

    def due(self, now: datetime) -> list[Delivery]:
        self.store.forget_old_questions(_stamp(now - KEEP_QUESTIONS))
        deliveries: list[Delivery] = []
        for member in self.store.unanswered_inactive(_stamp(now - ANSWER_WITHIN)):
            with self.store.transaction():
                handed_over = self.privacy.forget_person(member.user_id, member)
            told = Reply(texts.INACTIVE_FORGOTTEN)
            deliveries += [Delivery(member.user_id, [told])]
            deliveries += [Delivery(r.chat_id or "", [r]) for r in handed_over]
        since = _stamp(now - INACTIVE_AFTER)[:10]
        for member in self.store.inactive_members(since):
            self.store.mark_asked_inactive(member.user_id)
            options = (
                Option(texts.INACTIVE_STAY, STAY_PAYLOAD),
                Option(texts.INACTIVE_GO, "cmd:/vergeet_mij"),
            )
            asked = Reply(texts.INACTIVE_ASK.format(gemeente=member.gemeente_name), options=options)
            deliveries.append(Delivery(member.user_id, [asked]))
        return deliveries


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")
