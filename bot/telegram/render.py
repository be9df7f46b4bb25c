"""A Reply as Telegram shows it: HTML text in pieces that fit, and a keyboard of buttons."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, WebAppInfo
from telegram.constants import MessageLimit, ParseMode
from telegram.ext import Defaults

from ..vocabulary import Reply

TEXT_LIMIT = MessageLimit.MAX_TEXT_LENGTH  # 4096
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH  # 1024
ROW_CHARS = 24  # short labels share a row up to this many characters ...
ROW_BUTTONS = 4  # ... and this many buttons
BREAKS = ("\n\n", "\n", " ")  # where a long text is cut, best first

# every message as HTML (html_pieces), and no previews of the links a text holds
DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
)


def html_pieces(reply: Reply, limit: int = TEXT_LIMIT) -> list[str]:
    """The reply as HTML, its title in bold, cut into pieces of at most `limit` characters.

    Everything the engine says is escaped, so text a user typed can never become markup.
    """
    pieces = split_text(reply.text, limit)
    if reply.title:
        header = f"<b>{escape(reply.title, quote=False)}</b>"
        if len(header) + 2 + len(pieces[0]) <= limit:
            pieces[0] = f"{header}\n\n{pieces[0]}" if pieces[0] else header
        else:
            pieces.insert(0, header[:limit])
    return pieces


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Escaped pieces of `text`, cut at paragraph ends where possible, then at line ends,
    then between words, and only as a last resort inside a word."""
    pieces: list[str] = []
    rest = text.strip()
    while len(escape(rest, quote=False)) > limit:
        fits = _longest_prefix(rest, limit)
        for mark in BREAKS:
            cut = rest.rfind(mark, 0, fits + 1)
            if cut > 0:
                break
        if cut <= 0:
            cut = fits
        pieces.append(escape(rest[:cut].rstrip(), quote=False))
        rest = rest[cut:].lstrip()
    pieces.append(escape(rest, quote=False))
    return pieces


def _longest_prefix(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` once escaped (&amp; is five long)."""
    sizes = range(min(len(text), limit) + 1)
    return bisect_right(sizes, limit, key=lambda n: len(escape(text[:n], quote=False))) - 1


# (label, token, url, a Mini App?) per option; mail kept before Mini Apps has no fourth
Keyboard = Sequence[tuple[str, str | None, str | None, bool] | tuple[str, str | None, str | None]]


def keyboard(buttons: Keyboard) -> InlineKeyboardMarkup | None:
    """Buttons (a token, a link, or a Mini App): short labels side by side, long ones a row
    each."""
    rows: list[list[InlineKeyboardButton]] = []
    for label, token, url, *mini_app in buttons:
        if url and any(mini_app):
            button = InlineKeyboardButton(label, web_app=WebAppInfo(url))
        elif url:
            button = InlineKeyboardButton(label, url=url)
        else:
            button = InlineKeyboardButton(label, callback_data=token)
        row = rows[-1] if rows else []
        used = sum(len(b.text) for b in row)
        if row and len(row) < ROW_BUTTONS and used + len(label) <= ROW_CHARS:
            row.append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows) if rows else None
