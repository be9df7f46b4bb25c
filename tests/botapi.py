"""A stand-in Telegram Bot API on 127.0.0.1, for tests and benchmarks.

It speaks the Bot API over real HTTP (aiohttp), as far as Wijkbot uses it: it hands out
updates the test injects (long polling), keeps the messages the bot sends with their
buttons, records every call with its time, and answers with a 429 or 403 when told to,
or late (a time-out, after Telegram did or did not take the call).

    api = StandInBotAPI()
    await api.start()                    # then WIJKBOT_API_BASE_URL = api.base_url
    api.send_text(ANNA, "/start")        # Anna writes to the bot in private
    [welcome, ask] = await api.wait_for_messages(ANNA.id, 2)

Each injected update has an id (`last_update_id`); tests/telegram_harness.py waits until the
bot is done with it, and so knows that nothing more will come of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

TOKEN = "123456:stand-in-token"
BOT = {"id": 999000, "is_bot": True, "first_name": "Wijkbot", "username": "wijkbot_test_bot"}
SENDS = ("sendMessage", "sendPhoto", "sendDocument")
MEDIA = {"sendPhoto": "photo", "sendDocument": "document"}  # the field a file comes in
JSON_FIELDS = {
    "reply_markup",
    "results",
    "commands",
    "scope",
    "button",
    "reply_parameters",
    "reaction",
}
_ENTITY = re.compile(r"(?P<command>^/\w+(?:@\w+)?)|(?P<mention>@\w+)")


@dataclass(frozen=True)
class User:
    id: int
    first_name: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": False, "first_name": self.first_name}


@dataclass(frozen=True)
class Chat:
    id: int
    type: str = "private"
    title: str = ""
    is_forum: bool = False  # a supergroup with topics

    def as_dict(self) -> dict[str, Any]:
        extra = {"title": self.title} if self.title else {"first_name": "chat"}
        forum = {"is_forum": True} if self.is_forum else {}
        return {"id": self.id, "type": self.type, **extra, **forum}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    files: dict[str, bytes]
    at: float  # time.monotonic() when it arrived
    status: int = 200
    result: Any = None

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None


@dataclass
class Fault:
    method: str
    status: int
    description: str
    times: int
    parameters: dict[str, Any] | None = None  # retry_after, migrate_to_chat_id
    chat_id: int | None = None
    delay: float = 0.0  # seconds before the answer (longer than the bot waits: a time-out)


ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
}


@dataclass
class StandInBotAPI:
    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    blocked: set[int] = field(default_factory=set)  # chats whose sends get a 403
    admins: dict[int, set[int]] = field(default_factory=dict)  # group -> its administrators
    faults: list[Fault] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # file_id -> the file uploaded

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self.last_update_id = 0
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._news = asyncio.Event()
        self._stopping = False
        self._chats: dict[int, Chat] = {}
        self._inboxes: dict[int, asyncio.Queue[dict[str, Any]]] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- server -------------------------------------------------------------------------------

    async def start(self, port: int = 0) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop serving. A getUpdates that waits for news returns now, and so does one
        still on its way in (a bot killed right after asking): the stop waits for every
        request in hand, and would otherwise wait out its long poll (30 s)."""
        self._stopping = True
        self._news.set()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        params, files = await _read(request)
        call = Call(method, params, files, time.monotonic())
        self.calls.append(call)
        fault = self._fault_for(call)
        if fault and fault.status != 200:
            call.status = fault.status
            await asyncio.sleep(fault.delay)
            return _error(fault.status, fault.description, fault.parameters)
        if method == "getUpdates":
            call.result = await self._get_updates(params)
        else:
            call.result = self._answer(method, params, files)
        if fault:  # taken, and answered late
            await asyncio.sleep(fault.delay)
        return web.json_response({"ok": True, "result": call.result})

    def _fault_for(self, call: Call) -> Fault | None:
        if call.method in SENDS and call.chat_id in self.blocked:
            return Fault(call.method, 403, "Forbidden: bot was blocked by the user", 1)
        chat = self._chat(call.chat_id) if call.chat_id is not None else None
        if call.method in SENDS and chat and chat.type != "private" and _web_app(call.params):
            return Fault(call.method, 400, "Bad Request: BUTTON_TYPE_INVALID", 1)  # private only
        media = MEDIA.get(call.method)
        if media and media not in call.files and call.params.get(media) not in self.files:
            return Fault(
                call.method, 400, "Bad Request: wrong file identifier/HTTP URL specified", 1
            )
        thread = call.params.get("message_thread_id")
        if thread and call.chat_id is not None and not self._chat(call.chat_id).is_forum:
            return Fault(call.method, 400, "Bad Request: message thread not found", 1)
        for fault in self.faults:
            if fault.method == call.method and fault.chat_id in (None, call.chat_id):
                fault.times -= 1
                if not fault.times:
                    self.faults.remove(fault)
                return fault
        return None

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and float(params.get("timeout") or 0) > 0 and not self._stopping:
            self._news.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._news.wait(), float(params["timeout"]))
        return self._updates[: int(params.get("limit") or 100)]

    def _answer(self, method: str, params: dict[str, Any], files: dict[str, bytes]) -> Any:
        if method == "getMe":
            return BOT
        if method in SENDS:
            return self._keep(params, self._content(method, params, files))
        if method == "editMessageText":
            message = self.messages[(int(params["chat_id"]), int(params["message_id"]))]
            message["text"] = _visible(params["text"], params)
            message.pop("reply_markup", None)
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        if method == "getChatAdministrators":
            admins = self.admins.get(int(params["chat_id"]), set())
            return [{"status": "administrator", "user": User(a, f"Beheerder {a}").as_dict(),
                     **ADMIN_RIGHTS} for a in sorted(admins)]  # fmt: skip
        if method == "getChatMember":
            user_id = int(params["user_id"])
            if user_id in self.admins.get(int(params["chat_id"]), set()):
                return {"status": "administrator", "user": User(user_id, "Beheerder").as_dict(),
                        **ADMIN_RIGHTS}  # fmt: skip
            return {"status": "member", "user": User(user_id, "Lid").as_dict()}
        if method == "editMessageReplyMarkup":
            message = self.messages[(int(params["chat_id"]), int(params["message_id"]))]
            message.pop("reply_markup", None)
            return message
        return True  # setMyCommands, answerCallbackQuery, sendChatAction, ...

    def _content(
        self, method: str, params: dict[str, Any], files: dict[str, bytes]
    ) -> dict[str, Any]:
        """What was sent; a file uploaded gets a file_id of its own, by which it can be sent
        again (Telegram's file_id)."""
        media = MEDIA.get(method)
        if media is None:
            return {"text": _visible(params.get("text", ""), params)}
        file_id = params.get(media) or f"{media}-{len(self.files) + 1}"
        self.files.setdefault(file_id, files.get(media, b""))
        kept = {"file_id": file_id, "file_unique_id": file_id}
        if media == "photo":
            return {"photo": [{**kept, "width": 800, "height": 800, "file_size": 1}]}
        return {"document": kept}

    def _keep(self, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chat(chat_id).as_dict(),
            "from": BOT,
            **content,
        }
        if "caption" in params:
            message["caption"] = _visible(params["caption"], params)
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        if params.get("message_thread_id"):
            message |= {"message_thread_id": int(params["message_thread_id"])}
            message |= {"is_topic_message": True}
        self.messages[(chat_id, message["message_id"])] = message
        if chat_id in self._inboxes:
            self._inboxes[chat_id].put_nowait(message)
        return message

    def _chat(self, chat_id: int) -> Chat:
        return self._chats.get(chat_id) or Chat(chat_id, "private" if chat_id > 0 else "group")

    # -- what users do ------------------------------------------------------------------------

    def inject(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, **update})
        self._news.set()
        self.last_update_id = update_id
        return update_id

    def send_text(
        self,
        user: User,
        text: str,
        chat: Chat | None = None,
        reply_to: dict[str, Any] | None = None,
        topic: int | None = None,
    ) -> dict[str, Any]:
        """`user` types `text` in `chat` (their private chat with the bot by default), in
        the forum topic `topic` if given."""
        replying = {"reply_to_message": reply_to} if reply_to else {}
        in_topic = {"message_thread_id": topic, "is_topic_message": True} if topic else {}
        content = {"text": text, "entities": _entities(text), **replying, **in_topic}
        return self.send_message(chat or Chat(user.id), user, **content)

    def send_message(self, chat: Chat, user: User, **content: Any) -> dict[str, Any]:
        """Any message: text, a sticker, a migration notice (migrate_to_chat_id=...)."""
        self._chats[chat.id] = chat
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat.as_dict(),
            "from": user.as_dict(),
            **content,
        }
        self.inject({"message": message})
        return message

    def press(self, user: User, message: dict[str, Any], label: str) -> str:
        """`user` presses the button labelled `label` (or starting with it) on `message`;
        the callback query's id."""
        buttons = [b for row in message["reply_markup"]["inline_keyboard"] for b in row]
        button = next(b for b in buttons if b["text"].startswith(label))
        return self.press_data(user, message, button["callback_data"])

    def press_data(self, user: User, message: dict[str, Any], data: str) -> str:
        query_id = str(next(self._update_ids))
        query = {
            "id": query_id,
            "from": user.as_dict(),
            "chat_instance": "1",
            "data": data,
            "message": self.messages.get((message["chat"]["id"], message["message_id"]), message),
        }
        self.inject({"callback_query": query})
        return query_id

    def inline(self, user: User, query: str) -> None:
        self.inject(
            {
                "inline_query": {
                    "id": str(next(self._update_ids)),
                    "from": user.as_dict(),
                    "query": query,
                    "offset": "",
                }
            }
        )

    def bot_membership(self, chat: Chat, by: User, old: str, new: str) -> None:
        """The bot's status in `chat` changes, e.g. 'left' -> 'member' when added."""
        self._chats[chat.id] = chat

        def member(status: str) -> dict[str, Any]:
            banned = {"until_date": 0} if status == "kicked" else {}
            return {"user": BOT, "status": status, **banned}

        self.inject(
            {
                "my_chat_member": {
                    "chat": chat.as_dict(),
                    "from": by.as_dict(),
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    # -- what the test looks at -----------------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        description: str,
        times: int = 1,
        chat_id: int | None = None,
        delay: float = 0.0,
        **parameters: Any,
    ) -> None:
        """The next `times` calls of `method` (to `chat_id`, if given) fail like this, after
        `delay` seconds; `parameters` as Telegram adds them (retry_after=1,
        migrate_to_chat_id=-100...). Status 200: the call is taken, its answer `delay` late."""
        fault = Fault(method, status, description, times, parameters or None, chat_id, delay)
        self.faults.append(fault)

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot delivered (to `chat_id`), as Telegram keeps them, oldest first."""
        delivered = [c for c in self.calls if c.method in SENDS and c.status == 200]
        return [
            self.messages[(c.chat_id, c.result["message_id"])]
            for c in delivered
            if chat_id is None or c.chat_id == chat_id
        ]

    def inbox(self, chat_id: int) -> asyncio.Queue[dict[str, Any]]:
        """Every message the bot sends to the chat from now on, as it arrives."""
        return self._inboxes.setdefault(chat_id, asyncio.Queue())

    def called(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method and c.status == 200]

    def toast(self, query_id: str) -> str:
        """The notice the bot showed for the callback query (empty: none); it answers each
        query once."""
        [answer] = [
            c for c in self.called("answerCallbackQuery")
            if c.params["callback_query_id"] == query_id
        ]  # fmt: skip
        return answer.params.get("text") or ""

    async def wait_for_messages(
        self, chat_id: int, count: int, after: int = 0, timeout: float = 15
    ) -> list[dict[str, Any]]:
        """Wait until the bot has sent at least `count` more messages to the chat than `after`;
        those sent so far. (Whether more are coming is for the caller to know: the bot is done
        with an update, or with a look at the clock, see tests/telegram_harness.py.)"""
        await self.wait_until(lambda: len(self.sent(chat_id)) >= after + count, timeout)
        return self.sent(chat_id)[after:]

    async def wait_until(self, condition: Any, timeout: float = 15, every: float = 0.005) -> None:
        """Until `condition()` holds, asked `every` seconds (more seldom when it reads the
        database: the bot's processes need the cores)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                recent = [(c.method, c.status, c.params.get("text", "")[:60]) for c in self.calls]
                raise AssertionError(f"Timed out; the last calls were {recent[-8:]}")
            await asyncio.sleep(every)


def text_of(message: dict[str, Any]) -> str:
    return message.get("text") or message.get("caption") or ""


def labels(message: dict[str, Any]) -> list[str]:
    markup = message.get("reply_markup") or {"inline_keyboard": []}
    return [b["text"] for row in markup["inline_keyboard"] for b in row]


async def _read(request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
    params: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if request.content_type == "application/json":
        return await request.json(), files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            files[key] = value.file.read()
        else:
            params[key] = _decode(key, str(value))
    return params, files


def _decode(key: str, value: str) -> Any:
    """python-telegram-bot sends objects JSON-encoded in form fields, strings as they are."""
    return json.loads(value) if key in JSON_FIELDS else value


def _visible(text: str, params: dict[str, Any]) -> str:
    """The text as the user sees it: HTML markup rendered away (entities are not kept)."""
    if params.get("parse_mode") != "HTML":
        return text
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def _entities(text: str) -> list[dict[str, Any]]:
    def utf16(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2

    return [
        {
            "type": "bot_command" if m.lastgroup == "command" else "mention",
            "offset": utf16(m.start()),
            "length": utf16(m.end()) - utf16(m.start()),
        }
        for m in _ENTITY.finditer(text)
    ]


def _web_app(params: dict[str, Any]) -> bool:
    markup = params.get("reply_markup") or {}
    return any("web_app" in b for row in markup.get("inline_keyboard", []) for b in row)


def _error(status: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)
