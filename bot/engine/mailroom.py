"""The engine's door for an adapter with a durable inbox and outbox (bot/telegram, and the
web pages' saves): each update is kept until its turn is taken, and a turn's replies become
mail in the same transaction as its effects, so a stop at any moment leaves either all of
it or none.

Buttons carry a token; the choice behind it stays here, with who may press it. A pressed
button is checked, its turn taken, and a user's own button spent, all in one call.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from ..store import Store
from ..store.buttons import KEEP_BUTTONS, Button
from ..store.chats import BLOCKED, LEFT
from ..vocabulary import (
    ChatType,
    Drawing,
    Event,
    Mail,
    OptionKind,
    PageRefusal,
    PressResult,
    Reply,
    TurnResult,
    media_path,
)
from .commands import Menu
from .engine import Engine
from .texts import SOMEONE_ELSES_BUTTON, STALE_OPTION, UNKNOWN_BUTTON

KEEP_MAIL = timedelta(days=7)  # traces of handled updates and settled mail

Key = tuple[str, str | None, str | None, bool]  # (label, token, url, a page of ours) of one option


class Mailroom:
    def __init__(self, store: Store, engine: Engine) -> None:
        self.store = store
        self.engine = engine

    def begin(self) -> tuple[list[str], dict[Menu, list[tuple[str, str]]]]:
        """At start-up: forget buttons nobody pressed for long and old traces of mail; the
        commands the engine knows, and the menus it offers them in."""
        now = self.store.clock()
        self.store.forget_buttons((now - KEEP_BUTTONS).isoformat(timespec="seconds"))
        self.store.forget_mail((now - KEEP_MAIL).isoformat(timespec="seconds"))
        return self.engine.command_names, self.engine.menus

    # -- the inbox --------------------------------------------------------------------------

    def receive(self, updates: list[tuple[int, dict[str, Any]]]) -> None:
        self.store.receive(updates)

    def unhandled(self) -> tuple[list[dict[str, Any]], list[Mail]]:
        """After a restart: the updates still to handle, and the mail still to deliver."""
        return self.store.unhandled(), self.store.pending_mail()

    def handled(self, update_id: int) -> None:
        self.store.mark_handled(update_id)

    # -- turns ------------------------------------------------------------------------------

    def turn(self, event: Event, update_id: int, reply_to: int | None = None) -> TurnResult:
        """The engine's turn for one update, exactly once: an update handled before gets no
        new turn, only its mail that is still undelivered."""
        store = self.store
        with store.transaction():
            if store.handled(update_id):
                return TurnResult([], store.pending_mail(update_id))
            replies = self.engine.handle(event)
            letters = []
            for reply in (r for r in replies if not r.notice):
                chat = reply.chat_id or event.chat_id
                here = chat == event.chat_id  # else another chat, not its topic
                thread = event.thread_id if here else None
                quoting = reply_to if here else None
                owner = event.user_id if here else _owner(chat)
                letters.append((chat, self.letter(chat, owner, reply, quoting, thread)))
                reply_to = None if here else reply_to
            mail = store.post(update_id, letters)
            store.mark_handled(update_id)
        return TurnResult([r.text for r in replies if r.notice], mail)

    def press(self, token: str, event: Event, update_id: int) -> PressResult:
        """A pressed button, in one call: checked (known, this chat's, this user's or
        anyone's), its turn taken, and a user's own button spent, so a double press acts
        once."""
        store = self.store
        with store.transaction():
            button = store.button(token)
            refusal = _refusal(button, event)
            if refusal or button is None:
                store.mark_handled(update_id)
                return PressResult(refusal or UNKNOWN_BUTTON)
            done = self.turn(replace(event, payload=button.payload), update_id)
            taken = not any(m.body["text"] == STALE_OPTION for m in done.mail)
            if button.user_id and taken:
                store.spend_button(token)
        return PressResult(None, button.label, not button.user_id, taken, done)

    def due(self, now: datetime) -> tuple[list[Mail], str | None]:
        """What is due at `now` (check-in deadlines, reminders, schedules), posted; and the
        next moment something is due."""
        store = self.store
        with store.transaction():
            found, next_due = self.engine.due(now)
            letters = [
                (d.chat_id, self.letter(d.chat_id, "", r, thread=d.thread_id))
                for d in found
                for r in d.replies
            ]
            mail = store.post(None, letters)
        return mail, next_due

    def save_startpositie(
        self, user_id: str, user_name: str, code: str, phases: object
    ) -> list[Mail] | PageRefusal:
        """From the web page: the six phases saved and the confirmation posted to the user's
        private chat with the bot (its id is the user's), in one transaction; or a refusal
        and nothing changed."""
        with self.store.transaction():
            replies = self.engine.save_startpositie(user_id, user_name, code, phases)
            if isinstance(replies, PageRefusal):
                return replies
            letters = [(user_id, self.letter(user_id, user_id, reply)) for reply in replies]
            return self.store.post(None, letters)

    def letter(
        self,
        chat_id: str,
        user_id: str,
        reply: Reply,
        reply_to: int | None = None,
        thread: str | None = None,
    ) -> dict[str, Any]:
        """A reply as the outbox keeps it: its text, media and buttons (a token for each
        choice, for this user only or for anyone in the chat; links as such), and the topic
        of the chat it goes to. A file still to be made goes as its drawing, which the
        sender makes before it sends (bot/drawings.py)."""
        image, document = media_path(reply.image), media_path(reply.document)
        drawing = next((m for m in (reply.image, reply.document) if isinstance(m, Drawing)), None)
        return {
            "text": reply.text,
            "title": reply.title,
            "image": str(image) if image else None,
            "document": str(document) if document else None,
            "drawing": drawing.to_json() if drawing else None,
            "keyboard": [list(b) for b in self._keyboard(chat_id, user_id, reply)],
            "reply_to": reply_to,
            "thread": thread,
        }

    def _keyboard(self, chat_id: str, user_id: str, reply: Reply) -> list[Key]:
        choices = [(o.label, o.payload) for o in reply.options if o.kind is OptionKind.CHOICE]
        who = "" if reply.for_everyone else user_id
        tokens = iter(self.store.issue_buttons(chat_id, who, choices))
        return [
            (o.label, None, o.url, o.kind is OptionKind.WEB_PAGE)
            if o.url
            else (o.label, next(tokens), None, False)
            for o in reply.options
        ]

    # -- the outbox and the chats -----------------------------------------------------------

    def contact(self) -> None:
        self.store.note_contact()

    def delivered(self, mail_ids: list[int]) -> None:
        self.store.delivered(mail_ids)

    def dropped(self, mail_id: int, reason: str) -> None:
        self.store.dropped(mail_id, reason)

    def note_chat(self, chat_id: str, chat_type: str, title: str) -> None:
        self.store.note_chat(chat_id, chat_type, title)

    def leave_chat(self, chat_id: str, chat_type: ChatType) -> None:
        """The bot was removed from a group (what runs there is closed, plans stop), or a
        user blocked it in private."""
        with self.store.transaction():
            if chat_type is ChatType.GROUP:
                self.engine.chat_left(chat_id)
            self.store.leave_chat(chat_id, LEFT if chat_type is ChatType.GROUP else BLOCKED)

    def move_chat(self, old_id: str, new_id: str) -> None:
        self.store.move_chat(old_id, new_id)


def _owner(chat_id: str) -> str:
    """Whose the buttons are in a message to another chat than the turn's: a private chat's
    (its id is its user's: an operator asked to decide, a registrant told the outcome);
    anyone's in a group (ids below zero)."""
    return "" if chat_id.startswith("-") else chat_id


def _refusal(button: Button | None, event: Event) -> str | None:
    if button is None or button.chat_id != event.chat_id:
        return UNKNOWN_BUTTON
    if button.user_id and button.user_id != event.user_id:  # empty: anyone in the chat
        return SOMEONE_ELSES_BUTTON
    return None
