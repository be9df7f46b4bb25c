"""The engine in a process of its own, its calls handled one after another.

The engine is synchronous and CPU-bound (SQLite, matching, matplotlib). In a thread it would
share the GIL with python-telegram-bot and the two would take turns; in a process of its own
the adapter keeps receiving and sending while the engine works, on another core.

Calls go down a pipe that the event loop itself watches (no helper thread, whose every
hand-over would wait for the GIL), and may queue up there: the engine never waits for the
adapter between two calls. A call is one of the functions of `calls`; it runs in the engine
process with that process's `Services`. Results come back in the order the calls went in.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import traceback
from collections import deque
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..engine.operators import Operators

if TYPE_CHECKING:  # ForkServerContext is not there on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

T = TypeVar("T")
log = logging.getLogger(__name__)


class EngineStopped(RuntimeError):
    """The engine process ended while a call was waiting for it."""


class RemoteTraceback(Exception):
    """Where an engine call failed, in the engine process (the cause of the error raised)."""


class EngineProcess:
    def __init__(self, db_path: Path, operators: Operators, pages_url: str = "") -> None:
        self.db_path = db_path
        self.operators = operators
        self.pages_url = pages_url  # where the web pages are served ("": not offered)
        self._bot_username = ""
        self._started = self._answered = self._closing = False
        self._waiting: deque[tuple[asyncio.Future[Any], Callable[[], object] | None]] = deque()

    def start(self, bot_username: str) -> None:
        """Start the process (it loads the content and opens the database); in the loop."""
        self._bot_username = bot_username
        context = _context()
        self._pipe, theirs = context.Pipe()
        opened = (theirs, str(self.db_path), bot_username, self.operators, self.pages_url)
        self._process = context.Process(target=_serve, args=opened, name="wijkbot-engine")
        self._process.start()
        theirs.close()
        self._started, self._answered = True, False
        asyncio.get_running_loop().add_reader(self._pipe.fileno(), self._receive)

    @property
    def pid(self) -> int | None:
        return self._process.pid

    async def run(
        self, call: Callable[..., T], *args: object, on_start: Callable[[], object] | None = None
    ) -> T:
        """`call(services, *args)` in the engine process, after the calls before it;
        `on_start` is told when the engine takes this call up."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        if not self._waiting and on_start:
            on_start()
        self._waiting.append((future, on_start))
        self._pipe.send((call, args))
        return await future

    def _receive(self) -> None:
        """An outcome from the engine, when the loop sees the pipe readable. The readiness
        can come with nothing to read (seen under load, at a stop): a blocking recv here
        would then freeze the whole loop, the stop included, so it looks first."""
        try:
            if not self._pipe.poll():
                return
            succeeded, outcome = self._pipe.recv()
        except (EOFError, OSError):
            self._stop_reading()
            if not self._closing:
                self._restart()
            return
        self._answered = True
        future, _ = self._waiting.popleft()
        if not future.done():
            if succeeded:
                future.set_result(outcome)
            else:
                error, where = outcome
                error.__cause__ = RemoteTraceback(where)
                future.set_exception(error)
        if self._waiting and (on_start := self._waiting[0][1]):
            on_start()

    def _restart(self) -> None:
        """Fail the calls that were waiting, and start again, unless the engine never got as
        far as answering (then it would only fail again: the bot stops with the error)."""
        self._process.join(5)
        log.error("The engine process stopped (exit %s)", self._process.exitcode)
        while self._waiting:
            future, _ = self._waiting.popleft()
            if not future.done():
                future.set_exception(EngineStopped("the engine process stopped"))
        if self._answered:
            self.start(self._bot_username)

    def _stop_reading(self) -> None:
        if not self._pipe.closed:
            asyncio.get_running_loop().remove_reader(self._pipe.fileno())
            self._pipe.close()

    async def close(self) -> None:
        """Let the engine finish the calls it has, then stop it."""
        if not self._started or self._pipe.closed:
            return
        self._closing = True
        self._pipe.send(None)
        await asyncio.gather(*(future for future, _ in self._waiting), return_exceptions=True)
        await asyncio.to_thread(self._process.join)
        self._stop_reading()


def _context() -> ForkServerContext | SpawnContext:
    """A fork server where there is one: it imports the bot once, new processes fork from it."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    multiprocessing.set_forkserver_preload([__name__, f"{__package__}.calls", "bot.services"])
    return multiprocessing.get_context("forkserver")


def _serve(
    pipe: Connection, db_path: str, bot_username: str, operators: Operators, pages_url: str
) -> None:
    """The engine process: calls in, outcomes out, until the adapter says stop (None)."""
    # Ctrl-C and a stop (SIGTERM, also when sent to the whole process group) are for the
    # adapter: it finishes the turn in hand and then stops us by closing the pipe
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    from ..services import build_services  # here: the adapter's own process needs none of it

    services = build_services(
        db_path, bot_username=bot_username, operators=operators, pages_url=pages_url
    )
    try:
        while (request := pipe.recv()) is not None:
            call, args = request
            try:
                pipe.send((True, call(services, *args)))
            except Exception as error:
                where = traceback.format_exc()
                try:
                    pipe.send((False, (error, where)))
                except Exception:  # an error that does not pickle
                    pipe.send((False, (RuntimeError(repr(error)), where)))
    except EOFError:  # the adapter is gone
        pass
    finally:
        services.close()
