"""The flow runner on content the shipped flows do not have (but a content editor may write)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from bot.console import PROMPT_BOT, Console
from bot.engine import texts
from bot.services import build_services

from .scripted import GEMEENTE, knowledge, matcher


def test_a_flow_of_only_optional_questions_starts_at_its_first_question(tmp_path: Path) -> None:
    kb = knowledge()
    actie = kb.flows["actie"]
    optional = [part.model_copy(update={"optional": True}) for part in actie.questions]
    flows = {**kb.flows, "actie": actie.model_copy(update={"questions": optional})}
    services = build_services(tmp_path / "wijkbot.db", replace(kb, flows=flows), matcher=matcher())
    out = io.StringIO()
    console = Console(services.engine, "anna", out)
    try:
        for line in ("/start", GEMEENTE, "/acties", texts.NEW_ACTION):
            console.send(line)
    finally:
        services.close()
    replies = [block.strip() for block in out.getvalue().split(PROMPT_BOT) if block.strip()]
    assert replies[-2] == f"{actie.title}\n{actie.intro}"
    assert replies[-1].startswith(f"{actie.title}, vraag 1 van 4\n{actie.questions[0].text}")
