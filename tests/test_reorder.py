"""Reorder suggestions and the daily sales rollup, on real SQLite stores."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from factories import NOW, make
from storeops.db import Store
from storeops.demo import build_demo
from storeops.errors import StoreOpsError
from storeops.inventory import replenishment as math_
from storeops.inventory import rollup
from storeops.inventory.freshness import fresh_sales_reader
from storeops.inventory.suggestions import (
    DEFAULT_LEAD_TIME,
    DEFAULT_MOQ,
    DEFAULT_PACK_SIZE,
    NEVER_SOLD,
    reorder_report,
)
from storeops.models import Order, OrderLine, Product, Snooze, Supplier, Variant
from storeops.readers import SqliteReader, store_reader

TODAY = NOW.date()


def sell(session: Session, variant: Variant, when: datetime, qty: int, **order: object) -> Order:
    """One shipped order of `qty` units of `variant` placed at `when`."""
    placed = make(session, Order, created_at=when, **{"fulfillment_status": "fulfilled", **order})
    make(
        session,
        OrderLine,
        order_id=placed.id,
        variant_id=variant.id,
        quantity=qty,
        fulfilled_quantity=qty if placed.fulfillment_status == "fulfilled" else 0,
    )
    return placed


def days_ago(n: int) -> datetime:
    return NOW - timedelta(days=n)


def sku_with_supplier(session: Session, **variant: object) -> Variant:
    supplier = session.exec(select(Supplier).where(Supplier.name == "Trailhead Goods")).first()
    if supplier is None:
        supplier = make(
            session, Supplier, name="Trailhead Goods", lead_time_days=7, pack_size=6, moq=10
        )
    product = make(session, Product, status=variant.pop("status", "active"))
    return make(session, Variant, product_id=product.id, supplier_id=supplier.id, **variant)


def report(store: Store, **kw: object):  # type: ignore[no-untyped-def]
    rollup.ensure_fresh(store)
    with store_reader(store) as reader:
        return reorder_report(reader, today=TODAY, now=NOW, **kw)  # type: ignore[arg-type]


def test_rollup_counts_units_per_day_without_cancelled_or_voided_orders(store: Store) -> None:
    with store.writing() as session:
        v = sku_with_supplier(session)
        sell(session, v, days_ago(3), 2)
        sell(session, v, days_ago(3), 1)
        sell(session, v, days_ago(2), 5, cancelled_at=days_ago(2))
        sell(session, v, days_ago(2), 4, financial_status="voided")
        sell(session, v, days_ago(1), 1)
        vid = v.id
    assert rollup.ensure_fresh(store) is True
    with store.reading() as session:
        got = rollup.daily_units(session, TODAY - timedelta(days=10), TODAY)
    assert got == [(vid, TODAY - timedelta(days=3), 3), (vid, TODAY - timedelta(days=1), 1)]
    assert rollup.ensure_fresh(store) is False  # nothing changed: no rebuild


def test_a_cancellation_after_the_refresh_is_noticed(store: Store) -> None:
    with store.writing() as session:
        v = sku_with_supplier(session)
        kept = sell(session, v, days_ago(3), 2)
        later = sell(session, v, days_ago(1), 7)
        kept_id, later_id = kept.id, later.id
        rollup.refresh_sales_rollup(session)
    with store.writing() as session:
        cancelled = session.get(Order, later_id)
        assert cancelled is not None
        cancelled.cancelled_at = NOW
        session.add(cancelled)
    assert rollup.ensure_fresh(store) is True
    with store.reading() as session:
        sold = rollup.sales_in_window(session, TODAY - timedelta(days=30), TODAY)
    assert [(w.units, w.squares) for w in sold.values()] == [(2, 4)]
    assert kept_id is not None


def test_refresh_since_rebuilds_only_the_days_from_then(store: Store) -> None:
    with store.writing() as session:
        v = sku_with_supplier(session)
        sell(session, v, days_ago(20), 2)
        sell(session, v, days_ago(1), 3)
        rollup.refresh_sales_rollup(session)
        sell(session, v, days_ago(1), 4)
        rollup.refresh_sales_rollup(session, since=days_ago(1))
        got = rollup.daily_units(session, TODAY - timedelta(days=30), TODAY)
    assert [units for _, _, units in got] == [2, 7]


def test_a_due_sku_with_the_figures_that_explain_it(store: Store) -> None:
    with store.writing() as session:
        v = sku_with_supplier(session, on_hand=5, cost=Decimal("4.50"))
        for n in range(1, 91):  # one a day for 90 days, two on every tenth
            sell(session, v, days_ago(n), 2 if n % 10 == 0 else 1)
    got = report(store)
    assert [s.sku for s in got.suggestions] == [v.sku]
    s = got.suggestions[0]
    avg = 99 / 90
    sd = (((9 * 4 + 81) / 90) - avg**2) ** 0.5
    rop = avg * 7 + math_.service_level_z(95) * sd * 7**0.5
    assert s.avg_daily_demand == avg
    assert abs(s.demand_sd - sd) < 1e-12
    assert abs(s.reorder_point - rop) < 1e-9
    # Up to ROP + 30 days of demand, from 5: 36.x -> 37 -> MOQ 10 is met -> packs of 6: 42.
    assert s.suggested_qty == 42
    assert s.supplier == "Trailhead Goods"
    assert s.line_cost == Decimal("189.00")
    assert s.stockout_date == TODAY + timedelta(days=4)  # 5 / 1.1 = 4.5 days
    assert s.reason == "5 days of cover; at or below ROP 9.0; selling 1.10/day"


def test_open_po_snooze_archived_and_unsold_are_not_suggested(store: Store) -> None:
    from storeops.models import PurchaseOrder, PurchaseOrderLine

    with store.writing() as session:
        covered = sku_with_supplier(session, sku="COVERED", on_hand=0)
        snoozed = make(session, Variant, product_id=covered.product_id, sku="SNOOZED")
        archived = sku_with_supplier(session, sku="ARCHIVED", status="archived")
        make(session, Variant, product_id=covered.product_id, sku="NEVER-SOLD", on_hand=0)
        for v in (covered, snoozed, archived):
            for n in range(1, 31):
                sell(session, v, days_ago(n), 1)
        po = make(session, PurchaseOrder, supplier_id=covered.supplier_id, status="open")
        make(
            session,
            PurchaseOrderLine,
            purchase_order_id=po.id,
            variant_id=covered.id,
            quantity_ordered=60,
        )
        make(
            session,
            Snooze,
            kind="reorder",
            key="SNOOZED",
            until=NOW + timedelta(days=7),
            created_at=NOW,
        )
    got = report(store)
    assert got.suggestions == []
    assert got.left_out == {
        "due but snoozed": 1,
        "due but the product is archived": 1,
        NEVER_SOLD: 1,
    }


def test_supplier_filter_and_service_level(store: Store) -> None:
    with store.writing() as session:
        v = sku_with_supplier(session, on_hand=3)
        for n in range(1, 91, 3):
            sell(session, v, days_ago(n), 3)
    assert report(store, supplier="trailhead goods").suggestions
    with pytest.raises(
        StoreOpsError, match="unknown supplier 'Nobody': known suppliers are Trailhead Goods"
    ):
        report(store, supplier="Nobody")
    low, high = report(store, service_level=80), report(store, service_level=99)
    assert low.suggestions[0].safety_stock < high.suggestions[0].safety_stock


# -- the demo store against a reference computed straight from the order lines ------------


def reference_suggestions(db: Path, today: date, window: int, level: float) -> dict[str, int]:
    """SKU -> quantity, computed without the rollup or the ORM, as a spreadsheet would."""
    con = sqlite3.connect(db)
    start = datetime(today.year, today.month, today.day) - timedelta(days=window)
    end = datetime(today.year, today.month, today.day)
    per_day: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for vid, created, qty in con.execute(
        "SELECT l.variant_id, o.created_at, l.quantity FROM order_lines l "
        "JOIN orders o ON o.id = l.order_id WHERE o.cancelled_at IS NULL "
        "AND o.financial_status != 'voided' AND l.variant_id IS NOT NULL "
        "AND o.created_at >= ? AND o.created_at < ?",
        (start.isoformat(" "), end.isoformat(" ")),
    ):
        per_day[vid][created[:10]] += qty
    incoming = dict(
        con.execute(
            "SELECT l.variant_id, SUM(MAX(l.quantity_ordered - l.quantity_received, 0)) "
            "FROM purchase_order_lines l JOIN purchase_orders p ON p.id = l.purchase_order_id "
            "WHERE p.status IN ('open', 'partial') GROUP BY l.variant_id"
        ).fetchall()
    )
    committed = dict(
        con.execute(
            "SELECT l.variant_id, SUM(l.quantity - l.fulfilled_quantity) FROM order_lines l "
            "JOIN orders o ON o.id = l.order_id WHERE o.cancelled_at IS NULL "
            "AND o.financial_status != 'voided' "
            "AND o.fulfillment_status IN ('unfulfilled', 'partial', 'on_hold') "
            "AND l.quantity > l.fulfilled_quantity AND l.variant_id IS NOT NULL "
            "GROUP BY l.variant_id"
        ).fetchall()
    )
    z = math_.service_level_z(level)
    out: dict[str, int] = {}
    for vid, sku, on_hand, own_rop, lo, hi, lead, pack, moq in con.execute(
        "SELECT v.id, v.sku, v.on_hand, v.reorder_point, v.min_stock, v.max_stock, "
        "COALESCE(s.lead_time_days, 7), COALESCE(s.pack_size, 1), COALESCE(s.moq, 1) "
        "FROM variants v JOIN products p ON p.id = v.product_id "
        "LEFT JOIN suppliers s ON s.id = v.supplier_id WHERE p.status = 'active'"
    ):
        days = per_day.get(vid, {})
        facts = math_.SkuFacts(
            on_hand=on_hand,
            incoming=incoming.get(vid, 0),
            committed=committed.get(vid, 0),
            units_sold=sum(days.values()),
            squares=sum(u * u for u in days.values()),
            window_days=window,
            lead_time_days=lead,
            pack_size=pack,
            moq=moq,
            reorder_point=own_rop,
            min_stock=lo,
            max_stock=hi,
        )
        got = math_.replenish(facts, z, today)
        if got.trigger and got.suggested_qty > 0:
            out[sku] = got.suggested_qty
    con.close()
    return out


def test_reorder_list_matches_the_reference_on_the_demo_store(tmp_path: Path) -> None:
    from storeops.db import open_store

    path = tmp_path / "demo.db"
    now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    build_demo(f"sqlite:///{path}", seed=7, days=120, now=now)
    store = open_store(f"sqlite:///{path}")
    try:
        assert rollup.ensure_fresh(store) is False  # the demo build refreshed it
        with store_reader(store) as reader:
            through_sqlalchemy = reorder_report(reader, today=now.date(), now=now, window_days=90)
    finally:
        store.close()
    with fresh_sales_reader(f"sqlite:///{path}") as reader:
        assert isinstance(reader, SqliteReader)  # the plain sqlite3 path, no rebuild
        got = reorder_report(reader, today=now.date(), now=now, window_days=90)
    expected = reference_suggestions(path, now.date(), 90, 95)
    assert expected  # the demo plants SKUs that need ordering
    assert {s.sku: s.suggested_qty for s in got.suggestions} == expected
    assert got == through_sqlalchemy  # every figure, cost and reason alike on both paths


def test_a_stale_rollup_is_rebuilt_before_the_plain_sqlite_path_reads_it(
    store: Store, tmp_path: Path
) -> None:
    with store.writing() as session:
        v = sku_with_supplier(session, sku="RUN-1", on_hand=1)
        sell(session, v, days_ago(5), 30)
    url = str(store.engine.url)
    with fresh_sales_reader(url) as reader:  # never built: the slow path rebuilds it
        assert not isinstance(reader, SqliteReader)
        assert [s.sku for s in reorder_report(reader, today=TODAY, now=NOW).suggestions] == [
            "RUN-1"
        ]
    with fresh_sales_reader(url) as reader:  # fresh now: plain sqlite3
        assert isinstance(reader, SqliteReader)


def test_defaults_for_skus_without_a_supplier_are_the_supplier_models() -> None:
    fields = Supplier.model_fields
    assert fields["lead_time_days"].default == DEFAULT_LEAD_TIME
    assert fields["pack_size"].default == DEFAULT_PACK_SIZE
    assert fields["moq"].default == DEFAULT_MOQ
