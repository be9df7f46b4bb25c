"""A reply's file that is still to be made (a Drawing: bot/vocabulary.py) -> the file.

Charts and the Word report take matplotlib or python-docx and a good part of a second. The
engine does not make them in the turn, where every other chat would wait: it names the
file and says how to make it. Whoever delivers the reply makes it here first: the Telegram
bot in a drawing process beside the engine (bot/drawing_process.py: the postman waits for
it, and that chat's later mail behind it, nothing else), the terminal at once.

Making is idempotent: a file that exists is done (its name holds what it shows), and a
file is written under a temporary name and renamed, so a stop mid-way leaves no half file.
What a drawing needs that was fixed at the turn is in its arguments; what is closed (a
closed check-in's results) is read back from the store first (`read`), apart from the
drawing itself, which touches no database (`draw`).
"""

from __future__ import annotations

import glob
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .checkins.kinds import kind_of
from .content import Knowledge
from .records import Checkin
from .report.blocks import blocks_from
from .store import Store
from .vocabulary import Drawing, DrawingKind, Media


def make(drawing: Drawing, kb: Knowledge, store: Store) -> Path:
    """The drawing's file, made here unless it exists; raises what went wrong."""
    if drawing.path.exists():
        return drawing.path
    return draw(drawing, kb, read(drawing, store))


def made(media: Media | None, kb: Knowledge, store: Store) -> Path | None:
    """The file of a reply's image or document, made first when it is a Drawing."""
    return make(media, kb, store) if isinstance(media, Drawing) else media


def read(drawing: Drawing, store: Store) -> Any:
    """What the drawing reads from the store before it is drawn (None: nothing)."""
    reader = READERS.get(drawing.kind)
    return reader(drawing.args, store) if reader else None


def draw(drawing: Drawing, kb: Knowledge, was_read: Any) -> Path:
    """Make the drawing's file from its arguments and what `read` gave; its path. What an
    earlier try left when it was cut off mid-way (a kill) goes first."""
    folder, stem, suffix = drawing.path.parent, drawing.path.stem, drawing.path.suffix
    folder.mkdir(parents=True, exist_ok=True)
    random = "?" * 8  # mkstemp's part of the name
    for cut_off in folder.glob(f".{glob.escape(stem)}.{random}.tmp{suffix}"):
        cut_off.unlink(missing_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=f".tmp{suffix}")
    os.close(handle)
    temporary = Path(name)
    try:
        MAKERS[drawing.kind](drawing.args, kb, was_read, temporary)
        os.replace(temporary, drawing.path)
    finally:
        temporary.unlink(missing_ok=True)
    return drawing.path


# -- the makers, and what they read ----------------------------------------------------------


def _profile_chart(args: dict[str, Any], kb: Knowledge, _: None, path: Path) -> None:
    """args: the phases per theme and the title (the gemeente and the day)."""
    from .report.chart import radar_chart  # matplotlib: loaded with the first chart

    radar_chart(args["phases"], kb, path, args["title"])


def _closed_checkin(args: dict[str, Any], store: Store) -> Checkin:
    """args: the closed check-in's id."""
    checkin = store.checkin(args["checkin"])
    if checkin is None or checkin.results is None:
        raise LookupError(f"check-in {args['checkin']} is not closed")
    return checkin


def _checkin_chart(args: dict[str, Any], kb: Knowledge, checkin: Checkin, path: Path) -> None:
    """args: the check-in's id, and a linked group's gemeente [name, phases]."""
    assert checkin.results is not None  # `_closed_checkin` read it closed
    profile = args.get("profile")
    gemeente = (profile[0], dict(profile[1])) if profile else None
    kind_of(checkin.kind).chart(checkin, checkin.results, kb, path, gemeente)


def _report_docx(args: dict[str, Any], kb: Knowledge, _: None, path: Path) -> None:
    """args: the report's blocks, the gemeente's name, its title, the day, and the
    drawing of the chart it shows (or None)."""
    from .report.document import save_docx  # python-docx: loaded with the first report

    chart = Drawing.from_json(args["chart"]) if args.get("chart") else None
    if chart and not chart.path.exists():
        assert chart.kind not in READERS  # what it would read is not read here
        draw(chart, kb, None)
    blocks = blocks_from(args["blocks"])
    today = date.fromisoformat(args["date"])
    save_docx(blocks, args["gemeente"], args["title"], chart.path if chart else None, path, today)


MAKERS: dict[DrawingKind, Callable[[dict[str, Any], Knowledge, Any, Path], None]] = {
    DrawingKind.PROFILE_CHART: _profile_chart,
    DrawingKind.CHECKIN_CHART: _checkin_chart,
    DrawingKind.REPORT_DOCX: _report_docx,
}
READERS: dict[DrawingKind, Callable[[dict[str, Any], Store], Any]] = {
    DrawingKind.CHECKIN_CHART: _closed_checkin,
}
