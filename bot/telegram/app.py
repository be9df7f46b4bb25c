"""The python-telegram-bot Application: settings, handlers, command menus, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlparse

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Message,
    Update,
)
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from ..engine.commands import Menu
from ..engine_process import EngineDown, EngineProcess
from . import calls, texts
from .config import Settings, Webhook
from .handlers import Handlers
from .inbox import DurableQueue, FetchingRequest, Stored
from .ordering import PerChatOrder
from .render import DEFAULTS
from .transport import AiohttpRequest

log = logging.getLogger(__name__)

# Updates handled at once, and HTTP connections to the Bot API. A small pool is faster
# (bench/throughput.py, when the calls went through httpx, which looks through its whole
# pool for every request: an echo bot handled 90 updates/s with 256 connections, 280 with
# 32, 340 with 8); 8 carry Telegram's 30 sends a second many times over.
CONCURRENT_UPDATES = 32
CONNECTIONS = 8
POOL_TIMEOUT = 30  # seconds a call may wait for a connection
CONTACT_EVERY = 60  # seconds between two checks that Telegram answers (wijkbot health)
FIRST_PAUSE, LONGEST_PAUSE = 1.0, 60.0  # seconds between tries to reach Telegram at start-up
SCOPES = {  # where Telegram shows each of the engine's menus
    Menu.PRIVATE: BotCommandScopeAllPrivateChats(),
    Menu.GROUP: BotCommandScopeAllGroupChats(),
    Menu.GROUP_ADMIN: BotCommandScopeAllChatAdministrators(),
}
UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY, Update.MY_CHAT_MEMBER]


class _AddressedToBot(filters.MessageFilter):
    """A group message that mentions the bot or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        mentions = message.parse_entities(["mention"]).values()
        return any(m.casefold() == f"@{bot.username}".casefold() for m in mentions)


class TokenRefused(RuntimeError):
    """Telegram does not know the token: trying again will not help."""


class PatientApplication(Application):
    """An Application that waits for Telegram at start-up: while the network is down (or
    Telegram is), the first call (getMe) is tried again with a growing pause, one log line
    per try, until it answers or the bot is stopped. A refused token ends it at once,
    without python-telegram-bot's traceback (which would show the token); so does whatever
    `while_waiting` raises between tries (the engine that cannot load the content)."""

    while_waiting: Callable[[], None] | None = None

    async def initialize(self) -> None:
        try:
            await self._reach_telegram()
        except BaseException:  # the bot does not start: its connections close
            await self.bot.shutdown()
            raise

    async def _reach_telegram(self) -> None:
        pause = FIRST_PAUSE
        while True:
            try:
                await super().initialize()
                return
            except InvalidToken:
                raise TokenRefused("Telegram refused TELEGRAM_BOT_TOKEN") from None
            except NetworkError as trouble:
                log.warning(
                    "Telegram cannot be reached (%s); trying again in %.0f s", trouble, pause
                )
            if self.while_waiting:
                self.while_waiting()
            await asyncio.sleep(pause)
            pause = min(pause * 2, LONGEST_PAUSE)


