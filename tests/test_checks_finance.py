"""Financial management checks on hand-built data, boundaries included.

NOW is Thursday 2026-11-26 14:30 UTC and the store is on UTC, so "today" is 2026-11-26.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import (
    Chargeback,
    Expense,
    Order,
    Payment,
    Payout,
)

H = timedelta(hours=1)
D = timedelta(days=1)
M = timedelta(minutes=1)
TODAY = date(2026, 11, 26)


def _config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text)


def _paid(s: Session, total: str, *payments: tuple[str, str], **fields: Any) -> Order:
    """A paid order of `total` with (kind, amount) successful payments."""
    order = make(s, Order, total=Decimal(total), **fields)
    for kind, amount in payments:
        make(
            s,
            Payment,
            order_id=order.id,
            kind=kind,
            amount=Decimal(amount),
            created_at=order.created_at,
        )
    return order


# -- finance.payments_vs_orders ----------------------------------------------------------------


def test_payments_vs_orders_finds_missing_short_and_double_payments(store: Store) -> None:
    with store.writing() as s:
        _paid(s, "50.00", ("sale", "50.00"))  # matched
        _paid(s, "80.00", number="#NONE")  # paid, no payment at all
        _paid(s, "100.00", ("sale", "100.00"), ("capture", "100.00"), number="#TWICE")
        short = _paid(
            s,
            "60.00",
            ("authorization", "60.00"),
            ("capture", "59.98"),
            number="#SHORT",
            financial_status="partially_refunded",
        )
        make(s, Payment, order_id=short.id, kind="refund", amount=Decimal("20.00"))
        _paid(s, "40.00", ("sale", "39.99"))  # a cent apart: rounding, not a mismatch
        failed = _paid(s, "30.00", ("sale", "30.00"))
        make(s, Payment, order_id=failed.id, status="failure", amount=Decimal("30.00"))
        _paid(s, "70.00", financial_status="pending")  # not claiming to be paid
        _paid(s, "70.00", cancelled_at=NOW)  # not a sale
        _paid(s, "50.00", number="#EDGE", created_at=NOW - 14 * D + M)  # just inside 14d
        _paid(s, "50.00", created_at=NOW - 14 * D - M)  # just outside
        early = make(s, Order, total=Decimal("25.00"), created_at=NOW - 14 * D + H)
        # The payment is stamped before the window opens: it still counts for its order.
        make(s, Payment, order_id=early.id, amount=Decimal("25.00"), created_at=NOW - 15 * D)
    outcome = run_one(store, "finance.payments_vs_orders")
    assert outcome.value == 4
    assert outcome.level is Level.WARN
    assert outcome.summary == (
        "4 paid orders of the last 14d not matched by payments (2 with no payment,"
        " 1 charged more than the total, 1 short), $230.02 apart: check them against the"
        " processor"
    )
    assert outcome.money_at_stake == Decimal("230.02")
    assert [(row["order"], row["problem"], row["difference"]) for row in outcome.details] == [
        ("#TWICE", "overcharged", 100.0),
        ("#NONE", "no payment", -80.0),
        ("#EDGE", "no payment", -50.0),
        ("#SHORT", "short", -0.02),
    ]
    wider = run_one(store, "finance.payments_vs_orders", params={"window": "30d"})
    assert wider.value == 5


def test_payments_vs_orders_one_short_capture(store: Store) -> None:
    with store.writing() as s:
        _paid(s, "100.00", ("sale", "90.00"), created_at=NOW - 8 * D)
    outcome = run_one(store, "finance.payments_vs_orders")
    assert (outcome.value, outcome.level) == (1, Level.WARN)
    assert outcome.summary == (
        "1 paid order of the last 14d not matched by payments (1 short), $10 apart:"
        " check it against the processor"
    )
    assert run_one(store, "finance.payments_vs_orders", params={"window": "7d"}).value == 0


def test_payments_vs_orders_thresholds_and_empty_store(store: Store) -> None:
    empty = run_one(store, "finance.payments_vs_orders")
    assert (empty.level, empty.value, empty.summary) == (
        Level.OK,
        0,
        "every paid order of the last 14d matches its payments",
    )
    with store.writing() as s:
        for _ in range(3):
            _paid(s, "10.00")
    assert run_one(store, "finance.payments_vs_orders", warn=4).level is Level.OK
    assert run_one(store, "finance.payments_vs_orders", warn=3).level is Level.WARN
    assert run_one(store, "finance.payments_vs_orders", warn=1, crit=3).level is Level.CRIT


# -- finance.chargebacks_due -------------------------------------------------------------------


def _chargeback(s: Session, respond_by: Any, amount: str = "100.00", **fields: Any) -> None:
    order = make(s, Order)
    make(s, Chargeback, order_id=order.id, respond_by=respond_by, amount=Decimal(amount), **fields)


def test_chargebacks_near_or_past_deadline_are_crit(store: Store) -> None:
    with store.writing() as s:
        _chargeback(s, NOW - H, "40.00", reason="fraudulent")
        _chargeback(s, NOW + 2 * D, "60.00")
        _chargeback(s, NOW + 5 * D, "100.00")
        _chargeback(s, NOW + D, "30.00", status="under_review", responded_at=NOW - D)
        _chargeback(s, NOW + D, "25.00", responded_at=NOW - H)  # answered, still "open"
        _chargeback(s, NOW - D, "99.00", status="lost")
    outcome = run_one(store, "finance.chargebacks_due")
    assert outcome.value == 3
    assert outcome.level is Level.CRIT
    assert outcome.summary == (
        "3 chargebacks to answer, $200: 1 past the deadline, 1 due within 3d; send evidence now"
    )
    assert outcome.money_at_stake == Decimal("200.00")
    assert [row["hours_left"] for row in outcome.details] == [-1.0, 48.0, 120.0, 24.0, 24.0]
    assert [row["responded"] for row in outcome.details][-2:] == [True, True]


def test_chargeback_urgent_boundary(store: Store) -> None:
    with store.writing() as s:
        _chargeback(s, NOW + 3 * D + M)
    outcome = run_one(store, "finance.chargebacks_due")
    assert (outcome.level, outcome.value) == (Level.WARN, 1)
    assert outcome.summary == "1 chargeback to answer, $100, next response due in 3d"
    with store.writing() as s:
        _chargeback(s, NOW + 3 * D, "50.00")
    outcome = run_one(store, "finance.chargebacks_due")
    assert (outcome.level, outcome.value) == (Level.CRIT, 2)
    assert outcome.summary == "2 chargebacks to answer, $150: 1 due within 3d; send evidence now"
    relaxed = run_one(store, "finance.chargebacks_due", params={"urgent": "2d"})
    assert relaxed.level is Level.WARN


def test_chargebacks_none_or_all_answered(store: Store) -> None:
    empty = run_one(store, "finance.chargebacks_due")
    assert (empty.level, empty.value, empty.summary) == (Level.OK, 0, "no open chargebacks")
    with store.writing() as s:
        _chargeback(s, NOW + H, status="under_review", responded_at=NOW - D)
        _chargeback(s, None)  # no deadline known: waiting, not urgent
    outcome = run_one(store, "finance.chargebacks_due")
    assert (outcome.level, outcome.value) == (Level.WARN, 1)
    assert outcome.summary == "1 chargeback to answer, $100"
    assert outcome.details[0]["respond_by"] is None


def test_chargebacks_under_review_only(store: Store) -> None:
    with store.writing() as s:
        _chargeback(s, NOW + H, status="under_review", responded_at=NOW - D)
    outcome = run_one(store, "finance.chargebacks_due")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "1 chargeback under review, evidence sent: nothing to do",
    )


# -- finance.fee_rate --------------------------------------------------------------------------


def _fee(s: Session, processor: str, amount: str, fee: str, **fields: Any) -> None:
    order = make(s, Order)
    fields.setdefault("created_at", NOW - D)
    make(
        s,
        Payment,
        order_id=order.id,
        processor=processor,
        amount=Decimal(amount),
        fee=Decimal(fee),
        **fields,
    )


def test_fee_rate_warns_on_the_worst_processor(store: Store) -> None:
    with store.writing() as s:
        _fee(s, "stripe", "100.00", "3.20")
        _fee(s, "stripe", "100.00", "3.20", kind="capture")
        _fee(s, "stripe", "100.00", "9.00", kind="authorization")  # not captured
        _fee(s, "stripe", "100.00", "9.00", kind="refund")
        _fee(s, "stripe", "100.00", "9.00", status="failure")
        _fee(s, "paypal", "200.00", "8.00")
        _fee(s, "paypal", "100.00", "1.00", created_at=NOW - 30 * D)  # the window's first instant
        _fee(s, "paypal", "100.00", "9.00", created_at=NOW - 30 * D - M)  # before it
    outcome = run_one(store, "finance.fee_rate")
    assert outcome.value == 3.2
    assert outcome.level is Level.OK
    assert outcome.summary == (
        "highest effective fee rate 3.20% (stripe, $6.40 on $200) over the last 30d,"
        " within the 3.50% limit"
    )
    assert outcome.details == [
        {"processor": "stripe", "payments": 2, "sales": 200.0, "fees": 6.4, "rate_pct": 3.2},
        {"processor": "paypal", "payments": 2, "sales": 300.0, "fees": 9.0, "rate_pct": 3.0},
    ]
    with store.writing() as s:
        _fee(s, "paypal", "100.00", "9.00")
    outcome = run_one(store, "finance.fee_rate")
    assert outcome.value == 4.5
    assert outcome.level is Level.WARN
    assert outcome.summary == (
        "paypal kept 4.50% in fees over the last 30d ($18 on $400), at or above the 3.50% limit:"
        " find what went up"
    )


def test_fee_rate_limit_is_inclusive_and_configurable(store: Store, isolated_env: Path) -> None:
    with store.writing() as s:
        _fee(s, "stripe", "100.00", "3.49")
    assert run_one(store, "finance.fee_rate").level is Level.OK
    with store.writing() as s:
        _fee(s, "stripe", "100.00", "3.51")  # 7.00 on 200.00: exactly 3.5%
    outcome = run_one(store, "finance.fee_rate")
    assert (outcome.value, outcome.level) == (3.5, Level.WARN)
    _config(isolated_env, "rules:\n  max_fee_rate_pct: 4\n")
    assert run_one(store, "finance.fee_rate").level is Level.OK


def test_fee_rate_without_payments(store: Store) -> None:
    outcome = run_one(store, "finance.fee_rate")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no captured payments in the last 30d to work fees out from",
    )


# -- finance.expenses_unrecorded ---------------------------------------------------------------


def test_expenses_unrecorded(store: Store) -> None:
    with store.writing() as s:
        make(s, Expense, incurred_on=date(2026, 11, 25), amount=Decimal("110.00"), recorded=False)
        make(s, Expense, incurred_on=date(2026, 11, 12), amount=Decimal("200.00"), recorded=False)
        make(s, Expense, incurred_on=date(2026, 11, 1), amount=Decimal("999.00"))
    outcome = run_one(store, "finance.expenses_unrecorded")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 expenses not in the books, oldest 12 Nov (14d ago), $310: enter them with the receipts"
    )
    assert [row["incurred_on"] for row in outcome.details] == ["2026-11-12", "2026-11-25"]
    assert outcome.money_at_stake == Decimal("310.00")


def test_expenses_unrecorded_from_last_year_name_the_year(store: Store) -> None:
    with store.writing() as s:
        make(s, Expense, incurred_on=date(2025, 12, 28), amount=Decimal("5.00"), recorded=False)
    outcome = run_one(store, "finance.expenses_unrecorded")
    assert outcome.summary == (
        "1 expense not in the books, oldest 28 Dec 2025 (333d ago), $5: enter it with the receipts"
    )


def test_expenses_unrecorded_today_and_empty(store: Store) -> None:
    empty = run_one(store, "finance.expenses_unrecorded")
    assert (empty.level, empty.value, empty.summary) == (
        Level.OK,
        0,
        "every expense is recorded in the books",
    )
    with store.writing() as s:
        make(s, Expense, incurred_on=TODAY, amount=Decimal("12.50"), recorded=False)
    outcome = run_one(store, "finance.expenses_unrecorded")
    assert outcome.summary == (
        "1 expense not in the books, oldest today, $12.50: enter it with the receipts"
    )


# -- finance.payouts_unsettled -----------------------------------------------------------------


def test_payouts_failed_or_late(store: Store) -> None:
    with store.writing() as s:
        make(s, Payout, status="failed", arrival_on=date(2026, 11, 20), amount=Decimal("500.00"))
        make(s, Payout, status="failed", arrival_on=date(2026, 10, 27), amount=Decimal("1.00"))
        make(s, Payout, status="failed", arrival_on=date(2026, 10, 26), amount=Decimal("9.00"))
        make(s, Payout, status="in_transit", arrival_on=date(2026, 11, 22), amount=Decimal("300"))
        make(s, Payout, status="in_transit", arrival_on=date(2026, 11, 23), amount=Decimal("7"))
        make(s, Payout, status="pending", arrival_on=date(2026, 11, 27), amount=Decimal("7"))
        make(s, Payout, status="paid", arrival_on=date(2026, 11, 1), amount=Decimal("7"))
    outcome = run_one(store, "finance.payouts_unsettled")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 payouts to chase (2 failed, 1 not arrived 3d after its date), $801:"
        " check them with the processor and bank"
    )
    assert [(row["status"], row["days_late"]) for row in outcome.details] == [
        ("failed", 30),
        ("failed", 6),
        ("in_transit", 4),
    ]
    assert run_one(store, "finance.payouts_unsettled", params={"grace": "2d"}).value == 4


def test_payouts_all_settled(store: Store) -> None:
    with store.writing() as s:
        make(s, Payout, status="paid", arrival_on=date(2026, 11, 20))
    outcome = run_one(store, "finance.payouts_unsettled")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no failed payouts in the last 30d, none overdue",
    )
