"""Who administers a group: asked of Telegram at the moment it matters.

A leader's action (a command or a button in a group) asks Telegram afresh whether the user
administers the group (getChatMember), so an administrator who was demoted a minute ago is
not one any more. Other group messages need no answer to it.
"""

from __future__ import annotations

from telegram import Bot, ChatMember
from telegram.error import TelegramError

ADMINISTRATORS = (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def administers(bot: Bot, chat_id: int, user_id: int) -> bool:
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramError:
        return False
    return member.status in ADMINISTRATORS
