from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # imported where used: xdist's controller runs no test and needs none of them
    from bot.content import Knowledge
    from bot.matcher import Matcher
    from tests.botapi import StandInBotAPI
    from tests.telegram_harness import Running

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


# Memory, not disk, where the machine has room in it: each of the thousands of commits the
# tests' databases make waits for the disk there (SQLite's fsync, milliseconds each); a
# process that is killed loses nothing either way (only a crash of the machine would tell
# them apart). A run writes about 100 MB there; a container's /dev/shm is often 64 MB.
MEMORY = Path("/dev/shm")
MEMORY_NEEDED = 1 << 30  # bytes free in MEMORY, else the disk


def pytest_configure(config: pytest.Config) -> None:
    """Every process the tests start keeps its content cache (bot/parts_cache.py) in a
    folder of this run's own, not the user's; xdist's workers inherit it. Their engines do
    not load the libraries for charts and dates while idle (bot/services.py, `warm_up`):
    seconds of CPU in each of the many the tests start; the test of it turns it on. The
    tests' folders (tmp_path) and the cache are in memory when the machine has /dev/shm."""
    os.environ["WIJKBOT_WARM_UP"] = "off"
    if "PYTEST_XDIST_WORKER" not in os.environ:
        memory = str(MEMORY) if _room_in(MEMORY) else None
        if memory:
            os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", memory)  # pytest's root for tmp_path
        os.environ["WIJKBOT_CACHE"] = tempfile.mkdtemp(prefix="wijkbot-tests-cache-", dir=memory)


def _room_in(folder: Path) -> bool:
    try:
        return os.access(folder, os.W_OK) and shutil.disk_usage(folder).free >= MEMORY_NEEDED
    except OSError:
        return False


def pytest_unconfigure(config: pytest.Config) -> None:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        shutil.rmtree(os.environ.pop("WIJKBOT_CACHE", ""), ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, spread over the workers. xdist's worksteal gives each worker an
    equal run of the list and later moves tests from the end of a run to a worker that has
    none left: so each run starts with its share of the slow tests, and the short ones fill
    in around them. Otherwise the order stays as collected (a module's tests together)."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    slow = [item for item in items if item.get_closest_marker("slow")]
    rest = [item for item in items if not item.get_closest_marker("slow")]
    ordered: list[pytest.Item] = []
    for worker in range(workers):  # the run each worker is given (xdist's worksteal.py)
        size = (len(items) - len(ordered)) // (workers - worker)
        share = slow[worker::workers]
        fill = max(0, size - len(share))
        ordered += share + rest[:fill]
        del rest[:fill]
    items[:] = ordered + rest


def pytest_collection_finish(session: pytest.Session) -> None:
    """With Telegram tests to come, their engines' fork server loads while the others run."""
    if any("api" in getattr(item, "fixturenames", ()) for item in session.items):
        from tests.telegram_harness import start_fork_server

        start_fork_server()


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    """The content, loaded once for the session (tests/scripted.py uses the same)."""
    from tests.scripted import knowledge

    return knowledge()


@pytest.fixture(scope="session")
def matcher(kb: Knowledge) -> Matcher:
    """The matcher of `kb`, built once for the session (tests/scripted.py uses the same)."""
    from tests.scripted import matcher as shared_matcher

    return shared_matcher()


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the real content (knowledge/ and flows/) for the test to edit and load.
    Each load reads and checks every file, as always; only the YAML text of a file that the
    session has parsed before is not parsed again (about 0.2 s of CPU a load): PyYAML gives
    the same text the same data, of which the load gets a copy of its own."""
    import yaml

    root = tmp_path / "content"
    for part in ("knowledge", "flows"):
        shutil.copytree(ROOT / part, root / part)
    monkeypatch.setattr(yaml, "load", _parsed_once(yaml.load))
    return root


_PARSED: dict[tuple[str, type], bytes] = {}  # (YAML text, loader) -> its data, pickled


def _parsed_once(parse: Any) -> Any:
    def load(stream: Any, Loader: type) -> Any:
        if not isinstance(stream, str):
            return parse(stream, Loader)
        key = (stream, Loader)
        if key not in _PARSED:
            _PARSED[key] = pickle.dumps(parse(stream, Loader))  # a YAML error: not kept
        return pickle.loads(_PARSED[key])

    return load


@pytest.fixture
async def api() -> AsyncIterator[StandInBotAPI]:
    """The stand-in Telegram Bot API (tests/botapi.py)."""
    from tests.botapi import StandInBotAPI

    server = StandInBotAPI()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(api: StandInBotAPI, tmp_path: Path) -> AsyncIterator[Running]:
    """The Telegram bot on a fresh database, against `api` (tests/telegram_harness.py)."""
    from tests.telegram_harness import running_bot

    async with running_bot(tmp_path / "wijkbot.db", api) as running:
        yield running
