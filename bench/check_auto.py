"""How fast are the store checks? All of them on the large demo store, against the floor.

    python bench/check_auto.py [--repeat 3]

Prints the wall time of every store check together (as `storeops check --all` runs them:
plan, measure, judge, with a forked helper process on Linux), the same on one connection in
one process, the slowest five, and the floor: the very same SQL statements, captured while
the checks ran on one connection, replayed directly through sqlite3. The ratio is storeops'
time over the floor's. Targets: all store checks under 2 s; overhead under 1.5x.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from typing import Any

from common import large_store, use_fixed_clock


def run_checks_once(
    db: str, *, workers: int | None = None
) -> tuple[float, list[tuple[str, float]], list[tuple[str, Any]]]:
    """Run every store check once; (seconds, per-check ms, captured SQL statements).

    Statements are captured in this process only: with a forked helper (the default on
    Linux) only this process's share is, so the floor is taken from a one-worker run.
    """
    from sqlalchemy import event

    from storeops.checklists.loader import load_checklists
    from storeops.config import load_settings
    from storeops.db import open_store
    from storeops.runner import plan_checks, run_checks

    settings = load_settings(db=db)
    checklists = load_checklists()
    store = open_store(settings.db_url)
    statements: list[tuple[str, Any]] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def capture(_conn: Any, _cursor: Any, statement: str, params: Any, *_rest: Any) -> None:
        statements.append((statement, params))

    planned = [p for p in plan_checks(checklists, settings) if p.check_type != "sql"]
    started = time.perf_counter()
    outcomes = run_checks(store, settings, planned, workers=workers)
    elapsed = time.perf_counter() - started
    store.close()
    per_check = sorted(((o.item_id, o.duration_ms) for o in outcomes), key=lambda r: -r[1])
    queries = [(s, p) for s, p in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    return elapsed, per_check, queries


def replay(db: str, queries: list[tuple[str, Any]]) -> float:
    """The floor: the captured statements through plain sqlite3, fetching every row."""
    connection = sqlite3.connect(db)
    started = time.perf_counter()
    for statement, params in queries:
        connection.execute(statement, params).fetchall()
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    use_fixed_clock()
    db = str(large_store())
    alone = [run_checks_once(db, workers=1) for _ in range(args.repeat)]  # warms the cache too
    runs = [run_checks_once(db) for _ in range(args.repeat)]
    captured = min(alone, key=lambda r: r[0])[2]  # every statement, from one connection
    best = min(runs, key=lambda r: r[0])
    floors = [replay(db, captured) for _ in range(args.repeat)]
    total = statistics.median(r[0] for r in runs)
    one = statistics.median(r[0] for r in alone)
    floor = statistics.median(floors)
    print(f"store checks: {len(best[1])}, SQL statements: {len(captured)}")
    print(f"all store checks (median of {args.repeat}): {total * 1000:8.1f} ms")
    print(f"the same on one connection, one process: {one * 1000:8.1f} ms")
    print(f"same SQL through sqlite3 (floor):     {floor * 1000:8.1f} ms")
    print(f"overhead over the floor:              {total / floor:8.2f}x")
    print("slowest five:")
    for item, ms in best[1][:5]:
        print(f"  {item:32} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
