"""Claims on a gemeente, decided by an operator (approval mode).

The first registrant of a gemeente asks; every operator gets the request in their private
chat with Goedkeuren / Afwijzen; the registrant hears the outcome. A decision taken on the
command line (`wijkbot gemeente approve`) reaches the registrant at the clock's next look.
"""

from __future__ import annotations

import logging

from ..content.models import Gemeente
from ..records import Claim, ClaimStatus
from ..store import Store
from ..vocabulary import Delivery, Option, Reply, Turn
from . import texts
from .operators import Operators

log = logging.getLogger(__name__)

CLAIM_PAYLOAD = "aanvraag:"  # aanvraag:<claim id>:ja|nee
YES, NO = "ja", "nee"
BEGIN = Option(texts.BEGIN_STEP_1, "step:1")


class ClaimDesk:
    def __init__(self, store: Store, operators: Operators) -> None:
        self.store = store
        self.operators = operators

    def needs_approval(self, turn: Turn) -> bool:
        return self.operators.needs_approval(turn.event.user_id)

    def request(self, turn: Turn, gemeente: Gemeente, has_data: bool) -> list[Reply]:
        """The registrant asks; each operator is asked to decide."""
        event = turn.event
        claim = self.store.request_claim(
            gemeente.code, gemeente.name, event.user_id, event.user_name
        )
        notice = texts.CLAIM_FOR_OPERATOR.format(
            name=claim.user_name or "(geen naam)",
            user_id=claim.user_id,
            gemeente=claim.gemeente,
            code=claim.code,
            data=texts.CLAIM_HAS_DATA if has_data else "",
        )
        options = (
            Option(texts.CLAIM_APPROVE, f"{CLAIM_PAYLOAD}{claim.id}:{YES}"),
            Option(texts.CLAIM_REJECT, f"{CLAIM_PAYLOAD}{claim.id}:{NO}"),
        )
        if not self.operators.ids:
            log.warning(
                "Claim %s waits for `wijkbot gemeente approve`: no WIJKBOT_OPERATORS", claim.id
            )
        return [
            Reply(texts.CLAIM_SENT.format(gemeente=gemeente.name)),
            *(Reply(notice, options=options, chat_id=op) for op in sorted(self.operators.ids)),
        ]

    def waiting(self, turn: Turn) -> Reply | None:
        """Why a registrant whose claim is pending sees nothing yet (None: no such claim)."""
        claim = self.store.pending_claim(user_id=turn.event.user_id)
        return Reply(texts.CLAIM_WAITING.format(gemeente=claim.gemeente)) if claim else None

    def pending_for(self, turn: Turn, code: str) -> Reply | None:
        """The reply to someone choosing a gemeente while it, or they, have a pending claim
        (None: neither has)."""
        mine = self.store.pending_claim(user_id=turn.event.user_id)
        claim = mine or self.store.pending_claim(code=code)
        if claim is None:
            return None
        if claim.user_id == turn.event.user_id:
            return Reply(texts.CLAIM_WAITING.format(gemeente=claim.gemeente))
        return Reply(texts.CLAIM_UNDER_REVIEW.format(gemeente=claim.gemeente))

    def decide(self, turn: Turn, payload: str) -> list[Reply]:
        """An operator pressed Goedkeuren or Afwijzen."""
        raw, _, choice = payload.removeprefix(CLAIM_PAYLOAD).partition(":")
        if not self.operators.decides(turn.event.user_id):
            return [Reply(texts.OPERATORS_ONLY)]
        claim = self.store.claim(int(raw)) if raw.isdigit() else None
        if claim is None or choice not in (YES, NO):
            return [Reply(texts.STALE_OPTION)]
        if claim.status is not ClaimStatus.PENDING:
            return [Reply(texts.CLAIM_DECIDED.format(status=claim.status.value))]
        by = turn.event.user_id
        name = claim.user_name or claim.user_id
        if choice == NO:
            self.store.reject_claim(claim, by, told=True)
            told = texts.CLAIM_REJECTED.format(name=name, gemeente=claim.gemeente)
            return [Reply(told), self.outcome(claim, ClaimStatus.REJECTED)]
        if self.store.approve_claim(claim, by, told=True) is None:
            elsewhere = self.store.member(claim.user_id)
            where = elsewhere.gemeente_name if elsewhere else ""
            return [Reply(texts.CLAIM_MEMBER_ELSEWHERE.format(name=name, elsewhere=where))]
        told = texts.CLAIM_APPROVED.format(name=name, gemeente=claim.gemeente)
        return [Reply(told), self.outcome(claim, ClaimStatus.APPROVED)]

    def outcome(self, claim: Claim, status: ClaimStatus) -> Reply:
        """What the registrant hears, in their private chat."""
        if status is ClaimStatus.APPROVED:
            text = texts.CLAIM_YOU_APPROVED.format(gemeente=claim.gemeente)
            return Reply(text, options=(BEGIN,), chat_id=claim.user_id)
        return Reply(
            texts.CLAIM_YOU_REJECTED.format(gemeente=claim.gemeente), chat_id=claim.user_id
        )

    def due(self) -> list[Delivery]:
        """The outcome of claims decided on the command line, to their registrants."""
        deliveries = []
        for claim in self.store.untold_claims():
            self.store.mark_told(claim.id)
            deliveries.append(Delivery(claim.user_id, [self.outcome(claim, claim.status)]))
        return deliveries
