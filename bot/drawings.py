"""A reply's file that is still to be made (a Drawing: bot/vocabulary.py) -> the file.

Charts and the Word report take matplotlib or python-docx and a good part of a second. The
engine does not make them in the turn, where every other chat would wait: it names the
file and says how to make it. Whoever delivers the reply makes it here first: the Telegram
bot in the engine's drawing thread, beside its turns (`aside`: bot/engine_process.py; the
postman waits for it, and that chat's later mail behind it, nothing else), the terminal at
once.

Making is idempotent: a file that exists is done (its name holds what it shows), and a
file is written under a temporary name and renamed, so a stop mid-way leaves no half file.
What a drawing needs that was fixed at the turn is in its arguments; what is closed (a
closed check-in's results) is read back from the store.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from .checkins.kinds import kind_of
from .content import Knowledge
from .report.blocks import blocks_from
from .store import Store
from .vocabulary import Drawing, DrawingKind, Media


class Studio(Protocol):
    """What making a drawing reads: the content, and the store (read only)."""

    @property
    def kb(self) -> Knowledge: ...

    @property
    def store(self) -> Store: ...


def make(drawing: Drawing, kb: Knowledge, store: Store) -> Path:
    """The drawing's file, made unless it exists; raises what went wrong."""
    if drawing.path.exists():
        return drawing.path
    drawing.path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(
        dir=drawing.path.parent, prefix=".", suffix=f".tmp{drawing.path.suffix}"
    )
    os.close(handle)
    temporary = Path(name)
    try:
        MAKERS[drawing.kind](drawing.args, kb, store, temporary)
        os.replace(temporary, drawing.path)
    finally:
        temporary.unlink(missing_ok=True)
    return drawing.path


def made(media: Media | None, kb: Knowledge, store: Store) -> Path | None:
    """The file of a reply's image or document, made first when it is a Drawing."""
    return make(media, kb, store) if isinstance(media, Drawing) else media


def draw(studio: Studio, recipe: dict[str, Any]) -> str:
    """A drawing as a mail keeps it (`Drawing.to_json`), made; its path. For the engine
    process's drawing thread (bot/engine_process.py)."""
    return str(make(Drawing.from_json(recipe), studio.kb, studio.store))


def let_go() -> None:
    """Let go of what drawing keeps for the next drawing, when none is waiting: the chart
    figures and frames, the last drawing's garbage (matplotlib's figures hold cycles), and
    the C heap's free pages, which glibc would otherwise keep for the process."""
    if chart := sys.modules.get("bot.report.chart"):  # none drawn: nothing kept
        chart.let_go()
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # a C library without malloc_trim
        ctypes.CDLL(None).malloc_trim(0)


# -- the makers ----------------------------------------------------------------------------


def _profile_chart(args: dict[str, Any], kb: Knowledge, store: Store, path: Path) -> None:
    """args: the phases per theme and the title (the gemeente and the day)."""
    from .report.chart import radar_chart  # matplotlib: loaded with the first chart

    radar_chart(args["phases"], kb, path, args["title"])


def _checkin_chart(args: dict[str, Any], kb: Knowledge, store: Store, path: Path) -> None:
    """args: the closed check-in's id, and a linked group's gemeente [name, phases]."""
    checkin = store.checkin(args["checkin"])
    if checkin is None or checkin.results is None:
        raise LookupError(f"check-in {args['checkin']} is not closed")
    profile = args.get("profile")
    gemeente = (profile[0], dict(profile[1])) if profile else None
    kind_of(checkin.kind).chart(checkin, checkin.results, kb, path, gemeente)


def _report_docx(args: dict[str, Any], kb: Knowledge, store: Store, path: Path) -> None:
    """args: the report's blocks, the gemeente's name, its title, the day, and the
    drawing of the chart it shows (or None)."""
    from .report.document import save_docx  # python-docx: loaded with the first report

    chart = make(Drawing.from_json(args["chart"]), kb, store) if args.get("chart") else None
    blocks = blocks_from(args["blocks"])
    today = date.fromisoformat(args["date"])
    save_docx(blocks, args["gemeente"], args["title"], chart, path, today)


MAKERS: dict[DrawingKind, Callable[[dict[str, Any], Knowledge, Store, Path], None]] = {
    DrawingKind.PROFILE_CHART: _profile_chart,
    DrawingKind.CHECKIN_CHART: _checkin_chart,
    DrawingKind.REPORT_DOCX: _report_docx,
}
