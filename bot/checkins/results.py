"""From the answers to the results of a check-in (kept as JSON when it closes), and how
they moved since the previous check-in of the same template in the same group. What is
counted, and compared, depends on the kind (kinds/)."""

from __future__ import annotations

from ..content import Knowledge
from ..records import Checkin
from .kinds import CheckinAnswers, Results, kind_of


def compute(checkin: Checkin, answers: CheckinAnswers, kb: Knowledge) -> Results:
    """Who answered (an emptied answer does not count), and what the kind counts."""
    given = {key: (name, value) for key, (name, value) in answers.items() if value not in ([], "")}
    people = {user: name for (_, user), (name, _) in given.items()}
    results: Results = {"respondents": len(people), "names": sorted(people.values())}
    results.update(kind_of(checkin.kind).count(checkin, given, kb))
    return results


def trend(checkin: Checkin, results: Results, previous: Results | None) -> dict[str, str]:
    """Per theme or option: 'up', 'down' or 'same' against `previous`; {} without one."""
    if previous is None:
        return {}
    return kind_of(checkin.kind).trend(results, previous)
