"""Wires the parts together once: content, matcher, store and engine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .content import Knowledge, load_knowledge
from .engine import Engine
from .engine.operators import Operators, Registration
from .engine.privacy import Operator
from .matcher import Matcher
from .store import Store
from .store.store import files_dir


@dataclass(frozen=True)
class Services:
    kb: Knowledge
    matcher: Matcher
    store: Store
    engine: Engine

    def close(self) -> None:
        self.store.close()


def build_services(
    db_path: Path | str,
    kb: Knowledge | None = None,
    store: Store | None = None,
    matcher: Matcher | None = None,
    files: Path | None = None,
    bot_username: str | None = None,
    operators: Operators | None = None,
) -> Services:
    """The parts, built once. Who decides claims comes from the environment unless given
    (WIJKBOT_OPERATORS, WIJKBOT_REGISTRATION; open by default, as in the terminal)."""
    kb = kb or load_knowledge()
    matcher = matcher or Matcher.for_knowledge(kb)
    store = store or Store(db_path)
    operator = Operator(
        os.environ.get("WIJKBOT_OPERATOR_NAME", "").strip(),
        os.environ.get("WIJKBOT_OPERATOR_CONTACT", "").strip(),
    )
    operators = operators or Operators.from_env(os.environ, Registration.OPEN)
    files = files or files_dir(db_path)
    engine = Engine(kb, matcher, store, files, bot_username, operator, operators)
    return Services(kb, matcher, store, engine)
