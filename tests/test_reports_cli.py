"""`storeops report` end to end, as a user runs it: formats, --out, --force, --send, errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from pytest_httpserver import HTTPServer

from cli_support import home_db, run_cli
from factories import make
from storeops.db import open_store
from storeops.models import Order

MONTH = ("--month", "2026-10")


def _seed(home: Path) -> None:
    store = open_store(home_db(home))
    with store.writing() as s:
        make(s, Order, created_at=datetime(2026, 10, 5, 9, tzinfo=UTC), total=Decimal("120.00"))
        make(s, Order, created_at=datetime(2026, 10, 6, 9, tzinfo=UTC), total=Decimal("30.50"))
    store.close()


def test_monthly_in_the_terminal_and_as_markdown(isolated_env: Path) -> None:
    _seed(isolated_env)
    shown = run_cli("report", "monthly", *MONTH)
    assert shown.returncode == 0, shown.stderr
    assert "Monthly report: My Store" in shown.stdout and "$150.50" in shown.stdout
    markdown = run_cli("report", "monthly", *MONTH, "--format", "md")
    assert markdown.stdout.startswith("# Monthly report: My Store\n\nOctober 2026 · generated ")
    assert "| Revenue | $150.50 |" in markdown.stdout
    assert "| Orders | 2 |" in markdown.stdout


def test_reports_on_a_current_store_never_import_sqlalchemy(isolated_env: Path) -> None:
    _seed(isolated_env)
    assert run_cli("report", "monthly", *MONTH).returncode == 0  # the first run builds the rollup
    probe = (
        "import sys\n"
        "from storeops.cli import main\n"
        "for kind, when in (('monthly', '--month'), ('weekly', '--week'), ('daily', '--date'),"
        " ('finance', '--month')):\n"
        "    value = {'--week': '2026-W41', '--date': '2026-10-05'}.get(when, '2026-10')\n"
        "    try:\n"
        "        sys.argv = ['storeops', 'report', kind, when, value, '--format', 'json']\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stderr.strip() == "[]"
    monthly, _ = json.JSONDecoder().raw_decode(result.stdout)  # the first of the four
    sales = next(s for s in monthly["sections"] if s["key"] == "sales")
    assert sales["figures"][0]["label"] == "Revenue" and sales["figures"][0]["value"] == 150.5


def test_each_report_kind_runs_on_an_empty_store(isolated_env: Path) -> None:
    for args in (
        ("daily",),
        ("daily", "--date", "2026-11-01"),
        ("weekly", "--week", "2026-W47"),
        ("monthly",),
        ("finance", "--format", "json"),
    ):
        result = run_cli("report", *args)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_out_never_overwrites_without_force(isolated_env: Path, tmp_path: Path) -> None:
    _seed(isolated_env)
    out = tmp_path / "october.html"
    first = run_cli("report", "monthly", *MONTH, "--out", str(out))
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""
    assert out.read_text().startswith("<!DOCTYPE html>")  # the format follows the suffix
    out.write_text("keep me")
    again = run_cli("report", "monthly", *MONTH, "--out", str(out))
    assert again.returncode == 1
    assert again.stderr.strip() == f"error: {out} already exists: pass --force to overwrite it"
    assert out.read_text() == "keep me"
    forced = run_cli("report", "monthly", *MONTH, "--out", str(out), "--force", "--format", "csv")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text().startswith("section,table,row,column,value\n")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".october")] == []


def test_bad_input_is_one_error_line(isolated_env: Path, tmp_path: Path) -> None:
    cases = [
        (
            ("monthly", "--month", "2026-13"),
            "error: --month '2026-13' is not a month: give it as YYYY-MM, e.g. 2026-11",
        ),
        (
            ("weekly", "--week", "47"),
            "error: --week '47' is not an ISO week: give it as YYYY-Www, e.g. 2026-W47",
        ),
        (
            ("daily", "--date", "yesterday"),
            "error: --date 'yesterday' is not a date: give it as YYYY-MM-DD, e.g. 2026-11-25",
        ),
        (
            ("monthly", "--out", str(tmp_path / "missing" / "r.md")),
            f"error: {tmp_path / 'missing'} does not exist: create the folder first",
        ),
        (
            ("monthly", "--out", str(tmp_path)),
            f"error: {tmp_path} is a folder: give a file name for --out",
        ),
        (
            ("monthly", "--send"),
            "error: --send needs a webhook: set alerts.webhook in config.yaml or pass"
            " --webhook URL",
        ),
    ]
    for args, message in cases:
        result = run_cli("report", *args)
        assert (result.returncode, result.stderr.strip()) == (1, message), args
        assert result.stdout == ""
    bad_format = run_cli("report", "monthly", "--format", "pdf")
    assert bad_format.returncode == 2 and "Traceback" not in bad_format.stderr


def test_send_posts_the_markdown_to_the_webhook(isolated_env: Path, httpserver: HTTPServer) -> None:
    _seed(isolated_env)
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    result = run_cli(
        "report",
        "monthly",
        *MONTH,
        "--format",
        "md",
        "--send",
        "--webhook",
        httpserver.url_for("/hook"),
    )
    assert result.returncode == 0, result.stderr
    ((request, _),) = httpserver.log
    body = json.loads(request.data)
    assert body["report"] == "monthly" and body["store"] == "My Store"
    assert body["text"] == result.stdout  # exactly the Markdown the user saw
    assert "report sent to the webhook (monthly)" in result.stderr


def test_send_uses_the_configured_webhook(isolated_env: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/configured", method="POST").respond_with_data("ok")
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.yaml").write_text(
        f"alerts:\n  webhook: {httpserver.url_for('/configured')}\n"
    )
    result = run_cli("report", "finance", *MONTH, "--send", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(httpserver.log) == 1
    assert json.loads(httpserver.log[0][0].data)["text"].startswith("# Financial statements")


def test_a_failed_delivery_warns_and_keeps_the_report(
    isolated_env: Path, httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    out = tmp_path / "r.md"
    answered = run_cli(
        "report", "daily", "--out", str(out), "--send", "--webhook", httpserver.url_for("/hook")
    )
    assert answered.returncode == 0
    assert (
        "report not sent: webhook answered HTTP 500 (the report itself is done)" in answered.stderr
    )
    assert out.read_text().startswith("# Daily summary")
    with sqlite3.connect(isolated_env / "store.db") as db:
        recorded = db.execute(
            "SELECT delivery_error FROM alert_states WHERE item_id = 'report:daily'"
        ).fetchall()
    assert recorded == [("webhook answered HTTP 500",)]
    dead = run_cli("report", "daily", "--send", "--webhook", "http://127.0.0.1:9/hook")
    assert dead.returncode == 0
    assert "report not sent: webhook unreachable: ConnectError" in dead.stderr
