"""How fast are the store checks? All of them on the large demo store, against the floor.

    python bench/check_auto.py [--repeat 3]

Prints the wall time of every store check together (as `storeops check --all` runs them, in
one process: plan, measure, judge), the slowest five, and the floor: the very same SQL
statements, captured while the checks ran, replayed directly through sqlite3. The ratio is
storeops' time over the floor's. Targets: all store checks under 2 s; overhead under 1.5x.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from typing import Any

from common import large_store, use_fixed_clock


def run_checks_once(db: str) -> tuple[float, list[tuple[str, float]], list[tuple[str, Any]]]:
    """Run every store check once; (seconds, per-check ms, captured SQL statements)."""
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
    outcomes = run_checks(store, settings, planned)
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
    run_checks_once(db)  # warm the page cache for both sides
    runs = [run_checks_once(db) for _ in range(args.repeat)]
    best = min(runs, key=lambda r: r[0])
    floors = [replay(db, best[2]) for _ in range(args.repeat)]
    total = statistics.median(r[0] for r in runs)
    floor = statistics.median(floors)
    print(f"store checks: {len(best[1])}, SQL statements: {len(best[2])}")
    print(f"all store checks (median of {args.repeat}): {total * 1000:8.1f} ms")
    print(f"same SQL through sqlite3 (floor):     {floor * 1000:8.1f} ms")
    print(f"overhead over the floor:              {total / floor:8.2f}x")
    print("slowest five:")
    for item, ms in best[1][:5]:
        print(f"  {item:32} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
