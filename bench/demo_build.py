"""How fast is the demo store built? Times `storeops.demo.build_demo` and prints what it wrote.

    python bench/demo_build.py [--scale small|large] [--seed N] [--db PATH]

Builds into a temporary folder (or into --db, which must be new or empty), always "as of" the
same fixed instant so runs are comparable whatever STOREOPS_NOW says, then prints the build
time, rows per table, total rows, database size, order lines per second, and how long each
write phase took (in the writer process, overlapping generation). Target for the large
scale (50,000 variants, 500,000 orders, 2,000,000 order lines): under 45 s on two cores.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from storeops.demo import DemoSummary, build_demo
from storeops.errors import StoreOpsError

FIXED_NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # a Thursday morning


def stage_printer() -> tuple[dict[str, float], Callable[[str, int, int], None]]:
    """A progress callback printing each stage as it starts (stderr), and their start times."""
    started = time.perf_counter()
    seen: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage not in seen:
            seen[stage] = time.perf_counter() - started
            print(f"  {seen[stage]:6.1f}s  {stage}", file=sys.stderr, flush=True)

    return seen, progress


def report(summary: DemoSummary) -> None:
    """Print the figures of one build."""
    print(
        f"scale {summary.scale}, seed {summary.seed}, "
        f"{summary.days} days up to {FIXED_NOW:%Y-%m-%d %H:%M} UTC"
    )
    print(f"built in {summary.seconds:.1f} s")
    print()
    print(f"{'table':24} {'rows':>12}")
    for table, rows in sorted(summary.rows.items(), key=lambda item: (-item[1], item[0])):
        print(f"{table:24} {rows:>12,}")
    print(f"{'total':24} {summary.total_rows:>12,}")
    print()
    if summary.db_bytes is not None:
        print(f"database size   {summary.db_bytes / 1_000_000:,.1f} MB")
    lines = summary.rows.get("order_lines", 0)
    print(f"order lines/s   {lines / summary.seconds:,.0f}")
    print(f"rows/s          {summary.total_rows / summary.seconds:,.0f}")
    if summary.timings:
        print()
        print("write phases (writer process, overlapping generation):")
        for phase, seconds in sorted(summary.timings.items(), key=lambda item: -item[1]):
            if seconds >= 0.05:
                print(f"  {phase:30} {seconds:6.2f} s")
    print()
    print(f"{len(summary.planted)} planted problems")


def main() -> None:
    """Parse arguments, build, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "large"), default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args()
    _, progress = stage_printer()
    with tempfile.TemporaryDirectory(prefix="storeops-demo-") as folder:
        path = args.db if args.db is not None else Path(folder) / "store.db"
        try:
            summary = build_demo(
                f"sqlite:///{path.resolve()}",
                seed=args.seed,
                scale=args.scale,
                now=FIXED_NOW,
                progress=progress,
            )
        except StoreOpsError as exc:
            print(f"error: {exc}", file=sys.stderr)
            raise SystemExit(1) from None
        report(summary)


if __name__ == "__main__":
    main()
