"""Requests to become a gemeente's first coordinator, and the operator's decisions.

In approval mode (WIJKBOT_REGISTRATION) the first registrant of a gemeente does not become
its coordinator at once: their claim waits until an operator approves or rejects it. The
gemeente's own row is made only on approval, so a pending claim sees nothing of anyone.
"""

from __future__ import annotations

from typing import Any

from ..records import Claim, ClaimStatus, Member
from .members import Members
from .rows import new_id


class Claims(Members):
    def request_claim(self, code: str, gemeente: str, user_id: str, user_name: str) -> Claim:
        row = {
            "code": code,
            "gemeente": gemeente,
            "user_id": user_id,
            "user_name": user_name,
            "status": ClaimStatus.PENDING.value,
            "requested_at": self.now(),
        }
        with self.db.atomic():
            claim_id = new_id(self.db.table("claims").insert(row))
        claim = self.claim(claim_id)
        assert claim is not None
        return claim

    def claim(self, claim_id: int) -> Claim | None:
        return next(iter(self._claims("id = ?", [claim_id])), None)

    def pending_claim(self, code: str | None = None, user_id: str | None = None) -> Claim | None:
        """The claim waiting for a decision, for a gemeente or by a user."""
        where, params = ["status = ?"], [ClaimStatus.PENDING.value]
        for column, value in (("code", code), ("user_id", user_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return next(iter(self._claims(" AND ".join(where), params)), None)

    def pending_claims(self) -> list[Claim]:
        return self._claims("status = ?", [ClaimStatus.PENDING.value])

    def untold_claims(self) -> list[Claim]:
        """Decided claims whose registrant has not heard the outcome (decided on the CLI)."""
        return self._claims("status != ? AND told_at IS NULL", [ClaimStatus.PENDING.value])

    def approve_claim(self, claim: Claim, by: str, told: bool) -> Member | None:
        """The registrant becomes the gemeente's coordinator. None (and nothing changed)
        when they have become a member of a gemeente since they asked."""
        elsewhere = self.member(claim.user_id)
        if elsewhere is not None and elsewhere.gemeente_code != claim.code:
            return None
        with self.db.atomic():
            gemeente_id = self.ensure_gemeente(claim.code, claim.gemeente)
            self.assign_coordinator(gemeente_id, claim.user_id, claim.user_name)
            self._decide(claim, ClaimStatus.APPROVED, by, told)
        return self.member(claim.user_id)

    def reject_claim(self, claim: Claim, by: str, told: bool) -> None:
        with self.db.atomic():
            self._decide(claim, ClaimStatus.REJECTED, by, told)

    def mark_told(self, claim_id: int) -> None:
        with self.db.atomic():
            self.db.table("claims").update(claim_id, {"told_at": self.now()})

    def _decide(self, claim: Claim, status: ClaimStatus, by: str, told: bool) -> None:
        changes = {"status": status.value, "decided_at": self.now(), "decided_by": by}
        self.db.table("claims").update(
            claim.id, {**changes, "told_at": self.now() if told else None}
        )

    def _claims(self, where: str, params: list[Any]) -> list[Claim]:
        rows = self.db.table("claims").rows_where(where, params, order_by="id")
        return [Claim(**{**row, "status": ClaimStatus(row["status"])}) for row in rows]
