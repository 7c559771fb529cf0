"""`storeops check` as cron runs it: exit codes, machine formats, the lock, kill -9, alerts."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import sqlite3
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest
from pytest_httpserver import HTTPServer
from sqlmodel import select

from cli_support import STOREOPS, home_db, run_cli, write_checklist
from factories import NOW, make
from storeops.db import open_store
from storeops.models import Order

ORDERS_ONLY = ("--area", "orders", "--all")


def _seed(home: Path, overnight: int = 0, *, with_email: bool = True) -> None:
    store = open_store(home_db(home))
    with store.writing() as s:
        for n in range(overnight):
            make(
                s,
                Order,
                created_at=NOW - timedelta(hours=n + 1),
                email=f"person{n}@example.com" if with_email else None,
            )
    store.close()


def test_empty_store_is_ok_and_exits_0(isolated_env: Path) -> None:
    result = run_cli("check", "--auto", *ORDERS_ONLY, "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["status"] == "OK"
    assert document["exit_code"] == 0
    assert document["counts"] == {"OK": 10, "WARN": 0, "CRIT": 0, "UNKNOWN": 0, "SKIPPED": 0}
    first = document["results"][0]
    assert set(first) == {
        "item",
        "area",
        "title",
        "check",
        "status",
        "value",
        "summary",
        "details",
        "duration_ms",
    }


def test_exit_code_is_the_worst_level(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=3)
    result = run_cli("check", "--auto", "--item", "overnight-orders", "--format", "json")
    assert result.returncode == 1
    assert json.loads(result.stdout)["results"][0]["summary"].startswith(
        "3 orders waiting since overnight"
    )
    config = isolated_env / "config.yaml"
    config.write_text("checks:\n  overnight-orders: {warn: 1, crit: 3}\n")
    result = run_cli("check", "--auto", "--item", "overnight-orders", "--format", "json")
    assert result.returncode == 2
    assert json.loads(result.stdout)["status"] == "CRIT"


def test_results_are_recorded_in_history(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=1)
    run_cli("check", "--auto", *ORDERS_ONLY)
    db = sqlite3.connect(isolated_env / "store.db")
    runs = db.execute("SELECT kind, trigger, status, worst_level, exit_code FROM runs").fetchall()
    assert runs == [("check", "auto", "completed", "WARN", 1)]
    rows = db.execute(
        "SELECT item_id, level, value FROM item_results WHERE item_id = 'overnight-orders'"
    ).fetchall()
    assert rows == [("overnight-orders", "WARN", 1.0)]
    assert db.execute("SELECT count(*) FROM item_results").fetchone() == (10,)


def test_cron_environment_gives_valid_json(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=2)
    env = {
        "PATH": "/usr/bin:/bin",
        "STOREOPS_HOME": str(isolated_env),
        "STOREOPS_NOW": os.environ["STOREOPS_NOW"],
    }
    result = subprocess.run(
        [
            "env",
            "-i",
            *(f"{k}={v}" for k, v in env.items()),
            *STOREOPS,
            "check",
            "--auto",
            "--format",
            "json",
        ],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode in (0, 1, 2, 3), result.stderr
    document = json.loads(result.stdout)
    assert document["exit_code"] == result.returncode
    assert "\x1b[" not in result.stdout + result.stderr


def test_nagios_junit_markdown(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=2)
    nagios = run_cli("check", "--auto", *ORDERS_ONLY, "--format", "nagios")
    line = nagios.stdout.strip()
    assert len(line.splitlines()) == 1
    assert line.startswith("STOREOPS WARN - ")
    assert "overnight-orders: 2 orders waiting since overnight" in line
    assert "'overnight-orders'=2" in line.split(" | ", 1)[1]

    junit = run_cli("check", "--auto", *ORDERS_ONLY, "--format", "junit")
    root = ElementTree.fromstring(junit.stdout)
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "orders"
    assert suite.get("tests") == "10"
    failures = [
        case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None
    ]
    assert "overnight-orders" in failures

    markdown = run_cli("check", "--auto", *ORDERS_ONLY, "--format", "markdown")
    assert markdown.stdout.startswith("# My Store: WARN\n")
    assert "| WARN | orders | Review and process new orders from overnight |" in markdown.stdout


def test_second_run_while_locked_exits_75_at_once(isolated_env: Path) -> None:
    run_cli("init")
    lock = isolated_env / "store.db.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.pwrite(fd, b"4242", 0)
    try:
        started = time.monotonic()
        result = run_cli("check", "--auto")
        elapsed = time.monotonic() - started
    finally:
        os.close(fd)
    assert result.returncode == 75
    assert result.stderr.strip() == (
        "error: another storeops check is running (pid 4242); this run was skipped"
    )
    assert elapsed < 30  # generous: it must not wait for the lock (a hang would hit this)


SLOW_CHECKLIST = """\
area: slow
title: Slow
items:
  - id: slow-query
    title: A slow query
    description: Counts forever.
    check:
      type: sql
      with:
        query: >-
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
          SELECT count(*) FROM n
        timeout: 60s
