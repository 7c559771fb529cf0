"""Inventory checks on hand-built data: exact values, summaries and both sides of each cut-off."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import (
    Order,
    OrderLine,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Shipment,
    StockMovement,
    Supplier,
    Variant,
)

H = timedelta(hours=1)
D = timedelta(days=1)
S = timedelta(seconds=1)
TODAY = datetime(2026, 11, 26, tzinfo=UTC)  # local midnight of NOW's day (the store is on UTC)


def _product(s: Session, **fields: Any) -> Product:
    return make(s, Product, **{"created_at": NOW - 365 * D, **fields})


def _sku(s: Session, product: Product | None = None, **fields: Any) -> Variant:
    owner = product if product is not None else _product(s)
    return make(s, Variant, product_id=owner.id, **fields)


def _sale(s: Session, variant: Variant, when: datetime, quantity: int = 1, **order: Any) -> Order:
    placed = make(s, Order, **{"created_at": when, "fulfillment_status": "fulfilled", **order})
    make(
        s,
        OrderLine,
        order_id=placed.id,
        variant_id=variant.id,
        sku=variant.sku,
        quantity=quantity,
        fulfilled_quantity=quantity,
    )
    return placed


def _po(
    s: Session, variant: Variant, ordered: int, received: int = 0, **fields: Any
) -> PurchaseOrder:
    supplier = make(s, Supplier)
    order = make(s, PurchaseOrder, supplier_id=supplier.id, **fields)
    make(
        s,
        PurchaseOrderLine,
        purchase_order_id=order.id,
        variant_id=variant.id,
        quantity_ordered=ordered,
        quantity_received=received,
        unit_cost=Decimal("5.00"),
    )
    return order


def _config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text)


# stock levels


def test_stock_summary_counts_active_skus_at_zero_or_below(store: Store) -> None:
    with store.writing() as s:
        product = _product(s)
        _sku(s, product, sku="IN", on_hand=5)  # 5 x $8 on the shelf
        _sku(s, product, sku="ZERO", on_hand=0)
        _sku(s, product, sku="NEG", on_hand=-2)
        _sku(s, _product(s, status="draft"), on_hand=0)
        _sku(s, _product(s, status="archived"), on_hand=-1)
    outcome = run_one(store, "inventory.stock_summary")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == "2 of 3 active SKUs out of stock (1 below zero); stock at cost $40"
    assert [(row["sku"], row["on_hand"]) for row in outcome.details] == [("NEG", -2), ("ZERO", 0)]
    json.dumps(outcome.details)


def test_stock_summary_all_in_stock_and_thresholds(store: Store) -> None:
    with store.writing() as s:
        _sku(s, on_hand=1, cost=Decimal("2.50"))
        _sku(s, on_hand=3, cost=None)  # no cost known: counts as stock, adds no value
    outcome = run_one(store, "inventory.stock_summary")
    assert (outcome.level, outcome.value) == (Level.OK, 0)
    assert outcome.summary == "all 2 active SKUs are in stock; stock at cost $2.50"
    with store.writing() as s:
        _sku(s, on_hand=0)
        _sku(s, on_hand=0)
    assert run_one(store, "inventory.stock_summary", warn=3).level is Level.OK
    assert run_one(store, "inventory.stock_summary", warn=2).level is Level.WARN
    assert run_one(store, "inventory.stock_summary", warn=1, crit=2).level is Level.CRIT


def test_stock_summary_empty_catalog(store: Store) -> None:
    outcome = run_one(store, "inventory.stock_summary")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no active products in the catalog yet",
    )


# low stock


def test_low_stock_counts_stock_on_order_and_the_reorder_point(store: Store) -> None:
    with store.writing() as s:
        _sku(s, sku="AT-POINT", on_hand=5)  # default reorder point 5: 5 <= 5
        _sku(s, sku="ABOVE", on_hand=6)
        _sku(s, sku="OWN-POINT", on_hand=15, reorder_point=20)
        _sku(s, sku="OUT", on_hand=0)
        reordered = _sku(s, sku="REORDERED", on_hand=2)
        _po(s, reordered, ordered=10)  # open: 12 > 5
        partly = _sku(s, sku="PARTLY", on_hand=2)
        _po(s, partly, ordered=10, received=7, status="partial")  # 3 still to come: 5 <= 5
        arrived = _sku(s, sku="ARRIVED", on_hand=2)
        _po(s, arrived, ordered=10, received=10, status="received")  # nothing incoming
        _sku(s, _product(s, status="draft"), on_hand=0)
    outcome = run_one(store, "inventory.low_stock")
    assert (outcome.level, outcome.value) == (Level.WARN, 5)
    assert outcome.summary == (
        "5 SKUs at or below the reorder point (1 out of stock), counting stock on order:"
        " raise purchase orders"
    )
    by_sku = {row["sku"]: row for row in outcome.details}
    assert set(by_sku) == {"AT-POINT", "OWN-POINT", "OUT", "PARTLY", "ARRIVED"}
    assert (by_sku["PARTLY"]["incoming"], by_sku["PARTLY"]["reorder_point"]) == (3, 5)
    assert [row["sku"] for row in outcome.details][:2] == ["OUT", "OWN-POINT"]  # most short
    json.dumps(outcome.details)


def test_low_stock_default_comes_from_the_rules(store: Store, isolated_env: Path) -> None:
    _config(isolated_env, "rules:\n  low_stock_default: 2\n")
    with store.writing() as s:
        _sku(s, on_hand=2)
        _sku(s, on_hand=3)
    assert run_one(store, "inventory.low_stock").value == 1


def test_low_stock_empty_store(store: Store) -> None:
    outcome = run_one(store, "inventory.low_stock")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no SKU is at or below its reorder point",
    )


# the stock ledger


def test_ledger_mismatch_compares_on_hand_with_the_sum_of_movements(store: Store) -> None:
    with store.writing() as s:
        agrees = _sku(s, sku="AGREES", on_hand=10)
        make(s, StockMovement, variant_id=agrees.id, kind="count", quantity=12)
        make(s, StockMovement, variant_id=agrees.id, kind="sale", quantity=-2)
        short = _sku(s, sku="SHORT", on_hand=7)
        make(s, StockMovement, variant_id=short.id, kind="receipt", quantity=10)
        _sku(s, sku="UNRECORDED", on_hand=5)  # no movements at all: ledger 0
        _sku(s, sku="EMPTY", on_hand=0)
    outcome = run_one(store, "inventory.ledger_mismatch")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 SKUs off the stock ledger by 8 units ($64 at cost): count them and post adjustments"
        " with a reason"
    )
    assert outcome.money_at_stake == Decimal("64.00")
    assert [(r["sku"], r["on_hand"], r["ledger"], r["difference"]) for r in outcome.details] == [
        ("UNRECORDED", 5, 0, 5),
        ("SHORT", 7, 10, -3),
    ]


def test_ledger_mismatch_all_agree_and_no_ledger(store: Store) -> None:
    outcome = run_one(store, "inventory.ledger_mismatch")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no stock movements recorded yet: no ledger to reconcile",
    )
    with store.writing() as s:
        variant = _sku(s, on_hand=3)
        make(s, StockMovement, variant_id=variant.id, kind="count", quantity=3)
    outcome = run_one(store, "inventory.ledger_mismatch")
    assert (outcome.value, outcome.summary) == (0, "on-hand matches the stock ledger for every SKU")


# shipped units deducted from stock


def _shipped(s: Session, variant: Variant, ago: timedelta, units: int, deducted: int) -> Order:
    order = _sale(s, variant, NOW - ago - H, units)
    make(s, Shipment, order_id=order.id, status="in_transit", shipped_at=NOW - ago)
    if deducted:
        make(
            s,
            StockMovement,
            variant_id=variant.id,
            kind="sale",
            quantity=-deducted,
            reference=order.number,
            created_at=NOW - ago,
        )
    return order


def test_sales_unrecorded_matches_lines_to_sale_movements(store: Store) -> None:
    with store.writing() as s:
        variant = _sku(s, sku="MUG")
        _shipped(s, variant, 2 * H, units=2, deducted=2)
        short = _shipped(s, variant, 2 * H, units=3, deducted=1)
        none = _shipped(s, variant, 24 * H, units=1, deducted=0)  # exactly a day ago: in
        _shipped(s, variant, 24 * H + S, units=1, deducted=0)  # just outside the window
        elsewhere = _shipped(s, variant, 3 * H, units=1, deducted=0)
        make(s, StockMovement, variant_id=variant.id, kind="sale", quantity=-1, reference="#X")
        adjusted = {"kind": "adjustment", "quantity": -1, "reference": elsewhere.number}
        make(s, StockMovement, variant_id=variant.id, **adjusted)
    outcome = run_one(store, "inventory.sales_unrecorded")
    assert (outcome.level, outcome.value) == (Level.WARN, 3)
    assert outcome.summary == (
        "3 shipped order lines (4 units) in the last 24h never deducted from stock: record the"
        " sales"
    )
    assert {row["order"]: (row["shipped"], row["deducted"]) for row in outcome.details} == {
        short.number: (3, 1),
        none.number: (1, 0),
        elsewhere.number: (1, 0),
    }
    wider = run_one(store, "inventory.sales_unrecorded", params={"window": "2d"})
    assert wider.value == 4


def test_sales_unrecorded_without_a_sales_ledger_and_when_all_deducted(store: Store) -> None:
    outcome = run_one(store, "inventory.sales_unrecorded")
    assert (outcome.level, outcome.value) == (Level.OK, None)
    assert outcome.summary == (
        "no sale movements in the stock ledger: nothing to match shipments against"
    )
    with store.writing() as s:
        _shipped(s, _sku(s), H, units=2, deducted=2)
    outcome = run_one(store, "inventory.sales_unrecorded")
    assert (outcome.value, outcome.summary) == (
        0,
        "every unit shipped in the last 24h was deducted from stock",
    )


# purchase orders


def test_po_overdue_counts_open_orders_expected_before_today(store: Store) -> None:
    with store.writing() as s:
        variant = _sku(s)
        _po(s, variant, ordered=3, number="PO-LATE1", expected_at=TODAY - timedelta(minutes=1))
        late = {"status": "partial", "number": "PO-LATE5", "expected_at": TODAY - 5 * D}
        _po(s, variant, ordered=10, received=4, **late)
        _po(s, variant, ordered=5, number="PO-TODAY", expected_at=TODAY)
        _po(s, variant, ordered=5, number="PO-TOMORROW", expected_at=TODAY + D)
        _po(s, variant, ordered=5, status="received", expected_at=TODAY - 9 * D)
        _po(s, variant, ordered=5, status="draft", expected_at=TODAY - 9 * D)
    outcome = run_one(store, "inventory.po_overdue")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 purchase orders overdue, oldest 5 days late, 9 units ($45) still to arrive; 1 more"
        " due today: receive what arrived, chase the rest"
    )
    assert outcome.money_at_stake == Decimal("45.00")
    assert [(r["purchase_order"], r["days_late"], r["units"]) for r in outcome.details] == [
        ("PO-LATE5", 5, 6),
        ("PO-LATE1", 1, 3),
    ]
    json.dumps(outcome.details)


def test_po_overdue_due_today_only_and_empty(store: Store) -> None:
    outcome = run_one(store, "inventory.po_overdue")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no purchase order is overdue or due today",
    )
    with store.writing() as s:
        _po(s, _sku(s), ordered=1, expected_at=TODAY + D - S)
    outcome = run_one(store, "inventory.po_overdue")
    assert (outcome.value, outcome.summary) == (0, "no purchase order overdue; 1 due today")


# availability and listings


def test_sold_out_but_available(store: Store) -> None:
    with store.writing() as s:
        _sku(s, sku="ZERO", on_hand=0)
        _sku(s, sku="NEG", on_hand=-1)
        _sku(s, on_hand=0, inventory_policy="continue")  # backorder on purpose
        _sku(s, on_hand=0, available=False)
        _sku(s, on_hand=1)
        _sku(s, _product(s, status="draft"), on_hand=0)
    outcome = run_one(store, "inventory.sold_out_but_available")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 sold-out SKUs still shown as available on the storefront: mark them sold out"
    )
    assert [row["sku"] for row in outcome.details] == ["NEG", "ZERO"]


def test_sold_out_but_available_empty(store: Store) -> None:
    outcome = run_one(store, "inventory.sold_out_but_available")
    assert (outcome.value, outcome.summary) == (0, "no sold-out SKU shows as available")


def test_sold_out_listings_counts_products_with_nothing_to_buy(store: Store) -> None:
    with store.writing() as s:
        gone = _product(s, handle="gone", title="Gone")
        _sku(s, gone, on_hand=0)
        _sku(s, gone, on_hand=-1)
        mixed = _product(s)
        _sku(s, mixed, on_hand=0)
        _sku(s, mixed, on_hand=3)
        preorder = _product(s)
        _sku(s, preorder, on_hand=0)
        _sku(s, preorder, on_hand=0, inventory_policy="continue")
        _sku(s, _product(s, status="draft"), on_hand=0)
        coming = _product(s, handle="coming", title="Coming")
        _po(s, _sku(s, coming, on_hand=0), ordered=10)
    outcome = run_one(store, "inventory.sold_out_listings")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 sold-out products still listed without pre-order (1 with stock on order): hide them,"
        " offer pre-order or add a back-in-stock date"
    )
    assert outcome.details == [
        {"handle": "coming", "product": "Coming", "variants": 1, "on_order": 10},
        {"handle": "gone", "product": "Gone", "variants": 2, "on_order": 0},
    ]


def test_sold_out_listings_empty(store: Store) -> None:
    outcome = run_one(store, "inventory.sold_out_listings")
    assert (outcome.value, outcome.summary) == (
        0,
        "no sold-out product is left listed without pre-order",
    )


# damaged stock


def test_damaged_units_and_their_value(store: Store) -> None:
    with store.writing() as s:
        _sku(s, sku="CRUSHED", damaged=3)  # 3 x $8
        _sku(s, sku="NO-COST", damaged=1, cost=None)
        _sku(s, damaged=0)
    outcome = run_one(store, "inventory.damaged")
    assert (outcome.level, outcome.value) == (Level.WARN, 4)
    assert outcome.summary == (
        "4 damaged units across 2 SKUs, $24 at cost: write off, repair or return them to the"
        " supplier"
    )
    assert outcome.money_at_stake == Decimal("24.00")
    assert [(row["sku"], row["damaged"]) for row in outcome.details] == [
        ("CRUSHED", 3),
        ("NO-COST", 1),
    ]


def test_damaged_none(store: Store) -> None:
    outcome = run_one(store, "inventory.damaged")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no damaged stock waiting for a decision",
    )


# purchase planning

PERIOD_START = TODAY - 30 * D  # the last 30 whole days: Oct 27 00:00 .. Nov 26 00:00


def test_stockout_forecast_compares_cover_with_lead_time(store: Store) -> None:
    with store.writing() as s:
        slow_supplier = make(s, Supplier, lead_time_days=10)

        def sku(name: str, on_hand: int, supplier: Supplier | None = slow_supplier) -> Variant:
            return _sku(s, sku=name, on_hand=on_hand, supplier_id=supplier and supplier.id)

        short = sku("SHORT", 9)  # 9 days of cover < 10
        _sale(s, short, PERIOD_START + 5 * D, 30)
        exact = sku("EXACT", 10)  # 10 days of cover: not short
        _sale(s, exact, PERIOD_START, 30)  # the period's first instant counts
        _sale(s, exact, PERIOD_START - S, 100)  # before the period
        _sale(s, exact, TODAY + H, 100)  # today: not a whole day yet
        _sale(s, exact, PERIOD_START + D, 100, cancelled_at=NOW)  # not a sale
        restocking = sku("RESTOCKING", 5)
        _sale(s, restocking, PERIOD_START + D, 30)
        _po(s, restocking, ordered=10)  # 15 projected
        committed = sku("COMMITTED", 12)
        _sale(s, committed, PERIOD_START + D, 30)
        waiting = make(s, Order, created_at=NOW - H)  # unfulfilled, placed today
        make(s, OrderLine, order_id=waiting.id, variant_id=committed.id, quantity=5)
        no_supplier = sku("NO-SUPPLIER", 6, None)  # default lead time 7: 6 < 7
        _sale(s, no_supplier, PERIOD_START + D, 30)
        _sku(s, sku="UNSOLD", on_hand=0, supplier_id=slow_supplier.id)  # no demand: no forecast
    outcome = run_one(store, "inventory.stockout_forecast")
    assert (outcome.level, outcome.value) == (Level.WARN, 3)
    assert outcome.summary == (
        "3 SKUs will sell out before a reorder could arrive (0 already out of stock): plan"
        " purchase orders"
    )
    rows = {row["sku"]: row for row in outcome.details}
    assert [row["sku"] for row in outcome.details] == ["NO-SUPPLIER", "COMMITTED", "SHORT"]
    assert (rows["COMMITTED"]["committed"], rows["COMMITTED"]["cover_days"]) == (5, 7.0)
    assert (rows["NO-SUPPLIER"]["lead_time_days"], rows["SHORT"]["daily_demand"]) == (7, 1.0)
    longer = run_one(store, "inventory.stockout_forecast", params={"default_lead_time_days": 5})
    assert longer.value == 2


def test_stockout_forecast_without_sales_and_when_covered(store: Store) -> None:
    outcome = run_one(store, "inventory.stockout_forecast")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no sales in the last 30 days to plan purchases from",
    )
    with store.writing() as s:
        _sale(s, _sku(s, on_hand=100), PERIOD_START + D, 3)
    outcome = run_one(store, "inventory.stockout_forecast")
    assert (outcome.value, outcome.summary) == (
        0,
        "every selling SKU has stock for its supplier's lead time",
    )


# slow movers

SINCE = TODAY - 90 * D  # rules.slow_mover_days = 90: since local midnight 90 days ago


def test_slow_movers_have_stock_and_no_sale_since_the_cutoff(store: Store) -> None:
    with store.writing() as s:
        stale = _sku(s, sku="STALE", on_hand=5)  # 5 x $8
        _sale(s, stale, SINCE - S)
        fresh = _sku(s, sku="FRESH", on_hand=5)
        _sale(s, fresh, SINCE)
        _sku(s, sku="EMPTY", on_hand=0)
        _sku(s, _product(s, created_at=SINCE), sku="NEW", on_hand=3)  # too new to judge
        _sku(s, _product(s, created_at=SINCE - S), sku="NEVER", on_hand=2)
        cancelled = _sku(s, sku="CANCELLED", on_hand=4)
        _sale(s, cancelled, NOW - D, cancelled_at=NOW)
    outcome = run_one(store, "inventory.slow_movers", warn=3)
    assert (outcome.level, outcome.value) == (Level.WARN, 3)
    assert outcome.summary == (
        "3 SKUs in stock with no sale in 90 days, $88 at cost: discount, bundle or stop"
        " reordering them"
    )
    assert outcome.money_at_stake == Decimal("88.00")
    assert [(r["sku"], r["value"], r["last_sold"]) for r in outcome.details] == [
        ("STALE", 40.0, (SINCE - S).isoformat()),
        ("CANCELLED", 32.0, None),
        ("NEVER", 16.0, None),
    ]
    assert run_one(store, "inventory.slow_movers").level is Level.OK  # default warn: 20


def test_slow_movers_none(store: Store) -> None:
    outcome = run_one(store, "inventory.slow_movers")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every SKU in stock sold in the last 90 days",
    )
