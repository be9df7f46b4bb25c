"""The engine in a process of its own, its calls handled one after another: the door the
adapters that serve many users at once (Telegram, the web pages) go through.

The engine is synchronous and CPU-bound (SQLite, matching). In a thread it would
share the GIL with python-telegram-bot and the two would take turns; in a process of its own
the adapter keeps receiving and sending while the engine works, on another core.

Calls go down a pipe that the event loop itself watches (no helper thread, whose every
hand-over would wait for the GIL), and may queue up there: the engine never waits for the
adapter between two calls. A call is a function of an adapter's `calls` module; it runs in
the engine process with that process's `Services`, one after another in the order the calls
went in. Except a call marked `aside` (a chart, a report: up to a second or two of
matplotlib or python-docx, in a drawing process of its own: bot/drawing_process.py): one
worker thread takes those in turn, beside the others, so that no turn waits for a drawing.
Each call carries an id and its outcome comes back with it, so an aside call's outcome may
come before or after those of calls sent around it.

The process starts as soon as it is made (`launch`): while the adapter imports its own
libraries and reaches Telegram, the engine loads the content on the other core. `wijkbot
run` forks it before anything else runs; a process started later, beside the event loop,
is a fresh interpreter ("spawn"), which imports only what the engine needs; the tests
choose a fork server that has the content loaded already (`start_method`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import logging
import multiprocessing
import os
import signal
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from .engine.operators import Operators

if TYPE_CHECKING:
    from .content import Knowledge
    from .services import AsideServices, Services

T = TypeVar("T")
Request = tuple[int, Callable[..., Any], tuple[Any, ...]]  # an id, a call and its arguments
Outcome = tuple[bool, Any]  # (True, a result) or (False, (an error, where it happened))
LOADED = 0  # the id of the engine's first word: whether it loaded the content
log = logging.getLogger(__name__)

WARM_AFTER = 0.5  # s without a call before the engine loads its libraries for first use
# s without an aside call (a drawing) before the drawing process ends, and what it loaded
# with it: a burst of charts is drawn by one, an idle bot is light
REST_AFTER = 5.0
# Calls marked `together` share a transaction: at most this many (half the updates the
# adapter handles at once, so that it gets outcomes back while the engine works on the
# rest), or for this long
TOGETHER_MOST = 16
TOGETHER_LONGEST = 0.05  # seconds


class EngineStopped(RuntimeError):
    """The engine process ended while a call was waiting for it."""


class EngineDown(EngineStopped):
    """The engine process stopped and could not start again: every call fails at once."""

    def __init__(self) -> None:
        super().__init__("the engine process stopped and could not start again")


class EngineNotStarted(RuntimeError):
    """The engine could not start, e.g. because its content does not load (the message
    says why)."""


class RemoteTraceback(Exception):
    """Where an engine call failed, in the engine process (the cause of the error raised)."""


class _Waiting(NamedTuple):
    """A call sent to the engine, until its outcome comes back."""

    future: asyncio.Future[Any]
    on_start: Callable[[], object] | None
    line: deque[int]  # the calls taken up in turn with it (aside or not), by id


class EngineProcess:
    start_method = "spawn"

    def __init__(
        self,
        db_path: Path,
        operators: Operators,
        pages_url: str = "",
        bot: bool = False,
        rest_after: float = REST_AFTER,
    ) -> None:
        self.db_path = db_path
        self.operators = operators
        self.rest_after = rest_after  # s without a drawing before the drawing process ends
        self.pages_url = pages_url  # where the web pages are served ("": not offered)
        self.bot = bot  # it serves the Telegram bot: its start is noted for `wijkbot health`
        self.down = False  # stopped, and could not start again: every call fails at once
        self._started = self._closing = self._was_up = False
        self._waiting: dict[int, _Waiting] = {}
        self._lines: tuple[deque[int], deque[int]] = (deque(), deque())  # in turn; aside
        self._ids = itertools.count(LOADED + 1)
        self._process: multiprocessing.process.BaseProcess | None = None
        self._bot_username = ""
        self._on_down: Callable[[], object] | None = None
        self._restarting: asyncio.Task[None] | None = None
        self._first_word: list[Any] | None = None  # [loaded, why not], read before `start`

    def launch(self, method: str | None = None) -> None:
        """Start the process, which loads the content and then waits to hear who the bot is
        (`start`); needs no event loop, so an adapter calls it first of all. There, nothing
        else runs yet, and it may be forked (`method`): the engine then starts with what
        this process has imported, instead of a fresh interpreter importing it again (about
        0.3 s). A start later, beside a running event loop, uses `start_method`."""
        if self._process is not None:
            return
        context: Any = multiprocessing.get_context(method or self.start_method)
        self._first_word = None
        self._pipe, theirs = context.Pipe()
        # a forked engine holds the adapter's end too, and would never see the adapter go
        # unless it closes it first
        ours = self._pipe if context.get_start_method() == "fork" else None
        settings = (str(self.db_path), self.operators, self.pages_url, self.bot, self.rest_after)
        opened = (theirs, ours, *settings)
        self._process = context.Process(target=_serve, args=opened, name="wijkbot-engine")
        if ours is not None:  # forked: what both have stays shared, untouched by collections
            gc.freeze()
        self._process.start()
        theirs.close()

    async def start(self, bot_username: str, on_down: Callable[[], object] | None = None) -> None:
        """Tell the process who the bot is and wait until it has loaded the content; raises
        EngineNotStarted with the reason when it could not. Should the process stop later,
        it is started again; should that fail, `on_down` is told (the adapter stops)."""
        self.launch()
        self._was_up = False  # until this process has loaded the content
        self._bot_username, self._on_down = bot_username, on_down
        try:
            self._pipe.send(bot_username)  # before any call: it opens the database with it
        except OSError:
            raise EngineStopped("the engine process ended at its start") from None
        loop = asyncio.get_running_loop()
        loaded: asyncio.Future[None] = loop.create_future()
        if self._first_word is None:  # its first word: loaded, or why not
            self._waiting[LOADED] = _Waiting(loaded, None, self._lines[0])
            self._lines[0].append(LOADED)
        else:
            self._settle(loaded, *self._first_word)
        loop.add_reader(self._pipe.fileno(), self._receive)
        self._started = True
        await loaded
        self._was_up = True

    def check_loaded(self) -> None:
        """Raise EngineNotStarted now if the process has already said it cannot load the
        content; for an adapter still waiting for Telegram, so an operator need not wait for
        the network to learn that the content is broken."""
        try:
            if self._first_word is None and self._pipe.poll():
                _, *self._first_word = self._pipe.recv()
        except (EOFError, OSError):
            raise EngineStopped("the engine process ended at its start") from None
        if self._first_word is not None and not self._first_word[0]:
            error, _ = self._first_word[1]
            raise error

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    async def run(
        self, call: Callable[..., T], *args: object, on_start: Callable[[], object] | None = None
    ) -> T:
        """`call(services, *args)` in the engine process, after the calls before it (an
        `aside` call: after the aside calls before it); `on_start` is told when the engine
        takes this call up."""
        if self.down:
            raise EngineDown
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        line = self._lines[is_aside(call)]
        if not line and on_start:
            on_start()
        call_id = next(self._ids)
        line.append(call_id)
        self._waiting[call_id] = _Waiting(future, on_start, line)
        self._pipe.send((call_id, call, args))
        return await future

    def _receive(self) -> None:
        """An outcome from the engine, when the loop sees the pipe readable. The readiness
        can come with nothing to read (seen under load, at a stop): a blocking recv here
        would then freeze the whole loop, the stop included, so it looks first."""
        try:
            if not self._pipe.poll():
                return
            call_id, succeeded, outcome = self._pipe.recv()
        except (EOFError, OSError):
            self._gone()
            return
        future, _, line = self._waiting.pop(call_id)
        line.remove(call_id)  # the first in its line
        self._settle(future, succeeded, outcome)
        if line and (on_start := self._waiting[line[0]].on_start):
            on_start()

    @staticmethod
    def _settle(future: asyncio.Future[Any], succeeded: bool, outcome: Any) -> None:
        if future.done():
            return
        if succeeded:
            future.set_result(outcome)
        else:
            error, where = outcome
            error.__cause__ = RemoteTraceback(where)
            future.set_exception(error)

    def _gone(self) -> None:
        """The process ended: the calls waiting fail; unless we are stopping it, one that
        had loaded the content is started again (one that had not: `start` raises)."""
        self._stop_reading()
        assert self._process is not None
        self._process.join(5)
        self._process = None
        self._fail_waiting("the engine process stopped")
        if self._was_up and not self._closing:
            log.error("The engine process stopped; it starts again")
            self._restarting = asyncio.get_running_loop().create_task(self._start_again())

    async def _start_again(self) -> None:
        try:
            await self.start(self._bot_username, self._on_down)
        except (EngineNotStarted, EngineStopped) as failed:
            log.error("The engine process cannot start again (%s); Wijkbot stops", failed)
            self.down = True
            if self._on_down:
                self._on_down()

    def _fail_waiting(self, why: str) -> None:
        waiting = list(self._waiting.values())
        self._waiting.clear()
        for line in self._lines:
            line.clear()
        for future, _, _ in waiting:
            if not future.done():
                future.set_exception(EngineStopped(why))

    def _stop_reading(self) -> None:
        if not self._pipe.closed:
            asyncio.get_running_loop().remove_reader(self._pipe.fileno())
            self._pipe.close()

    async def close(self) -> None:
        """Let the engine finish the calls it has in hand, then stop it (aside calls not
        yet begun are dropped: the mail that waits for them is sent after the restart). One
        that was launched but never started (Telegram refused the token, say) has opened
        nothing: it is ended."""
        process = self._process
        if process is None or self._pipe.closed:
            return
        self._closing = True
        if not self._started:
            process.kill()
            self._pipe.close()
        else:
            with contextlib.suppress(OSError):  # it may have ended already
                self._pipe.send(None)
            waiting = [waiting.future for waiting in self._waiting.values()]
            await asyncio.gather(*waiting, return_exceptions=True)
            self._stop_reading()
        await asyncio.to_thread(process.join)

    def abandon(self) -> None:
        """End the process if it still runs: the adapter could not start (or stopped
        without `close`); it has nothing in hand that a stop would finish."""
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join()


def _serve(
    pipe: Connection,
    adapters: Connection | None,
    db_path: str,
    operators: Operators,
    pages_url: str,
    bot: bool,
    rest_after: float,
) -> None:
    """The engine process: the content and the database first (its first word to the
    adapter is whether that went well), then who the bot is, then calls in and outcomes out
    until the adapter says stop (None)."""
    if adapters is not None:
        adapters.close()
    # Ctrl-C and a stop (SIGTERM, also when sent to the whole process group) are for the
    # adapter: it finishes the turn in hand and then stops us by closing the pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from . import services as parts  # the adapter's process needs none of it
    from .store import Store
    from .store.backups import Backups

    outbox = _Outbox(pipe)
    try:
        try:  # what is wrong here is the message the adapter stops with
            kb, matcher = parts.load_parts()
            backups = Backups.from_env()
            store = Store(db_path)
        except Exception as error:
            outbox.send(LOADED, (False, (EngineNotStarted(str(error)), traceback.format_exc())))
            return
        if bot:
            store.note_start()  # wijkbot health: from now on Telegram must be reached
        outbox.send(LOADED, (True, None))
        bot_username = pipe.recv()
    except (EOFError, OSError):  # the adapter is gone before it knew who the bot is
        return
    services = parts.build_services(
        db_path,
        kb,
        store=store,
        matcher=matcher,
        backups=backups,
        bot_username=bot_username,
        operators=operators,
        pages_url=pages_url,
    )
    gc.freeze()  # the content stays: collections (in turns, after drawings) pass it by
    aside = _Aside(outbox, kb, db_path, rest_after)
    warming = os.environ.get("WIJKBOT_WARM_UP", "on") != "off"
    receive = _Receiver(pipe, aside, parts.warm_up if warming else None)
    try:
        request = receive()
        while request is not None:
            if is_together(request[1]):
                request = _together(outbox, services, request, receive)
            else:
                outbox.send(request[0], _outcome(services, request))
                request = receive()
    except (EOFError, OSError):  # the adapter is gone (killed, say)
        pass
    finally:
        aside.close()
        services.close()


def together(call: Callable[..., T]) -> Callable[..., T]:
    """Mark an engine call that may share its transaction, and so its commit, with the
    calls of this kind queued behind it (turns, the inbox, receipts): see `_together`."""
    setattr(call, "together", True)  # noqa: B010 (a function's own attribute)
    return call


def aside(call: Callable[..., T]) -> Callable[..., T]:
    """Mark an engine call that takes long and only reads (a drawing): it is taken up beside
    the other calls, by one thread that takes such calls in turn (`_Aside`), so that no turn
    waits for it. It gets `AsideServices`: the content and a store that only reads."""
    setattr(call, "aside", True)  # noqa: B010 (a function's own attribute)
    return call


def is_aside(call: Callable[..., Any]) -> bool:
    return bool(getattr(call, "aside", False))


def is_together(call: Callable[..., Any]) -> bool:
    return bool(getattr(call, "together", False))


class _Outbox:
    """Outcomes to the adapter, each with its call's id; from the engine's thread and the
    aside thread, one whole message at a time."""

    def __init__(self, pipe: Connection) -> None:
        self.pipe = pipe
        self._lock = threading.Lock()

    def send(self, call_id: int, outcome: Outcome) -> None:
        with self._lock:
            try:
                self.pipe.send((call_id, *outcome))
            except (EOFError, OSError):  # the adapter is gone: for the caller to see
                raise
            except Exception as failed:  # something that does not pickle
                succeeded, value = outcome
                error, where = (failed, traceback.format_exc()) if succeeded else value
                self.pipe.send((call_id, False, (RuntimeError(repr(error)), where)))


class _Aside:
    """The calls marked `aside`, taken in turn by one thread beside the engine's, which
    sends each outcome itself. The thread opens its services at its first call: a store
    connection of its own (sqlite3 connections are not shared between threads), which only
    reads. Once no aside call has come for `rest_after` seconds, the services rest: what a
    drawing loaded is let go (`AsideServices.rest`: the drawing process ends), in that same
    thread."""

    def __init__(self, outbox: _Outbox, kb: Knowledge, db_path: str, rest_after: float) -> None:
        self.outbox, self.kb, self.db_path, self.rest_after = outbox, kb, db_path, rest_after
        self._services: AsideServices | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="aside")
        self._lock = threading.Lock()
        self._waiting = 0  # calls taken and not yet done
        self._taken = 0  # calls taken so far: a rest is called off when it has grown
        self._rest: threading.Timer | None = None

    def take(self, request: Request) -> None:
        with self._lock:
            self._waiting += 1
            self._taken += 1
        self._worker.submit(self._run, request)

    def warm_up(self, warm_up: Callable[[], None]) -> None:
        """Load the libraries for first use in this thread, between two aside calls."""
        self._worker.submit(warm_up)

    def _run(self, request: Request) -> None:
        outcome: Outcome
        try:
            if self._services is None:
                from .services import AsideServices

                self._services = AsideServices.open(self.kb, self.db_path)
            outcome = _outcome(self._services, request)
        except Exception as error:  # the services did not open: tried again next time
            outcome = (False, (error, traceback.format_exc()))
        with contextlib.suppress(EOFError, OSError):  # the adapter is gone: the engine's
            self.outbox.send(request[0], outcome)  # thread sees it too
        with self._lock:
            self._waiting -= 1
            if self._waiting or self._services is None:
                return
            if self._rest:
                self._rest.cancel()
            self._rest = threading.Timer(self.rest_after, self._rest_unless_taken, (self._taken,))
            self._rest.daemon = True
            self._rest.start()

    def _rest_unless_taken(self, taken: int) -> None:
        with self._lock:
            if self._taken == taken and self._services is not None:
                with contextlib.suppress(RuntimeError):  # closed meanwhile: nothing to keep
                    self._worker.submit(self._services.rest)  # what it kept: some MiB

    def close(self) -> None:
        """Finish the call in hand; those not begun are dropped."""
        if self._rest:
            self._rest.cancel()
        self._worker.shutdown(wait=True, cancel_futures=True)
        if self._services is not None:
            self._services.close()


class _Receiver:
    """The next call for the engine's own thread from the pipe; aside calls that come on
    the way are handed to `aside`. The first time none comes for WARM_AFTER seconds, the
    libraries the engine loads on first use load in the aside thread (`warm_up`), so that
    no turn waits a second for them."""

    def __init__(self, pipe: Connection, aside: _Aside, warm_up: Callable[[], None] | None) -> None:
        self.pipe, self.aside, self.warm_up = pipe, aside, warm_up
        self._next: list[Request | None] = []  # read, not yet taken

    def ready(self) -> bool:
        """Whether a call for the engine's thread (or the stop) has come, without waiting."""
        while not self._next and self.pipe.poll():
            self._read()
        return bool(self._next)

    def __call__(self) -> Request | None:
        while not self.ready():
            if self.warm_up and not self.pipe.poll(WARM_AFTER):
                self.aside.warm_up(self.warm_up)
                self.warm_up = None
            self._read()
        return self._next.pop()

    def _read(self) -> None:
        request: Request | None = self.pipe.recv()
        if request is not None and is_aside(request[1]):
            self.aside.take(request)
        else:
            self._next.append(request)


