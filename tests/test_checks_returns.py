"""Returns and refunds checks on hand-built data, boundaries included."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.inventory.rollup import ensure_fresh
from storeops.metrics import returns
from storeops.models import Order, OrderLine, Product, Return, Variant

M = timedelta(minutes=1)
H = timedelta(hours=1)
D = timedelta(days=1)


def _return(s: Session, order: Order | None = None, **fields: Any) -> Return:
    """A return on `order` (a fresh one placed a week ago by default)."""
    if order is None:
        order = make(s, Order, created_at=NOW - 7 * D)
    return make(s, Return, order_id=order.id, **fields)


def _variant(s: Session, title: str = "Blue Mug", sku: str | None = None) -> Variant:
    product = make(s, Product, title=title)
    if sku is None:
        return make(s, Variant, product_id=product.id)
    return make(s, Variant, product_id=product.id, sku=sku)


def _sale(
    s: Session, variant: Variant, units: int, placed: timedelta = 10 * D, **order: Any
) -> Order:
    """An order placed `placed` ago with one line of `units` of `variant`."""
    sold = make(s, Order, created_at=NOW - placed, **order)
    make(s, OrderLine, order_id=sold.id, variant_id=variant.id, quantity=units)
    return sold


# --- returns.awaiting_authorization -----------------------------------------------------------


def test_awaiting_authorization_after_2_days(store: Store) -> None:
    with store.writing() as s:
        mug = _variant(s, sku="MUG-1")
        order = make(s, Order, number="#5001", created_at=NOW - 9 * D)
        make(s, OrderLine, order_id=order.id, variant_id=mug.id)
        _return(
            s,
            order,
            rma_number="RMA-1",
            variant_id=mug.id,
            reason="size",
            requested_at=NOW - 3 * D,
        )
        _return(s, requested_at=NOW - 2 * D - M)
        _return(s, requested_at=NOW - 2 * D + M)  # not yet
        _return(s, status="authorized", requested_at=NOW - 5 * D)
    outcome = run_one(store, "returns.awaiting_authorization")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 return requests waiting over 2d, oldest 3d: approve or decline them"
    )
    assert outcome.details[0] == {
        "rma": "RMA-1",
        "order": "#5001",
        "sku": "MUG-1",
        "quantity": 1,
        "reason": "size",
        "status": "requested",
        "condition": None,
        "requested_at": (NOW - 3 * D).isoformat(),
        "age_hours": 72.0,
    }
    assert outcome.details[1]["sku"] is None  # a return without a variant still lists
    tighter = run_one(store, "returns.awaiting_authorization", params={"older_than": "1d"})
    assert tighter.value == 3


def test_awaiting_authorization_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.awaiting_authorization")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no return request waiting over 2d for a decision",
    )


# --- returns.awaiting_inspection ---------------------------------------------------------------


def test_awaiting_inspection_after_3_days(store: Store) -> None:
    with store.writing() as s:
        _return(s, status="received", received_at=NOW - 4 * D)
        _return(s, status="received", received_at=NOW - 3 * D - M)
        _return(s, status="received", received_at=NOW - 3 * D + M)  # not yet
        _return(s, status="inspected", received_at=NOW - 5 * D, inspected_at=NOW - 4 * D)
        _return(s, status="received", received_at=NOW - 5 * D, inspected_at=NOW - D)
    outcome = run_one(store, "returns.awaiting_inspection")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == "2 returns uninspected over 3d, oldest 4d: inspect and grade them"
    assert [row["received_at"] for row in outcome.details] == [
        (NOW - 4 * D).isoformat(),
        (NOW - 3 * D - M).isoformat(),
    ]


def test_awaiting_inspection_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.awaiting_inspection")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no received return waiting over 3d for inspection",
    )


# --- returns.awaiting_refund -------------------------------------------------------------------


def test_awaiting_refund_with_the_money_paid(store: Store) -> None:
    with store.writing() as s:
        mug = _variant(s)
        order = make(s, Order, created_at=NOW - 9 * D)
        make(s, OrderLine, order_id=order.id, variant_id=mug.id, quantity=3, price=Decimal("30"))
        _return(
            s, order, variant_id=mug.id, quantity=2, status="inspected", inspected_at=NOW - 3 * D
        )
        # No variant: counted, but its value is unknown.
        _return(s, status="inspected", inspected_at=NOW - 2 * D - M)
        _return(s, status="inspected", inspected_at=NOW - 2 * D + M)  # not yet
        _return(s, status="inspected", inspected_at=NOW - 5 * D, refunded_at=NOW - D)
        _return(s, status="refunded", inspected_at=NOW - 5 * D, refunded_at=NOW - D)
    outcome = run_one(store, "returns.awaiting_refund")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == "2 returns unrefunded over 2d, oldest 3d, $60: refund them"
    assert outcome.money_at_stake == Decimal("60.00")


def test_awaiting_refund_without_known_value_and_empty(store: Store) -> None:
    outcome = run_one(store, "returns.awaiting_refund")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no inspected return waiting over 2d for its refund",
    )
    with store.writing() as s:
        _return(s, status="inspected", inspected_at=NOW - 3 * D)
    outcome = run_one(store, "returns.awaiting_refund")
    assert outcome.summary == "1 return unrefunded over 2d, oldest 3d: refund them"
    assert outcome.money_at_stake is None


# --- returns.not_restocked ---------------------------------------------------------------------


def test_not_restocked_resellable_returns(store: Store) -> None:
    resellable: dict[str, Any] = {"disposition": "restock", "restocked": False}
    with store.writing() as s:
        _return(s, condition="new", status="inspected", inspected_at=NOW - 2 * D, **resellable)
        _return(s, condition="opened", status="refunded", inspected_at=NOW - H, **resellable)
        _return(s, condition="new", status="inspected", disposition="restock", restocked=True)
        _return(s, condition="damaged", status="inspected", **resellable)
        _return(s, condition="new", status="inspected", disposition="dispose")
        _return(s, condition="new", status="received", **resellable)
    outcome = run_one(store, "returns.not_restocked")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 resellable returns not restocked, oldest 2d: put them back in stock"
    )
    assert [row["condition"] for row in outcome.details] == ["new", "opened"]


def test_not_restocked_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.not_restocked")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every resellable return is back in stock",
    )


# --- returns.defective_without_disposition ----------------------------------------------------


def test_defective_without_disposition(store: Store) -> None:
    with store.writing() as s:
        _return(s, condition="damaged", status="received", received_at=NOW - 5 * D)
        _return(s, condition="defective", status="inspected", received_at=NOW - D)
        _return(s, condition="damaged", status="inspected", disposition="return_to_vendor")
        _return(s, condition="damaged", status="requested")
        _return(s, condition="defective", status="rejected")
        _return(s, condition="new", status="inspected")
    outcome = run_one(store, "returns.defective_without_disposition")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 damaged returns without a disposition, oldest 5d:"
        " write off, repair or claim from the supplier"
    )


def test_defective_without_disposition_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.defective_without_disposition")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every damaged or defective return has a disposition",
    )


# --- returns.customer_not_notified ------------------------------------------------------------


def test_customer_not_notified_of_the_latest_change(store: Store) -> None:
    with store.writing() as s:
        # Refunded two days ago, told only about the receipt before that.
        _return(
            s,
            rma_number="RMA-R",
            status="refunded",
            received_at=NOW - 4 * D,
            refunded_at=NOW - 2 * D,
            customer_notified_at=NOW - 3 * D,
        )
        _return(s, status="received", received_at=NOW - D)  # never told, a day on: due
        _return(s, status="authorized", authorized_at=NOW - D + M)  # within the grace
        _return(
            s,
            status="inspected",
            inspected_at=NOW - 2 * D,
            customer_notified_at=NOW - 2 * D,  # told at the change: up to date
        )
        _return(s, status="requested")  # nothing changed yet
    outcome = run_one(store, "returns.customer_not_notified")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 returns without a customer update 1d after the last change, oldest 2d:"
        " tell each customer where their return stands"
    )
    assert outcome.details[0]["rma"] == "RMA-R"
    assert outcome.details[0]["changed_at"] == (NOW - 2 * D).isoformat()
    assert run_one(store, "returns.customer_not_notified", params={"grace": "12h"}).value == 3


def test_customer_not_notified_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.customer_not_notified")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every customer knows where their return stands",
    )


# --- returns.reason_missing --------------------------------------------------------------------


def test_reason_missing_in_the_last_30_days(store: Store) -> None:
    with store.writing() as s:
        _return(s, reason=None, requested_at=NOW - 30 * D + H)
        _return(s, reason="", requested_at=NOW - D)
        _return(s, reason=None, requested_at=NOW - H, status="rejected")
        _return(s, reason=None, requested_at=NOW - 30 * D - H)  # too old
        _return(s, reason="size", requested_at=NOW - D)
    outcome = run_one(store, "returns.reason_missing")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 returns of the last 30d without a reason, oldest 29d: record one for each"
    )


def test_reason_missing_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.reason_missing")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every return of the last 30d has a reason",
    )


# --- returns.exchange_without_order ------------------------------------------------------------


def test_exchange_without_order_once_the_item_is_back(store: Store) -> None:
    with store.writing() as s:
        replacement = make(s, Order)
        _return(s, exchange=True, status="received", received_at=NOW - 2 * D)
        _return(s, exchange=True, status="refunded", received_at=NOW - 3 * D)
        _return(s, exchange=True, status="authorized", authorized_at=NOW - 4 * D)
        _return(s, exchange=True, status="received", exchange_order_id=replacement.id)
        _return(s, exchange=True, status="requested")
        _return(s, exchange=True, status="rejected")
        _return(s, exchange=False, status="received")
    outcome = run_one(store, "returns.exchange_without_order")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 received exchanges without a replacement order, oldest 3d: create the new orders"
    )
    assert [row["status"] for row in outcome.details] == ["refunded", "received"]
    approved = run_one(store, "returns.exchange_without_order", params={"after": "authorized"})
    assert approved.value == 3
    assert approved.summary == (
        "3 approved exchanges without a replacement order, oldest 4d: create the new orders"
    )
    assert approved.details[0]["authorized_at"] == (NOW - 4 * D).isoformat()
    bad = run_one(store, "returns.exchange_without_order", params={"after": "shipped"})
    assert bad.level is Level.UNKNOWN


def test_exchange_without_order_empty_store(store: Store) -> None:
    outcome = run_one(store, "returns.exchange_without_order")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every received exchange has its replacement order",
    )


# --- returns.rate_by_product -------------------------------------------------------------------


def _returned(s: Session, order: Order, variant: Variant, units: int, **fields: Any) -> None:
    fields.setdefault("status", "refunded")
    fields.setdefault("requested_at", order.created_at + D)
    _return(s, order, variant_id=variant.id, quantity=units, **fields)


def _rates_store(store: Store) -> None:
    with store.writing() as s:
        # A: 3 of 20 back, exactly 15%.
        a = _variant(s, "Product A")
        _sale(s, a, 12)
        _returned(s, _sale(s, a, 8), a, 3, reason="defective")
        # B: 2 of 20 (10%); its rejected request does not count.
        b = _variant(s, "Product B")
        _sale(s, b, 18)
        sold_b = _sale(s, b, 2)
        _returned(s, sold_b, b, 2, reason="size")
        _returned(s, sold_b, b, 5, status="rejected")
        # C: 5 of 9, below the 10 units sold it takes to judge.
        c = _variant(s, "Product C")
        _returned(s, _sale(s, c, 9), c, 5)
        # D: 5 of 10, half of them back, mostly for size; a second variant of the product.
        d = _variant(s, "Product D")
        d2 = make(s, Variant, product_id=d.product_id)
        sold_d = _sale(s, d, 6)
        make(s, OrderLine, order_id=sold_d.id, variant_id=d2.id, quantity=4)
        _returned(s, sold_d, d, 3, reason="size")
        _returned(s, sold_d, d2, 1, reason="size")
        _returned(s, sold_d, d2, 1, reason=None)
        # E: sold and returned before the 90 days; a cancelled order of it inside them.
        e = _variant(s, "Product E")
        _returned(s, _sale(s, e, 20, placed=90 * D + H), e, 10)
        _returned(s, _sale(s, e, 20, cancelled_at=NOW - D), e, 10)


def test_rate_by_product_flags_high_return_rates(store: Store) -> None:
    _rates_store(store)
    outcome = run_one(store, "returns.rate_by_product")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 products returned at 15% or more (orders of the last 90d), worst Product D 50%"
        " (5 of 10, mostly size): look for a fixable cause"
    )
    assert [(r["product"], r["sold"], r["returned"], r["rate_pct"]) for r in outcome.details] == [
        ("Product D", 10, 5, 50.0),
        ("Product A", 20, 3, 15.0),
    ]
    assert outcome.details[1]["top_reason"] == "defective"


def test_rate_by_product_boundaries(store: Store) -> None:
    _rates_store(store)

    def flagged(**params: Any) -> list[str]:
        outcome = run_one(store, "returns.rate_by_product", params=params)
        return [row["product"] for row in outcome.details]

    assert flagged(max_rate_pct=15.1) == ["Product D"]
    assert flagged(max_rate_pct=10) == ["Product D", "Product A", "Product B"]
    assert flagged(min_sold=11) == ["Product A"]
    assert flagged(min_sold=9) == ["Product C", "Product D", "Product A"]
    # E's old order is 90 days and one hour back: a window of 91 days takes it in.
    assert flagged(window="91d", max_rate_pct=50) == ["Product E", "Product D"]  # more back


def test_rate_by_product_without_orders_or_returns(store: Store) -> None:
    outcome = run_one(store, "returns.rate_by_product")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no orders in the last 90d to measure returns against",
    )
    with store.writing() as s:
        _sale(s, _variant(s), 50)
    outcome = run_one(store, "returns.rate_by_product")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no product returned at 15% or more (orders of the last 90d)",
    )


def test_return_rate_definition(store: Store) -> None:
    _rates_store(store)
    with store.reading() as s:
        overall = returns.return_rate(s, NOW - 90 * D, NOW)
    # Sold: A 20, B 20, C 9, D 10. Returned (not rejected): A 3, B 2, C 5, D 5.
    assert (overall.sold, overall.returned) == (59, 15)
    assert overall.rate_pct == 100 * 15 / 59


def test_units_sold_by_product_between_matches_one_interval_at_a_time(store: Store) -> None:
    _rates_store(store)
    with store.writing() as s:  # sales on both sides of the cut, off UTC midnight
        f = _variant(s, "Product F")
        _sale(s, f, 7, placed=30 * D + 5 * H)
        _sale(s, f, 4, placed=30 * D - 5 * H)
        _sale(s, f, 2, placed=95 * D)
    assert ensure_fresh(store)  # whole days come from the rollup, the cut ones from lines
    bounds = [NOW - 120 * D - 3 * H, NOW - 30 * D, NOW]
    with store.reading() as s:
        both = returns.units_sold_by_product_between(s, bounds)
        each = [returns.units_sold_by_product(s, low, high) for low, high in pairwise(bounds)]
    assert both  # the cases below are not vacuous
    for i, alone in enumerate(each):
        assert {pid: units[i] for pid, units in both.items() if units[i]} == alone


def test_sold_side_walks_orders_by_date(store: Store) -> None:
    """The sold-side query must start from the orders' date index, not scan every line."""
    _rates_store(store)
    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "order_lines" in statement and "GROUP BY" in statement:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", capture)
    try:
        with store.reading() as s:
            returns.units_sold_by_product(s, NOW - 90 * D, NOW, min_units=10)
    finally:
        event.remove(store.engine, "before_cursor_execute", capture)
    ((statement, parameters),) = statements
    with store.engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    steps = " | ".join(str(row[-1]) for row in plan)
    assert "SEARCH orders USING INDEX ix_orders_created_at" in steps, steps
    assert "SCAN order_lines" not in steps, steps
