"""Registering for a gemeente, joining by invitation, and the coordinator's member list.

The first member of a gemeente becomes its coordinator (in approval mode once an operator
approves their claim: `claims`); everyone after joins only with an invitation code from a
coordinator, which expires and works once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..content import Knowledge
from ..formatting import DUTCH_TIME, dutch_date
from ..records import Member
from ..store import Store
from ..vocabulary import Option, Reply, Turn
from . import texts
from .claims import ClaimDesk
from .coordinators import only_coordinators
from .gemeenten import GemeenteFinder, offer_gemeenten

INVITE_VALID = timedelta(days=7)
GEMEENTE_PAYLOAD = "gm:"
REMOVE_PAYLOAD = "rm:"
PROMOTE_PAYLOAD = "co:"
NONE_OF_THESE = "geen"


class Membership:
    def __init__(
        self, kb: Knowledge, store: Store, claims: ClaimDesk, bot_username: str | None = None
    ) -> None:
        self.store = store
        self.claims = claims
        self.finder = GemeenteFinder(kb.gemeenten)
        self.bot_username = bot_username

    # -- a new user ----------------------------------------------------------------------

    def ask_gemeente(self, turn: Turn) -> list[Reply]:
        turn.conversation.draft = {"await": "gemeente"}
        return [Reply(texts.ASK_GEMEENTE)]

    def receive_gemeente(self, turn: Turn, text: str) -> list[Reply]:
        if (exact := self.finder.exact(text)) is not None:  # no "Bedoelt u" for a name as is
            return self.choose_gemeente(turn, GEMEENTE_PAYLOAD + exact.code)
        none = Option(texts.NONE_OF_THESE, GEMEENTE_PAYLOAD + NONE_OF_THESE, means=False)
        return [offer_gemeenten(self.finder, text, GEMEENTE_PAYLOAD, (none,))]

    def choose_gemeente(self, turn: Turn, payload: str) -> list[Reply]:
        code = payload.removeprefix(GEMEENTE_PAYLOAD)
        if turn.member is not None:
            return [Reply(texts.ALREADY_MEMBER.format(gemeente=turn.member.gemeente_name))]
        if code == NONE_OF_THESE:
            return self.ask_gemeente(turn)
        gemeente = self.finder.by_code.get(code)
        if gemeente is None or turn.conversation.draft.get("await") != "gemeente":
            return [Reply(texts.STALE_OPTION)]
        if self.store.has_members(code):
            turn.conversation.draft = {"await": "invite"}
            return [Reply(texts.GEMEENTE_TAKEN.format(gemeente=gemeente.name))]
        turn.conversation.draft = {}
        if (pending := self.claims.pending_for(turn, code)) is not None:
            return [pending]
        has_data = self.store.gemeente_id(code) is not None  # its people are gone
        if self.claims.needs_approval(turn):
            return self.claims.request(turn, gemeente, has_data)
        if has_data:
            return [Reply(texts.GEMEENTE_WAITS.format(gemeente=gemeente.name))]
        member = self.store.register(code, gemeente.name, turn.event.user_id, turn.event.user_name)
        turn.member = member
        return [
            Reply(
                texts.REGISTERED_COORDINATOR.format(gemeente=gemeente.name),
                options=(Option(texts.BEGIN_STEP_1, "step:1", means=True),),
            )
        ]

    def join(self, turn: Turn, code: str) -> list[Reply]:
        if turn.member is not None:
            return [Reply(texts.ALREADY_MEMBER.format(gemeente=turn.member.gemeente_name))]
        result = self.store.redeem_invite(code, turn.event.user_id, turn.event.user_name)
        if isinstance(result, str):
            turn.conversation.draft = {"await": "invite"}
            return [Reply(texts.INVITE_PROBLEMS[result])]
        turn.member = result
        turn.conversation.draft = {}
        return [
            Reply(
                texts.JOINED.format(gemeente=result.gemeente_name),
                options=(Option(texts.SEE_PROGRESS, "cmd:/voortgang", means=True),),
            )
        ]

    # -- coordinators --------------------------------------------------------------------

    def invite(self, turn: Turn) -> list[Reply]:
        member = turn.member
        assert member is not None
        if not member.is_coordinator:
            return [Reply(only_coordinators(self.store, member))]
        code, expires_at = self.store.create_invite(
            member.gemeente_id, member.user_id, INVITE_VALID
        )
        until = dutch_date(datetime.fromisoformat(expires_at).astimezone(DUTCH_TIME).date())
        text = texts.INVITE_MADE.format(code=code, until=until, gemeente=member.gemeente_name)
        if self.bot_username:
            text += "\n" + texts.INVITE_LINK.format(bot=self.bot_username, code=code)
        return [Reply(text)]

    def members(self, turn: Turn) -> list[Reply]:
        member = turn.member
        assert member is not None
        everyone = self.store.members_of(member.gemeente_id)
        lines = [
            f"• {m.display_name}" + (" (coördinator)" if m.is_coordinator else "") for m in everyone
        ]
        options: tuple[Option, ...] = ()
        if member.is_coordinator:
            others = [m for m in everyone if m.user_id != member.user_id]
            options = tuple(
                Option(texts.PROMOTE_LABEL.format(name=m.display_name), PROMOTE_PAYLOAD + m.user_id)
                for m in others
                if not m.is_coordinator
            ) + tuple(
                Option(texts.REMOVE_LABEL.format(name=m.display_name), REMOVE_PAYLOAD + m.user_id)
                for m in others
            )
        header = texts.MEMBERS_HEADER.format(gemeente=member.gemeente_name)
        return [Reply(header + "\n" + "\n".join(lines), options=options)]

    def remove(self, turn: Turn, payload: str) -> list[Reply]:
        target = self._colleague(turn, payload.removeprefix(REMOVE_PAYLOAD))
        if isinstance(target, Reply):
            return [target]
        assert turn.member is not None
        self.store.remove_member(turn.member.gemeente_id, target.user_id, turn.member.user_id)
        return [Reply(texts.MEMBER_REMOVED.format(name=target.display_name))]

    def promote(self, turn: Turn, payload: str) -> list[Reply]:
        target = self._colleague(turn, payload.removeprefix(PROMOTE_PAYLOAD))
        if isinstance(target, Reply):
            return [target]
        assert turn.member is not None
        self.store.make_coordinator(turn.member.gemeente_id, target.user_id)
        gemeente = turn.member.gemeente_name
        return [Reply(texts.PROMOTED.format(name=target.display_name, gemeente=gemeente))]

    def _colleague(self, turn: Turn, user_id: str) -> Member | Reply:
        """Another member of the coordinator's gemeente, or the reply why not."""
        member = turn.member
        if member is None:
            return Reply(texts.STALE_OPTION)
        if not member.is_coordinator:
            return Reply(only_coordinators(self.store, member))
        everyone = self.store.members_of(member.gemeente_id)
        target = next((m for m in everyone if m.user_id == user_id), None)
        if target is None or target.user_id == member.user_id:
            return Reply(texts.STALE_OPTION)
        return target
