"""/acties: the gemeente's action plan; mark an action done, change it, or add one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from ..content import Knowledge
from ..formatting import due_date
from ..records import Action
from ..store import Store
from ..vocabulary import Option, Reply, Turn
from . import texts
from .states import Waiting
from .validate import Invalid, parse

ACTION_PAYLOAD = "act:"
EDITABLE = {"title": "wat", "owner": "wie", "due": "wanneer"}  # field -> question in actie.yaml


class ActionPlan:
    def __init__(self, kb: Knowledge, store: Store, today: Callable[[], date]) -> None:
        self.kb = kb
        self.store = store
        self.today = today
        self.theme_names: dict[str, str] = {t.key: t.name for t in kb.themes}

    def describe(self, action: Action) -> str:
        mark = "✅" if action.status == "klaar" else "☐"
        due = f", uiterlijk {due_date(action.due)}" if action.due else ""
        theme = self.theme_names.get(action.theme, action.theme)
        return f"{mark} {action.title} ({action.owner}{due}; {theme})"

    def overview(self, turn: Turn) -> list[Reply]:
        assert turn.member is not None
        actions = self.store.actions(turn.member.gemeente_id)
        lines = [f"{n}. {self.describe(a)}" for n, a in enumerate(actions, start=1)]
        text = "\n".join(lines) if lines else texts.NO_ACTIONS
        options = [
            Option(f"Actie {n}: {a.title}", f"{ACTION_PAYLOAD}{a.id}")
            for n, a in enumerate(actions, start=1)
        ]
        options.append(Option(texts.NEW_ACTION, ACTION_PAYLOAD + "nieuw"))
        return [Reply(text, title=texts.ACTIONS_TITLE, options=tuple(options))]

    def choose(self, turn: Turn, payload: str) -> list[Reply]:
        """act:ID shows one action; act:ID:klaar|open|EDIT changes it."""
        action_id, _, command = payload.removeprefix(ACTION_PAYLOAD).partition(":")
        action = self._own(turn, action_id)
        if action is None:
            return [Reply(texts.STALE_OPTION)]
        if command == "later":  # a reminder's "Later": nothing changes
            return [Reply(texts.REMINDER_LATER_OK)]
        if command in ("klaar", "open"):
            self.store.update_action(action.id, {"status": command}, turn.event.user_id)
            changed = self.store.action(action.id)
            assert changed is not None
            return [Reply(texts.ACTION_CHANGED + "\n" + self.describe(changed))]
        if command in EDITABLE:
            edit = {"await": Waiting.ACTION_EDIT, "action": action.id, "field": command}
            turn.conversation.draft.update(edit)  # a flow under way keeps its draft
            return [Reply(texts.ACTION_EDIT_PROMPT[command])]
        return [self._detail(action)]

    def _detail(self, action: Action) -> Reply:
        prefix = f"{ACTION_PAYLOAD}{action.id}:"
        toggle = (
            Option(texts.MARK_OPEN, prefix + "open")
            if action.status == "klaar"
            else Option(texts.MARK_DONE, prefix + "klaar")
        )
        edits = tuple(Option(texts.EDIT_LABELS[f], prefix + f) for f in EDITABLE)
        return Reply(self.describe(action), options=(toggle, *edits))

    def receive_edit(self, turn: Turn, text: str) -> list[Reply]:
        draft = turn.conversation.draft
        action = self._own(turn, str(draft.get("action")))
        field = draft.get("field", "")
        if action is None or field not in EDITABLE:
            _end_edit(draft)
            return [Reply(texts.STALE_OPTION)]
        question = next(
            q for q in self.kb.flows["actie"].all_questions() if q.key == EDITABLE[field]
        )
        value = parse(question, [], text, self.today())
        if isinstance(value, Invalid):
            return [Reply(value.message)]
        self.store.update_action(action.id, {field: value}, turn.event.user_id)
        _end_edit(draft)
        changed = self.store.action(action.id)
        assert changed is not None
        return [Reply(texts.ACTION_CHANGED + "\n" + self.describe(changed))]

    def _own(self, turn: Turn, action_id: str) -> Action | None:
        """The action, if it exists and belongs to the user's gemeente (else: forged)."""
        if turn.member is None or not action_id.isdigit():
            return None
        action = self.store.action(int(action_id))
        if action is None or action.gemeente_id != turn.member.gemeente_id:
            return None
        return action


def _end_edit(draft: dict[str, object]) -> None:
    for key in ("await", "action", "field"):
        draft.pop(key, None)
