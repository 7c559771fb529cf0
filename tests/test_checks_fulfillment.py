"""Fulfilment checks on hand-built data: exact values, summaries and both sides of each cut-off."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import Order, Shipment

M = timedelta(minutes=1)
H = timedelta(hours=1)
D = timedelta(days=1)
S = timedelta(seconds=1)
UPS_OK = "1Z999AA10123456784"


def _parcel(s: Session, order: Order | None = None, **fields: Any) -> Shipment:
    owner = order if order is not None else make(s, Order, fulfillment_status="fulfilled")
    return make(s, Shipment, order_id=owner.id, **fields)


def _shipped(s: Session, ago: timedelta, **fields: Any) -> Shipment:
    defaults = {
        "status": "in_transit",
        "carrier": "ups",
        "tracking_number": UPS_OK,
        "shipped_at": NOW - ago,
        "notification_sent_at": NOW - ago,
    }
    return _parcel(s, **{**defaults, **fields})


# pick and pack by the cut-off


def test_not_shipped_by_cutoff_after_todays_cutoff(store: Store) -> None:
    # NOW is 14:30 UTC and the default cut-off 14:00: orders placed before today 14:00 are due.
    with store.writing() as s:
        make(s, Order, number="#LATE", created_at=NOW - 30 * M - S)  # 13:59:59
        make(s, Order, created_at=NOW - 30 * M)  # 14:00 exactly: tomorrow's
        partial = make(
            s, Order, number="#PART", created_at=NOW - 28 * H - 30 * M, fulfillment_status="partial"
        )
        _parcel(s, partial, shipped_at=NOW - 3 * H)
        stale = make(s, Order, created_at=NOW - 5 * H)  # shipped, status not updated yet
        _parcel(s, stale, shipped_at=NOW - 3 * H)
        labelled = make(s, Order, number="#LABEL", created_at=NOW - 5 * H)
        _parcel(s, labelled, label_created_at=NOW - 4 * H)  # a label is not a shipment
        make(s, Order, created_at=NOW - 5 * H, financial_status="pending")
        make(s, Order, created_at=NOW - 5 * H, fulfillment_status="on_hold")
        make(s, Order, created_at=NOW - 5 * H, fulfillment_status="fulfilled")
        make(s, Order, created_at=NOW - 5 * H, cancelled_at=NOW - H)
    outcome = run_one(store, "fulfillment.not_shipped_by_cutoff")
    assert (outcome.level, outcome.value) == (Level.WARN, 3)
    assert outcome.summary == (
        "3 paid orders placed before today's 14:00 cut-off not shipped, oldest 28h, $150:"
        " pick and pack these first"
    )
    assert outcome.money_at_stake == Decimal("150.00")
    assert [row["order"] for row in outcome.details] == ["#PART", "#LABEL", "#LATE"]


def test_not_shipped_by_cutoff_before_todays_cutoff_uses_yesterdays(
    store: Store, isolated_env: Path
) -> None:
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.yaml").write_text("rules:\n  shipping_cutoff: '15:00'\n")
    with store.writing() as s:
        make(s, Order, created_at=NOW - 23 * H - 30 * M - S)  # yesterday 14:59:59
        make(s, Order, created_at=NOW - 23 * H - 30 * M)  # yesterday 15:00: due today
    outcome = run_one(store, "fulfillment.not_shipped_by_cutoff")
    assert outcome.value == 1
    assert outcome.summary.startswith("1 paid order placed before yesterday's 15:00 cut-off")


def test_not_shipped_by_cutoff_empty(store: Store) -> None:
    outcome = run_one(store, "fulfillment.not_shipped_by_cutoff")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every paid order placed before today's 14:00 cut-off has shipped",
    )


# labels


def test_labels_missing_on_paid_orders_past_a_day(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, number="#25H", created_at=NOW - 25 * H)
        make(s, Order, created_at=NOW - 24 * H)  # exactly 24h: not yet
        labelled = make(s, Order, created_at=NOW - 30 * H)
        _parcel(s, labelled, label_created_at=NOW - 29 * H)
        unlabelled = make(s, Order, number="#30H", created_at=NOW - 30 * H)
        _parcel(s, unlabelled)  # a shipment row without a label
        make(s, Order, created_at=NOW - 30 * H, fulfillment_status="fulfilled")
    outcome = run_one(store, "fulfillment.labels_missing")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 paid orders older than 24h without a shipping label, oldest 30h, $100: buy and print"
        " the labels"
    )
    assert [row["order"] for row in outcome.details] == ["#30H", "#25H"]
    later = run_one(store, "fulfillment.labels_missing", params={"older_than": "2d"})
    assert (later.value, later.summary) == (
        0,
        "every paid order older than 2d has a shipping label",
    )


# contents checked before sealing


def test_unverified_parcels_waiting_or_just_shipped(store: Store) -> None:
    with store.writing() as s:
        _parcel(s, status="label_created", packed_at=NOW - 2 * H)
        _parcel(s, status="label_created", packed_at=NOW - 2 * H, verified_at=NOW - H)
        _shipped(s, 24 * H, packed_at=NOW - 26 * H)  # shipped exactly a day ago: counts
        _shipped(s, 24 * H + S, packed_at=NOW - 26 * H)  # shipped before the window
        _parcel(s, status="pending")  # not packed yet
    outcome = run_one(store, "fulfillment.unverified")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 parcels packed without a contents check (1 already shipped): check them against the"
        " packing slip"
    )
    assert [row["status"] for row in outcome.details] == ["in_transit", "label_created"]
    json.dumps(outcome.details)


def test_unverified_none(store: Store) -> None:
    outcome = run_one(store, "fulfillment.unverified")
    assert (outcome.value, outcome.summary) == (0, "every packed parcel had its contents checked")


# tracking numbers


def test_tracking_invalid_missing_or_failing_the_check_digit(store: Store) -> None:
    with store.writing() as s:
        _shipped(s, H)
        _shipped(s, 2 * H, tracking_number="1Z999AA10123456785")  # check digit off by one
        _shipped(s, 3 * H, tracking_number=None)
        _shipped(s, 4 * H, tracking_number=" ")
        _shipped(s, 72 * H, carrier="fedex", tracking_number="996578788855")  # 3d ago: in
        _shipped(s, 72 * H + S, carrier="fedex", tracking_number="996578788855")  # outside
        _shipped(s, 5 * H, carrier="royal_mail", tracking_number="RB123456785GB")
        _shipped(s, 5 * H, carrier="dhl", tracking_number="3318810025")
        _parcel(s, status="label_created", tracking_number=None)  # not shipped yet
    outcome = run_one(store, "fulfillment.tracking_invalid")
    assert (outcome.level, outcome.value) == (Level.WARN, 4)
    assert outcome.summary == (
        "4 parcels shipped in the last 3d without a valid tracking number (2 missing, 2 failing"
        " the carrier's check): correct them in the orders"
    )
    assert [row["problem"] for row in outcome.details] == [
        "invalid",
        "missing",
        "missing",
        "invalid",
    ]
    assert run_one(store, "fulfillment.tracking_invalid", warn=5).level is Level.OK
    assert run_one(store, "fulfillment.tracking_invalid", warn=1, crit=4).level is Level.CRIT


def test_tracking_invalid_all_valid(store: Store) -> None:
    with store.writing() as s:
        _shipped(s, H)
    outcome = run_one(store, "fulfillment.tracking_invalid")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every parcel shipped in the last 3d has a valid tracking number",
    )


# shipping confirmations


def test_notification_missing_after_the_grace_period(store: Store) -> None:
    with store.writing() as s:
        _shipped(s, 2 * H, notification_sent_at=None)
        _shipped(s, H, notification_sent_at=None)  # exactly an hour: still in grace
        _shipped(s, 30 * M, notification_sent_at=None)
        _shipped(s, 14 * D, notification_sent_at=None)  # exactly 14 days: in the window
        _shipped(s, 14 * D + S, notification_sent_at=None)
        _shipped(s, 3 * H)
    outcome = run_one(store, "fulfillment.notification_missing")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 shipped parcels without a shipping confirmation, oldest 14d: send them with the"
        " tracking link"
    )


def test_notification_missing_none(store: Store) -> None:
    outcome = run_one(store, "fulfillment.notification_missing")
    assert (outcome.value, outcome.summary) == (
        0,
        "every shipped parcel's customer got a shipping confirmation",
    )


# delivery status


def test_stuck_in_transit_too_long_or_without_a_scan(store: Store) -> None:
    with store.writing() as s:
        _shipped(s, 6 * D, last_event_at=NOW - H)  # over 5 days in transit
        _shipped(s, 3 * D, last_event_at=NOW - 48 * H - S)  # silent for over 2 days
        _shipped(s, 3 * D)  # no scan since it shipped 3 days ago
        _shipped(s, 4 * D, status="out_for_delivery", last_event_at=NOW - 48 * H)
        _shipped(s, 5 * D, last_event_at=NOW)  # exactly 5 days: not yet
        _shipped(s, 10 * D, status="delivered", last_event_at=NOW - 7 * D)
    outcome = run_one(store, "fulfillment.stuck_in_transit")
    assert (outcome.level, outcome.value) == (Level.WARN, 3)
    assert outcome.summary == (
        "3 parcels in transit over 5 days or without a scan for 2d, oldest shipped 6d ago, $150:"
        " open a trace with the carrier"
    )
    assert outcome.money_at_stake == Decimal("150.00")


def test_stuck_in_transit_none(store: Store) -> None:
    outcome = run_one(store, "fulfillment.stuck_in_transit")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every parcel in transit is moving",
    )


# exceptions


def test_exceptions_open_with_their_reasons(store: Store) -> None:
    with store.writing() as s:
        _shipped(s, 4 * D, status="exception", exception="Damaged in transit")
        _shipped(s, 2 * D, status="exception", exception="Address not found")
        _shipped(s, 2 * D, status="exception")
        _shipped(s, 9 * D, status="exception", exception="Delayed", delivered_at=NOW - D)
        _shipped(s, D)
    outcome = run_one(store, "fulfillment.exceptions")
    assert (outcome.level, outcome.value) == (Level.WARN, 3)
    assert outcome.summary == (
        "3 shipping exceptions open (1 Address not found, 1 Damaged in transit, 1 no reason"
        " given), $150: open a carrier claim and update each customer"
    )
    assert outcome.details[0]["exception"] == "Damaged in transit"  # oldest first


def test_exceptions_none(store: Store) -> None:
    outcome = run_one(store, "fulfillment.exceptions")
    assert (outcome.value, outcome.summary) == (0, "no open shipping exceptions")


# carrier invoices


def test_invoice_mismatch_above_the_tolerance(store: Store) -> None:
    ten = Decimal("10.00")
    with store.writing() as s:
        _shipped(s, 10 * D, label_cost=ten, invoiced_cost=Decimal("11.00"))  # exactly 10%
        _shipped(s, 10 * D, label_cost=ten, invoiced_cost=Decimal("11.01"))
        _shipped(s, 30 * D, label_cost=Decimal("20.00"), invoiced_cost=Decimal("30.00"))
        _shipped(s, 30 * D + S, label_cost=ten, invoiced_cost=Decimal("50.00"))  # too old
        _shipped(s, 10 * D, label_cost=ten, invoiced_cost=Decimal("9.00"))
        _shipped(s, D, label_cost=ten)  # not invoiced yet
    outcome = run_one(store, "fulfillment.invoice_mismatch")
    assert (outcome.level, outcome.value) == (Level.WARN, 2)
    assert outcome.summary == (
        "2 parcels invoiced over 10% above the label cost, $11.01 overcharged: dispute them with"
        " the carrier"
    )
    assert outcome.money_at_stake == Decimal("11.01")
    assert [row["overcharge"] for row in outcome.details] == [10.0, 1.01]
    strict = run_one(store, "fulfillment.invoice_mismatch", params={"tolerance_pct": 0})
    assert strict.value == 3


def test_invoice_mismatch_nothing_invoiced_or_all_within(store: Store) -> None:
    outcome = run_one(store, "fulfillment.invoice_mismatch")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no carrier invoice costs recorded for the last 30d",
    )
    with store.writing() as s:
        _shipped(s, 3 * D, label_cost=Decimal("10.00"), invoiced_cost=Decimal("10.50"))
    outcome = run_one(store, "fulfillment.invoice_mismatch")
    assert (outcome.value, outcome.summary) == (
        0,
        "carrier invoices within 10% of label costs for the last 30d",
    )
