"""Financial planning checks (margins, cash flow, invoices, budget) on hand-built data.

NOW is Thursday 2026-11-26 14:30 UTC and the store is on UTC, so "today" is 2026-11-26, the
current month November 2026 and the last 30 complete days 2026-10-27..2026-11-25.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from checks_support import run_one
from factories import make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import (
    Budget,
    Campaign,
    CampaignDay,
    Expense,
    Order,
    Payment,
    Payout,
    Product,
    Refund,
    Variant,
    VendorInvoice,
)


def _config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text)


def _money(value: str) -> Decimal:
    return Decimal(value)


# -- finance.thin_margins ----------------------------------------------------------------------


def _variant(s: Session, sku: str, price: str, cost: str | None, **fields: Any) -> None:
    status = fields.pop("product_status", "active")
    product = make(s, Product, title=f"Product {sku}", status=status)
    make(
        s,
        Variant,
        product_id=product.id,
        sku=sku,
        price=_money(price),
        cost=None if cost is None else _money(cost),
        **fields,
    )


def test_thin_margins_crit_when_selling_below_cost(store: Store) -> None:
    with store.writing() as s:
        _variant(s, "ON-TARGET", "20.00", "14.00")  # exactly 30%: fine
        _variant(s, "THIN", "20.00", "14.10")  # 29.5%
        _variant(s, "LOSS", "10.00", "12.00")  # -20%
        _variant(s, "NO-COST", "10.00", None)
        _variant(s, "FREE", "0.00", "5.00")  # no price: product_content's business
        _variant(s, "HIDDEN", "10.00", "9.00", available=False)
        _variant(s, "DRAFT", "10.00", "9.00", product_status="draft")
    outcome = run_one(store, "finance.thin_margins")
    assert outcome.value == 2
    assert outcome.level is Level.CRIT
    assert outcome.summary == (
        "2 SKUs under the 30% target margin, 1 below cost (lowest LOSS at -20%):"
        " reprice or drop them"
    )
    assert outcome.details == [
        {
            "sku": "LOSS",
            "product": "Product LOSS",
            "price": 10.0,
            "cost": 12.0,
            "margin_pct": -20.0,
        },
        {"sku": "THIN", "product": "Product THIN", "price": 20.0, "cost": 14.1, "margin_pct": 29.5},
    ]


def test_thin_margins_warn_without_loss_and_configurable_target(
    store: Store, isolated_env: Path
) -> None:
    with store.writing() as s:
        _variant(s, "THIN", "20.00", "14.10")
        _variant(s, "FINE", "20.00", "10.00")  # 50%
    outcome = run_one(store, "finance.thin_margins")
    assert (outcome.value, outcome.level) == (1, Level.WARN)
    assert outcome.summary == (
        "1 SKU under the 30% target margin (lowest THIN at 29.5%): reprice or drop it"
    )
    _config(isolated_env, "rules:\n  target_margin_pct: 50\n")
    assert run_one(store, "finance.thin_margins").value == 1  # 50% is on target
    _config(isolated_env, "rules:\n  target_margin_pct: 25\n")
    calm = run_one(store, "finance.thin_margins")
    assert (calm.value, calm.level, calm.summary) == (
        0,
        Level.OK,
        "every costed SKU meets the 25% target margin",
    )


def test_thin_margins_empty_and_uncosted(store: Store) -> None:
    empty = run_one(store, "finance.thin_margins")
    assert (empty.level, empty.value) == (Level.OK, 0)
    with store.writing() as s:
        _variant(s, "NO-COST", "10.00", None)
    assert run_one(store, "finance.thin_margins").summary == (
        "every costed SKU meets the 30% target margin (1 SKU without a cost)"
    )


# -- finance.cash_flow -------------------------------------------------------------------------


def _at(day: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, 12, 0, tzinfo=UTC)


def _cash_flow_store(s: Session) -> None:
    sale = make(s, Order, created_at=_at(10), total=_money("3000.00"))
    make(
        s, Payment, order_id=sale.id, created_at=_at(10), amount=_money("3000.00"), fee=_money("90")
    )
    make(s, Order, created_at=_at(26, 10), total=_money("5000.00"))  # before the 30 days
    make(s, Refund, order_id=sale.id, created_at=_at(12), amount=_money("200.00"))
    make(s, Expense, incurred_on=date(2026, 11, 15), amount=_money("600.00"))
    make(s, Expense, incurred_on=date(2026, 10, 26), amount=_money("1000.00"))  # too old
    make(s, Expense, incurred_on=date(2026, 11, 26), amount=_money("50.00"))  # today: not yet
    make(s, VendorInvoice, due_on=date(2026, 11, 20), amount=_money("400.00"))  # overdue
    make(
        s,
        VendorInvoice,
        due_on=date(2026, 12, 25),  # the horizon's last day
        amount=_money("1000.00"),
        paid_amount=_money("200.00"),
    )
    make(s, VendorInvoice, due_on=date(2026, 12, 26), amount=_money("5000.00"))  # beyond
    make(s, VendorInvoice, due_on=date(2026, 11, 20), amount=_money("700"), status="paid")


def test_cash_flow_projects_the_next_30_days(store: Store) -> None:
    with store.writing() as s:
        _cash_flow_store(s)
    outcome = run_one(store, "finance.cash_flow")
    # in: 3000 revenue - 200 refunds - 90 fees; out: 400 + 800 invoices + 600 expenses
    assert outcome.value == 910.0
    assert outcome.level is Level.OK
    assert outcome.summary == (
        "next 30d: about $2,710 in, $1,800 out ($1,200 invoices due, $600 expenses at the recent"
        " pace): $910 to spare"
    )
    assert outcome.money_at_stake is None
    assert [row["amount"] for row in outcome.details] == [2710.0, -1200.0, -600.0, 910.0]


def test_cash_flow_counts_payouts_when_the_store_records_them(store: Store) -> None:
    with store.writing() as s:
        _cash_flow_store(s)
        make(s, Payout, arrival_on=date(2026, 10, 27), amount=_money("1000.00"))  # first day
        make(
            s, Payout, arrival_on=date(2026, 11, 25), amount=_money("1500.00"), status="in_transit"
        )
        make(s, Payout, arrival_on=date(2026, 11, 20), amount=_money("900.00"), status="failed")
        make(s, Payout, arrival_on=date(2026, 10, 26), amount=_money("900.00"))  # too old
        make(s, Payout, arrival_on=date(2026, 11, 26), amount=_money("900.00"))  # today
    outcome = run_one(store, "finance.cash_flow")
    assert outcome.value == 700.0  # 2500 paid out - 1800 out
    assert outcome.details[0] == {"flow": "payouts at the recent pace", "amount": 2500.0}


def test_cash_flow_warns_at_zero_and_below(store: Store) -> None:
    with store.writing() as s:
        _cash_flow_store(s)
        make(s, VendorInvoice, due_on=date(2026, 12, 1), amount=_money("910.00"))
    even = run_one(store, "finance.cash_flow")
    assert (even.value, even.level) == (0.0, Level.WARN)  # inclusive: nothing to spare
    with store.writing() as s:
        make(s, VendorInvoice, due_on=date(2026, 12, 1), amount=_money("90.00"))
    short = run_one(store, "finance.cash_flow")
    assert (short.value, short.level) == (-90.0, Level.WARN)
    assert short.summary == (
        "next 30d: about $2,710 in, $2,800 out ($2,200 invoices due, $600 expenses at the recent"
        " pace): short by $90, plan how to cover it"
    )
    assert short.money_at_stake == Decimal("90.00")
    assert run_one(store, "finance.cash_flow", crit=-50).level is Level.CRIT


def test_cash_flow_scales_the_lookback_to_the_horizon(store: Store) -> None:
    with store.writing() as s:
        make(s, Expense, incurred_on=date(2026, 11, 20), amount=_money("100.00"))
    outcome = run_one(store, "finance.cash_flow", params={"horizon": "60d", "lookback": "10d"})
    assert outcome.value == -600.0


def test_cash_flow_without_data(store: Store) -> None:
    outcome = run_one(store, "finance.cash_flow")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no sales, expenses or invoices in the last 30d to project cash flow from:"
        " import orders and record expenses",
    )


# -- finance.invoices_due ----------------------------------------------------------------------


def _invoice(s: Session, due: date, amount: str, **fields: Any) -> None:
    make(s, VendorInvoice, due_on=due, amount=_money(amount), **fields)


def test_invoices_overdue_and_due_soon(store: Store) -> None:
    with store.writing() as s:
        _invoice(s, date(2026, 11, 25), "300.00", vendor="Boxes Inc", number="B-7")
        _invoice(s, date(2026, 11, 1), "200.00", paid_amount=_money("50.00"))
        _invoice(s, date(2026, 11, 26), "100.00")  # due today: not overdue yet
        _invoice(s, date(2026, 12, 3), "250.00")  # the 7th day ahead: due soon
        _invoice(s, date(2026, 12, 4), "999.00")  # beyond
        _invoice(s, date(2026, 11, 2), "999.00", status="paid")
        _invoice(s, date(2026, 11, 2), "999.00", status="void")
    outcome = run_one(store, "finance.invoices_due")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 vendor invoices overdue, $450; 2 invoices due within 7d ($350):"
        " pay the overdue ones first"
    )
    assert outcome.money_at_stake == Decimal("450.00")
    assert [(row["days_overdue"], row["owed"]) for row in outcome.details] == [
        (25, 150.0),
        (1, 300.0),
        (0, 100.0),
        (-7, 250.0),
    ]
    assert outcome.details[1]["vendor"] == "Boxes Inc"
    assert run_one(store, "finance.invoices_due", params={"within": "8d"}).summary.startswith(
        "2 vendor invoices overdue, $450; 3 invoices due within 8d ($1,349)"
    )


def test_invoices_only_due_soon_is_ok(store: Store) -> None:
    with store.writing() as s:
        _invoice(s, date(2026, 11, 30), "100.00")
    outcome = run_one(store, "finance.invoices_due")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "no overdue vendor invoices; 1 invoice due within 7d ($100): schedule payment",
    )


def test_invoices_empty(store: Store) -> None:
    outcome = run_one(store, "finance.invoices_due")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "no vendor invoice overdue or due within 7d",
    )


# -- finance.budget_vs_actual ------------------------------------------------------------------


def _budget_store(s: Session) -> None:
    november, october = date(2026, 11, 1), date(2026, 10, 1)
    make(s, Budget, month=november, category="advertising", amount=_money("2000.00"))
    make(s, Budget, month=november, category="software", amount=_money("500.00"))
    make(s, Budget, month=november, category="packaging", amount=_money("300.00"))
    make(s, Budget, month=october, category="software", amount=_money("100.00"))
    make(s, Expense, incurred_on=date(2026, 11, 3), category="Software", amount=_money("550"))
    make(s, Expense, incurred_on=date(2026, 11, 30), category="packaging", amount=_money("100"))
    make(s, Expense, incurred_on=date(2026, 10, 31), category="software", amount=_money("1000"))
    campaign = make(s, Campaign)
    make(s, CampaignDay, campaign_id=campaign.id, day=date(2026, 11, 10), spend=_money("1500"))
    make(s, CampaignDay, campaign_id=campaign.id, day=date(2026, 10, 31), spend=_money("900"))


def test_budget_over_in_the_current_month(store: Store) -> None:
    with store.writing() as s:
        _budget_store(s)
    outcome = run_one(store, "finance.budget_vs_actual")
    assert (outcome.value, outcome.level) == (1, Level.WARN)
    assert outcome.summary == (
        "1 of 3 budget categories over for November 2026: software 110% ($550 of $500);"
        " move money or cut spend"
    )
    assert outcome.money_at_stake == Decimal("50.00")
    assert [(r["category"], r["actual"], r["source"]) for r in outcome.details] == [
        ("software", 550.0, "expenses"),
        ("advertising", 1500.0, "campaigns"),  # no ad expenses yet: campaign spend stands in
        ("packaging", 100.0, "expenses"),
    ]


def test_budget_advertising_expenses_replace_campaign_spend(store: Store) -> None:
    with store.writing() as s:
        _budget_store(s)
        make(
            s, Expense, incurred_on=date(2026, 11, 5), category="advertising", amount=_money("2000")
        )
    outcome = run_one(store, "finance.budget_vs_actual")
    assert outcome.value == 1  # exactly on budget is not over
    ads = next(row for row in outcome.details if row["category"] == "advertising")
    assert (ads["actual"], ads["used_pct"], ads["source"]) == (2000.0, 100.0, "expenses")
    with store.writing() as s:
        make(s, Expense, incurred_on=date(2026, 11, 6), category="advertising", amount=_money("1"))
    assert run_one(store, "finance.budget_vs_actual").value == 2


def test_budget_last_month_and_bad_month(store: Store) -> None:
    with store.writing() as s:
        _budget_store(s)
    last = run_one(store, "finance.budget_vs_actual", params={"month": "last"})
    assert last.summary == (
        "1 of 1 budget category over for October 2026: software 1000% ($1,000 of $100);"
        " move money or cut spend"
    )
    assert run_one(store, "finance.budget_vs_actual", params={"month": "nope"}).level is (
        Level.UNKNOWN
    )


def test_budget_within_and_missing(store: Store) -> None:
    missing = run_one(store, "finance.budget_vs_actual")
    assert (missing.level, missing.value, missing.summary) == (
        Level.OK,
        None,
        "no budget for November 2026: add the month's budgets per category to judge spend",
    )
    with store.writing() as s:
        make(s, Budget, month=date(2026, 11, 1), category="advertising", amount=_money("2000"))
        make(s, Budget, month=date(2026, 11, 1), category="software", amount=_money("500"))
        make(s, Expense, incurred_on=date(2026, 11, 3), category="software", amount=_money("100"))
        campaign = make(s, Campaign)
        make(s, CampaignDay, campaign_id=campaign.id, day=date(2026, 11, 2), spend=_money("1600"))
    outcome = run_one(store, "finance.budget_vs_actual")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "all 2 budget categories within budget for November 2026 (highest advertising at 80%)",
    )
