"""Delivers the outbox: each chat's mail in order, every chat on its own.

A chat that waits (for its rate limit, or for Telegram to come back) holds back no other
chat: each chat with mail has a task of its own. What Telegram cannot take yet is tried
again for as long as it takes (a 429 after its retry_after, a 5xx or a time-out with a
growing pause); only a definite refusal ends a message, each as what it is:
- the user blocked the bot, or the group removed it: that chat's mail is dropped, noted;
- no rights to send photos or files: the text goes alone;
- the message to quote is gone: sent without the quote;
- the forum topic is gone: sent to the group itself;
- a group that became a supergroup: followed to its new id.

Replies posted together to one chat go as one message where they fit in one (a step's
introduction and its first question, "Genoteerd" and the next question, an answer and the
options asked again): one notification, the buttons under the last. Only a reply without
buttons or media is joined to the one after it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Bot, ReplyParameters
from telegram.constants import ChatAction
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from ..engine_process import EngineDown, EngineProcess, EngineStopped
from ..vocabulary import ChatType, Mail, Reply, media_path
from . import calls
from .busy import showing
from .config import TROUBLE_PAUSE
from .render import CAPTION_LIMIT, TEXT_LIMIT, Keyboard, html_pieces, keyboard

log = logging.getLogger(__name__)

LONGEST_PAUSE = 60.0  # seconds between tries when Telegram has trouble, at most
ENGINE_PAUSE = 0.25  # seconds between tries to note receipts while the engine starts again
GONE = ("blocked", "kicked", "not a member", "deactivated", "chat not found", "was deleted")
KEPT_FILES = 256  # the file_ids of files sent, remembered at most
NO_MEDIA = ("rights to send", "not enough rights", "photos", "documents")


Message = tuple[Mail, ...]  # the letters that go as one Telegram message


class ChatGone(Exception):
    """The chat takes no messages from the bot any more."""


class Receipts:
    """Mail that Telegram took, noted delivered in the outbox: all that was delivered while
    the last note was under way goes in one call and one transaction. A chat's next message
    does not wait for the note; should the bot stop hard before it is written, the message
    goes out again after the restart (as it would have without the wait)."""

    def __init__(self, engine: EngineProcess, noted: Callable[[list[int]], object]) -> None:
        self.engine = engine
        self.noted = noted  # told the mail ids once they are noted
        self._waiting: list[int] = []
        self._noting: asyncio.Task[None] | None = None

    def note(self, mail_id: int) -> None:
        self._waiting.append(mail_id)
        if self._noting is None:
            self._noting = asyncio.create_task(self._note_all(), name="receipts")

    async def flush(self) -> None:
        """Until every receipt so far is noted (at a stop, before the engine closes)."""
        if self._noting is not None:
            await self._noting

    async def _note_all(self) -> None:
        try:
            while self._waiting:
                mail_ids, self._waiting = self._waiting, []
                try:
                    await self.engine.run(calls.delivered, mail_ids)
                except EngineDown:
                    log.warning("Could not note %d messages delivered", len(mail_ids))
                    return
                except (EngineStopped, OSError):  # it starts again (a closed pipe till then)
                    self._waiting[:0] = mail_ids
                    await asyncio.sleep(ENGINE_PAUSE)
                    continue
                self.noted(mail_ids)
        finally:
            self._noting = None


class Postman:
    def __init__(
        self,
        bot: Bot,
        engine: EngineProcess,
        showing_after: float = 0.1,
        trouble_pause: float = TROUBLE_PAUSE,
    ) -> None:
        self.bot = bot
        self.engine = engine
        self.showing_after = showing_after  # s a drawing takes before the chat shows it
        self.trouble_pause = trouble_pause  # s before a send Telegram had trouble with goes again
        self._queues: dict[str, deque[Message]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._seen: set[int] = set()  # mail queued and not yet settled
        self.receipts = Receipts(engine, self._seen.difference_update)
        self._file_ids: dict[tuple[str, int, int], str] = {}  # files Telegram has (_send_file)

    def post(self, mail: list[Mail]) -> None:
        """Deliver this mail (once, however often it is posted), after what the chat has;
        letters posted together go as one message where they can (`_joins`)."""
        added: dict[str, Message] = {}  # per chat, the message this post added last
        for letter in mail:
            if letter.id in self._seen:
                continue
            self._seen.add(letter.id)
            queue = self._queues.setdefault(letter.chat_id, deque())
            before = added.get(letter.chat_id)
            if before is not None and before is queue[-1] and _joins(before, letter):
                queue[-1] = (*before, letter)
            else:
                queue.append((letter,))
            added[letter.chat_id] = queue[-1]
            if letter.chat_id not in self._tasks:
                task = asyncio.create_task(
                    self._round(letter.chat_id), name=f"mail {letter.chat_id}"
                )
                self._tasks[letter.chat_id] = task

    async def gone(self, chat_id: int) -> None:
        """The chat takes nothing more from the bot: a user blocked it, a group removed it."""
        chat_type = ChatType.PRIVATE if chat_id > 0 else ChatType.GROUP  # by Telegram's ids
        await self.engine.run(calls.leave_chat, str(chat_id), chat_type)

    async def moved(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup, under a new id."""
        await self.engine.run(calls.move_chat, str(old_id), str(new_id))

    @property
    def busy(self) -> bool:
        """Some chat's mail is not out yet."""
        return bool(self._tasks)

    async def stop(self) -> None:
        """Stop delivering; what is not out stays in the outbox for the next start."""
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()
        self._queues.clear()
        await self.receipts.flush()

    async def _round(self, chat_id: str) -> None:
        queue = self._queues[chat_id]
        try:
            while queue:
                message = queue.popleft()
                try:
                    await self._deliver(message)
                except ChatGone as gone:
                    await self._drop_all(message, queue, str(gone))
        finally:
            self._tasks.pop(chat_id, None)
            if not queue:
                self._queues.pop(chat_id, None)

    async def _deliver(self, message: Message) -> None:
        chat = int(message[0].chat_id)
        body = await self._drawn(chat, _joined(message))
        pause = self.trouble_pause
        while True:
            try:
                await self._send(chat, body)
            except RetryAfter as wait:
                await asyncio.sleep(_seconds(wait.retry_after))
                continue
            except ChatMigrated as moved:
                await self.moved(chat, moved.new_chat_id)
                chat = moved.new_chat_id
                continue
            except Forbidden as refused:
                if (text_only := await self._refused(chat, body, refused.message)) is None:
                    raise ChatGone(refused.message) from refused
                body = text_only
                continue
            except BadRequest as refused:
                if (retry := _without(body, refused.message)) is None:
                    log.warning("Telegram refused a message to %s: %s", chat, refused.message)
                    await self._drop(message, refused.message)
                    return
                body = retry
                continue
            except NetworkError as trouble:  # 5xx, time-outs, no connection
                log.warning(
                    "Telegram did not take a message to %s (%s); trying again", chat, trouble
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)
                continue
            for letter in message:
                self.receipts.note(letter.id)  # settled once noted
            return

    async def _drawn(self, chat: int, body: dict[str, Any]) -> dict[str, Any]:
        """The mail with its file made, when it carries one still to make (a chart, a
        report: bot/drawings.py). The engine has it made beside its turns (`aside`: the
        drawing process, bot/drawing_process.py) while they and other chats' mail go on;
        this chat's later mail waits behind it, and the chat shows "sending a photo/file…"
        once that takes a while (waiting behind other drawings counts: the user waits for
        it all the same). One that cannot be made: the text alone."""
        recipe = body.get("drawing")
        if not recipe or Path(recipe["path"]).exists():
            return body
        action = ChatAction.UPLOAD_PHOTO if body.get("image") else ChatAction.UPLOAD_DOCUMENT
        thread = int(body["thread"]) if body.get("thread") else None
        try:
            async with showing(self.bot, chat, thread, self.showing_after, action) as waiting:
                waiting()
                await self.engine.run(calls.draw, recipe)
        except Exception:
            log.exception("Could not make %s; the message goes without it", recipe["path"])
            return {**body, "image": None, "document": None}
        return body

    async def _refused(self, chat: int, body: dict[str, Any], reason: str) -> dict[str, Any] | None:
        """A 403: the text alone when the chat only refuses media, else None (gone)."""
        lowered = reason.casefold()
        media = body.get("image") or body.get("document")
        if media and not any(g in lowered for g in GONE) and any(m in lowered for m in NO_MEDIA):
            return {**body, "image": None, "document": None}
        await self.gone(chat)
        return None

    async def _drop_all(self, first: Message, queue: deque[Message], reason: str) -> None:
        log.info("Chat %s takes no messages (%s); its mail is dropped", first[0].chat_id, reason)
        await self._drop(first, reason)
        while queue:
            await self._drop(queue.popleft(), reason)

    async def _drop(self, message: Message, reason: str) -> None:
        for letter in message:
            await self.engine.run(calls.dropped, letter.id, reason)
            self._seen.discard(letter.id)  # settled: it will not be posted again

    async def _send(self, chat: int, body: dict[str, Any]) -> None:
        reply = _reply(body)
        buttons: Keyboard = [tuple(b) for b in body.get("keyboard", [])]
        markup = keyboard(buttons)
        pieces = html_pieces(reply)
        if body.get("lead"):  # the letters joined before it (`_joined`)
            pieces[0] = f"{body['lead']}\n\n{pieces[0]}"
        quote = body.get("reply_to")
        quoting = ReplyParameters(quote, allow_sending_without_reply=True) if quote else None
        thread = int(body["thread"]) if body.get("thread") else None  # a forum topic
        media = media_path(reply.image or reply.document)
        if media:
            caption = pieces[0] if len(pieces) == 1 and len(pieces[0]) <= CAPTION_LIMIT else None
            await self._send_file(
                chat,
                media,
                bool(reply.image),
                caption=caption,
                reply_markup=markup if caption else None,
                reply_parameters=quoting,
                message_thread_id=thread,
            )
            if caption is not None:
                return
            quoting = None
        for number, piece in enumerate(pieces, start=1):
            last = number == len(pieces)
            await self.bot.send_message(
                chat,
                piece,
                reply_markup=markup if last else None,
                reply_parameters=quoting,
                message_thread_id=thread,
            )
            quoting = None

    async def _send_file(self, chat: int, media: Path, photo: bool, **options: Any) -> None:
        """A file Telegram has from an earlier message goes again by its file_id, without an
        upload (a chart shown to a gemeente's members the same day); a file it does not know
        (any more) is uploaded, and the file_id it gets kept."""
        send = self.bot.send_photo if photo else self.bot.send_document
        stat = media.stat()
        key = (str(media), stat.st_mtime_ns, stat.st_size)  # a file written anew is new
        if (file_id := self._file_ids.get(key)) is not None:
            try:
                await send(chat, file_id, **options)
                return
            except BadRequest as refused:
                if "file" not in refused.message.casefold():
                    raise
                self._file_ids.pop(key, None)
        sent = await send(chat, media.read_bytes(), filename=media.name, **options)
        kept = sent.photo[-1] if sent.photo else sent.document
        if kept is not None:
            self._file_ids[key] = kept.file_id
            if len(self._file_ids) > KEPT_FILES:  # the oldest is forgotten
                self._file_ids.pop(next(iter(self._file_ids)))


