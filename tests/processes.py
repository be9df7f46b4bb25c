"""`wijkbot run` as a real process: reading its log, and which of its processes is which."""

from __future__ import annotations

import os
import re
import selectors
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


def running(lines: list[str]) -> bool:
    return any("Wijkbot runs as" in line for line in lines)


def read_until(
    process: subprocess.Popen[bytes], enough: Callable[[list[str]], bool], timeout: float = 90
) -> list[str]:
    """The process's stderr lines until `enough` of them have come (or it ends)."""
    assert process.stderr is not None
    lines: list[str] = []
    selector = selectors.DefaultSelector()
    selector.register(process.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    line = b""
    while not enough(lines):
        assert time.monotonic() < deadline, f"Timed out; stderr so far: {lines}"
        if selector.select(timeout=1) and (line := process.stderr.readline()):
            lines.append(line.decode().rstrip("\n"))
        assert process.poll() is None or line, f"wijkbot run ended: {lines}"
    return lines


def process_of(lines: list[str], role: str) -> int:
    """The process id of the bot's engine (`role`: "engine"), as the bot's start says in
    its log."""
    [started] = [line for line in lines if "Wijkbot runs as" in line]
    found = re.search(rf"{role}: process (\d+)", started)
    assert found, started
    return int(found[1])


def children(pid: int) -> list[int]:
    """The processes `pid` started, from any of its threads."""
    tasks = Path(f"/proc/{pid}/task").glob("*/children")
    return [int(child) for task in tasks for child in task.read_text().split()]


def group_alive(group: int) -> bool:
    """Whether any process of the process group `group` still runs."""
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
