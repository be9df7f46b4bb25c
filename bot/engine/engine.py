"""The transport-neutral conversation core: Event in, list of Reply out."""

from __future__ import annotations

from ..answers import entry_text, respond
from ..content import Knowledge
from ..matcher import Matcher, Outcome
from ..store import Store
from . import texts
from .events import ChatType, Event, Option, Reply

ENTRY_PAYLOAD = "kb:"


class Engine:
    def __init__(self, kb: Knowledge, matcher: Matcher, store: Store) -> None:
        self.kb = kb
        self.matcher = matcher
        self.store = store
        self._commands = {
            "/start": self._welcome,
            "/help": self._help,
            "/hulp": self._help,
            "/vraag": self._question_command,
        }

    def handle(self, event: Event) -> list[Reply]:
        if event.payload is not None:
            return self._choose(event.payload)
        text = (event.text or "").strip()
        if not text:
            return [Reply(texts.EMPTY)]
        if len(text) > texts.MAX_MESSAGE_CHARS:
            return [Reply(texts.TOO_LONG.format(limit=texts.MAX_MESSAGE_CHARS))]
        if text.startswith("/"):
            command, _, rest = text.partition(" ")
            handler = self._commands.get(command.split("@")[0].lower())
            if handler is None:
                return [Reply(texts.UNKNOWN_COMMAND.format(command=command))]
            return handler(event, rest.strip())
        return self.answer(event, text)

    def answer(self, event: Event, question: str) -> list[Reply]:
        """Answer a free question, recording it when the bot had no answer."""
        match = self.matcher.match(question)
        response = respond(match, self.kb)
        if match.outcome is not Outcome.ANSWER:
            best = match.best
            self.store.record_unanswered(
                question,
                match.outcome.value,
                best.entry.id if best else None,
                round(best.score, 3) if best else None,
                event.chat_type.value,
            )
        options = tuple(Option(e.title, ENTRY_PAYLOAD + e.id) for e in response.suggestions)
        text = response.text
        if response.title and options:
            text += "\n\n" + texts.SEE_ALSO
        return [Reply(text, title=response.title, options=options)]

    def _choose(self, payload: str) -> list[Reply]:
        entry = self.kb.entries.get(payload.removeprefix(ENTRY_PAYLOAD))
        if not payload.startswith(ENTRY_PAYLOAD) or entry is None:
            return [Reply(texts.STALE_OPTION)]
        return [Reply(entry_text(entry, self.kb), title=entry.title)]

    def _welcome(self, event: Event, rest: str) -> list[Reply]:
        return [Reply(texts.WELCOME)]

    def _help(self, event: Event, rest: str) -> list[Reply]:
        return [
            Reply(texts.HELP_PRIVATE if event.chat_type is ChatType.PRIVATE else texts.HELP_GROUP)
        ]

    def _question_command(self, event: Event, rest: str) -> list[Reply]:
        if not rest:
            return [Reply(texts.ASK_WHAT)]
        return self.answer(event, rest)
