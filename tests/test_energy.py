"""Step 4 asks where the energy is and suggests themes from the gemeente's own work, saying
why: a strong task of the checklist, the latest energy check of a linked group."""

from __future__ import annotations

from pathlib import Path

from bot.vocabulary import ChatType, Event, Reply

from .scripted import GEMEENTE, InProcess


def test_step_4_suggests_themes_with_energy_and_says_why(tmp_path: Path) -> None:
    bot = InProcess(tmp_path / "wijkbot.db")
    try:
        bot.say("anna", "/start", GEMEENTE)
        bot.say("anna", "/checklist 10", "ja", "deels", "deels", "nee")  # Rugdekking: 8,3
        group = {"chat_id": "g1", "chat_type": ChatType.GROUP, "chat_title": "Wijkteam Oost"}
        group |= {"is_admin": True}

        def in_group(user: str, text: str = "", payload: str | None = None) -> list[Reply]:
            event = Event(user_id=f"console:{user}", text=text or None, payload=payload, **group)
            return bot.services.engine.handle(event)

        [code] = bot.store.db.execute("SELECT code FROM gemeenten").fetchone()
        in_group("anna", f"/koppel {code}")
        [question] = in_group("anna", "/checkin energie")
        wijkteams = next(o.payload for o in question.options if o.label == "Wijkteams")
        for user in ("anna", "bert"):
            in_group(user, payload=wijkteams)
        in_group("anna", "/checkin_sluit")

        *_, asked = bot.say("anna", "/stap 4")
    finally:
        bot.close()
    assert "Hier zit energie, volgens wat u eerder invulde:" in asked
    assert (
        "• Visie en inspiratie, omdat opgave Rugdekking (8,3) sterk scoort in de checklist."
    ) in asked
    assert (
        "• Wijkteams, omdat het de meeste stemmen kreeg in de energie-check van Wijkteam Oost (2)."
    ) in asked
    assert asked.count("• ") == 2  # no profile yet: no other theme stands out
