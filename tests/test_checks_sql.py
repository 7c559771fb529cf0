"""User SQL checks run in a sandbox: reads only, one statement, a time limit, file unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from checks_support import run_one
from factories import make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import Order


def _digest(store: Store) -> str:
    path = Path(str(store.engine.url.database))
    store.engine.dispose()  # checkpoint nothing pending; hash the file as it stands
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_sql_check_value_summary_and_details(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, number="#A", financial_status="pending")
        make(s, Order, number="#B", financial_status="pending")
        make(s, Order, number="#C")
    outcome = run_one(
        store,
        "sql",
        params={
            "query": "SELECT count(*) FROM orders WHERE financial_status = 'pending'",
            "details": "SELECT number FROM orders WHERE financial_status = 'pending' ORDER BY 1",
            "summary": "{value} unpaid orders",
        },
        warn=2,
    )
    assert (outcome.level, outcome.value, outcome.summary) == (Level.WARN, 2, "2 unpaid orders")
    assert outcome.details == [{"number": "#A"}, {"number": "#B"}]


REFUSED = [
    ("attach", "ATTACH DATABASE '/tmp/other.db' AS other", "ATTACH (and VACUUM INTO) is not"),
    ("vacuum into", "VACUUM INTO '{tmp}/copy.db'", "ATTACH (and VACUUM INTO) is not"),
    ("pragma write", "PRAGMA journal_mode = DELETE", "PRAGMA is not allowed"),
    ("pragma read", "PRAGMA user_version", "PRAGMA is not allowed"),
    ("insert", "INSERT INTO alert_states (item_id) VALUES ('x')", "INSERT is not allowed"),
    ("update", "UPDATE orders SET total = 0", "UPDATE is not allowed"),
    ("delete", "DELETE FROM orders", "DELETE is not allowed"),
    ("drop", "DROP TABLE orders", "is not allowed"),
    ("create", "CREATE TABLE evil (x)", "is not allowed"),
    ("two statements", "SELECT 1; DELETE FROM orders", "only one statement is allowed"),
]


@pytest.mark.parametrize(("case", "query", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_sandbox_refuses_anything_but_reading(
    store: Store, tmp_path: Path, case: str, query: str, message: str
) -> None:
    with store.writing() as s:
        make(s, Order)
    before = _digest(store)
    outcome = run_one(store, "sql", params={"query": query.format(tmp=tmp_path)})
    assert outcome.level is Level.UNKNOWN, case
    assert outcome.summary.startswith("sql check refused: "), outcome.summary
    assert message in outcome.summary
    assert _digest(store) == before
    assert not (tmp_path / "copy.db").exists()


def test_runaway_query_stops_at_the_time_limit(store: Store) -> None:
    forever = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    outcome = run_one(store, "sql", params={"query": forever, "timeout": "1s"})
    assert outcome.level is Level.UNKNOWN
    assert "timeout" in outcome.summary


def test_non_numeric_value_is_unknown(store: Store) -> None:
    outcome = run_one(store, "sql", params={"query": "SELECT 'many'"})
    assert outcome.level is Level.UNKNOWN
    assert outcome.summary == "the query's first value must be a number, not 'many'"
