"""Shared by the benchmarks: the large demo store, built once and reused, at a fixed instant."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

# Benchmarks run "as of" this instant so every run sees the same store and the same problems.
FIXED_NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)  # as bench/demo_build.py: a Thursday morning
OUT = Path(__file__).resolve().parent / "out"


def use_fixed_clock() -> None:
    """Make storeops' clock (in this process and its children) read FIXED_NOW."""
    os.environ["STOREOPS_NOW"] = FIXED_NOW.isoformat()


def large_store(*, rebuild: bool = False) -> Path:
    """The path of the large demo store (50,000 SKUs, 2,000,000 order lines), built if missing."""
    from storeops.demo import build_demo

    home = OUT / "large"
    db = home / "store.db"
    if rebuild and home.exists():
        shutil.rmtree(home)
    if not db.exists():
        home.mkdir(parents=True, exist_ok=True)
        print(f"building the large demo store in {db} (once; reused by later runs)...")
        summary = build_demo(f"sqlite:///{db}", scale="large", now=FIXED_NOW)
        print(f"built in {summary.seconds:.1f}s, {summary.total_rows:,} rows")
    return db


def copy_store(source: Path, home: Path) -> Path:
    """A private copy of a store (so a benchmark may write to it) in `home`."""
    home.mkdir(parents=True, exist_ok=True)
    target = home / "store.db"
    shutil.copyfile(source, target)
    return target


def reference_seconds() -> float:
    """Seconds this machine takes, right now, for a fixed single-threaded Python workload.

    On a shared host the same work can take 1.5 times longer from one minute to the next.
    Taken next to each measurement, this says which state a figure was taken in: compare
    figures whose references agree.
    """
    started = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number * number
    return time.perf_counter() - started
