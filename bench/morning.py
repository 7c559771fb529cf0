"""How fast does the morning routine answer? On the large demo store.

    python bench/morning.py [--runs 3] [--against REV]

1. Time from starting `storeops morning` (on a pseudo-terminal) to its first question, which
   includes opening the store and judging every due check. Target: under 1.5 s.
   Every measured run is the first morning of its day: before each one, the runs recorded
   today (by the previous measurement, or by whoever used the store before) are moved to
   yesterday, so every daily check is due again and the history looks like the day after a
   normal morning (yesterday's results and check timings are there, as on any working day).
   The very first run on the private copy, which has no such history (and no checklist
   cache yet: it parses the checklists, as the first command after an install does), is
   reported on its own. Python's bytecode for storeops is compiled beforehand, as an
   installed package has it (PYTHONDONTWRITEBYTECODE would otherwise make every run compile
   storeops again). Before each run, a fixed Python workload is timed too: the host's speed
   varies by up to 1.5x from minute to minute, and this shows which moment a figure is from.
2. `storeops history --days 365` over a year of daily runs (365 routine runs of 90 items
   each, written in bulk). Target: under 0.5 s.

With `--against REV`, only the first measurement, alternating this checkout with another git
revision (checked out in a temporary worktree, on its own copy of the store brought down to
its schema) round by round, so both meet the host in the same state.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pexpect

from baseline import checkout, downgrade_store, schema_head
from common import FIXED_NOW, copy_store, large_store, reference_seconds, use_fixed_clock

FIRST_QUESTION = r"\[a\]cknowledge|\[d\]one"


def private_paths(home: Path) -> dict[str, str]:
    """The store's home and the checklist cache, both in the benchmark's own folder."""
    return {"STOREOPS_HOME": str(home), "STOREOPS_CACHE_DIR": str(home / "cache")}


def time_to_first_prompt(home: Path, src: Path | None = None) -> float:
    """Seconds from spawning `storeops morning` to its first single-key question.

    `src`: run the storeops in that folder (another revision) instead of this one.
    """
    env = {**os.environ, **private_paths(home), "COLUMNS": "120"}
    if src is not None:
        env["PYTHONPATH"] = str(src)
    started = time.perf_counter()
    child = pexpect.spawn(
        sys.executable, ["-m", "storeops", "morning"], env=env, encoding="utf-8", timeout=120
    )
    child.expect(FIRST_QUESTION)
    elapsed = time.perf_counter() - started
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    return elapsed


def make_today_yesterday(db_path: Path) -> None:
    """Move today's runs to yesterday (closed), so the next morning is the day's first."""
    today = FIXED_NOW.date()
    with sqlite3.connect(db_path) as db:
        db.execute(
            "UPDATE runs SET local_date = ?, status = CASE WHEN status = 'completed'"
            " THEN status ELSE 'abandoned' END WHERE local_date = ?",
            ((today - timedelta(days=1)).isoformat(), today.isoformat()),
        )
    db.close()


def write_year_of_runs(db_path: Path, items: list[tuple[str, str]]) -> int:
    """365 completed morning runs with a result per item; returns rows written."""
    db = sqlite3.connect(db_path)
    answers = ("done", "done", "done", "skipped", "problem", "auto", "acknowledged")
    rows = 0
    for back in range(365, 0, -1):
        day = (FIXED_NOW - timedelta(days=back)).date()
        stamp = f"{day} 08:00:00.000000"
        cursor = db.execute(
            "INSERT INTO runs (kind, scope, trigger, status, operator, hostname, local_date,"
            " started_at, finished_at, checklist_fingerprint) VALUES"
            " ('morning', '', 'interactive', 'completed', 'bench', 'bench', ?, ?, ?, '')",
            (day.isoformat(), stamp, stamp),
        )
        run_id = cursor.lastrowid
        db.executemany(
            "INSERT INTO item_results (run_id, item_id, area, summary, details, answer, note,"
            " field_values, operator, recorded_at) VALUES (?, ?, ?, '', '[]', ?, '', '{}',"
            " 'bench', ?)",
            [
                (run_id, item_id, area, answers[(back + n) % len(answers)], stamp)
                for n, (area, item_id) in enumerate(items)
            ],
        )
        rows += len(items)
    db.commit()
    db.close()
    return rows


def time_history(home: Path, runs: int) -> float:
    """Median seconds of `storeops history --days 365` (whole command, in a subprocess)."""
    env = {**os.environ, **private_paths(home), "COLUMNS": "120"}
    command = [sys.executable, "-m", "storeops", "history", "--days", "365"]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def compare(source: Path, revision: str, rounds: int) -> None:
    """Alternate first-question runs of this checkout and `revision`, and print both."""
    with tempfile.TemporaryDirectory() as tmp, checkout(revision, Path(tmp) / "rev") as src:
        compileall.compile_dir(src / "storeops", quiet=1)
        homes = {"this": Path(tmp) / "this", revision: Path(tmp) / "base"}
        dbs = {name: copy_store(source, home) for name, home in homes.items()}
        downgrade_store(dbs[revision], schema_head(src))
        sources = {"this": None, revision: src}
        times: dict[str, list[float]] = {name: [] for name in homes}
        cpu: dict[str, list[float]] = {name: [] for name in homes}
        for round_ in range(rounds + 1):
            # Each goes first in every other round; round 0 (unmeasured) fills the caches.
            order = list(homes) if round_ % 2 else list(reversed(homes))
            for name in order:
                make_today_yesterday(dbs[name])
                started = resource.getrusage(resource.RUSAGE_CHILDREN)
                took = time_to_first_prompt(homes[name], sources[name])
                ended = resource.getrusage(resource.RUSAGE_CHILDREN)
                if round_:
                    times[name].append(took)
                    cpu[name].append(
                        ended.ru_utime - started.ru_utime + ended.ru_stime - started.ru_stime
                    )
        for name in homes:
            each = ", ".join(f"{t:.2f}" for t in times[name])
            print(
                f"morning, {name}: {statistics.median(times[name]):.2f} s median,"
                f" fastest {min(times[name]):.2f} s, CPU to exit"
                f" {statistics.median(cpu[name]):.2f} s (runs: {each})"
            )
        paired = [a - b for a, b in zip(times["this"], times[revision], strict=True)]
        print(
            f"this minus {revision}, run by run in the same round:"
            f" {statistics.median(paired):+.2f} s median"
        )


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--against",
        metavar="REV",
        help="alternate the morning's runs with this git revision's (e.g. main~5)",
    )
    args = parser.parse_args()
    use_fixed_clock()
    source = large_store()
    if args.against:
        compare(source, args.against, args.runs)
        return
    from storeops.checklists.loader import load_checklists

    items = [(area, item.id) for area, item in load_checklists().items()]
    cpu: list[float] = []
    import storeops

    compileall.compile_dir(Path(storeops.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        db = copy_store(source, home)
        make_today_yesterday(db)
        cold = time_to_first_prompt(home)
        print(f"morning: first ever on this store (no history): {cold:.2f} s")
        prompts = []
        references = []
        for _ in range(args.runs):
            make_today_yesterday(db)
            references.append(reference_seconds())
            started = resource.getrusage(resource.RUSAGE_CHILDREN)
            prompts.append(time_to_first_prompt(home))
            ended = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(ended.ru_utime - started.ru_utime + ended.ru_stime - started.ru_stime)
        each = ", ".join(f"{t:.2f}" for t in prompts)
        median = statistics.median(prompts)
        print(
            f"morning: first of the day, start to first question: {median:.2f} s median"
            f" (runs: {each}; CPU per run to exit {statistics.median(cpu):.2f} s;"
            f" load average {os.getloadavg()[0]:.2f})"
        )
        each = ", ".join(f"{t:.2f}" for t in references)
        print(
            f"machine: reference workload before each run: {statistics.median(references):.2f} s"
            f" median ({each}; lower is a faster moment of the host)"
        )
        rows = write_year_of_runs(db, items)
        took = time_history(home, args.runs)
        print(f"history --days 365 over {rows:,} item results: {took:.2f} s median")


if __name__ == "__main__":
    main()
