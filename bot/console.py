"""The terminal adapter: the same engine, typed at a prompt or scripted from stdin.

Every reply starts with `wijkbot> `; options are printed as `N) label` and chosen by
typing N or the label. The terminal runs the same clock as Telegram: at each prompt, what
is due (reminders, check-ins, the outcome of a claim) is printed first; a message for
another chat is marked as such. Charts and reports are made at once (bot/drawings.py): one
user waits for them anyway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TextIO

from .drawings import made
from .engine import ChatType, Engine, Event, Option, Reply
from .vocabulary import OptionKind

PROMPT_BOT = "wijkbot> "
PROMPT_USER = "u> "


class Console:
    def __init__(self, engine: Engine, user: str, out: TextIO) -> None:
        self.engine = engine
        self.user = user
        self.out = out
        self.options: tuple[Option, ...] = ()

    @property
    def chat_id(self) -> str:
        return f"console:{self.user}"

    def send(self, line: str) -> None:
        self.show_due()
        event = self._event(line.strip())
        for reply in self.engine.handle(event):
            self._print(reply)

    def show_due(self) -> None:
        """What the clock brings now, each reply marked with its chat unless it is ours;
        nothing where a Telegram bot runs on this database (its clock sends it)."""
        if self.engine.telegram_keeps_the_clock():
            return
        found, _ = self.engine.due()
        for delivery in found:
            chat = None if delivery.chat_id == self.chat_id else delivery.chat_id
            for reply in delivery.replies:
                self._print(replace(reply, chat_id=chat))

    def _event(self, line: str) -> Event:
        chosen = self._chosen(line)
        event = Event(
            chat_id=self.chat_id,
            user_id=self.chat_id,
            chat_type=ChatType.PRIVATE,
            user_name=self.user,
        )
        if chosen is not None:
            return replace(event, payload=chosen.payload)
        return replace(event, text=line)

    def _chosen(self, line: str) -> Option | None:
        if line.isdigit() and 1 <= int(line) <= len(self.options):
            return self.options[int(line) - 1]
        return next((o for o in self.options if o.label.casefold() == line.casefold()), None)

    def _print(self, reply: Reply) -> None:
        # the web pages open inside Telegram only (they need its signature): not here
        options = tuple(o for o in reply.options if o.kind is not OptionKind.WEB_PAGE)
        reply = replace(reply, options=options)
        lines = [reply.title] if reply.title else []
        lines.append(reply.text)
        if reply.chat_id and reply.chat_id != self.chat_id:
            lines.insert(0, f"[bericht naar chat {reply.chat_id}]")
        lines[0] = PROMPT_BOT + lines[0]
        lines += [f"{n}) {option.label}" for n, option in enumerate(reply.options, start=1)]
        kb, store = self.engine.kb, self.engine.store
        if image := made(reply.image, kb, store):
            lines.append(f"[afbeelding: {image}]")
        if document := made(reply.document, kb, store):
            lines.append(f"[document: {document}]")
        self.out.write("\n".join(lines) + "\n\n")
        self.out.flush()
        if not reply.chat_id:
            self.options = reply.options


def run_scripted(console: Console, lines: Iterable[str]) -> None:
    for line in lines:
        if line.strip():
            console.send(line)


def run_interactive(console: Console) -> None:
    console.send("/start")
    while True:
        try:
            line = input(PROMPT_USER)
        except (EOFError, KeyboardInterrupt):
            console.out.write("\nTot ziens!\n")
            return
        if line.strip():
            console.send(line)
