"""Importing Shopify's orders export: values as Shopify writes them, idempotence, bad input."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from cli_support import run_cli
from shopify_exports import (
    ORDERS_COLUMNS_47,
    ORDERS_COLUMNS_75,
    order_rows,
    orders_csv,
    write,
)
from storeops.db import Store
from storeops.importers import ImportFileError
from storeops.importers.pipeline import run_import
from storeops.importers.shopify import shopify_importer
from storeops.models import Customer, Order, OrderLine


def two_orders(**first: str) -> list[dict[str, str]]:
    rows = order_rows(
        "#1001",
        [
            {"Lineitem name": "Mug - Blue", "Lineitem sku": "MUG-BLUE"},
            {"Lineitem name": "Tee - M", "Lineitem sku": "TEE-M", "Lineitem quantity": "2"},
        ],
        order_id="5001",
        Notes='Leave at the door,\r\nplease "ring" twice',
        **first,
    )
    rows += order_rows(
        "#1002",
        [{"Lineitem name": "Mug - Blue", "Lineitem sku": "MUG-BLUE"}],
        order_id="5002",
        Email="Bob@Example.com",
        **{"Financial Status": "expired", "Fulfillment Status": "", "Risk Level": "High"},
    )
    return rows


def import_file(store: Store, path: Path, **options: object) -> dict[str, object]:
    summary = run_import(store, shopify_importer("orders"), path, **options)  # type: ignore[arg-type]
    return summary.as_json()


def store_hash(store: Store) -> str:
    """A hash of every row of the tables an orders import writes."""
    path = store.url.removeprefix("sqlite:///")
    digest = hashlib.sha256()
    with sqlite3.connect(path) as connection:
        for name in ("customers", "orders", "order_lines"):
            for row in connection.execute(f"SELECT * FROM {name} ORDER BY id"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def test_an_export_with_every_quirk_imports_exactly(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "orders_export.csv", orders_csv(two_orders(), bom=True))

    result = import_file(store, path)

    assert result["created"] == {"customers": 2, "order_lines": 3, "orders": 2}
    with store.reading() as session:
        first, second = session.exec(select(Order).order_by(Order.number)).all()
        lines = session.exec(select(OrderLine).order_by(OrderLine.id)).all()
        customers = session.exec(select(Customer).order_by(Customer.id)).all()
    assert (first.source, first.external_id, first.number) == ("shopify", "5001", "#1001")
    assert first.created_at == datetime(2025, 4, 2, 0, 18, 52, tzinfo=UTC)  # -0700 -> UTC
    assert first.note == 'Leave at the door,\r\nplease "ring" twice'
    assert first.ship_zip == "02139"  # the apostrophe Shopify adds to keep zeros is gone
    assert (first.financial_status, first.fulfillment_status, first.risk) == (
        "paid",
        "unfulfilled",
        "low",
    )
    assert first.total == Decimal("48.20")
    assert (second.financial_status, second.fulfillment_status, second.risk) == (
        "voided",
        "unfulfilled",
        "high",
    )
    assert second.email == "bob@example.com"
    assert [(line.order_id, line.sku, line.quantity) for line in lines] == [
        (first.id, "MUG-BLUE", 1),
        (first.id, "TEE-M", 2),
        (second.id, "MUG-BLUE", 1),
    ]
    assert [(c.email, c.first_name, c.last_name) for c in customers] == [
        ("ada@example.com", "Ada", "Lovelace"),
        ("bob@example.com", "Ada", "Lovelace"),
    ]
    assert first.customer_id == customers[0].id


@pytest.mark.parametrize("columns", [ORDERS_COLUMNS_75, ORDERS_COLUMNS_47])
def test_older_and_shorter_exports_import_by_column_name(
    store: Store, tmp_path: Path, columns: list[str]
) -> None:
    # Columns in another order and in lower case, rows cut short: matched by name all the same.
    shuffled = list(reversed(columns))
    text = orders_csv(two_orders(), shuffled, newline="\n").replace("Name,", "name,", 1)
    path = write(tmp_path / "old.csv", text)

    result = import_file(store, path)

    assert result["created"] == {"customers": 2, "order_lines": 3, "orders": 2}
    with store.reading() as session:
        numbers = session.exec(select(Order.external_id)).all()
    expected = ["5001", "5002"] if "Id" in columns else ["#1001", "#1002"]
    assert sorted(numbers) == expected


def test_importing_the_same_file_twice_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "orders.csv", orders_csv(two_orders()))
    import_file(store, path)
    before = store_hash(store)

    again = import_file(store, path)

    assert again["created"] == {"customers": 0, "order_lines": 0, "orders": 0}
    assert again["updated"] == {"customers": 0, "order_lines": 0, "orders": 0}
    assert again["unchanged"] == {"customers": 2, "order_lines": 3, "orders": 2}
    assert store_hash(store) == before


def test_a_changed_row_updates_exactly_that_row(store: Store, tmp_path: Path) -> None:
    import_file(store, write(tmp_path / "a.csv", orders_csv(two_orders())))
    rows = two_orders(**{"Financial Status": "refunded"})
    rows[1]["Lineitem price"] = "18.00"
    changed = write(tmp_path / "b.csv", orders_csv(rows))

    result = import_file(store, changed)

    assert result["updated"] == {"customers": 0, "order_lines": 1, "orders": 1}
    assert result["unchanged"] == {"customers": 2, "order_lines": 2, "orders": 1}
    with store.reading() as session:
        order = session.exec(select(Order).where(Order.number == "#1001")).one()
        prices = session.exec(select(OrderLine.price).order_by(OrderLine.id)).all()
    assert order.financial_status == "refunded"
    assert prices == [Decimal("20.00"), Decimal("18.00"), Decimal("20.00")]


def test_a_bad_value_names_file_line_and_column_and_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    rows = two_orders()
    rows[2]["Lineitem sku"] = "8.72E+12"  # a spreadsheet got there first
    rows[0]["Financial Status"] = "sort-of-paid"
    path = write(tmp_path / "orders.csv", orders_csv(rows))

    with pytest.raises(ImportFileError) as caught:
        import_file(store, path)

    lines = str(caught.value).splitlines()
    # The multi-line note makes #1002 start on line 5 of the file.
    assert lines[0] == (
        f'{path}:2: column "Financial Status": unknown value "sort-of-paid" (expected one of: '
        "authorized, expired, paid, partially_paid, partially_refunded, pending, refunded, voided)"
    )
    assert lines[1].startswith(f'{path}:5: column "Lineitem sku": "8.72E+12" was turned into')
    assert lines[2] == (
        f"2 problems in {path}; nothing was imported; "
        "fix them, or use --skip-bad-rows to import the rest"
    )
    with store.reading() as session:
        assert session.exec(select(Order)).all() == []


def test_skip_bad_rows_imports_the_rest_and_writes_the_rejected_rows(
    store: Store, tmp_path: Path
) -> None:
    rows = two_orders()
    rows[2]["Lineitem quantity"] = "=1+1"
    path = write(tmp_path / "orders.csv", orders_csv(rows))

    result = import_file(store, path, skip_bad_rows=True)

    assert result["created"] == {"customers": 1, "order_lines": 2, "orders": 1}
    assert result["rejected"] == 1
    assert result["errors"] == [
        {"line": 5, "column": "Lineitem quantity", "message": '"=1+1" is not a whole number'}
    ]
    rejected = (tmp_path / "orders.rejected.csv").read_text(encoding="utf-8").splitlines()
    assert rejected[0].startswith("line,column,reason,Name,Email,")
    assert rejected[1].startswith('5,Lineitem quantity,"""=1+1"" is not a whole number",#1002,')
    assert ",'=1+1," in rejected[1]  # a spreadsheet shows the formula as text, never runs it


