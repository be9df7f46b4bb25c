from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from .actions import Actions
from .answers import StoredAnswers
from .buttons import Buttons
from .cbs import Cbs
from .chats import Chats
from .checkins import Checkins
from .claims import Claims
from .conversations import Conversations
from .mailbox import Mailbox
from .migrations import MIGRATIONS, migrate
from .privacy import Privacy
from .questions import Questions
from .reminders import Reminders
from .rows import new_id

BUSY_SECONDS = 5  # how long a write waits for another connection's turn before it fails


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    return sqlite3.connect(path, check_same_thread=False)


def _enable_wal(db: sqlite_utils.Database) -> None:
    """Write-ahead logging, which the database keeps once set. Switching to it takes a lock
    SQLite does not wait for (busy_timeout or not): when processes open a new database at
    once (a bot starting, an operator's command), the one that comes second tries again
    until the first has switched, for at most BUSY_SECONDS."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
        time.sleep(0.01)


class Database(sqlite_utils.Database):
    """sqlite-utils' Database whose outermost `atomic()` takes the write lock at its start
    (BEGIN IMMEDIATE). Several processes share the file (the bot's engine, `wijkbot web`,
    the operator's commands); in WAL mode a transaction that reads and then writes fails at
    once with "database is locked" when another one wrote in between, busy_timeout or not.
    Taking the lock first makes it wait its turn instead. Nested blocks stay savepoints."""

    _depth = 0  # savepoints open
    _names: tuple[int, list[str], list[str]] | None = None  # schema version, tables, views

    def table_names(self, fts4: bool = False, fts5: bool = False) -> list[str]:
        if fts4 or fts5:
            return super().table_names(fts4=fts4, fts5=fts5)
        return list(self._schema()[1])

    def view_names(self) -> list[str]:
        return list(self._schema()[2])

    def _schema(self) -> tuple[int, list[str], list[str]]:
        """sqlite-utils asks for the names of all tables and views at every `table(...)`, query
        and insert (is it a view? does it exist?): some 45 µs each time, a dozen times a turn.
        They are read again only when the schema has changed (its version, one pragma)."""
        (version,) = self.conn.execute("PRAGMA schema_version").fetchone()
        if self._names is None or self._names[0] != version:
            self._names = (version, super().table_names(), super().view_names())
        return self._names

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        if self.conn.in_transaction:
            with self._savepoint():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """A nested block: a savepoint named by its depth. sqlite-utils names each one anew
        from random bytes, so every SAVEPOINT and RELEASE was compiled afresh (none is found
        in sqlite3's statement cache); a turn opens some fifteen, each now a third cheaper."""
        self._depth += 1
        name = f"nested_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # a RAISE(ROLLBACK) may have ended it all
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1


def utc_now() -> datetime:
    return datetime.now(UTC)


class Store(
    Claims,
    StoredAnswers,
    Actions,
    Conversations,
    Chats,
    Buttons,
    Checkins,
    Questions,
    Privacy,
    Mailbox,
    Reminders,
    Cbs,
):
    """The database: one connection, WAL, the schema brought up to date on opening.

    Writes that belong together run in `transaction()`; nested blocks are savepoints, so
    the engine can wrap a whole event while single methods stay atomic on their own.
    """

    def __init__(
        self, path: Path | str, clock: Callable[[], datetime] = utc_now, read_only: bool = False
    ) -> None:
        """`read_only`: a connection of its own that only reads the database, for a thread
        beside the one that writes (the engine's drawings); that one brings it up to date."""
        self.path = Path(path)
        self.clock = clock
        self._depth = 0
        self.scrub_after = False  # set by forgetting: clear the write-ahead log when done
        # sqlite-utils plugins installed beside the bot do not touch its connections (and
        # looking for them costs every process 30 ms)
        self.db = Database(_connect(self.path, read_only), execute_plugins=False)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
        if read_only:
            self.schema_version = len(MIGRATIONS)
            return
        _enable_wal(self.db)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA secure_delete = ON")  # what is deleted is overwritten on disk
        self.schema_version = migrate(self.db)

    def now(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="seconds")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested, a savepoint. After the outermost one that forgot someone,
        the write-ahead log is emptied into the database, so within moments no byte on disk
        holds what was forgotten (deleted content is overwritten: secure_delete)."""
        self._depth += 1
        try:
            with self.db.atomic():
                yield
        finally:
            self._depth -= 1
        if self._depth == 0 and self.scrub_after:
            self.scrub_after = False
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def check_writable(self) -> None:
        """Raise sqlite3.Error unless the database takes a real write: a row written and
        committed (a full disk or a read-only file fails here, not at the next message)."""
        self._mark("check")

    def note_contact(self) -> None:
        """Telegram answered the running bot just now."""
        self._mark("telegram")

    def note_start(self) -> None:
        """The bot starts: until Telegram answers it, it has had no contact since now."""
        self._mark("started")

    def telegram_silent_since(self) -> datetime | None:
        """Since when the running bot has not heard from Telegram: its last contact, or its
        start if Telegram has not answered since (None: no bot ever ran here)."""
        rows = self.db.execute("SELECT at FROM health WHERE name IN ('telegram', 'started')")
        marks = [datetime.fromisoformat(at) for (at,) in rows.fetchall()]
        return max(marks, default=None)

    def _mark(self, name: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR REPLACE INTO health (name, at) VALUES (?, ?)", [name, self.now()]
            )

    def close(self) -> None:
        self.db.close()

    def backup(self, target: Path | str) -> Path:
        """A consistent copy while the bot keeps running (SQLite's online backup)."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(target) as copy:
            self.db.conn.backup(copy)
        copy.close()
        return target

    def record_unanswered(
        self,
        question: str,
        outcome: str,
        best_id: str | None,
        best_score: float | None,
        chat_type: str,
    ) -> int:
        with self.transaction():
            return new_id(
                self.db.table("unanswered").insert(
                    {
                        "question": question,
                        "outcome": outcome,
                        "best_id": best_id,
                        "best_score": best_score,
                        "chat_type": chat_type,
                        "asked_at": self.now(),
                    }
                )
            )

    def forget_old_questions(self, before: str) -> None:
        """Questions the bot could not answer, and questions handed on that nobody answered,
        asked before `before` (ISO time), are deleted (the privacy statement's 12 months)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM unanswered WHERE asked_at < ?", [before])
            self.db.execute(
                "DELETE FROM questions WHERE asked_at < ? AND status = 'open'", [before]
            )

    def unanswered(self, limit: int = 100) -> list[dict[str, Any]]:
        return list(self.db.table("unanswered").rows_where(order_by="id desc", limit=limit))
