"""The real `storeops morning` in a pseudo-terminal: answers, pause, Ctrl-C, kill -9, resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pexpect
import pytest

from cli_support import run_cli, write_checklist

pytestmark = pytest.mark.slow

PROMPT = r"\[d\]one"

TINY = """\
area: tiny
title: Tiny routine
items:
  - id: first
    title: First practice
    description: The first thing to do.
  - id: second
    title: Second practice
    description: The second thing to do.
    fields:
      - {name: pickups, label: pickups scheduled, type: int}
  - id: third
    title: Third practice
    description: The third thing to do.
  - id: fourth
    title: Fourth practice
    description: Only in the evening.
    when: evening
"""


def spawn(home: Path, *args: str) -> pexpect.spawn:
    """`storeops ARGS` on a pseudo-terminal, with the test's environment."""
    env = {**os.environ, "STOREOPS_HOME": str(home), "COLUMNS": "160", "NO_COLOR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "storeops", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(50, 160),
    )


def answers(home: Path) -> dict[str, tuple[str | None, str, str]]:
    """item id -> (answer, note, field values) over all runs, latest row winning."""
    with sqlite3.connect(home / "store.db") as db:
        rows = db.execute(
            "SELECT item_id, answer, note, field_values FROM item_results"
            " WHERE item_id IN ('first', 'second', 'third', 'fourth') ORDER BY id"
        ).fetchall()
    return {item: (answer, note, values) for item, answer, note, values in rows}


def runs(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "store.db") as db:
        return db.execute("SELECT kind, status FROM runs ORDER BY id").fetchall()


@pytest.fixture
def tiny_home(isolated_env: Path) -> Path:
    assert run_cli("init").returncode == 0
    write_checklist(isolated_env, "tiny.yaml", TINY)
    return isolated_env


def test_answer_every_item_then_summary(tiny_home: Path) -> None:
    child = spawn(tiny_home, "morning", "--area", "tiny")
    child.expect("First practice")
    child.expect(PROMPT)
    child.send("n")
    child.expect("note: ")
    child.sendline("checked twice")
    child.expect(PROMPT)
    child.send("d")
    child.expect("Second practice")
    child.expect(PROMPT)
    child.send("d")
    child.expect("pickups scheduled: ")
    child.sendline("two")
    child.expect("needs a whole number")
    child.expect("pickups scheduled: ")
    child.sendline("2")
    child.expect("Third practice")
    child.expect(PROMPT)
    child.send("p")
    child.expect("what is the problem")
    child.sendline("printer jammed")
    child.expect("Fourth practice")
    child.expect(PROMPT)
    child.send("s")
    child.expect("why skip")
    child.sendline("not today")
    child.expect(r"Done: 2 done, 1 skipped, 1 problems")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert answers(tiny_home) == {
        "first": ("done", "checked twice", "{}"),
        "second": ("done", "", json.dumps({"pickups": 2})),
        "third": ("problem", "printer jammed", "{}"),
        "fourth": ("skipped", "not today", "{}"),
    }
    assert runs(tiny_home) == [("morning", "completed")]


def test_ctrl_c_then_resume_asks_nothing_twice(tiny_home: Path) -> None:
    child = spawn(tiny_home, "morning", "--area", "tiny")
    child.expect("First practice")
    child.expect(PROMPT)
    child.send("d")
    child.expect("Second practice")
    child.expect(PROMPT)
    child.sendintr()
    child.expect("Interrupted")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert runs(tiny_home) == [("morning", "interrupted")]
    assert answers(tiny_home)["first"][0] == "done"

    again = spawn(tiny_home, "morning", "--area", "tiny")
    again.expect(r"1 of 4 answered, interrupted")
    again.expect(r"\[r\]esume")
    again.send("r")
    index = again.expect(["First practice", "Second practice"])
    assert index == 1, "an answered item was asked again"
    again.expect(PROMPT)
    again.send("d")
    again.expect("pickups scheduled: ")
    again.sendline("")
    for _ in range(2):
        again.expect(PROMPT)
        again.send("d")
    again.expect("Done: ")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0
    assert [a for a, _n, _v in answers(tiny_home).values()] == ["done"] * 4
    assert runs(tiny_home) == [("morning", "completed")]


