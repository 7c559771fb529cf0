"""The financial statements on hand-built data: every P&L line, a month with refunds larger
than its sales, and the cash that moved.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from factories import make
from reports_support import figure, report, section, table
from storeops.db import Store
from storeops.models import (
    Campaign,
    CampaignDay,
    Expense,
    Order,
    OrderLine,
    Payment,
    Payout,
    Refund,
    Shipment,
    VendorInvoice,
)

OCT = datetime(2026, 10, 1, tzinfo=UTC)
D = timedelta(days=1)


def _statement(store: Store) -> dict[str, Decimal]:
    rows = table(report(store, "finance", "2026-10"), "pnl", "profit_and_loss").rows
    return {str(line): amount for line, amount, _ in rows}  # type: ignore[misc]


def test_every_line_of_the_profit_and_loss(store: Store) -> None:
    with store.writing() as s:
        order = make(s, Order, created_at=OCT + D, total=Decimal("200.00"))
        make(s, OrderLine, order_id=order.id, quantity=3, unit_cost=Decimal("20.00"))
        make(s, OrderLine, order_id=order.id, quantity=1, unit_cost=None)
        make(
            s,
            Payment,
            order_id=order.id,
            created_at=OCT + D,
            amount=Decimal("200.00"),
            fee=Decimal("6.10"),
        )
        make(s, Refund, order_id=order.id, created_at=OCT + 2 * D, amount=Decimal("15.00"))
        make(
            s,
            Shipment,
            order_id=order.id,
            status="delivered",
            shipped_at=OCT + D,
            label_cost=Decimal("8.00"),
            invoiced_cost=Decimal("9.50"),
        )
        campaign = make(s, Campaign, starts_on=date(2026, 10, 1))
        make(s, CampaignDay, campaign_id=campaign.id, day=date(2026, 10, 2), spend=Decimal("25.00"))
        make(s, Expense, incurred_on=date(2026, 10, 9), category="rent", amount=Decimal("50.00"))
        make(s, Expense, incurred_on=date(2026, 11, 1), category="rent", amount=Decimal("50.00"))
    assert _statement(store) == {
        "Revenue": Decimal("200.00"),
        "Refunds": Decimal("-15.00"),
        "Net sales": Decimal("185.00"),
        "Cost of goods sold": Decimal("-60.00"),
        "Gross profit": Decimal("125.00"),
        "Processor fees": Decimal("-6.10"),
        "Shipping": Decimal("-9.50"),
        "Ad spend": Decimal("-25.00"),
        "Expenses: rent": Decimal("-50.00"),
        "Net profit": Decimal("34.40"),
    }
    built = report(store, "finance", "2026-10")
    assert figure(built, "pnl", "Net margin").value == 18.6
    assert section(built, "pnl").notes == [
        "1 order lines sold without a recorded cost: COGS is understated by their cost."
    ]


def test_advertising_and_shipping_bills_replace_campaign_and_label_costs(store: Store) -> None:
    with store.writing() as s:
        order = make(s, Order, created_at=OCT + D, total=Decimal("100.00"))
        make(
            s,
            Shipment,
            order_id=order.id,
            status="delivered",
            shipped_at=OCT + D,
            label_cost=Decimal("8.00"),
        )
        campaign = make(s, Campaign, starts_on=date(2026, 10, 1))
        make(s, CampaignDay, campaign_id=campaign.id, day=date(2026, 10, 2), spend=Decimal("25.00"))
        make(
            s,
            Expense,
            incurred_on=date(2026, 10, 3),
            category="Advertising",
            amount=Decimal("30.00"),
        )
        make(
            s, Expense, incurred_on=date(2026, 10, 3), category="shipping", amount=Decimal("11.00")
        )
    lines = _statement(store)
    assert lines["Ad spend"] == Decimal("-30.00")
    assert lines["Shipping"] == Decimal("-11.00")
    assert not any(line.startswith("Expenses:") for line in lines)


def test_a_month_with_refunds_larger_than_its_sales(store: Store) -> None:
    with store.writing() as s:
        old = make(s, Order, created_at=datetime(2026, 9, 20, tzinfo=UTC), total=Decimal("500.00"))
        make(s, Refund, order_id=old.id, created_at=OCT + 4 * D, amount=Decimal("500.00"))
        make(s, Order, created_at=OCT + 5 * D, total=Decimal("120.00"))
    built = report(store, "finance", "2026-10")
    assert figure(built, "pnl", "Net sales").value == Decimal("-380.00")
    assert figure(built, "pnl", "Net margin").value is None
    assert (
        "Refunds exceeded sales this period: net sales are negative." in section(built, "pnl").notes
    )
    monthly = report(store, "monthly", "2026-10")
    assert figure(monthly, "sales", "Net revenue").value == Decimal("-380.00")


def test_cash_flow_counts_what_moved_in_the_month(store: Store) -> None:
    with store.writing() as s:
        make(s, Payout, arrival_on=date(2026, 10, 10), amount=Decimal("900.00"))
        make(s, Payout, arrival_on=date(2026, 10, 11), amount=Decimal("70.00"), status="failed")
        make(
            s,
            VendorInvoice,
            issued_on=date(2026, 9, 1),
            due_on=date(2026, 10, 1),
            amount=Decimal("300.00"),
            paid_on=date(2026, 10, 2),
            paid_amount=Decimal("290.00"),
            status="paid",
        )
        make(
            s,
            VendorInvoice,
            issued_on=date(2026, 10, 1),
            due_on=date(2026, 11, 1),
            amount=Decimal("400.00"),
        )
        make(s, Expense, incurred_on=date(2026, 10, 9), amount=Decimal("10.01"))
    rows = table(report(store, "finance", "2026-10"), "cash_flow", "cash_flow").rows
    assert [(line, amount) for line, amount, _ in rows] == [
        ("Payouts received", Decimal("900.00")),
        ("Vendor invoices paid", Decimal("-290.00")),
        ("Expenses", Decimal("-10.01")),
        ("Net cash flow", Decimal("599.99")),
    ]
