"""/vergelijken: a coordinator lets the gemeente share its startpositie anonymously, or
stops at once; /voortgang then shows the averages (report/comparison.py)."""

from __future__ import annotations

from ..content import Knowledge
from ..report.comparison import MIN_GEMEENTEN, Comparison, phase_text
from ..report.progress import Progress
from ..store import Store
from ..vocabulary import Option, Reply, Turn
from . import texts

COMPARE_PAYLOAD = "vergelijk:"
ON, OFF = "aan", "uit"


class CompareDesk:
    def __init__(self, kb: Knowledge, store: Store) -> None:
        self.kb = kb
        self.store = store

    def command(self, turn: Turn, rest: str) -> list[Reply]:
        """/vergelijken shows whether the gemeente takes part; aan or uit changes it."""
        word = rest.strip().lower()
        if word in (ON, OFF):
            return self._set(turn, word == ON)
        if word:
            return [Reply(texts.COMPARE_UNCLEAR)]
        return [self._state(turn)]

    def press(self, turn: Turn, payload: str) -> list[Reply]:
        word = payload.removeprefix(COMPARE_PAYLOAD)
        if word not in (ON, OFF):
            return [Reply(texts.STALE_OPTION)]
        return self._set(turn, word == ON)

    def _set(self, turn: Turn, on: bool) -> list[Reply]:
        member = turn.member
        assert member is not None
        if not member.is_coordinator:
            return [Reply(texts.COMPARE_COORDINATORS)]
        if on != self.store.is_comparing(member.gemeente_id):
            self.store.set_comparing(member.gemeente_id, on)
        return [Reply(texts.COMPARE_JOINED if on else texts.COMPARE_LEFT), self._state(turn)]

    def _state(self, turn: Turn) -> Reply:
        member = turn.member
        assert member is not None
        on = self.store.is_comparing(member.gemeente_id)
        text = texts.COMPARE_ON if on else texts.COMPARE_OFF
        if not member.is_coordinator:
            return Reply(f"{text}\n\n{texts.COMPARE_COORDINATORS}")
        option = Option(texts.COMPARE_STOP, COMPARE_PAYLOAD + OFF) if on else None
        option = option or Option(texts.COMPARE_JOIN, COMPARE_PAYLOAD + ON)
        return Reply(text.format(minimum=MIN_GEMEENTEN), options=(option,))

    def lines(self, progress: Progress) -> list[str]:
        """The lines of /voortgang: the averages beside the gemeente's own phases."""
        comparison = progress.comparison
        if not comparison.sharing:
            return [texts.COMPARE_HINT]
        if comparison.everyone is None:
            return [texts.COMPARE_TOO_FEW.format(minimum=MIN_GEMEENTEN)]
        lines = [texts.COMPARE_HEADER, _who(comparison)]
        for theme in self.kb.themes:
            own = progress.profile.get(theme.key)
            parts = [texts.COMPARE_OWN.format(phase=own if own else "-")]
            parts.append(
                texts.COMPARE_ALL.format(phase=phase_text(comparison.everyone.phases[theme.key]))
            )
            if comparison.same_size:
                same = phase_text(comparison.same_size.phases[theme.key])
                parts.append(texts.COMPARE_SAME.format(phase=same))
            lines.append(f"• {theme.name}: {', '.join(parts)}")
        return lines


def _who(comparison: Comparison) -> str:
    assert comparison.everyone is not None
    who = texts.COMPARE_WHO_ALL.format(count=comparison.everyone.count)
    if comparison.same_size:
        size = texts.COMPARE_WHO_SAME.format(count=comparison.same_size.count, size=comparison.size)
        return f"{who} {size}"
    if comparison.size:
        return f"{who} {texts.COMPARE_FEW_SAME.format(size=comparison.size)}"
    return who