def _together(
    outbox: _Outbox, services: Services, request: Request, receive: _Receiver
) -> Request | None:
    """`request` and the calls marked `together` queued behind it (up to TOGETHER_MOST, or
    TOGETHER_LONGEST seconds), each in a savepoint of its own in one transaction: a failed
    call undoes only itself. Their outcomes go back once that transaction is committed, so
    nothing a call did is shown to a user before it is on disk, and one commit (one fsync)
    serves them all. Returns the next request (None: stop)."""
    store = services.store
    outcomes: list[tuple[int, Outcome]] = []
    started = time.monotonic()
    following: Request | None = None
    read_ahead = False  # `following` was read from the pipe, not handled
    try:
        with store.transaction():
            while True:
                outcomes.append((request[0], _outcome(services, request, savepoint=True)))
                if not store.db.conn.in_transaction:  # a call undid the whole transaction
                    break
                busy = time.monotonic() - started
                if len(outcomes) >= TOGETHER_MOST or busy > TOGETHER_LONGEST:
                    break
                if not receive.ready():
                    break
                following, read_ahead = receive(), True
                if following is None or not is_together(following[1]):
                    break
                request, read_ahead = following, False
    except Exception as error:  # the commit failed, and so did every call in it
        failed: Outcome = (False, (error, traceback.format_exc()))
        outcomes = [(call_id, failed) for call_id, _ in outcomes]
    for call_id, outcome in outcomes:
        outbox.send(call_id, outcome)
    return following if read_ahead else receive()


def _outcome(
    services: Services | AsideServices, request: Request, savepoint: bool = False
) -> Outcome:
    _, call, args = request
    try:
        if not savepoint:
            return (True, call(services, *args))
        with services.store.transaction():
            return (True, call(services, *args))
    except Exception as error:
        return (False, (error, traceback.format_exc()))
