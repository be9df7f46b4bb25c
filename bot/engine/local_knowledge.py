"""A gemeente's own knowledge: answers its coordinators kept, found only by its users.

They are matched together with the shared knowledge base, so one ranking decides between
"how the gemeente does it" and the general advice. A matcher per gemeente is built when its
entries change (about 50 ms) and kept while they stay the same.
"""

from __future__ import annotations

from datetime import datetime

from ..content import Entry, Knowledge
from ..content.models import Source
from ..formatting import DUTCH_TIME, dutch_date, shortened
from ..matcher import Matcher
from ..records import LocalEntry
from ..store import Store
from . import texts

ID_PREFIX = "lokaal-"
TITLE_CHARS = 80
CACHED_GEMEENTEN = 64


class LocalKnowledge:
    def __init__(self, kb: Knowledge, matcher: Matcher, store: Store) -> None:
        self.kb = kb
        self.shared = matcher
        self.store = store
        self._matchers: dict[int, tuple[tuple[int, int], Matcher, dict[str, Entry]]] = {}

    def matcher(self, gemeente_id: int | None) -> Matcher:
        """The matcher for users of this gemeente (the shared one when it keeps nothing)."""
        return self._built(gemeente_id)[0]

    def entry(self, gemeente_id: int | None, entry_id: str) -> Entry | None:
        """A shared entry, or one of this gemeente's own."""
        if not entry_id.startswith(ID_PREFIX):
            return self.kb.entries.get(entry_id)
        return self._built(gemeente_id)[1].get(entry_id)

    def _built(self, gemeente_id: int | None) -> tuple[Matcher, dict[str, Entry]]:
        kept = self.store.local_entries(gemeente_id) if gemeente_id is not None else []
        if gemeente_id is None or not kept:
            return self.shared, {}
        version = (len(kept), kept[-1].id)
        cached = self._matchers.get(gemeente_id)
        if cached and cached[0] == version:
            return cached[1], cached[2]
        name = self.store.gemeente_name(gemeente_id)
        own = {entry.id: entry for entry in (_as_entry(local, name) for local in kept)}
        matcher = self.shared.extended(own.values())
        if len(self._matchers) >= CACHED_GEMEENTEN:
            self._matchers.pop(next(iter(self._matchers)))
        self._matchers[gemeente_id] = (version, matcher, own)
        return matcher, own


def _as_entry(local: LocalEntry, gemeente: str) -> Entry:
    day = datetime.fromisoformat(local.created_at).astimezone(DUTCH_TIME).date()
    title = shortened(local.question, TITLE_CHARS)
    return Entry(
        id=f"{ID_PREFIX}{local.id}",
        title=title,
        questions=[local.question],
        answer=local.answer,
        source=Source(
            document=texts.LOCAL_SOURCE.format(gemeente=gemeente),
            section=texts.LOCAL_SECTION.format(date=dutch_date(day)),
        ),
        tags=[],
        related=[],
    )
