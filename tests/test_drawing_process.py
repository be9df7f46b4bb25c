"""Charts and reports are drawn in a process that lives only while there is drawing to do
(bot/drawing_process.py): forked at the first drawing, ended at rest, and never outliving
the engine that started it."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.content import Knowledge
from bot.drawing_process import DRAWS_WITHIN, DrawingFailed, DrawingProcess
from bot.engine.operators import Operators
from bot.store import Store
from bot.telegram import calls
from bot.vocabulary import Drawing, DrawingKind
from tests.processes import children
from tests.telegram_harness import WatchedEngine

PNG = b"\x89PNG"
GONE_WITHIN = 3  # s: a bound for a failure, not a measure


def alive(pid: int) -> bool:
    """Whether the process runs (an ended one not yet reaped by its new parent does not)."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def profile_chart(kb: Knowledge, path: Path, title: str = "Oude IJsselstreek") -> Drawing:
    phases = {theme.key: 2 for theme in kb.themes}
    return Drawing(DrawingKind.PROFILE_CHART, path, {"phases": phases, "title": title})


def test_a_chart_is_drawn_in_a_process_of_its_own_that_ends_when_told(
    kb: Knowledge, tmp_path: Path
) -> None:
    """Would catch drawing in the caller's process, a process kept after `end` (at rest:
    the memory an idle bot would keep), and one that cannot start again after it."""
    store = Store(tmp_path / "wijkbot.db")
    drawing = DrawingProcess(kb)
    try:
        first = drawing.make(profile_chart(kb, tmp_path / "a.png"), store)
        assert first.read_bytes().startswith(PNG)
        pid = drawing.pid
        assert pid is not None and pid != os.getpid() and alive(pid)  # for the next one
        drawing.end()
        assert drawing.pid is None and not alive(pid)
        second = drawing.make(profile_chart(kb, tmp_path / "b.png", "Berkelland"), store)
        assert second.read_bytes().startswith(PNG)
        assert second.read_bytes() != first.read_bytes()  # its own title
    finally:
        drawing.end()
        store.close()


def test_a_drawing_that_fails_says_why_and_the_next_one_is_made(
    kb: Knowledge, tmp_path: Path
) -> None:
    store = Store(tmp_path / "wijkbot.db")
    drawing = DrawingProcess(kb)
    try:
        no_phases = {"title": "Oude IJsselstreek"}
        broken = Drawing(DrawingKind.PROFILE_CHART, tmp_path / "broken.png", no_phases)
        with pytest.raises(DrawingFailed, match="KeyError: 'phases'"):  # where, from there
            drawing.make(broken, store)
        assert not broken.path.exists()
        assert drawing.make(profile_chart(kb, tmp_path / "a.png"), store).exists()
    finally:
        drawing.end()
        store.close()


def test_a_drawing_process_that_died_idle_is_started_again(kb: Knowledge, tmp_path: Path) -> None:
    """Killed between two drawings (for memory, say): the next drawing is made all the same,
    not failed as if it had been drawing."""
    store = Store(tmp_path / "wijkbot.db")
    drawing = DrawingProcess(kb)
    try:
        drawing.make(profile_chart(kb, tmp_path / "a.png"), store)
        assert drawing.pid is not None
        killed = drawing.pid
        os.kill(killed, signal.SIGKILL)
        gone_within = time.monotonic() + GONE_WITHIN
        while alive(killed):
            assert time.monotonic() < gone_within
            time.sleep(0.01)
        assert drawing.make(profile_chart(kb, tmp_path / "b.png"), store).exists()
    finally:
        drawing.end()
        store.close()


