from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime, timedelta

import sqlite_utils

from ..records import Member
from .rows import new_id

# No 0/O or 1/I: codes are read aloud and typed over.
INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8

_MEMBER_SQL = """
SELECT m.gemeente_id, g.code, g.name, m.user_id, m.name, m.role
FROM members m JOIN gemeenten g ON g.id = m.gemeente_id
WHERE m.removed_at IS NULL AND {where}
ORDER BY m.id
"""


def normalize_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def looks_like_invite(text: str) -> bool:
    code = normalize_code(text)
    return len(code) == INVITE_LENGTH and all(c in INVITE_ALPHABET for c in code)


class Members:
    """Gemeenten, their members, and invitations."""

    db: sqlite_utils.Database
    now: Callable[[], str]

    def member(self, user_id: str) -> Member | None:
        rows = self._members("m.user_id = ?", [user_id])
        return rows[0] if rows else None

    def members_of(self, gemeente_id: int) -> list[Member]:
        return self._members("m.gemeente_id = ?", [gemeente_id])

    def _members(self, where: str, params: list[object]) -> list[Member]:
        rows = self.db.execute(_MEMBER_SQL.format(where=where), params).fetchall()
        return [Member(*row) for row in rows]

    def gemeente_id(self, code: str) -> int | None:
        row = self.db.execute("SELECT id FROM gemeenten WHERE code = ?", [code]).fetchone()
        return row[0] if row else None

    def has_members(self, code: str) -> bool:
        gemeente_id = self.gemeente_id(code)
        return gemeente_id is not None and bool(self.members_of(gemeente_id))

    def ensure_gemeente(self, code: str, name: str) -> int:
        """The gemeente's id, made on first use (by a registration or a question for it)."""
        gemeente_id = self.gemeente_id(code)
        if gemeente_id is None:
            row = {"code": code, "name": name, "created_at": self.now()}
            gemeente_id = new_id(self.db.table("gemeenten").insert(row))
        return gemeente_id

    def gemeente_name(self, gemeente_id: int) -> str:
        return self.db.table("gemeenten").get(gemeente_id)["name"]

    def make_coordinator(self, gemeente_id: int, user_id: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE members SET role = 'coordinator' "
                "WHERE gemeente_id = ? AND user_id = ? AND removed_at IS NULL",
                [gemeente_id, user_id],
            )
        return cursor.rowcount > 0

    def register(self, code: str, name: str, user_id: str, user_name: str) -> Member:
        """Make `user_id` a member; the first member of a gemeente becomes its coordinator."""
        with self.db.atomic():
            gemeente_id = self.ensure_gemeente(code, name)
            role = "member" if self.members_of(gemeente_id) else "coordinator"
            self._add_member(gemeente_id, user_id, user_name, role)
        member = self.member(user_id)
        assert member is not None
        return member

    def assign_coordinator(self, gemeente_id: int, user_id: str, user_name: str) -> None:
        """The operator makes `user_id` a coordinator of the gemeente (a member already:
        promoted; else added)."""
        with self.db.atomic():
            if not self.make_coordinator(gemeente_id, user_id):
                self._add_member(gemeente_id, user_id, user_name, "coordinator")

    def _add_member(self, gemeente_id: int, user_id: str, user_name: str, role: str) -> None:
        self.db.table("members").insert(
            {
                "gemeente_id": gemeente_id,
                "user_id": user_id,
                "name": user_name,
                "role": role,
                "joined_at": self.now(),
                "active_on": self.now()[:10],
            }
        )

    # -- activity (members inactive for long are asked, then forgotten) -------------------

    def note_active(self, user_id: str) -> None:
        """The member used the bot today (the UTC date is kept): a question whether they
        stay, if one was asked, is answered."""
        day = self.now()[:10]
        with self.db.atomic():
            self.db.execute(
                "UPDATE members SET active_on = ?, asked_inactive_at = NULL "
                "WHERE user_id = ? AND removed_at IS NULL AND active_on IS NOT ?",
                [day, user_id, day],
            )

    def inactive_members(self, since: str) -> list[Member]:
        """Members who have not used the bot since `since` (ISO date, UTC) and were not
        asked yet."""
        return self._members("m.active_on < ? AND m.asked_inactive_at IS NULL", [since])

    def unanswered_inactive(self, asked_before: str) -> list[Member]:
        """Members asked before `asked_before` (ISO time) whether they stay, with no answer."""
        return self._members("m.asked_inactive_at < ?", [asked_before])

    def mark_asked_inactive(self, user_id: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "UPDATE members SET asked_inactive_at = ? WHERE user_id = ? AND removed_at IS NULL",
                [self.now(), user_id],
            )

    def remove_member(self, gemeente_id: int, user_id: str, by: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE members SET removed_at = ?, removed_by = ? "
                "WHERE gemeente_id = ? AND user_id = ? AND removed_at IS NULL",
                [self.now(), by, gemeente_id, user_id],
            )
        return cursor.rowcount > 0

    def create_invite(self, gemeente_id: int, created_by: str, valid: timedelta) -> tuple[str, str]:
        code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
        expires_at = (datetime.fromisoformat(self.now()) + valid).isoformat(timespec="seconds")
        with self.db.atomic():
            self.db.table("invites").insert(
                {
                    "code": code,
                    "gemeente_id": gemeente_id,
                    "created_by": created_by,
                    "created_at": self.now(),
                    "expires_at": expires_at,
                }
            )
        return code, expires_at

    def redeem_invite(self, code: str, user_id: str, user_name: str) -> Member | str:
        """Join with an invite; on failure the reason: unknown, used or expired."""
        with self.db.atomic():
            code = normalize_code(code)
            row = self.db.execute(
                "SELECT gemeente_id, expires_at, used_by FROM invites WHERE code = ?", [code]
            ).fetchone()
            if row is None:
                return "unknown"
            gemeente_id, expires_at, used_by = row
            if used_by is not None:
                return "used"
            if expires_at <= self.now():
                return "expired"
            self.db.execute(
                "UPDATE invites SET used_by = ?, used_at = ? WHERE code = ?",
                [user_id, self.now(), code],
            )
            self._add_member(gemeente_id, user_id, user_name, "member")
        member = self.member(user_id)
        assert member is not None
        return member
