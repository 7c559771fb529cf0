"""Order management checks on hand-built data, boundaries included."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import Order, Payment, Shipment

H = timedelta(hours=1)


def test_unprocessed_counts_paid_open_orders_since_last_evening(store: Store) -> None:
    # The store is on UTC; "overnight" starts yesterday 18:00 = NOW - 20.5h.
    with store.writing() as s:
        make(s, Order, created_at=NOW - 9 * H, total=Decimal("100.00"))
        make(s, Order, created_at=NOW - 2 * H, total=Decimal("40.50"))
        make(s, Order, created_at=NOW - 20 * H, total=Decimal("10.00"))  # 18:30 yesterday: in
        make(s, Order, created_at=NOW - 21 * H)  # 17:30 yesterday: before the window
        make(s, Order, created_at=NOW - H, fulfillment_status="fulfilled")
        make(s, Order, created_at=NOW - H, financial_status="pending")
        make(s, Order, created_at=NOW - H, cancelled_at=NOW)
    outcome = run_one(store, "orders.unprocessed")
    assert outcome.value == 3
    assert outcome.level is Level.WARN
    assert outcome.summary == "3 orders waiting since overnight, oldest 20h, $150.50"
    assert [row["age_hours"] for row in outcome.details] == [20.0, 9.0, 2.0]  # oldest first
    assert outcome.money_at_stake == Decimal("150.50")


def test_unprocessed_thresholds_are_inclusive(store: Store) -> None:
    with store.writing() as s:
        for _ in range(3):
            make(s, Order, created_at=NOW - H)
    assert run_one(store, "orders.unprocessed", warn=4).level is Level.OK
    assert run_one(store, "orders.unprocessed", warn=3).level is Level.WARN
    assert run_one(store, "orders.unprocessed", warn=1, crit=3).level is Level.CRIT


def test_unprocessed_empty_store_is_ok(store: Store) -> None:
    outcome = run_one(store, "orders.unprocessed")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no orders waiting since overnight",
    )


def test_incomplete_details_names_missing_fields(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, number="#1", ship_zip=None)
        make(s, Order, number="#2", email=None, ship_country=None)
        make(s, Order, number="#3")
        make(s, Order, number="#4", ship_zip="", fulfillment_status="fulfilled")
    outcome = run_one(store, "orders.incomplete_details")
    assert outcome.value == 2
    assert {row["order"]: row["missing"] for row in outcome.details} == {
        "#1": "zip",
        "#2": "email, country",
    }


def test_payment_pending_boundaries(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, financial_status="pending", created_at=NOW - 25 * H)
        make(s, Order, financial_status="pending", created_at=NOW - 23 * H)  # not yet
        make(s, Order, financial_status="authorized", created_at=NOW - timedelta(days=6))
        make(s, Order, financial_status="authorized", created_at=NOW - timedelta(days=4))
    outcome = run_one(store, "orders.payment_pending")
    assert outcome.value == 2
    assert outcome.summary.startswith("2 payments waiting too long (1 authorised, 1 pending)")
    tighter = run_one(store, "orders.payment_pending", params={"pending_for": "12h"})
    assert tighter.value == 3
    assert run_one(store, "orders.payment_pending", params={"pending_for": "soon"}).level is (
        Level.UNKNOWN
    )


def test_payment_failures_only_on_unpaid_orders_in_window(store: Store) -> None:
    with store.writing() as s:
        unpaid = make(s, Order, financial_status="pending")
        make(s, Payment, order_id=unpaid.id, status="failure", error_code="card_declined")
        make(s, Payment, order_id=unpaid.id, status="failure", error_code="card_declined")
        recovered = make(s, Order, financial_status="paid")
        make(s, Payment, order_id=recovered.id, status="failure", error_code="expired_card")
        old = make(s, Order, financial_status="pending")
        make(s, Payment, order_id=old.id, status="failure", created_at=NOW - 30 * H)
    outcome = run_one(store, "orders.payment_failures")
    assert outcome.value == 1
    assert "card_declined" in outcome.summary
    assert len(outcome.details) == 2


def test_confirmation_missing_respects_grace(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, confirmation_sent_at=None, created_at=NOW - 2 * H)
        make(s, Order, confirmation_sent_at=None, created_at=NOW - timedelta(minutes=30))
    outcome = run_one(store, "orders.confirmation_missing")
    assert outcome.value == 1
    assert outcome.summary == "1 order without a confirmation email, oldest 2h, $50"


def test_status_stale_when_shipped_but_unfulfilled(store: Store) -> None:
    with store.writing() as s:
        stale = make(s, Order, fulfillment_status="unfulfilled")
        make(s, Shipment, order_id=stale.id, shipped_at=NOW - H)
        labelled = make(s, Order, fulfillment_status="unfulfilled")
        make(s, Shipment, order_id=labelled.id, label_created_at=NOW)
    outcome = run_one(store, "orders.status_stale")
    assert outcome.value == 1
    assert outcome.details[0]["order"] == stale.number


def test_flagged_orders(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, risk="high", total=Decimal("900.00"))
        make(s, Order, tags="VIP, Flagged")
        make(s, Order, risk="medium")
    outcome = run_one(store, "orders.flagged")
    assert outcome.value == 2
    assert "(1 high fraud risk)" in outcome.summary


def test_urgent_queue_lists_express_first(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, number="#S", promised_ship_by=NOW - 5 * H)
        make(s, Order, number="#E", express=True, promised_ship_by=NOW - H)
        make(s, Order, number="#F", promised_ship_by=NOW + H)
    outcome = run_one(store, "orders.urgent_queue")
    assert outcome.value == 2
    assert [row["order"] for row in outcome.details] == ["#E", "#S"]
    assert "(1 express)" in outcome.summary


def test_fulfillment_progress_after_cutoff(store: Store) -> None:
    # NOW is 14:30 UTC, the default cut-off 14:00: orders paid yesterday 14:00..today 14:00.
    with store.writing() as s:
        make(s, Order, created_at=NOW - 3 * H, fulfillment_status="fulfilled")
        make(s, Order, created_at=NOW - 4 * H)
        make(s, Order, created_at=NOW - 10 * 60 * timedelta(seconds=1))  # after cut-off
        make(s, Order, created_at=NOW - 30 * H)  # before yesterday's cut-off
    outcome = run_one(store, "orders.fulfillment_progress")
    assert outcome.value == 1
    assert outcome.level is Level.WARN
    assert outcome.summary == "1 of 2 orders due today shipped (50%); 1 missed today's cut-off"


def test_daily_summary_compares_with_last_week(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, created_at=NOW - 24 * H, total=Decimal("120.00"))
        make(s, Order, created_at=NOW - 24 * H, total=Decimal("30.00"))
        make(s, Order, created_at=NOW - 8 * 24 * H, total=Decimal("100.00"))
    outcome = run_one(store, "orders.daily_summary")
    assert outcome.value == 2
    assert outcome.level is Level.OK
    assert outcome.summary == "2 orders, $150 yesterday (+50% vs last Wednesday)"
