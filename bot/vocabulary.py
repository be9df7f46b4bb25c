"""The words the engine, the check-ins and the adapters share: what an adapter hands
the engine (Event), what it renders (Reply, Option, Delivery), what comes back through the
door of a durable inbox and outbox (Mail, TurnResult, PressResult), the web pages and
why one is refused (Page, PageRefusal), and what the engine knows while it handles one event
(Turn), and a file a reply carries that is still to be made (Drawing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from .formatting import LABEL_CHARS, shortened
from .records import Conversation, Member


class ChatType(StrEnum):
    PRIVATE = "private"
    GROUP = "group"


@dataclass(frozen=True)
class Event:
    chat_id: str
    user_id: str
    chat_type: ChatType = ChatType.PRIVATE
    text: str | None = None  # a typed message or /command
    payload: str | None = None  # the data of a chosen option
    user_name: str = ""
    chat_title: str = ""  # a group's name
    is_admin: bool = False  # the user administers this group
    replies_to_bot: bool = False  # the message answers one of the bot's
    forwarded: bool = False  # someone else's message passed on: its "/command" is no command
    thread_id: str | None = None  # the topic (thread) of the chat it came from; replies go there


class OptionKind(StrEnum):
    CHOICE = "choice"  # the engine gets its payload back when it is chosen
    LINK = "link"  # a web address, opened outside the chat
    WEB_PAGE = "web_page"  # one of Wijkbot's own pages, opened inside the chat app
    # (Telegram: a Mini App; a transport without such pages leaves it out)


@dataclass(frozen=True)
class Option:
    label: str
    payload: str
    url: str | None = None  # a link (or page) to open instead of a choice
    means: bool | None = None  # the option a typed yes (True) or no (False) chooses
    web_page: bool = False  # `url` is one of Wijkbot's own pages (bot/web)

    @property
    def kind(self) -> OptionKind:
        if self.url is None:
            return OptionKind.CHOICE
        return OptionKind.WEB_PAGE if self.web_page else OptionKind.LINK

    def __post_init__(self) -> None:
        """Every label short enough for a button, cut at a word (the one place for it)."""
        object.__setattr__(self, "label", shortened(self.label, LABEL_CHARS))


class DrawingKind(StrEnum):
    """The files a reply may carry that take a heavy library to make (bot/drawings.py)."""

    PROFILE_CHART = "profile_chart"  # the radar chart of a gemeente's startpositie
    CHECKIN_CHART = "checkin_chart"  # the chart of a closed check-in's results
    REPORT_DOCX = "report_docx"  # the report for the council as a Word document


@dataclass(frozen=True)
class Drawing:
    """A file to make, and how: made once, at `path`, by whoever delivers the reply (the
    Telegram bot in a drawing process beside the engine's turns, so no other chat waits for
    it; the terminal at once). `args` is plain data (JSON), fixed when the turn was taken."""

    kind: DrawingKind
    path: Path
    args: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind.value, "path": str(self.path), "args": self.args}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Drawing:
        return cls(DrawingKind(data["kind"]), Path(data["path"]), data["args"])


Media = Path | Drawing  # a file made already, or one to make


def media_path(media: Media | None) -> Path | None:
    """Where the file is, or will be once made."""
    return media.path if isinstance(media, Drawing) else media


@dataclass(frozen=True)
class Reply:
    text: str
    title: str | None = None  # shown emphasised above the text where the transport can
    options: tuple[Option, ...] = field(default_factory=tuple)
    image: Media | None = None
    document: Media | None = None
    for_everyone: bool = False  # anyone in the chat may choose its options, not only the user
    notice: bool = False  # a note for the user who acted only (Telegram: a toast or a 👍)
    chat_id: str | None = None  # deliver to this chat instead (an answer to a question)


@dataclass(frozen=True)
class Delivery:
    """Replies that no one's message asked for (the clock's), for a chat and the topic
    (thread) in it where they belong (None: the chat itself)."""

    chat_id: str
    replies: list[Reply]
    thread_id: str | None = None


@dataclass(frozen=True)
class Mail:
    """A reply as the outbox keeps it, for one chat, in the order of its id (the body is
    plain data: text, title, media, buttons, the message it answers, the topic)."""

    id: int
    chat_id: str
    body: dict[str, Any]


@dataclass(frozen=True)
class TurnResult:
    """What a turn brought: the notices for the one who acted, and the mail it posted."""

    notices: list[str]  # for the user who acted only: a toast or a 👍
    mail: list[Mail]  # what the turn sends, posted in the outbox


@dataclass(frozen=True)
class PressResult:
    """What a pressed button brought (bot/engine/mailroom.py)."""

    refusal: str | None  # why the press does not count (a toast); None when it does
    label: str = ""  # the pressed choice, to show under its question
    for_anyone: bool = False  # a button anyone in the chat may press (a check-in)
    taken: bool = False  # the engine took the choice (not a stale one)
    done: TurnResult = field(default_factory=lambda: TurnResult([], []))


@dataclass
class Turn:
    event: Event
    conversation: Conversation
    member: Member | None  # None: the user belongs to no gemeente (yet)
    forgotten: bool = False  # the user asked to be forgotten: store nothing more about them

    @property
    def author(self) -> str:
        return self.member.name if self.member else self.event.user_name


class Page(StrEnum):
    STARTPOSITIE = "startpositie"
    VOORTGANG = "voortgang"


class PageRefused(StrEnum):
    NOT_A_MEMBER = "not_a_member"  # of the gemeente the page is for (or of none)
    BAD_INPUT = "bad_input"  # what was sent does not fit the page


@dataclass(frozen=True)
class PageRefusal:
    reason: PageRefused
    message: str  # Dutch, for the user
