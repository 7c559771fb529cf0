"""Ids remembered across an import's batches give what looking them up every batch gives.

The orders import remembers customer ids by email and variant ids by SKU for the rest of its
transaction (`importers.remembered`). Imported in batches of two orders, with customers and
SKUs recurring across batches, known to the store before or not, a file must store and count
exactly what it does when every batch looks its ids up.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from shopify_exports import order_rows, orders_csv, write
from storeops.db import Store, open_store
from storeops.importers import ImportFileError, pipeline, remembered, shopify_orders
from storeops.importers.pipeline import run_import
from storeops.importers.shopify import shopify_importer


def export(tmp_path: Path, bad_last: bool = False) -> Path:
    """Seven orders by three customers (one known to the store), SKUs known and not."""
    rows: list[dict[str, str]] = []
    emails = ["a@example.com", "known@example.com", "b@example.com"]
    skus = ["MUG-BLUE", "TEE-M", "", "CAP"]
    for number in range(7):
        lines = [
            {"Lineitem name": f"Item {number}", "Lineitem sku": skus[(number + line) % 4]}
            for line in range(1 + number % 3)
        ]
        rows += order_rows(
            f"#{1001 + number}", lines, order_id=str(5001 + number), Email=emails[number % 3]
        )
    if bad_last:
        rows[-1]["Lineitem quantity"] = "many"
    return write(tmp_path / "orders.csv", orders_csv(rows))


def seeded(path: Path) -> Store:
    """A store that already has one customer and two of the file's SKUs."""
    opened = open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO customers (source, email, first_name, last_name, accepts_marketing,"
            " note, tags, created_at) VALUES ('shopify', 'known@example.com', 'Kim', '', 0,"
            " '', '', '2024-01-01 00:00:00.000000')"
        )
        connection.execute(
            "INSERT INTO products (source, handle, title, description, status, tags,"
            " created_at) VALUES ('shopify', 'p', 'P', '', 'active', '',"
            " '2024-01-01 00:00:00.000000')"
        )
        for sku in ("MUG-BLUE", "CAP"):
            connection.execute(
                "INSERT INTO variants (product_id, source, sku, title, price, on_hand, damaged,"
                " available, inventory_policy) VALUES (1, 'shopify', ?, ?, 10, 0, 0, 1, 'deny')",
                (sku, sku),
            )
    return opened


def rows_of(path: Path) -> list[tuple[object, ...]]:
    """Every row of the tables an orders import writes."""
    with sqlite3.connect(path) as connection:
        return [
            row
            for name in ("customers", "orders", "order_lines")
            for row in connection.execute(f"SELECT * FROM {name} ORDER BY id")
        ]


def test_ids_remembered_across_batches_equal_ids_looked_up_every_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 2)
    file = export(tmp_path)
    outcomes = []
    for name, remembering in (("remembering.db", True), ("looking-up.db", False)):
        if not remembering:
            monkeypatch.setattr(shopify_orders, "remembered_for", lambda connection, old: None)
        store = seeded(tmp_path / name)
        first = run_import(store, shopify_importer("orders"), file).as_json()
        again = run_import(store, shopify_importer("orders"), file).as_json()
        store.close()
        outcomes.append((first, again, rows_of(tmp_path / name)))

    assert outcomes[0] == outcomes[1]
    first, again, stored = outcomes[0]
    assert first["created"] == {"customers": 2, "orders": 7, "order_lines": 13}
    assert again["created"] == {"customers": 0, "orders": 0, "order_lines": 0}
    variant_ids = {row[2] for row in stored if len(row) == 10}  # order_lines.variant_id
    assert variant_ids == {1, 2, None}


def test_a_new_transaction_does_not_reuse_ids_remembered_in_one_rolled_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "BATCH_RECORDS", 2)
    store = seeded(tmp_path / "store.db")
    importer = shopify_importer("orders")
    # The last order is refused after earlier batches were written: everything rolls back.
    with pytest.raises(ImportFileError):
        run_import(store, importer, export(tmp_path, bad_last=True))
    assert rows_of(tmp_path / "store.db")[1:] == []  # only the seeded customer

    summary = run_import(store, importer, export(tmp_path))

    assert summary.created["customers"] == 2
    stored = rows_of(tmp_path / "store.db")
    customer_ids = {row[0] for row in stored[:3]}
    assert {row[4] for row in stored[3:10]} <= customer_ids  # orders.customer_id
    store.close()


def test_ids_are_remembered_per_transaction_on_sqlite_only(store: Store) -> None:
    with store.writing() as session:
        connection = session.connection()
        first = remembered.remembered_for(connection, None)
        assert first is not None
        assert remembered.remembered_for(connection, first) is first
    with store.writing() as session:
        assert remembered.remembered_for(session.connection(), first) is not first
