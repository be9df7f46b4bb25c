"""Replies into a chat, and what to do when Telegram will not take them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from telegram import Bot, ReplyParameters
from telegram.error import ChatMigrated, Forbidden

from ..engine import Reply
from .render import CAPTION_LIMIT, Keyboard, html_pieces, keyboard

log = logging.getLogger(__name__)


class Sender:
    """Text in pieces of at most 4096 characters, images as photos, files as documents.

    A user who blocked the bot or a group that removed it (403) stops the sending and is
    noted; a group that became a supergroup is followed to its new id.
    """

    def __init__(
        self,
        bot: Bot,
        on_gone: Callable[[int], Awaitable[None]],
        on_moved: Callable[[int, int], Awaitable[None]],
    ) -> None:
        self.bot = bot
        self.on_gone = on_gone
        self.on_moved = on_moved

    async def send(
        self,
        chat_id: int,
        replies: Sequence[Reply],
        buttons: Sequence[Keyboard] = (),
        reply_to: int | None = None,
    ) -> None:
        index = 0
        while index < len(replies):
            options = buttons[index] if index < len(buttons) else ()
            try:
                await self._send_one(chat_id, replies[index], options, reply_to)
            except ChatMigrated as moved:
                await self.on_moved(chat_id, moved.new_chat_id)
                chat_id = moved.new_chat_id
                continue
            except Forbidden as refused:
                log.info("Chat %s does not take messages (%s); noted", chat_id, refused.message)
                await self.on_gone(chat_id)
                return
            index += 1
            reply_to = None

    async def _send_one(
        self, chat_id: int, reply: Reply, options: Keyboard, reply_to: int | None
    ) -> None:
        markup = keyboard(options)
        pieces = html_pieces(reply)
        quoting = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
        media = reply.image or reply.document
        if media:
            caption = pieces[0] if len(pieces) == 1 and len(pieces[0]) <= CAPTION_LIMIT else None
            send = self.bot.send_photo if reply.image else self.bot.send_document
            await send(
                chat_id,
                media.read_bytes(),
                caption=caption,
                reply_markup=markup if caption else None,
                reply_parameters=quoting,
                filename=media.name,
            )
            if caption is not None:
                return
            quoting = None
        for number, piece in enumerate(pieces, start=1):
            last = number == len(pieces)
            await self.bot.send_message(
                chat_id, piece, reply_markup=markup if last else None, reply_parameters=quoting
            )
            quoting = None
