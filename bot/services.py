"""Wires the parts together once: content, matcher, store and engine."""

from __future__ import annotations

import gc
import logging
import os
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .content import Knowledge, load_knowledge
from .content.paths import content_root
from .drawing_process import DrawingProcess
from .engine import Engine
from .engine.mailroom import Mailroom
from .engine.operators import Operators, Registration
from .engine.privacy import Operator
from .matcher import Matcher
from .parts_cache import load_cached
from .store import Store
from .store.backups import Backups
from .store.paths import files_dir

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    kb: Knowledge
    matcher: Matcher
    store: Store
    engine: Engine
    mailroom: Mailroom
    backups: Backups | None = None

    def back_up(self, now: datetime) -> None:
        """The daily backup, when it is due at `now` (the clock's look). One that fails is
        logged and tried again at the next look; the clock's other work goes ahead."""
        if self.backups is None:
            return
        try:
            if made := self.backups.run(self.store, now):
                log.info("Backup written to %s", made)
        except (OSError, sqlite3.Error) as error:
            log.error("The backup to %s failed (%s); tried again later", self.backups.folder, error)

    def close(self) -> None:
        self.store.close()


def load_parts() -> tuple[Knowledge, Matcher]:
    """The content and its matcher: what takes time at start, before anything is opened.
    Kept in a cache between starts while neither the content nor the code changes."""
    root = content_root()

    def build() -> tuple[Knowledge, Matcher]:
        kb = load_knowledge(root)
        return kb, Matcher.for_knowledge(kb)

    return load_cached(build, root)


@dataclass(frozen=True)
class AsideServices:
    """What the engine's calls marked `aside` have (drawings), in the thread that takes them
    beside the turns: the content, a connection of that thread's own that only reads, and
    the process that draws (bot/drawing_process.py)."""

    kb: Knowledge
    store: Store
    drawing: DrawingProcess

    @classmethod
    def open(cls, kb: Knowledge, db_path: Path | str) -> AsideServices:
        return cls(kb, Store(db_path, read_only=True), DrawingProcess(kb))

    def rest(self) -> None:
        """No aside call is waiting: the drawing process ends, and what it loaded with it."""
        self.drawing.end()

    def close(self) -> None:
        self.drawing.end()
        self.store.close()


def warm_up() -> None:
    """Load what a turn otherwise loads on first use, a second that a chat would wait
    through: dateparser's Dutch, for dates ("eind maart"). The engine process does it in
    its drawing thread once it has been idle a moment (bot/engine_process.py)."""
    try:
        from .engine.dates import read_date

        read_date("over twee weken", date.today())
    except Exception:  # the first date will say it again
        log.warning("Loading the library for dates failed", exc_info=True)
    gc.freeze()  # what it loaded stays: later collections pass it by


def build_services(
    db_path: Path | str,
    kb: Knowledge | None = None,
    store: Store | None = None,
    matcher: Matcher | None = None,
    files: Path | None = None,
    bot_username: str | None = None,
    operators: Operators | None = None,
    backups: Backups | None = None,
    pages_url: str | None = None,
) -> Services:
    """The parts, built once. Who decides claims comes from the environment unless given
    (WIJKBOT_OPERATORS, WIJKBOT_REGISTRATION; open by default, as in the terminal), and so
    does the address of the web pages (WIJKBOT_WEBAPP_URL; none: they are not offered)."""
    kb = kb or load_knowledge()
    matcher = matcher or Matcher.for_knowledge(kb)
    store = store or Store(db_path)
    operator = Operator(
        os.environ.get("WIJKBOT_OPERATOR_NAME", "").strip(),
        os.environ.get("WIJKBOT_OPERATOR_CONTACT", "").strip(),
    )
    operators = operators or Operators.from_env(os.environ, Registration.OPEN)
    files = files or files_dir(db_path)
    if pages_url is None:
        pages_url = os.environ.get("WIJKBOT_WEBAPP_URL", "").strip()
    engine = Engine(kb, matcher, store, files, bot_username, operator, operators, pages_url)
    mailroom = Mailroom(store, engine)
    return Services(kb, matcher, store, engine, mailroom, backups or Backups.from_env())