def _reply(body: dict[str, Any]) -> Reply:
    return Reply(
        body["text"],
        title=body.get("title"),
        image=Path(body["image"]) if body.get("image") else None,
        document=Path(body["document"]) if body.get("document") else None,
    )


def _joins(message: Message, letter: Mail) -> bool:
    """Whether `letter` can go in one message with the letters before it: none of them has
    buttons or media, neither has it, they go to the same topic, it quotes nothing, and
    all of it fits in one message."""
    last = message[-1].body
    if last.get("keyboard") or _media(last) or _media(letter.body):
        return False
    if letter.body.get("reply_to") or letter.body.get("thread") != last.get("thread"):
        return False
    html = [html_pieces(_reply(m.body)) for m in (*message, letter)]
    return all(len(p) == 1 for p in html) and sum(len(p[0]) + 2 for p in html) <= TEXT_LIMIT


def _joined(message: Message) -> dict[str, Any]:
    """One body for the letters of a message: the last one's, after the others' text
    (`lead`), quoting what the first quotes."""
    *before, last = message
    body = dict(last.body)
    if before:
        body["lead"] = "\n\n".join(html_pieces(_reply(m.body))[0] for m in before)
        body["reply_to"] = before[0].body.get("reply_to")
    return body


def _media(body: dict[str, Any]) -> bool:
    return bool(body.get("image") or body.get("document"))


def _without(body: dict[str, Any], reason: str) -> dict[str, Any] | None:
    """A 400 that sending differently would avoid: media the chat does not allow (the text
    goes alone), a quoted message that is gone; None when nothing would help."""
    lowered = reason.casefold()
    if (body.get("image") or body.get("document")) and any(m in lowered for m in NO_MEDIA):
        return {**body, "image": None, "document": None}
    if body.get("reply_to") and "repl" in lowered:
        return {**body, "reply_to": None}
    if body.get("thread") and "thread" in lowered:  # the topic was deleted: to the group
        return {**body, "thread": None}
    return None


def _seconds(retry_after: object) -> float:
    total = getattr(retry_after, "total_seconds", None)
    return float(total()) if callable(total) else float(retry_after)  # type: ignore[arg-type]
