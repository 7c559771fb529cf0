"""How fast does storeops start? Median wall time of CLI invocations against baselines.

    python bench/startup.py [--runs 15]

Prints the median of each command, measured in the same run:
`python -c pass` (the interpreter floor), `python -c "import typer"` (the framework floor),
`storeops --help` and `storeops checklists list`. Target: `storeops --help` under 150 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STOREOPS = [sys.executable, "-m", "storeops"]
CASES: list[tuple[str, list[str]]] = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ('python -c "import typer"', [sys.executable, "-c", "import typer"]),
    ("storeops --help", [*STOREOPS, "--help"]),
    ("storeops checklists list", [*STOREOPS, "checklists", "list"]),
]


def median_ms(command: list[str], runs: int, env: dict[str, str]) -> float:
    """Median wall time of `command` over `runs` runs, after one warm-up run."""
    subprocess.run(command, env=env, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Measure every case and print a table with ratios to the interpreter floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "STOREOPS_HOME": str(Path(home)), "COLUMNS": "120"}
        results = [(name, median_ms(command, args.runs, env)) for name, command in CASES]
    floor = results[0][1]
    print(f"{'command':32} {'median ms':>10} {'x python':>9}")
    for name, ms in results:
        print(f"{name:32} {ms:10.1f} {ms / floor:9.1f}")


if __name__ == "__main__":
    main()
