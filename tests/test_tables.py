"""`storeops.tables`, the Core twin of the models, is generated from them and stays equal.

The checks, the routine's bookkeeping and the imports write SQL against these tables so that
they need not import the models (the ORM, pydantic and every SQLModel class). These tests fail
when the generated module is stale or a column differs from the model's, and when the
morning's or an import's code path imports the models after all.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.types import TypeDecorator

import storeops.models
from shopify_exports import order_rows, orders_csv, write
from storeops import tables
from storeops.db import Store
from storeops.dbtypes import UTCDateTime
from storeops.importers import shopify_orders, upsert
from storeops.models import codegen

NAMES = sorted(storeops.models.metadata.tables)
MODELS = [name for name in storeops.models.__all__ if name != "metadata"]


def signature(column: Any) -> tuple[Any, ...]:
    """What a column is to SQL: type (and scale), NULL or not, key, default, foreign keys."""
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
        sorted(key.target_fullname for key in column.foreign_keys),
    )


def test_the_generated_module_is_what_the_models_generate() -> None:
    assert Path(tables.__file__).read_text(encoding="utf-8") == codegen.render(), (
        "storeops/tables.py is stale: run `make tables`"
    )


def test_every_table_of_the_models_is_there() -> None:
    assert sorted(tables.metadata.tables) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_column_is_the_models_column(name: str) -> None:
    twin, model = tables.metadata.tables[name], storeops.models.metadata.tables[name]
    assert [column.name for column in twin.c] == [column.name for column in model.c]
    for column in twin.c:
        assert signature(column) == signature(model.c[column.name]), column.name


@pytest.mark.parametrize("name", MODELS)
def test_each_namespace_names_its_columns_as_the_model_does(name: str) -> None:
    model, namespace = getattr(storeops.models, name), getattr(tables, name)
    assert namespace.__table__ is tables.metadata.tables[model.__tablename__]
    for field in model.model_fields:
        assert getattr(namespace, field) is namespace.__table__.c[field]


def test_a_namespace_stands_for_its_table_in_sql() -> None:
    query = select(tables.Order.number).select_from(tables.Payment).join(tables.Order)
    assert str(query) == (
        "SELECT orders.number \nFROM payments JOIN orders ON orders.id = payments.order_id"
    )


def test_rows_written_through_the_twin_read_back_through_the_models(store: Store) -> None:
    from datetime import UTC, datetime
    from decimal import Decimal

    from sqlalchemy import insert

    placed = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    with store.writing_connection() as connection:
        connection.execute(insert(tables.Order).values(number="#1", created_at=placed))
    with store.reading() as session:
        order = session.scalars(select(storeops.models.Order)).one()
    assert (order.number, order.created_at, order.total, order.financial_status) == (
        "#1",
        placed,
        Decimal("0.00"),
        "pending",
    )


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
                connection, upsert.table(name), columns
            ) == upsert.sqlite_insert_statement(
                connection, storeops.models.metadata.tables[name], columns
            )


def _imported_after(code: str) -> list[str]:
    """Which of the models, sqlmodel and pydantic a fresh interpreter imported running `code`."""
    code += (
        "\nimport sys\n"
        "heavy = ('storeops.models', 'sqlmodel', 'pydantic')\n"
        "print(sorted(name for name in heavy if name in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return list(eval(result.stdout))  # a printed list of names


def test_an_orders_import_does_not_import_the_models(store: Store, tmp_path: Path) -> None:
    rows = order_rows("#1001", [{"Lineitem name": "Mug", "Lineitem sku": "MUG"}])
    path = write(tmp_path / "orders.csv", orders_csv(rows))
    code = (
        "from pathlib import Path\n"
        "from storeops.db import open_store\n"
        "from storeops.importers.pipeline import run_import\n"
        "from storeops.importers.shopify import shopify_importer\n"
        f"store = open_store({store.url!r})\n"
        f"summary = run_import(store, shopify_importer('orders'), Path({str(path)!r}))\n"
        "assert summary.created['orders'] == 1, summary\n"
    )
    assert _imported_after(code) == []


def test_the_checks_and_the_routines_bookkeeping_do_not_import_the_models() -> None:
    code = (
        "from storeops.checks.registry import all_check_types\n"
        "import storeops.history, storeops.routine.runs, storeops.routine.due\n"
        "import storeops.inventory.rollup, storeops.storefront.probe, storeops.runner\n"
        "assert 'orders.unprocessed' in all_check_types()\n"
    )
    assert "storeops.models" not in _imported_after(code)
