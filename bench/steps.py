"""The engine under a walk: many users each take their gemeente through the four steps.

    python bench/steps.py [--gemeenten 20] [--colleagues 4] [--warm]

Every gemeente's coordinator registers, invites colleagues, and the members share the
work: step 1 (two wijken), step 2, step 3 and step 4 with two actions, then /voortgang and
/rapport. Measures time per event (p50, p99, by kind), the slowest events (report, chart),
database size and peak memory, all in one process against a SQLite file, as the terminal
and the Telegram adapter drive the engine. With --warm the libraries for charts, reports
and dates are loaded first, as the bot's engine process does once idle after its start.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content import load_knowledge  # noqa: E402
from bot.engine import Engine, Event  # noqa: E402
from bot.report.build import gemeente_ids, load_progress  # noqa: E402
from bot.services import build_services, warm_up  # noqa: E402

STEP_1 = ["Noord, Zuid", *["Veel ouderen en jonge gezinnen"] * 7, "2", "Buurt wil moestuin"]
STEP_1 += [*["Armoede en schulden"] * 7, "1", "/overslaan", "2, 1"]
STEP_2 = ["2", "1", "3", "2", "2", "1"]
STEP_3 = ["1", "De raad wil tempo", "3", "Het team kent de wijk"]
STEP_4 = ["2, 4", "Spreekuur in de wijk", "Wijkcoördinator", "1 maart 2027"]
STEP_4 += ["Wijktafel starten", "Gebiedsregisseur", "15-05-2027"]


def send(engine: Engine, user: str, text: str, timings: dict[str, list[float]]) -> list:
    event = Event(chat_id=user, user_id=user, text=text, user_name=user)
    start = time.perf_counter()
    replies = engine.handle(event)
    kind = text.split()[0] if text.startswith("/") else "answer"
    timings[kind].append((time.perf_counter() - start) * 1000)
    return replies


def walk(engine: Engine, gemeente: str, colleagues: int, timings: dict[str, list[float]]) -> None:
    coordinator = f"{gemeente}-coordinator"
    send(engine, coordinator, "/start", timings)
    [found] = send(engine, coordinator, gemeente, timings)
    payload = found.options[0].payload
    engine.handle(Event(coordinator, coordinator, payload=payload, user_name=coordinator))
    members = [coordinator]
    for n in range(colleagues):
        invite = send(engine, coordinator, "/uitnodigen", timings)[0].text
        code = invite.split("code ")[1].split(",")[0]
        member = f"{gemeente}-{n}"
        send(engine, member, f"/start join-{code}", timings)
        members.append(member)
    for number, answers in enumerate([STEP_1, STEP_2, STEP_3, STEP_4], start=1):
        user = members[number % len(members)]
        send(engine, user, f"/stap {number}", timings)
        for text in answers:
            send(engine, user, text, timings)
    send(engine, members[-1], "/voortgang", timings)
    send(engine, members[0], "/rapport", timings)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gemeenten", type=int, default=20)
    parser.add_argument("--colleagues", type=int, default=4)
    parser.add_argument("--warm", action="store_true", help="load them first (warm_up)")
    args = parser.parse_args()
    if args.warm:
        warm_up()

    kb = load_knowledge()
    names = [g.name for g in kb.gemeenten if not g.aliases][: args.gemeenten]
    timings: dict[str, list[float]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        services = build_services(db, kb)
        tracemalloc.start()
        started = time.perf_counter()
        for name in names:
            walk(services.engine, name, args.colleagues, timings)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        exported = services.store.db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        finished = sum(
            set(load_progress(services.store, kb, i).statuses.values()) == {"klaar"}
            for i in gemeente_ids(services.store)
        )
        services.close()
        size = db.stat().st_size / 2**20

    every = [t for values in timings.values() for t in values]
    users = len(names) * (args.colleagues + 1)
    print(f"{len(names)} gemeenten, {users} users, {len(every)} events in {elapsed:.1f} s")
    print(f"gemeenten with all four steps klaar: {finished} of {len(names)}")
    print(f"answers stored: {exported}; database {size:.1f} MiB; peak traced memory {peak:.0f} MiB")
    print()
    print("| event | count | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|")
    rows = sorted(timings.items(), key=lambda kv: -len(kv[1]))
    for kind, values in [("all", every), *rows]:
        print(
            f"| {kind} | {len(values)} | {statistics.median(values):.1f} "
            f"| {percentile(values, 0.99):.1f} | {max(values):.1f} |"
        )


if __name__ == "__main__":
    main()
