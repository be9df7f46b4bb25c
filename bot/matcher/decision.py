"""Answer, suggest or decline: one decision on several signals rather than one score.

The signals of a question's best candidate (`Signals`):
- `score`: how well it fits (BM25, coverage and phrasing together, 0..1);
- `lead`: its lead over the runner-up (a tie means the bot cannot tell which is meant);
- `coverage`: the share of the question's known words it holds;
- `phrasing`: how well one of its own phrasings fits the question;
- `understood`: the share of the question's weight in words the knowledge knows at all;
- `known_weight`: how much known wording the question has, in units of the rarest word's
  weight (a single common word such as "rol" is little to go on);
- `wording`: how close the question is, word for word, to its nearest own phrasing.

Two logistic models weigh them: how likely the best candidate is the right answer, and how
likely the question is in the field at all. Context words the knowledge lacks lower
`understood` only, so a long question in the field still gets its answer while a question
about parking permits does not. The weights are fitted by bench/calibrate.py on the tuning
question set; the two cut-offs are chosen there so that a confident wrong answer stays rare
(README, Performance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Outcome(StrEnum):
    ANSWER = "answer"
    SUGGEST = "suggest"
    DECLINE = "decline"


@dataclass(frozen=True)
class Signals:
    score: float = 0.0
    lead: float = 0.0
    coverage: float = 0.0
    phrasing: float = 0.0
    understood: float = 0.0
    known_weight: float = 0.0
    wording: float = 0.0
    topic_words: int = 0  # words of the question that name a topic (a title's or tag's word)
    phrased_words: int = 0  # words of the question that some title, tag or phrasing uses
    personal: bool = False  # asks who someone near the user is ("wie is mijn wijkagent")

    def features(self) -> tuple[float, ...]:
        """The model's inputs, in the order of the weights below (1 for the intercept)."""
        return (
            self.score,
            self.lead,
            self.coverage,
            self.phrasing,
            self.understood,
            math.log(0.05 + self.known_weight),
            self.wording,
            1.0,
        )


# Fitted by bench/calibrate.py (see its output for the sets and the figures).
RIGHT_WEIGHTS = (8.484, 5.602, 0.387, -2.227, 3.939, 0.339, 7.264, -12.308)
FIELD_WEIGHTS = (20.059, 3.115, 2.336, -5.299, 4.114, 2.725, 7.703, -18.612)


@dataclass(frozen=True)
class Decision:
    right: tuple[float, ...] = RIGHT_WEIGHTS
    field: tuple[float, ...] = FIELD_WEIGHTS
    answer: float = 0.6  # answer outright from this chance that the best candidate is right
    understood: float = 0.5  # a question of one known word: at least this share known
    in_field: float = 0.7  # below this chance that the question is in the field: decline
    suggest_floor: float = 0.3  # suggestions offered score at least this (at least one)

    def decide(self, signals: Signals) -> Outcome:
        """Answer when the best candidate is likely right; decline what is likely outside
        the field, or asks for a person the knowledge cannot know; else suggest. A single
        known word ("rol", "taken") is in the field but too vague to answer: it gets
        suggestions."""
        if signals.coverage == 0 or signals.personal:
            return Outcome.DECLINE
        # a word that only some answer's text uses is no topic; and one known word among
        # unknown ones ("partytent lenen voor ons buurtfeest") is too little to answer on
        about = signals.phrased_words > 1 or (
            signals.phrased_words == 1 and signals.understood >= self.understood
        )
        if about and chance(self.right, signals) >= self.answer:
            return Outcome.ANSWER
        vague = signals.topic_words == 1 and signals.understood >= 1.0 and signals.known_weight < 1
        if chance(self.field, signals) < self.in_field and not vague:
            return Outcome.DECLINE
        return Outcome.SUGGEST


def chance(weights: tuple[float, ...], signals: Signals) -> float:
    z = sum(w * x for w, x in zip(weights, signals.features(), strict=True))
    return 1 / (1 + math.exp(-max(min(z, 40.0), -40.0)))