def test_an_order_split_across_the_file_is_reported(store: Store, tmp_path: Path) -> None:
    rows = two_orders()
    rows.append({"Name": "#1001", "Lineitem quantity": "1", "Lineitem name": "Cap"})
    path = write(tmp_path / "orders.csv", orders_csv(rows))

    with pytest.raises(ImportFileError, match=r":6: column \"Name\": order #1001 appears again"):
        import_file(store, path)


def test_cli_prints_the_summary_as_json(tmp_path: Path) -> None:
    path = write(tmp_path / "orders.csv", orders_csv(two_orders()))

    result = run_cli("import", "shopify", "orders", str(path), "--format", "json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "source": "shopify",
        "kind": "orders",
        "file": str(path),
        "created": {"customers": 2, "order_lines": 3, "orders": 2},
        "updated": {"customers": 0, "order_lines": 0, "orders": 0},
        "unchanged": {"customers": 0, "order_lines": 0, "orders": 0},
        "rejected": 0,
        "errors": [],
    }


def test_cli_prints_the_summary_for_people(tmp_path: Path) -> None:
    path = write(tmp_path / "orders.csv", orders_csv(two_orders()))

    result = run_cli("import", "shopify", "orders", str(path))

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"imported {path} (shopify orders)",
        "  customers: 2 created, 0 updated, 0 unchanged",
        "  order_lines: 3 created, 0 updated, 0 unchanged",
        "  orders: 2 created, 0 updated, 0 unchanged",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            'Name,Created at,Lineitem quantity,Lineitem name\n#1,"2025-04-01 17:18:52 -0700,1,x\n',
            "{path}:2: broken CSV: a quote opened here is never closed",
        ),
        (
            "Name,Email\n#1,a@example.com\n",
            '{path}:1: missing column(s) "created at", "lineitem quantity", "lineitem name"; '
            "is this the right file?",
        ),
        ("", "{path}:1: the file is empty"),
        (
            "Name,Created at,Lineitem quantity,Lineitem name\n#1,yesterday,1,Mug\n",
            '{path}:2: column "Created at": "yesterday" is not a time with its UTC offset '
            "(e.g. 2025-04-01 17:18:52 -0700)",
        ),
    ],
    ids=["unclosed-quote", "wrong-file", "empty", "bad-date"],
)
def test_cli_bad_files_are_one_error_and_exit_1(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = write(tmp_path / "orders.csv", content)

    result = run_cli("import", "shopify", "orders", str(path))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: " + expected.format(path=path) + "; nothing was imported"
    ]
    assert result.stdout == ""


def test_cli_missing_file(tmp_path: Path) -> None:
    result = run_cli("import", "shopify", "orders", str(tmp_path / "nope.csv"))

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'nope.csv'}: cannot read: No such file or directory; "
        "nothing was imported"
    ]


def test_cli_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("import", "shopify", "receipts", str(tmp_path / "x.csv"))

    assert result.returncode == 2
    assert (
        "Invalid value for 'kind': 'receipts' is not one of"
        " 'orders', 'products', 'inventory', 'customers'." in result.stderr
    )
