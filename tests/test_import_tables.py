"""The orders import's Core tables are the models' tables, column for column.

`importers.tables` repeats, for the four tables the orders import reads and writes, what
the models say about each column, so that the import need not import the models. These tests
fail when the two part: a column added, retyped, made optional or given another default.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.types import TypeDecorator

from shopify_exports import order_rows, orders_csv, write
from storeops.db import Store
from storeops.dbtypes import UTCDateTime
from storeops.importers import shopify_orders, upsert
from storeops.importers.tables import import_tables

WRITTEN = ("customers", "orders", "order_lines")


def signature(column: Any) -> tuple[Any, ...]:
    """What a column is to the import: type (and scale), NULL or not, key, default."""
    column_type = column.type
    if isinstance(column_type, TypeDecorator) and not isinstance(column_type, UTCDateTime):
        column_type = column_type.impl_instance  # SQLModel's AutoString is a String
    default = column.default
    return (
        type(column_type),
        getattr(column_type, "precision", None),
        getattr(column_type, "scale", None),
        column.nullable,
        column.primary_key,
        None if default is None else (default.is_scalar, default.arg),
    )


@pytest.mark.parametrize("name", [*WRITTEN, "variants"])
def test_each_column_is_the_models_column(name: str) -> None:
    twin, model = import_tables()[name], upsert.table(name)
    if name in WRITTEN:  # every column: a default left out would not be written
        assert [column.name for column in twin.c] == [column.name for column in model.c]
    for column in twin.c:
        assert signature(column) == signature(model.c[column.name]), column.name


def test_the_import_inserts_what_it_would_insert_through_the_models(store: Store) -> None:
    written = {
        "orders": [*shopify_orders.ORDER_COLUMNS, "customer_id"],
        "order_lines": list(shopify_orders.STORED_LINE_COLUMNS),
        "customers": [*shopify_orders.CUSTOMER_COLUMNS, "source"],
    }
    with store.reading() as session:
        connection = session.connection()
        for name, columns in written.items():
            assert upsert.sqlite_insert_statement(
                connection, import_tables()[name], columns
            ) == upsert.sqlite_insert_statement(connection, upsert.table(name), columns)


def test_an_orders_import_does_not_import_the_models(store: Store, tmp_path: Path) -> None:
    rows = order_rows("#1001", [{"Lineitem name": "Mug", "Lineitem sku": "MUG"}])
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from storeops.db import open_store\n"
        "from storeops.importers.pipeline import run_import\n"
        "from storeops.importers.shopify import shopify_importer\n"
        f"store = open_store({store.url!r})\n"
        f"summary = run_import(store, shopify_importer('orders'), Path({str(path)!r}))\n"
        "assert summary.created['orders'] == 1, summary\n"
        "heavy = ('storeops.models', 'sqlmodel', 'pydantic')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
