"""Telegram updates in, engine events out, replies back: the adapter's only job.

Each handler turns an update into an `Event` and lets the engine handle it in the engine
process: the turn, the tokens for its buttons and the mail it sends are one transaction,
which also marks the update handled. The postman then delivers the mail. Updates that
cause no turn (a refused button, the bot's place in a chat, inline queries) are marked
handled when their handler is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape

from telegram import (
    Bot,
    Chat,
    ChatMember,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import ContextTypes

from ..engine_process import EngineProcess, EngineStopped
from ..vocabulary import ChatType, Event, Reply
from . import calls, texts
from .admins import administers
from .busy import showing
from .inbox import Stored
from .postman import Postman
from .render import html_pieces

log = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
INLINE_MIN_CHARS = 3
NOT_IN_CHAT = (ChatMember.LEFT, ChatMember.BANNED)  # the bot's status when removed or blocked


class Handlers:
    def __init__(
        self,
        engine: EngineProcess,
        bot: Bot,
        clock: Callable[[], datetime],
        tick: float,
        typing_after: float,
        trouble_pause: float,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.tick_seconds = tick
        self.typing_after = typing_after
        self.postman = Postman(bot, engine, typing_after, trouble_pause)
        self._retried: set[int] = set()  # updates tried again after the engine stopped

    # -- messages and buttons -----------------------------------------------------------------

    async def message(self, update: Update, context: Context) -> None:
        """A private message, or a group message meant for the bot (see `filters`)."""
        message = update.effective_message
        assert message is not None and message.text is not None
        text = _without_mention(message.text, context.bot.username)
        group = message.chat.type != Chat.PRIVATE
        event = await self._event(update, context, text=text)
        await self._run(update, context, event, message.id if group else None)

    async def not_text(self, update: Update, context: Context) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, escape(texts.ONLY_TEXT))
        await self._done(update)

    async def button(self, update: Update, context: Context) -> None:
        """A press: checked and taken by the engine in one call; the choice is shown under
        its question only once the engine took it."""
        query = update.callback_query
        assert query is not None and update.effective_chat is not None
        event = await self._event(update, context, payload="")
        where = (update.effective_chat.id, _thread(update))
        async with showing(context.bot, *where, self.typing_after) as started:
            pressed = await self.engine.run(
                calls.press, query.data or "", event, update.update_id, on_start=started
            )
        if pressed.refusal:
            await query.answer(pressed.refusal)
            return
        self.postman.post(pressed.done.mail)
        if pressed.for_anyone:  # a check-in: the engine's notice answers the press
            await query.answer("\n".join(pressed.done.notices) or None)
            return
        await query.answer()
        if pressed.taken:
            await _mark_chosen(query.message, pressed.label)

    async def _run(
        self,
        update: Update,
        context: Context,
        event: Event,
        reply_to: int | None = None,
    ) -> None:
        """The engine's turn; its notices as a 👍, its mail posted."""
        assert update.effective_chat is not None
        where = (update.effective_chat.id, _thread(update))
        async with showing(context.bot, *where, self.typing_after) as engine_started:
            done = await self.engine.run(
                calls.turn, event, update.update_id, reply_to, on_start=engine_started
            )
        self.postman.post(done.mail)
        if done.notices and update.effective_message:
            await _thumbs_up(update.effective_message)

    async def _event(
        self, update: Update, context: Context, text: str | None = None, payload: str | None = None
    ) -> Event:
        chat, user, message = update.effective_chat, update.effective_user, update.effective_message
        assert chat is not None and user is not None
        private = chat.type == Chat.PRIVATE
        replied = message.reply_to_message if message and text is not None else None
        return Event(
            chat_id=str(chat.id),
            user_id=str(user.id),
            chat_type=ChatType.PRIVATE if private else ChatType.GROUP,
            text=text,
            payload=payload,
            user_name=user.full_name,
            chat_title=chat.title or "",
            is_admin=not private
            and (payload is not None or (text or "").startswith("/"))  # a leader's action
            and await administers(context.bot, chat.id, user.id),
            replies_to_bot=bool(
                replied and replied.from_user and replied.from_user.id == context.bot.id
            ),
            forwarded=bool(message and message.forward_origin),
            thread_id=str(thread) if (thread := _thread(update)) else None,
        )

    # -- the clock ----------------------------------------------------------------------------

    async def tick(self, context: Context) -> None:
        """Send what is due (check-in deadlines, reminders, schedules); look again when the next
        thing is due, and at least every `tick_seconds`."""
        wait = self.tick_seconds
        try:
            mail, next_due = await self.engine.run(calls.due, self.clock().isoformat())
            self.postman.post(mail)
            if next_due is not None:
                until = datetime.fromisoformat(next_due) - self.clock()
                wait = min(wait, max(until.total_seconds(), 0.05))
        finally:
            assert context.job_queue is not None
            context.job_queue.run_once(self.tick, wait, name="tick")

    async def contact(self, context: Context) -> None:
        """Ask Telegram who the bot is, and note that it answered (`wijkbot health` reads
        it): long polling that fails keeps retrying quietly, this makes it visible."""
        try:
            await context.bot.get_me()
        except TelegramError as trouble:
            log.warning("Telegram did not answer: %s", trouble)
            return
        await self.engine.run(calls.contact)

    # -- inline mode --------------------------------------------------------------------------

    async def inline_query(self, update: Update, context: Context) -> None:
        query = update.inline_query
        assert query is not None
        question = query.query.strip()
        answers: Sequence[Reply] = []
        if len(question) >= INLINE_MIN_CHARS:
            answers = await self.engine.run(calls.best_answers, question)
        results = [
            InlineQueryResultArticle(
                id=str(number),
                title=answer.title or "",
                description=answer.text[:120],
                input_message_content=InputTextMessageContent(html_pieces(answer)[0]),
            )
            for number, answer in enumerate(answers)
        ]
        start = InlineQueryResultsButton(texts.ASK_IN_PRIVATE, start_parameter="inline")
        try:
            await query.answer(results, cache_time=300, button=start)
        finally:
            await self._done(update)

    # -- the bot's place in chats -------------------------------------------------------------

    async def membership(self, update: Update, context: Context) -> None:
        """The bot was added to or removed from a group, or blocked or unblocked by a user."""
        change = update.my_chat_member
        assert change is not None
        chat = change.chat
        if change.new_chat_member.status in NOT_IN_CHAT:
            await self.postman.gone(chat.id)
            await self._done(update)
            return
        title = chat.title or chat.full_name or ""
        await self.engine.run(calls.note_chat, str(chat.id), chat.type, title)
        joined = change.old_chat_member.status in NOT_IN_CHAT
        if joined and chat.type != Chat.PRIVATE:
            await self._run(update, context, await self._event(update, context, text="/start"))
        else:
            await self._done(update)

    async def migration(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None
        if message.migrate_to_chat_id:
            await self.postman.moved(message.chat.id, message.migrate_to_chat_id)
        elif message.migrate_from_chat_id:
            await self.postman.moved(message.migrate_from_chat_id, message.chat.id)
        await self._done(update)

    async def _done(self, update: Update) -> None:
        """An update that caused no turn is handled once its handler is through."""
        await self.engine.run(calls.handled, update.update_id)

    # -- errors -------------------------------------------------------------------------------

    async def error(self, update: object, context: Context) -> None:
        """Log the traceback. An update whose engine stopped under it is tried once more by
        the new engine (a turn that was stored is not done twice); otherwise the update is
        done with, and the user told politely, without being asked to repeat anything. Network
        trouble while fetching updates (no update) is one line: polling tries again itself."""
        if update is None and isinstance(context.error, NetworkError):
            log.warning("Telegram cannot be reached (%s); polling tries again", context.error)
            return
        log.error("Error while handling %s", update, exc_info=context.error)
        if not isinstance(update, Update):
            return
        if isinstance(context.error, EngineStopped) and update.update_id not in self._retried:
            self._retried.add(update.update_id)
            await context.application.update_queue.put(Stored(update))
            return
        try:
            await self._done(update)
        except Exception as failed:  # the engine itself is down: the update stays unhandled
            log.warning("Could not mark update %s handled: %s", update.update_id, failed)
        if update.effective_chat is None:
            return
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                texts.SOMETHING_WENT_WRONG,
                message_thread_id=_thread(update),
            )
        except TelegramError as failed:
            log.warning("Could not tell the user about the error: %s", failed)


def _thread(update: Update) -> int | None:
    """The forum topic the message (or the message of a pressed button) is in, if any."""
    message = update.effective_message
    return message.message_thread_id if message and message.is_topic_message else None


def _without_mention(text: str, username: str) -> str:
    """'@wijkbot wat is X' -> 'wat is X' (commands keep their '@bot', the engine drops it)."""
    mention = f"@{username}"
    if text.startswith("/") or mention.casefold() not in text.casefold():
        return text
    start = text.casefold().index(mention.casefold())
    return (text[:start] + text[start + len(mention) :]).strip(" ,:")


async def _thumbs_up(message: Message) -> None:
    """Noted, without a message in the chat (groups may not allow reactions)."""
    try:
        await message.set_reaction("👍")
    except TelegramError as refused:
        log.debug("Could not react: %s", refused)


async def _mark_chosen(message: object, label: str) -> None:
    """Show the choice under the question and take its buttons away."""
    if not isinstance(message, Message):
        return
    try:
        if message.text:
            await message.edit_text(f"{message.text_html}\n\n→ {escape(label, quote=False)}")
        else:
            await message.edit_reply_markup(None)
    except BadRequest as refused:  # too old, too long, or already marked
        log.debug("Could not mark the choice: %s", refused.message)