"""


def test_kill_9_leaves_store_consistent_and_next_run_marks_it(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=1)
    write_checklist(isolated_env, "slow.yaml", SLOW_CHECKLIST)
    victim = subprocess.Popen(
        [*STOREOPS, "check", "--auto", "--item", "slow-query"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db = isolated_env / "store.db"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with sqlite3.connect(db) as probe:
            if probe.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()[0]:
                break
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    (isolated_env / "checklists" / "slow.yaml").unlink()
    result = run_cli("check", "--auto", *ORDERS_ONLY)
    assert result.returncode == 1, result.stderr
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        statuses = check.execute("SELECT status FROM runs ORDER BY id").fetchall()
    assert statuses == [("interrupted",), ("completed",)]


def _webhook(httpserver: HTTPServer) -> list[dict[str, object]]:
    return [json.loads(request.data) for request, _response in httpserver.log]


def test_alerts_only_on_state_change(isolated_env: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    _seed(isolated_env, overnight=2)
    url = httpserver.url_for("/hook")
    args = ("check", "--auto", "--item", "overnight-orders", "--notify", url)
    run_cli(*args)
    assert _webhook(httpserver) == []  # one bad run is below failure_threshold (2)
    run_cli(*args)
    run_cli(*args)
    alerts = _webhook(httpserver)
    assert len(alerts) == 1
    (alert,) = alerts[0]["alerts"]  # type: ignore[misc]
    assert alert["kind"] == "problem"
    assert alert["status"] == "WARN" and alert["previous"] == "OK"
    assert "overnight-orders" in str(alerts[0]["text"])
    assert "@example.com" not in json.dumps(alerts[0])  # no customer data in alerts

    store = open_store(home_db(isolated_env))
    with store.writing() as s:
        for order in s.exec(select(Order)).all():
            order.fulfillment_status = "fulfilled"
    store.close()
    run_cli(*args)
    alerts = _webhook(httpserver)
    assert len(alerts) == 2
    assert alerts[1]["alerts"][0]["kind"] == "resolved"  # type: ignore[index]


def test_failed_delivery_is_recorded_and_never_fails_the_run(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=1)
    dead = "http://127.0.0.1:9/hook"  # the discard port: nothing listens
    for _ in range(2):
        result = run_cli("check", "--auto", "--item", "overnight-orders", "--notify", dead)
        assert result.returncode == 1
    assert "alert not delivered: webhook unreachable" in result.stderr
    with sqlite3.connect(isolated_env / "store.db") as db:
        state = db.execute(
            "SELECT state, delivery_error FROM alert_states WHERE item_id = 'overnight-orders'"
        ).fetchone()
    assert state == ("OK", "webhook unreachable: ConnectError")


def test_ping_start_and_exit_code(isolated_env: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/uuid/start").respond_with_data("OK")
    httpserver.expect_request("/uuid/1").respond_with_data("OK")
    _seed(isolated_env, overnight=1)
    result = run_cli("check", "--auto", *ORDERS_ONLY, "--ping", httpserver.url_for("/uuid"))
    assert result.returncode == 1
    assert [request.path for request, _ in httpserver.log] == ["/uuid/start", "/uuid/1"]


def test_ping_errors_are_swallowed(isolated_env: Path) -> None:
    result = run_cli("check", "--auto", *ORDERS_ONLY, "--ping", "http://127.0.0.1:9/x")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("flag", ["--area", "--item"])
def test_unknown_area_or_item_is_one_line(flag: str) -> None:
    result = run_cli("check", flag, "nope")
    assert result.returncode == 1
    assert result.stderr.startswith("error: unknown ")
    assert len(result.stderr.strip().splitlines()) == 1


def test_python_api_matches_cli(isolated_env: Path) -> None:
    _seed(isolated_env, overnight=2)
    from storeops.check_run import run_store_checks
    from storeops.checklists.loader import load_checklists
    from storeops.config import load_settings

    settings = load_settings()
    store = open_store(settings.db_url)
    run = run_store_checks(store, settings, load_checklists(), item_id="overnight-orders")
    store.close()
    assert run.exit_code == 1
    assert run.outcomes[0].value == 2
