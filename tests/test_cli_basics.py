"""The CLI as a user meets it: init, checklists, errors as one line, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run_cli, write_checklist


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("init", "demo", "check", "checklists"):
        assert f"  {command} " in result.stdout


COMMAND_HELP = [
    ("morning",),
    ("history",),
    ("history", "show"),
    ("check",),
    ("import", "csv"),
    ("report", "monthly"),
]


@pytest.mark.parametrize("words", COMMAND_HELP, ids=" ".join)
def test_a_command_alone_reads_as_in_the_whole_app(words: tuple[str, ...]) -> None:
    """`main` builds only the command named on the line; its help must not tell."""
    from typer.testing import CliRunner

    from storeops.cli import app, build_app

    runner = CliRunner()
    alone = runner.invoke(build_app(only=words[0]), [*words, "--help"], prog_name="storeops")
    whole = runner.invoke(app, [*words, "--help"], prog_name="storeops")
    assert alone.exit_code == whole.exit_code == 0
    assert alone.output == whole.output


def test_import_help_names_the_kinds_once_and_keeps_the_usage_short() -> None:
    result = run_cli("import", "shopify", "--help", env={"COLUMNS": "80"})
    assert result.returncode == 0
    assert "import shopify [OPTIONS] {kind} {file}\n" in result.stdout
    assert "What the file holds: orders, products, inventory or customers." in result.stdout


def test_a_misspelt_command_is_named_with_its_likely_meaning() -> None:
    result = run_cli("histroy")
    assert result.returncode == 2
    assert "No such command 'histroy'. Did you mean 'history'?" in result.stderr


def test_version() -> None:
    result = run_cli("--version")
    assert result.stdout.strip().startswith("storeops ")


def test_init_writes_config_and_database(isolated_env: Path) -> None:
    result = run_cli("init")
    assert result.returncode == 0, result.stderr
    config = isolated_env / "config.yaml"
    assert config.read_text().startswith("# storeops configuration.")
    assert (isolated_env / "store.db").exists()
    assert oct(isolated_env.stat().st_mode & 0o777) == "0o700"
    assert oct(config.stat().st_mode & 0o777) == "0o600"
    config.write_text("store:\n  name: Kept\n")
    again = run_cli("init")
    assert "kept existing" in again.stdout
    assert config.read_text() == "store:\n  name: Kept\n"


def test_checklists_list_counts_all_ninety_practices() -> None:
    result = run_cli("checklists", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    areas = json.loads(result.stdout)
    assert [a["area"] for a in areas] == [
        "orders",
        "inventory",
        "customer-service",
        "fulfillment",
        "returns",
        "website",
        "marketing",
        "analytics",
        "finance",
    ]
    assert sum(a["items"] for a in areas) == 90
    assert all(a["items"] == 10 for a in areas)


def test_checklists_show_one_area() -> None:
    result = run_cli("checklists", "show", "orders")
    assert result.returncode == 0
    assert "overnight-orders" in result.stdout
    assert "orders.unprocessed" in result.stdout


def test_checklists_show_unknown_area_is_one_line() -> None:
    result = run_cli("checklists", "show", "order")
    assert result.returncode == 1
    assert result.stderr.startswith("error: unknown area 'order'; known: orders, inventory")
    assert len(result.stderr.strip().splitlines()) == 1


def test_validate_bundled_is_clean() -> None:
    result = run_cli("checklists", "validate")
    assert result.returncode == 0
    assert result.stdout.startswith("9 checklists, 90 items")


BAD_FILES = [
    ("syntax", "area: x\ntitle: [unclosed\n", ":3:1: invalid YAML"),
    (
        "unknown key",
        "area: x\ntitle: X\nitems:\n  - id: a\n    title: A\n    description: d\n"
        "    chek: {type: sql}\n",
        ":7:5: items[0]: unknown key 'chek'",
    ),
    (
        "wrong type",
        "area: x\ntitle: X\nitems:\n  - id: a\n    title: A\n    description: d\n"
        "    check: {type: sql, warn: lots}\n",
        ":7:30: items[0].check.warn",
    ),
    ("duplicate key", "area: x\narea: y\ntitle: X\n", ":2:1: duplicate key 'area'"),
    ("tag", "area: !!python/object/apply:os.system ['true']\ntitle: X\n", ":1:7: tags are not"),
    (
        "unknown check",
        "area: x\ntitle: X\nitems:\n  - id: a\n    title: A\n    description: d\n"
        "    check: {type: orders.nope}\n",
        ":7:19: unknown check type 'orders.nope'",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_validate_bad_file_names_file_line_and_exits_1(
    tmp_path: Path, case: str, text: str, expected: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    result = run_cli("checklists", "validate", str(bad))
    assert result.returncode == 1, case
    assert f"{bad}{expected}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_bad_user_checklist_stops_check_with_its_location(isolated_env: Path) -> None:
    path = write_checklist(isolated_env, "mine.yaml", "area: mine\ntitle: Mine\nitems: 3\n")
    result = run_cli("check", "--auto")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {path}:3:8: items:")
    assert "Traceback" not in result.stderr


def test_broken_config_is_one_clear_error(isolated_env: Path) -> None:
    isolated_env.mkdir(parents=True)
    (isolated_env / "config.yaml").write_text("store:\n  timezone: Mars/Olympus\n")
    result = run_cli("check", "--auto")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {isolated_env / 'config.yaml'}:2:13: store.timezone")
    assert "Mars/Olympus" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_option_is_a_usage_error() -> None:
    result = run_cli("check", "--format", "yaml")
    assert result.returncode == 2
    assert "Invalid value for '--format'" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_clock_is_one_line() -> None:
    result = run_cli("check", "--auto", env={"STOREOPS_NOW": "yesterday"})
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: STOREOPS_NOW='yesterday' is not an ISO-8601 time; "
        "use e.g. 2026-11-26T08:00:00+00:00"
    )


def test_bad_check_parameters_are_located_at_load_time(tmp_path: Path) -> None:
    bad = tmp_path / "params.yaml"
    bad.write_text(
        "area: x\ntitle: X\nitems:\n  - id: a\n    title: A\n    description: d\n"
        "    check:\n      type: orders.payment_pending\n      with:\n"
        "        pending_for: soon\n        colour: red\n"
    )
    result = run_cli("checklists", "validate", str(bad))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"error: {bad}:10:22: items[0].check.with.pending_for: Value error")
    assert lines[1] == (
        f"error: {bad}:11:9: items[0].check.with: orders.payment_pending has no parameter"
        " 'colour' (it takes: pending_for, authorized_for)"
    )
