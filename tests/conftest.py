from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import Knowledge, load_knowledge
from bot.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge(ROOT)


@pytest.fixture(scope="session")
def matcher(kb: Knowledge) -> Matcher:
    return Matcher(kb.entries.values())