def test_kill_9_then_resume(tiny_home: Path) -> None:
    child = spawn(tiny_home, "morning", "--area", "tiny")
    child.expect(PROMPT)
    child.send("d")
    child.expect("Second practice")
    child.expect(PROMPT)
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)
    child.close()
    assert runs(tiny_home) == [("morning", "running")]

    again = spawn(tiny_home, "morning", "--area", "tiny")
    again.expect(r"1 of 4 answered, interrupted")
    again.send("r")
    again.expect("Second practice")
    again.expect(PROMPT)
    again.send("q")
    again.expect("Paused")
    again.expect(pexpect.EOF)
    again.close()
    assert runs(tiny_home) == [("morning", "paused")]
    assert answers(tiny_home)["first"] == ("done", "", "{}")


def test_checklist_changed_between_runs(tiny_home: Path) -> None:
    child = spawn(tiny_home, "morning", "--area", "tiny")
    child.expect(PROMPT)
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    changed = TINY.replace("The second thing to do.", "The second thing, done differently.")
    changed += "  - id: fifth\n    title: Fifth practice\n    description: New.\n"
    write_checklist(tiny_home, "tiny.yaml", changed)
    again = spawn(tiny_home, "morning", "--area", "tiny")
    again.expect(r"The checklists changed since it started \(new: fifth; changed: second\)")
    again.send("a")
    again.expect("Abandoned")
    again.expect(pexpect.EOF)
    again.close()
    assert runs(tiny_home) == [("morning", "abandoned")]


def test_without_a_terminal_morning_refuses_with_exit_3(tiny_home: Path) -> None:
    result = run_cli("morning")
    assert result.returncode == 3
    assert result.stderr.strip() == (
        "error: storeops morning needs a terminal to ask questions;"
        " for cron use: storeops check --auto"
    )


def test_cron_during_a_morning_run_loses_nothing(tiny_home: Path) -> None:
    child = spawn(tiny_home, "morning", "--area", "tiny")
    deadline = time.monotonic() + 120
    results = []
    for item in range(4):
        child.expect(PROMPT)
        for _ in range(5):
            results.append(run_cli("check", "--auto", "--area", "orders", "--all"))
        child.send("d")
        if item == 1:
            child.expect("pickups scheduled: ")
            child.sendline("1")
    child.expect("Done: 4 done")
    child.expect(pexpect.EOF)
    child.close()
    assert time.monotonic() < deadline
    assert [r.returncode for r in results] == [0] * 20
    assert not any("locked" in r.stderr for r in results)
    assert [a for a, _n, _v in answers(tiny_home).values()] == ["done"] * 4
    with sqlite3.connect(tiny_home / "store.db") as db:
        checks = db.execute("SELECT count(*) FROM runs WHERE kind = 'check'").fetchone()[0]
        results_count = db.execute(
            "SELECT count(*) FROM item_results JOIN runs ON runs.id = run_id"
            " WHERE runs.kind = 'check'"
        ).fetchone()[0]
    assert checks == 20
    assert results_count == 20 * 10


def test_a_whole_morning_never_imports_the_orm(isolated_env: Path) -> None:
    """The real routine (every bundled check, an answer, a pause) writes its SQL against
    `storeops.tables` on Core connections: the ORM, sqlmodel and the models stay unloaded,
    which is what keeps its first question fast."""
    assert run_cli("init").returncode == 0
    code = (
        "import atexit, sys\n"
        "heavy = ('storeops.models', 'sqlmodel', 'sqlalchemy.orm')\n"
        "atexit.register(lambda: print('loaded:', sorted(n for n in heavy if n in sys.modules)))\n"
        "sys.argv = ['storeops', 'morning']\n"
        "from storeops.cli import main\n"
        "main()\n"
    )
    env = {**os.environ, "STOREOPS_HOME": str(isolated_env), "COLUMNS": "160", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable, ["-c", code], env=env, encoding="utf-8", timeout=60, dimensions=(50, 160)
    )
    asked = child.expect([r"\[a\]cknowledge", PROMPT])
    child.send("a" if asked == 0 else "d")  # the first answer, committed at once
    child.expect([r"\[a\]cknowledge", PROMPT])
    child.send("q")
    child.expect(r"loaded: \[(.*)\]")
    assert child.match.group(1) == ""
    child.expect(pexpect.EOF)
    child.close()
    with sqlite3.connect(isolated_env / "store.db") as db:
        answered = db.execute(
            "SELECT count(*) FROM item_results WHERE answer IN ('acknowledged', 'done')"
        ).fetchone()[0]
        checked = db.execute("SELECT count(*) FROM item_results WHERE level IS NOT NULL")
        assert checked.fetchone()[0] > 0
    assert answered == 1
    assert runs(isolated_env) == [("morning", "paused")]
