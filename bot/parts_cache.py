"""The content and its matcher, kept ready between starts.

Building them is most of the engine's start: reading and validating some thirty YAML files
and indexing every entry, about half a second of CPU. The result depends only on the content
files and the code, so it is pickled into a cache folder (`$WIJKBOT_CACHE`, else the user's
`$XDG_CACHE_HOME/wijkbot` or `~/.cache/wijkbot`) under a name made of a hash of both. A
start whose content and code are unchanged reads it back in a few hundredths of a second; a
change to any content file, any module of the package or the Python version builds anew,
as Python does with its bytecode. The cache only saves time: a folder that cannot be
written, or a file that does not read back, means building as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
_PACKAGE = Path(__file__).resolve().parent


def cache_folder() -> Path:
    if folder := os.environ.get("WIJKBOT_CACHE"):
        return Path(folder)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wijkbot"


def fingerprint(content: Path) -> str:
    """A hash of what the parts are built from: the content files, the package's code and
    the Python that pickles them."""
    digest = hashlib.sha256(sys.version.encode())
    files = [
        *(p for folder in ("knowledge", "flows") for p in (content / folder).rglob("*")),
        *_PACKAGE.rglob("*.py"),
    ]
    for path in sorted(p for p in files if p.is_file()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load_cached(build: Callable[[], T], content: Path) -> T:
    """What `build` makes from the content at `content`, from the cache when it holds it."""
    folder = cache_folder()
    path = folder / f"parts-{fingerprint(content)}.pickle"
    try:
        kept = path.read_bytes()
    except OSError:  # none kept yet, or none can be
        kept = b""
    if kept:
        try:
            parts: T = pickle.loads(kept)
            return parts
        except Exception as error:  # written by another version of a library, say
            log.info("the cached content did not load (%s); building it anew", error)
    parts = build()
    try:
        _keep(folder, path, parts)
    except OSError as error:
        log.info("the content could not be cached in %s (%s)", folder, error)
    return parts


def _keep(folder: Path, path: Path, parts: object) -> None:
    """Write the file whole or not at all (another process may read it meanwhile), and
    drop the files of older content."""
    data = pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL)
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(name, path)
    except OSError:
        Path(name).unlink(missing_ok=True)
        raise
    for old in folder.glob("parts-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