class SendLimiter(AIORateLimiter):
    """python-telegram-bot's rate limiter for the messages the bot sends, which is what
    Telegram limits (30 a second, 20 a minute to a group); asking Telegram something about
    a group (is this user an administrator?) or answering a button press spends none of it.

    Also no more calls at once than there are connections: each chat's mail is sent by a
    task of its own, and hundreds of them waiting in the HTTP client's pool cost more than
    the calls themselves (httpcore looked through every waiting request whenever one
    connection freed). A call waits here only once its chat's limit let it through."""

    def __init__(self, *args: Any, connections: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._connections = asyncio.Semaphore(connections)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        async def call(*args: Any, **kwargs: Any) -> bool | dict[str, Any] | list[dict[str, Any]]:
            async with self._connections:
                return await callback(*args, **kwargs)

        if not endpoint.startswith("send") or endpoint == "sendChatAction":
            return await call(*args, **kwargs)
        return await super().process_request(call, args, kwargs, endpoint, data, rate_limit_args)


class _CommandForBot(filters.MessageFilter):
    """A group command addressed to this bot by name ("/onbekend@wijkbot")."""

    def filter(self, message: Message) -> bool:
        first = (message.text or "").split(maxsplit=1)[0] if message.text else ""
        _, _, addressee = first.partition("@")
        own = message.get_bot().username or ""
        return bool(addressee) and addressee.casefold() == own.casefold()


def build_application(settings: Settings, engine: EngineProcess) -> Application:
    """The bot; its engine process is told who the bot is in `post_init` (it was launched
    before, to load the content meanwhile), and with it come the handlers (the command list
    is the engine's), the updates a stop left unhandled and the mail it left undelivered."""

    handlers: list[Handlers] = []
    served: list[Any] = []  # the web pages' runner, when served beside the bot
    describing: list[asyncio.Task[None]] = []  # the menus, set while updates come in

    async def post_init(app: Application) -> None:
        bot = app.bot
        await engine.start(bot.username, on_down=app.stop_running)
        commands, menus = await engine.run(calls.begin)
        handler = Handlers(
            engine,
            bot,
            settings.clock,
            settings.tick_seconds,
            settings.typing_after,
            settings.trouble_pause,
        )
        handlers.append(handler)
        app.bot_data["postman"] = handler.postman
        register(app, handler, commands)
        waiting, mail = await engine.run(calls.unhandled)  # what a stop left behind
        handler.postman.post(mail)
        if settings.webapp is not None:
            from .pages import serve_beside  # aiohttp, only when the pages are served

            served.append(await serve_beside(settings, engine, handler.postman))
        for body in waiting:
            await app.update_queue.put(Stored(Update.de_json(body, bot)))
        assert app.job_queue is not None
        app.job_queue.run_once(handler.tick, 0, name="tick")
        await engine.run(calls.contact)  # initialize() just reached Telegram (getMe)
        app.job_queue.run_repeating(handler.contact, CONTACT_EVERY, name="contact")
        # the menus go to Telegram beside the first updates, not before them
        describing.append(asyncio.create_task(_describe(bot, menus), name="menus"))
        log.info("Wijkbot runs as @%s (engine: process %s)", bot.username, engine.pid)

    async def stop_describing(app: Application) -> None:
        """Before python-telegram-bot closes its connections: the menus still unset are
        set at the next start."""
        for task in describing:
            task.cancel()
        await asyncio.gather(*describing, return_exceptions=True)

    async def post_shutdown(app: Application) -> None:
        await stop_describing(app)
        for runner in served:
            await runner.cleanup()
        for handler in handlers:
            await handler.postman.stop()
        await engine.close()

    queue = DurableQueue(engine)
    app = (
        application_builder(settings)
        .update_queue(queue)
        .get_updates_request(FetchingRequest(queue))
        .post_init(post_init)
        .post_stop(stop_describing)
        .post_shutdown(post_shutdown)
        .build()
    )
    assert isinstance(app, PatientApplication)
    app.while_waiting = engine.check_loaded  # content that does not load ends the wait
    return app


def application_builder(settings: Settings) -> ApplicationBuilder:
    """Everything about the Application but its handlers (the echo bot of bench/ shares it)."""
    limits = settings.rate_limits
    return (
        Application.builder()
        .application_class(PatientApplication)
        .token(settings.token)
        .base_url(settings.api_base_url)
        .defaults(DEFAULTS)
        .rate_limiter(
            SendLimiter(
                overall_max_rate=limits.burst,
                overall_time_period=limits.burst / limits.per_second,
                group_max_rate=limits.group_burst,
                group_time_period=limits.group_burst * 60 / limits.per_group_minute,
                max_retries=limits.retries,
                connections=CONNECTIONS,
            )
        )
        .concurrent_updates(PerChatOrder(CONCURRENT_UPDATES))
        .request(AiohttpRequest(CONNECTIONS, POOL_TIMEOUT))
        .get_updates_request(AiohttpRequest(1))
    )


async def _describe(bot: Bot, menus: dict[Menu, list[tuple[str, str]]]) -> None:
    """The engine's command menus, where Telegram shows each, and the bot's descriptions."""
    try:
        for menu, scope in SCOPES.items():
            await bot.set_my_commands([BotCommand(*c) for c in menus[menu]], scope=scope)
        await bot.set_my_description(texts.DESCRIPTION)
        await bot.set_my_short_description(texts.SHORT_DESCRIPTION)
    except TelegramError as trouble:  # the menus stay as they were; set at the next start
        log.warning("Could not set the command menus: %s", trouble)


def register(app: Application, handlers: Handlers, commands: list[str]) -> None:
    """All handlers, in the order python-telegram-bot tries them (the first that fits
    handles an update): every text in a private chat goes to the engine; in a group, the
    engine's commands, a command of any other name addressed to this bot (it gets "unknown
    command"), and messages that mention or reply to the bot; then the rest."""
    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    app.add_handler(MessageHandler(private & filters.TEXT, handlers.message))
    app.add_handler(CommandHandler(commands, handlers.message, filters=groups))
    app.add_handler(MessageHandler(groups & filters.COMMAND & _CommandForBot(), handlers.message))
    addressed = groups & filters.TEXT & ~filters.COMMAND & _AddressedToBot()
    app.add_handler(MessageHandler(addressed, handlers.message))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.migration))
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, handlers.not_text))
    app.add_handler(CallbackQueryHandler(handlers.button))
    app.add_handler(InlineQueryHandler(handlers.inline_query))
    app.add_handler(ChatMemberHandler(handlers.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_error_handler(handlers.error)


def run_bot(settings: Settings, engine: EngineProcess) -> None:
    """Long polling, or a webhook server when WIJKBOT_WEBHOOK_URL is set; until stopped.
    Network trouble is tried again for as long as it lasts (getUpdates by python-telegram-bot,
    after a growing pause up to 30 s), one log line per try (Handlers.error). The engine
    process is best launched before python-telegram-bot is even imported (`wijkbot run`)."""
    engine.launch()
    app = build_application(settings, engine)
    if settings.webhook is None:
        app.run_polling(
            allowed_updates=UPDATES, timeout=settings.poll_timeout, bootstrap_retries=-1
        )
    else:
        app.run_webhook(bootstrap_retries=-1, **webhook_options(settings.webhook))
    if engine.down:  # it stopped and could not start again (logged): exit with an error
        raise EngineDown


def webhook_options(hook: Webhook) -> dict[str, Any]:
    """How the webhook server listens, and what Telegram is told (setWebhook)."""
    return {
        "listen": hook.listen,
        "port": hook.port,
        "url_path": urlparse(hook.url).path.lstrip("/"),
        "webhook_url": hook.url,
        "secret_token": hook.secret_token,
        "allowed_updates": UPDATES,
    }
