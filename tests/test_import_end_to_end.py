"""The import as a user runs it: the real CLI, then the rest of storeops on the imported data."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from cli_support import STOREOPS, run_cli
from shopify_exports import (
    PRODUCTS_CLASSIC,
    order_rows,
    orders_csv,
    table_csv,
    write,
    write_many_orders,
)

pytestmark = pytest.mark.slow


def table_hash(db: Path) -> tuple[dict[str, int], str]:
    """Row counts and a content hash of the tables an import writes."""
    digest = hashlib.sha256()
    counts = {}
    with sqlite3.connect(db) as connection:
        for name in ("customers", "orders", "order_lines", "products", "variants"):
            rows = connection.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
            counts[name] = len(rows)
            digest.update(repr(rows).encode())
    return counts, digest.hexdigest()


def test_imported_data_runs_through_the_checks(isolated_env: Path, tmp_path: Path) -> None:
    products = [
        {"Handle": "mug", "Title": "Mug", "Option1 Name": "Title", "Option1 Value": "Blue",
         "Variant SKU": "MUG-BLUE", "Variant Price": "20.00", "Variant Inventory Qty": "3",
         "Status": "active", "Published": "TRUE"},
    ]  # fmt: skip
    orders = order_rows("#1001", [{"Lineitem name": "Mug", "Lineitem sku": "MUG-BLUE"}])
    orders += order_rows(
        "#1002",
        [{"Lineitem name": "Mug", "Lineitem sku": "MUG-BLUE"}],
        **{"Created at": "2026-11-25 09:00:00 +0100", "Financial Status": "paid"},
    )
    products_file = write(tmp_path / "products.csv", table_csv(PRODUCTS_CLASSIC, products))
    orders_file = write(tmp_path / "orders.csv", orders_csv(orders))

    assert run_cli("import", "shopify", "products", str(products_file)).returncode == 0
    assert run_cli("import", "shopify", "orders", str(orders_file)).returncode == 0
    result = run_cli("check", "--all", "--auto", "--format", "json")

    assert result.returncode in (0, 1, 2), result.stderr  # levels found, never a crash (3)
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report  # the checks ran on the imported store
    before = table_hash(isolated_env / "store.db")
    assert before[0] == {
        "customers": 1,
        "orders": 2,
        "order_lines": 2,
        "products": 1,
        "variants": 1,
    }
    again = run_cli("import", "shopify", "orders", str(orders_file))
    assert again.returncode == 0
    assert table_hash(isolated_env / "store.db") == before


def test_kill_9_during_an_import_leaves_the_store_as_before(
    isolated_env: Path, tmp_path: Path
) -> None:
    first = write(
        tmp_path / "first.csv",
        orders_csv(order_rows("#1", [{"Lineitem name": "Mug", "Lineitem sku": "MUG-BLUE"}])),
    )
    assert run_cli("import", "shopify", "orders", str(first)).returncode == 0
    db = isolated_env / "store.db"
    before = table_hash(db)
    big = write_many_orders(tmp_path / "big.csv", 120_000)  # long enough to be caught mid-file

    process = subprocess.Popen(
        [*STOREOPS, "import", "shopify", "orders", str(big)],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Wait until the import is writing (its rows reach the WAL), then kill it mid-file.
    wal = db.with_name("store.db-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the import finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert table_hash(db) == before
