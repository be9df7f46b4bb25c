"""Fit the matcher's decision (bot/matcher/decision.py) on tuning question sets.

    python bench/calibrate.py bench/questions_d.yaml bench/questions_a.yaml

For every question the matcher's signals of its best candidate are taken (Matcher.assess).
Two logistic regressions (numpy, Newton's method, a little L2) learn:
- right: the best candidate is the right answer (in-scope questions whose answer holds the
  expected words) against everything else (wrong candidates, out-of-scope questions);
- field: the question is in the field (every in-scope question) against out-of-scope ones.
It prints the weights to paste into decision.py, and for a grid of the two cut-offs what the
bot would do on these sets: right, confident wrong, out-of-scope declined, in-scope declined.
Check the chosen setting on a set that was not used here (bench/matcher.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import shown_text  # noqa: E402
from bot.content import load_knowledge  # noqa: E402
from bot.matcher import Matcher  # noqa: E402
from bot.matcher.evaluate import read_questions, satisfies  # noqa: E402

L2 = 0.01


def fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + L2 * w
        hessian = (x.T * (p * (1 - p))) @ x + L2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]]
    if not files:
        sys.exit(__doc__)
    kb = load_knowledge(ROOT)
    matcher = Matcher.for_knowledge(kb)
    features, right, in_field = [], [], []
    for path in files:
        cases, outside = read_questions(path)
        asked = [(c.question, c.expect) for c in cases] + [(o.question, None) for o in outside]
        for question, expect in asked:
            ranked, signals = matcher.assess(question)
            if not ranked:
                continue
            features.append(signals.features())
            hit = expect is not None and satisfies(shown_text(ranked[0].entry, kb), expect)
            right.append(hit)
            in_field.append(expect is not None)
    x = np.array(features)
    y_right, y_field = np.array(right, float), np.array(in_field, float)
    w_right, w_field = fit(x, y_right), fit(x, y_field)
    print(f"{len(x)} questions from {', '.join(f.name for f in files)}")
    print("RIGHT_WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in w_right) + ")")
    print("FIELD_WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in w_field) + ")")
    p_right = 1 / (1 + np.exp(-x @ w_right))
    p_field = 1 / (1 + np.exp(-x @ w_field))
    n_in, n_out = y_field.sum(), (1 - y_field).sum()
    print("\n| answer | in_field | right | confident wrong | out declined | in declined |")
    print("|---|---|---|---|---|---|")
    for answer in (0.4, 0.5, 0.6, 0.7):
        for field in (0.3, 0.5, 0.7, 0.8):
            answered = p_right >= answer
            declined = (p_field < field) & ~answered
            print(
                f"| {answer} | {field} | {(answered & (y_right == 1)).sum() / n_in:.1%} "
                f"| {(answered & (y_right == 0) & (y_field == 1)).sum() / n_in:.1%} "
                f"| {(declined & (y_field == 0)).sum() / n_out:.1%} "
                f"| {(declined & (y_field == 1)).sum() / n_in:.1%} |"
            )


if __name__ == "__main__":
    main()