def test_a_hung_drawing_process_is_killed_and_holds_nothing_after_it(
    kb: Knowledge, tmp_path: Path
) -> None:
    """A drawing process that stops answering (here: stopped) fails its drawing within the
    bound instead of holding every drawing after it, and one told to end is killed when it
    does not: the drawings after it are made, and a stop is not held up."""
    store = Store(tmp_path / "wijkbot.db")
    drawing = DrawingProcess(kb, ends_within=0.5)
    try:
        drawing.make(profile_chart(kb, tmp_path / "a.png"), store)
        hung = drawing.pid
        assert hung is not None
        os.kill(hung, signal.SIGSTOP)
        drawing.draws_within = 0.5  # for this drawing; a new process takes a second
        with pytest.raises(DrawingFailed, match="no drawing within"):
            drawing.make(profile_chart(kb, tmp_path / "b.png", "Berkelland"), store)
        assert not alive(hung)
        drawing.draws_within = DRAWS_WITHIN
        assert drawing.make(profile_chart(kb, tmp_path / "b.png", "Berkelland"), store).exists()
        stopped = drawing.pid
        assert stopped is not None
        os.kill(stopped, signal.SIGSTOP)
        drawing.end()
        assert drawing.pid is None and not alive(stopped)
    finally:
        drawing.end()
        store.close()


def test_a_drawing_cut_off_mid_way_leaves_no_part_of_it_once_it_is_made(
    kb: Knowledge, tmp_path: Path
) -> None:
    """A drawing process killed while it writes a file (for memory, say) leaves the part it
    wrote; once the drawing is made after all, the folder holds the drawings and nothing
    else. (A drawing takes a few hundredths of a second: one that is made before the kill
    comes is tried again with another.)"""
    store, folder = Store(tmp_path / "wijkbot.db"), tmp_path / "rapport"
    drawing = DrawingProcess(kb)
    try:
        drawing.make(profile_chart(kb, tmp_path / "first.png"), store)  # matplotlib loaded
        with ThreadPoolExecutor(max_workers=1) as making:
            for attempt in range(1, 21):
                cut_off = profile_chart(kb, folder / f"{attempt}.png")
                made = making.submit(drawing.make, cut_off, store)
                while not made.done() and not list(folder.glob(".*")):
                    time.sleep(0.001)
                if not made.done() and drawing.pid is not None:
                    os.kill(drawing.pid, signal.SIGKILL)
                    with pytest.raises(DrawingFailed, match="ended while drawing"):
                        made.result()
                    break
                made.result()
        assert list(folder.glob(".*")), "no drawing was caught mid-way"
        assert drawing.make(cut_off, store).read_bytes().startswith(PNG)
        assert sorted(path.name for path in folder.iterdir()) == sorted(
            f"{n}.png" for n in range(1, attempt + 1)
        )
    finally:
        drawing.end()
        store.close()


async def test_the_drawing_process_ends_when_its_engine_is_killed(
    kb: Knowledge, tmp_path: Path
) -> None:
    """Would catch a drawing process left behind by an engine that died (kill -9): it would
    keep its memory, and the adapter's pipe to the dead engine open."""
    engine = WatchedEngine(tmp_path / "wijkbot.db", Operators())
    await engine.start("wijkbot")
    try:
        chart = profile_chart(kb, tmp_path / "chart.png")
        path = await engine.run(calls.draw, chart.to_json())
        assert Path(path).read_bytes().startswith(PNG)
        assert engine.pid is not None
        [drawer] = children(engine.pid)
        os.kill(engine.pid, signal.SIGKILL)
        async with asyncio.timeout(GONE_WITHIN):
            while alive(drawer):
                await asyncio.sleep(0.05)
    finally:
        await engine.close()


async def test_an_engine_that_draws_nothing_for_a_while_lets_its_drawing_process_go(
    kb: Knowledge, tmp_path: Path
) -> None:
    """What drawing loaded (matplotlib, python-docx: some 45 MiB) goes once no drawing has
    come for `rest_after` seconds (5 s in the bot, less here), and the next chart starts a
    drawing process anew. Would catch a rest that never comes: an idle bot keeping it all."""
    engine = WatchedEngine(tmp_path / "wijkbot.db", Operators(), rest_after=0.2)
    await engine.start("wijkbot")
    try:
        await engine.run(calls.draw, profile_chart(kb, tmp_path / "a.png").to_json())
        assert engine.pid is not None
        [drawer] = children(engine.pid)
        async with asyncio.timeout(GONE_WITHIN):
            while alive(drawer):
                await asyncio.sleep(0.05)
        assert children(engine.pid) == []
        again = profile_chart(kb, tmp_path / "b.png", "Berkelland")
        assert Path(await engine.run(calls.draw, again.to_json())).read_bytes().startswith(PNG)
    finally:
        await engine.close()
