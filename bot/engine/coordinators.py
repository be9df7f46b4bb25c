"""Who may act where only a coordinator may: the refusal names them."""

from __future__ import annotations

from ..formatting import dutch_list
from ..records import Member
from ..store import Store
from . import texts


def only_coordinators(
    store: Store, member: Member, sentences: dict[int, str] = texts.COORDINATORS_ONLY
) -> str:
    """ "Dat kan alleen de coördinator (Anna de Vries)." for the member's gemeente."""
    names = [m.display_name for m in store.members_of(member.gemeente_id) if m.is_coordinator]
    return sentences[min(len(names), 2)].format(names=dutch_list(names))
