"""Drawings made in a process that lives only while there is drawing to do.

matplotlib, Pillow and python-docx weigh some 40 MiB in a process, and a chart keeps its
frames for the next one; a bot that draws now and then need not carry that all day. The
engine's drawing thread (bot/engine_process.py, `aside`) forks this process at the first
drawing after a rest, so it starts with the content the engine has loaded and shares it,
and ends it once no drawing has come for REST_AFTER seconds: what drawing loaded goes with
it. In a burst (a morning's scheduled check-ins, a report after its chart) one process
draws them all.

The process is a fork of one whose other thread may be inside SQLite, whose locks it would
then find held for good, so it never touches the database: what a drawing reads from it is
read first, in the engine (`drawings.read`). It keeps none of the engine's open files
either, only its own pipe: the adapter still sees the engine go the moment it goes, and the
drawing process ends when the engine does (its pipe closes). A drawing process that does
not answer in time is killed, so a hung one never holds the drawings after it, or a stop.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import traceback
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from .content import Knowledge
from .drawings import draw, read
from .store import Store
from .vocabulary import Drawing

ENDS_WITHIN = 10.0  # s for the process to end when told, before it is killed
DRAWS_WITHIN = 120.0  # s for one drawing (a report takes a second or two), or it is killed


class DrawingFailed(RuntimeError):
    """The drawing could not be made; the message says where (the drawing process's
    traceback)."""


class DrawingProcess:
    """Makes drawings one at a time in a process of its own (started when needed)."""

    def __init__(
        self, kb: Knowledge, draws_within: float = DRAWS_WITHIN, ends_within: float = ENDS_WITHIN
    ) -> None:
        self.kb = kb
        self.draws_within, self.ends_within = draws_within, ends_within
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None

    @property
    def pid(self) -> int | None:
        """The drawing process's, while it runs."""
        return self._process.pid if self._process else None

    def make(self, drawing: Drawing, store: Store) -> Path:
        """The drawing's file, made in the drawing process unless it exists; raises
        DrawingFailed when it could not be made there (what `drawings.read` raises, when
        what it reads is not there)."""
        if drawing.path.exists():
            return drawing.path
        was_read = read(drawing, store)
        pipe = self._running()
        try:
            pipe.send((drawing, was_read))
            if not pipe.poll(self.draws_within):  # hung: it would hold every drawing after
                self._let_go(kill=True)
                raise DrawingFailed(f"no drawing within {self.draws_within:g} s")
            succeeded, outcome = pipe.recv()
        except (EOFError, OSError):  # it ended while drawing (out of memory, say)
            self.end()
            raise DrawingFailed("the drawing process ended while drawing") from None
        if not succeeded:
            raise DrawingFailed(outcome)
        return Path(outcome)

    def end(self) -> None:
        """End the process, if it runs, once the drawing in hand is made; killed when it
        has not ended within `ends_within`."""
        if self._pipe is None:
            return
        ended = True  # a pipe that cannot be written to or read: the process is gone
        with contextlib.suppress(OSError):
            self._pipe.send(None)
            ended = self._pipe.poll(self.ends_within)  # its end closes when it ends
        self._let_go(kill=not ended)

    def _let_go(self, kill: bool) -> None:
        if self._process is None or self._pipe is None:
            return
        if kill:
            self._process.kill()
        self._process.join()
        self._pipe.close()
        self._process = self._pipe = None

    def _running(self) -> Connection:
        """The pipe to a running drawing process: started if there is none, or again if
        the one there ended while idle (killed for memory, say)."""
        if self._process is not None and not self._process.is_alive():
            self.end()
        return self._pipe or self._start()

    def _start(self) -> Connection:
        context: Any = multiprocessing.get_context("fork")
        self._pipe, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve, args=(theirs, self.kb), name="wijkbot-drawing", daemon=True
        )
        self._process.start()
        theirs.close()
        return self._pipe


def _serve(pipe: Connection, kb: Knowledge) -> None:
    """The drawing process: drawings in, paths (or what went wrong) out, until told to end
    (None) or the engine is gone."""
    _close_all_but(pipe.fileno())
    while True:
        try:
            request: tuple[Drawing, Any] | None = pipe.recv()
            if request is None:
                return
            drawing, was_read = request
            try:
                outcome = (True, str(draw(drawing, kb, was_read)))
            except Exception:
                outcome = (False, traceback.format_exc())
            pipe.send(outcome)
        except (EOFError, OSError):  # the engine is gone
            return


def _close_all_but(keep: int) -> None:
    """Close every file the fork inherited but the standard streams and `keep`: the engine
    sees this process end by its pipe's end closing (`DrawingProcess.end`)."""
    os.closerange(3, keep)
    os.closerange(keep + 1, os.sysconf("SC_OPEN_MAX"))
