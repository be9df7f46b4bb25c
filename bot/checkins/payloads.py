"""The data behind the check-ins' buttons, built here and read by `CheckinService.press`.

`ci:start:<template>` starts a check-in from the menu, `ci:stop:<schedule>` cancels a plan,
and `ci:a:<check-in>:<item>:<value>` is a member's answer: `item` is what in the check-in is
answered (a theme, a point of the checklist, or '' for the one question), `value` the choice.
"""

from __future__ import annotations

PAYLOAD = "ci:"
START, STOP, ANSWER = "start", "stop", "a"


def start(template: str) -> str:
    return f"{PAYLOAD}{START}:{template}"


def stop(schedule_id: int | None) -> str:
    return f"{PAYLOAD}{STOP}:{schedule_id}"


def answer(checkin_id: int, item: str, value: str) -> str:
    return f"{PAYLOAD}{ANSWER}:{checkin_id}:{item}:{value}"
