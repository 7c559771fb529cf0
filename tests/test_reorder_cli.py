"""`storeops reorder` and `storeops stock` end to end: the real CLI on a real store file."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from cli_support import home_db, run_cli
from factories import NOW, make
from storeops.db import Store, open_store
from storeops.models import (
    Order,
    OrderLine,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Snooze,
    StockMovement,
    Supplier,
    Variant,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def shop(isolated_env: Path) -> Iterator[Store]:
    """A store with two SKUs selling one a day, low on stock, at one supplier."""
    store = open_store(home_db(isolated_env))
    with store.writing() as session:
        supplier = make(session, Supplier, name="Trailhead Goods", lead_time_days=7, pack_size=6)
        product = make(session, Product, title="=Trail Socks")
        for sku, on_hand in (("SOCK-M", 3), ("SOCK-L", 40)):
            v = make(
                session,
                Variant,
                product_id=product.id,
                sku=sku,
                on_hand=on_hand,
                supplier_id=supplier.id,
                cost=Decimal("2.50"),
            )
            make(session, StockMovement, variant_id=v.id, kind="count", quantity=on_hand)
            for n in range(1, 91):
                order = make(
                    session,
                    Order,
                    created_at=NOW - timedelta(days=n),
                    fulfillment_status="fulfilled",
                )
                make(
                    session,
                    OrderLine,
                    order_id=order.id,
                    variant_id=v.id,
                    quantity=1,
                    fulfilled_quantity=1,
                )
    yield store
    store.close()


def ledger_matches(store: Store, sku: str) -> int:
    """On-hand of `sku`, asserting it equals the sum of its ledger."""
    with store.reading() as session:
        v = session.exec(select(Variant).where(Variant.sku == sku)).one()
        total = session.scalar(
            select(func.sum(StockMovement.quantity)).where(StockMovement.variant_id == v.id)
        )
    assert v.on_hand == total
    return v.on_hand


def test_list_as_json_explains_each_suggestion(shop: Store) -> None:
    result = run_cli("reorder", "list", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["sku"] for r in rows] == ["SOCK-M"]
    row = rows[0]
    assert row["supplier"] == "Trailhead Goods"
    assert (row["on_hand"], row["incoming"], row["committed"], row["projected"]) == (3, 0, 0, 3)
    assert row["avg_daily_demand"] == 1.0
    assert row["demand_sd"] == 0.0
    assert row["reorder_point"] == 7.0
    assert row["days_of_cover"] == 3.0
    assert row["stockout_date"] == "2026-11-29"
    assert row["suggested_qty"] == 36  # up to 7 + 30 days, from 3: 34 -> packs of 6
    assert row["unit_cost"] == 2.5
    assert row["reason"] == "3 days of cover; at or below ROP 7.0; selling 1.00/day"


def test_list_on_a_fresh_store_never_imports_sqlalchemy(shop: Store) -> None:
    assert run_cli("reorder", "list").returncode == 0  # the first run builds the rollup
    probe = (
        "import sys\n"
        "from storeops.cli import main\n"
        "try:\n"
        "    sys.argv = ['storeops', 'reorder', 'list', '--format', 'json']\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'alembic') if m in sys.modules),"
        " file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert [row["sku"] for row in json.loads(result.stdout)] == ["SOCK-M"]
    assert result.stderr.strip() == "[]"


def test_list_as_table_and_csv(shop: Store) -> None:
    table = run_cli("reorder", "list")
    assert table.returncode == 0, table.stderr
    assert "SOCK-M" in table.stdout and "SOCK-L" not in table.stdout
    assert "Demand over the last 90 days; service level 95%." in table.stdout
    text = run_cli("reorder", "list", "--format", "csv").stdout
    rows = list(csv.DictReader(text.splitlines()))
    assert rows[0]["product"] == "'=Trail Socks"  # a formula-trigger title is neutralised
    assert rows[0]["suggested_qty"] == "36"


def test_po_records_open_orders_and_stops_repeat_suggestions(shop: Store, tmp_path: Path) -> None:
    result = run_cli("reorder", "po", "--out", str(tmp_path / "pos"))
    assert result.returncode == 0, result.stderr
    assert "PO-20261126-001  Trailhead Goods: 1 SKUs, 90.00, expected 2026-12-03" in result.stdout
    lines = (tmp_path / "pos" / "PO-20261126-001.csv").read_text().splitlines()
    assert lines == [
        "po_number,supplier,sku,product,quantity,unit_cost,line_cost",
        "PO-20261126-001,Trailhead Goods,SOCK-M,'=Trail Socks,36,2.50,90.00",
    ]
    with shop.reading() as session:
        po = session.exec(select(PurchaseOrder)).one()
        assert po.status == "open"
    again = run_cli("reorder", "list", "--format", "json")
    assert json.loads(again.stdout) == []  # the open PO covers it: not suggested twice

    received = run_cli("stock", "receive", "SOCK-M", "20")
    assert received.returncode == 0, received.stderr
    assert received.stdout == "received 20 x SOCK-M (PO-20261126-001)\n"
    with shop.reading() as session:
        assert session.exec(select(PurchaseOrder)).one().status == "partial"
    rest = run_cli("stock", "receive", "PO-20261126-001")
    assert rest.stdout == "received 16 x SOCK-M (PO-20261126-001)\n"
    with shop.reading() as session:
        assert session.exec(select(PurchaseOrder)).one().status == "received"
        line = session.exec(select(PurchaseOrderLine)).one()
        assert line.quantity_received == 36
    assert ledger_matches(shop, "SOCK-M") == 39
    closed = run_cli("stock", "receive", "PO-20261126-001")
    assert closed.returncode == 1
    assert closed.stderr.startswith("error: purchase order PO-20261126-001 is received")


def test_snooze_hides_a_suggestion(shop: Store) -> None:
    result = run_cli("reorder", "snooze", "SOCK-M", "7d", "--reason", "supplier closed")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "SOCK-M: not suggested until 2026-12-03 14:30 UTC\n"
    assert json.loads(run_cli("reorder", "list", "--format", "json").stdout) == []
    table = run_cli("reorder", "list").stdout
    assert "not suggested: 1 SKU due but snoozed" in table
    with shop.reading() as session:
        assert session.exec(select(Snooze)).one().reason == "supplier closed"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reorder", "snooze", "SOCK-M", "soon"), "bad duration 'soon'"),
        (("reorder", "snooze", "NOPE", "7d"), "unknown SKU 'NOPE'"),
        (("stock", "adjust", "SOCK-M", "-3", "--reason", " "), "an adjustment needs a reason"),
        (("stock", "adjust", "SOCK-M", "0", "--reason", "x"), "an adjustment of 0"),
        (("stock", "receive", "PO-404"), "no purchase order 'PO-404'"),
        (("stock", "receive", "SOCK-M", "-2"), "received quantity must be positive"),
    ],
)
def test_bad_input_is_one_error_line(shop: Store, args: tuple[str, ...], message: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {message}")
    assert "Traceback" not in result.stderr
    assert ledger_matches(shop, "SOCK-M") == 3


def test_adjust_writes_the_ledger(shop: Store) -> None:
    result = run_cli("stock", "adjust", "SOCK-M", "-2", "--reason", "damaged")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "SOCK-M: -2 (damaged), on hand now 1\n"
    assert ledger_matches(shop, "SOCK-M") == 1
    with shop.reading() as session:
        last = session.exec(select(StockMovement).order_by(StockMovement.id.desc())).first()  # type: ignore[union-attr]
    assert last is not None and (last.kind, last.reason) == ("damage", "damaged")


def test_count_shows_discrepancies_and_applies_on_yes(shop: Store, tmp_path: Path) -> None:
    counts = tmp_path / "count.csv"
    counts.write_text("sku,counted\nSOCK-M,1\nSOCK-L,40\n")
    declined = run_cli("stock", "count", str(counts), stdin="n\n")
    assert declined.returncode == 1
    assert "SOCK-M" in declined.stdout and "-2" in declined.stdout and "-5.00" in declined.stdout
    assert ledger_matches(shop, "SOCK-M") == 3  # nothing applied without a yes
    applied = run_cli("stock", "count", str(counts), "--yes")
    assert applied.returncode == 0, applied.stderr
    assert "applied 1 count adjustments from count.csv" in applied.stdout
    assert ledger_matches(shop, "SOCK-M") == 1
    assert ledger_matches(shop, "SOCK-L") == 40


def test_a_bad_count_file_applies_nothing_and_names_every_line(shop: Store, tmp_path: Path) -> None:
    counts = tmp_path / "count.csv"
    counts.write_text("sku,counted\nSOCK-M,1\nSOCK-L,lots\n,4\nSOCK-M,2\nSOCK-L,-1\n")
    result = run_cli("stock", "count", str(counts), "--yes")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {counts}:3: counted 'lots' is not a whole number",
        f"error: {counts}:4: the sku is empty",
        f"error: {counts}:5: SOCK-M is already counted on line 2",
        f"error: {counts}:6: counted -1 is negative",
        "error: 4 problems in the count file; nothing applied",
    ]
    assert ledger_matches(shop, "SOCK-M") == 3
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("sku,counted\nSOCK-X,1\n")
    assert run_cli("stock", "count", str(unknown), "--yes").stderr.startswith(
        f"error: {unknown}: unknown SKU 'SOCK-X'"
    )
    missing = run_cli("stock", "count", str(tmp_path / "nope.csv"))
    assert missing.returncode == 1
    assert missing.stderr == f"error: {tmp_path / 'nope.csv'}: no such file\n"
    header = tmp_path / "header.csv"
    header.write_text("item,qty\n")
    assert run_cli("stock", "count", str(header)).stderr.startswith(
        f"error: {header}:1: the first line must be the header: sku,counted"
    )


def test_show_gives_stock_ledger_and_weekly_sales(shop: Store) -> None:
    run_cli("stock", "adjust", "SOCK-M", "-1", "--reason", "lost")
    result = run_cli("stock", "show", "SOCK-M")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "SOCK-M: on hand 2, incoming 0, committed 0, projected 2"
    assert lines[1] == "ledger balance 2"
    assert lines[3] == "latest ledger rows (2):"
    assert lines[4] == "  2026-11-26 14:30  adjustment     -1  lost"
    weeks = lines[lines.index("units sold per week:") + 1 :]
    assert weeks[0] == "  2026-10-01      7  #######"
    assert len(weeks) == 8 and all(w.split()[1] == "7" for w in weeks)
    missing = run_cli("stock", "show", "NOPE")
    assert (missing.returncode, missing.stderr) == (
        1,
        "error: unknown SKU 'NOPE': check the spelling (SKUs are case-sensitive)\n",
    )


def test_slow_lists_stock_without_sales_by_value(shop: Store) -> None:
    with shop.writing() as session:
        product = make(session, Product, title="Old Lantern", created_at=NOW - timedelta(days=400))
        make(session, Variant, product_id=product.id, sku="LANTERN", on_hand=4, cost=Decimal("10"))
    result = run_cli("stock", "slow", "--days", "30")
    assert result.returncode == 0, result.stderr
    assert "In stock, no sale in 30 days (1 SKUs)" in result.stdout
    assert "LANTERN" in result.stdout and "40.00" in result.stdout and "never" in result.stdout
    assert "SOCK-M" not in result.stdout


def test_po_refuses_skus_without_a_supplier_and_records_nothing(
    shop: Store, tmp_path: Path
) -> None:
    with shop.writing() as session:
        orphan = session.exec(select(Variant).where(Variant.sku == "SOCK-L")).one()
        orphan.supplier_id, orphan.on_hand = None, 0
        session.add(orphan)
        make(session, StockMovement, variant_id=orphan.id, kind="count", quantity=-40)
    result = run_cli("reorder", "po", "--out", str(tmp_path / "pos"))
    assert result.returncode == 1
    assert result.stderr == (
        "error: 1 suggested SKUs have no supplier (SOCK-L): "
        "set one before drafting, or use --supplier\n"
    )
    assert not (tmp_path / "pos").exists() or not any((tmp_path / "pos").iterdir())
    with shop.reading() as session:
        assert session.exec(select(PurchaseOrder)).all() == []
    listed = json.loads(run_cli("reorder", "list", "--format", "json").stdout)
    assert {r["sku"]: r["supplier"] for r in listed} == {
        "SOCK-M": "Trailhead Goods",
        "SOCK-L": "(no supplier)",
    }


def test_po_into_an_unusable_folder_is_an_error(shop: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run_cli("reorder", "po", "--out", str(blocker))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: cannot create {blocker}")
    with shop.reading() as session:
        assert session.exec(select(PurchaseOrder)).all() == []
