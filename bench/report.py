"""How fast is the monthly report on the large demo store? Median wall times against baselines.

    python bench/report.py [--runs 5]

Runs the real CLI as a user would, on the large demo store (built once by bench/common.py),
and prints the median of each case measured in the same run:
`storeops --help` (the CLI's start-up floor), `storeops check --item daily-order-report`
(one check on the same data, the cheapest real work), then `storeops report monthly` in each
format and `storeops report finance`. Target: the monthly report under 2 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import large_store, use_fixed_clock

STOREOPS = [sys.executable, "-m", "storeops"]
TARGET_S = 2.0


def cases(out: Path) -> list[tuple[str, list[str]]]:
    """(name, command) of every case; the first is the baseline the ratios divide by."""
    return [
        ("storeops --help", [*STOREOPS, "--help"]),
        (
            "check --item daily-order-report",
            [
                *STOREOPS,
                "check",
                "--item",
                "daily-order-report",
                "--all",
                "--auto",
                "--format",
                "json",
            ],
        ),
        ("report monthly --format md", [*STOREOPS, "report", "monthly", "--format", "md"]),
        ("report monthly --format json", [*STOREOPS, "report", "monthly", "--format", "json"]),
        (
            "report monthly --out r.html",
            [*STOREOPS, "report", "monthly", "--out", str(out), "--force"],
        ),
        ("report finance --format md", [*STOREOPS, "report", "finance", "--format", "md"]),
        ("report weekly --format md", [*STOREOPS, "report", "weekly", "--format", "md"]),
        ("report daily --format md", [*STOREOPS, "report", "daily", "--format", "md"]),
    ]


def median_s(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median wall and CPU time of `command` over `runs` runs, after one warm-up run.

    CPU time (user + system of the child) is printed beside the wall time because the
    machine is shared: waiting for a core inflates the wall time, not the CPU time.
    """
    subprocess.run(command, env=env, capture_output=True, check=False)
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode > 3:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    """Measure every case and print a table with ratios to the start-up floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    use_fixed_clock()
    db = large_store()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "STOREOPS_HOME": home, "STOREOPS_DB": str(db), "COLUMNS": "120"}
        results = [
            (name, median_s(command, args.runs, env))
            for name, command in cases(Path(home) / "r.html")
        ]
    floor = results[0][1][0]
    print(f"large demo store: {db.stat().st_size / 1e9:.2f} GB, {args.runs} runs each, medians")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'command':36} {'wall s':>8} {'cpu s':>8} {'x --help':>9}")
    for name, (wall, cpu) in results:
        print(f"{name:36} {wall:8.3f} {cpu:8.3f} {wall / floor:9.1f}")
    monthly = results[2][1][0]
    verdict = "met" if monthly < TARGET_S else "NOT met"
    print(f"\ntarget: report monthly under {TARGET_S:.0f} s: {verdict} ({monthly:.3f} s)")


if __name__ == "__main__":
    main()
