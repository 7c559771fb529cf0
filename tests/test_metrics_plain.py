"""The plain-SQL figures reports read (`storeops.metrics.plain`) equal the SQLAlchemy ones the
checks read (`storeops.metrics`), on one hand-built store with the awkward cases in it:
cancelled and voided orders, orders on the period's bounds, lines without a SKU or a cost,
rejected returns, days with and without a traffic total, negative stock, failed refunds and
payouts, cent amounts whose float sums are not exact. Periods: a whole UTC month, one that
local midnights cut (so units come from the rollup and the raw lines), and an empty one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from factories import make
from storeops import vocabulary
from storeops.db import Store
from storeops.inventory.rollup import ensure_fresh
from storeops.metrics import (
    demand,
    finance,
    fulfillment,
    inventory,
    marketing,
    periods,
    returns,
    sales,
    service,
    traffic,
    uptime,
)
from storeops.metrics import plain as p
from storeops.metrics.plain import demand as p_demand
from storeops.metrics.plain import finance as p_finance
from storeops.metrics.plain import marketing as p_marketing
from storeops.metrics.plain import operations as p_operations
from storeops.metrics.plain import returns as p_returns
from storeops.metrics.plain import sales as p_sales
from storeops.metrics.plain import traffic as p_traffic
from storeops.models import (
    Campaign,
    CampaignDay,
    Customer,
    Expense,
    Order,
    OrderLine,
    Payment,
    Payout,
    Probe,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    Refund,
    Return,
    Shipment,
    Supplier,
    Ticket,
    TrafficDay,
    Variant,
    VendorInvoice,
)
from storeops.models.fulfillment import SHIPMENT_STATUSES
from storeops.models.returns import RETURN_STATUSES
from storeops.models.service import TICKET_STATUSES
from storeops.readers import SqliteReader, sqlite_file

OCT = datetime(2026, 10, 1, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)
NEW_YORK = ZoneInfo("America/New_York")
PERIODS = {
    "utc month": periods.days(date(2026, 10, 1), date(2026, 10, 31), UTC),
    "new york month": periods.days(date(2026, 10, 1), date(2026, 10, 31), NEW_YORK),
    "new york day": periods.day(date(2026, 10, 10), NEW_YORK),
    "empty": periods.days(date(2020, 1, 1), date(2020, 1, 31), UTC),
}


def _fill(store: Store) -> None:
    with store.writing() as s:
        supplier = make(s, Supplier, name="Acme", lead_time_days=9)
        mug = make(s, Product, title="Mug")
        lamp = make(s, Product, title="Lamp", status="draft")
        cheap = make(s, Variant, product_id=mug.id, on_hand=-2, cost=None, reorder_point=3)
        fine = make(
            s, Variant, product_id=mug.id, on_hand=7, cost=Decimal("1.01"), supplier_id=supplier.id
        )
        make(s, Variant, product_id=lamp.id, on_hand=50, cost=Decimal("3.33"))
        po = make(s, PurchaseOrder, supplier_id=supplier.id, status="open")
        make(
            s,
            PurchaseOrderLine,
            purchase_order_id=po.id,
            variant_id=fine.id,
            quantity_ordered=5,
            quantity_received=2,
        )
        buyer = make(s, Customer, created_at=OCT + 2 * H)
        make(s, Customer, created_at=OCT + 3 * H)  # never ordered: not acquired
        totals = ("0.10", "0.20", "1.01", "33.33", "2.675", "19.99")
        for n in range(62):  # every 13 hours from 1 Sept: across both months and their bounds
            at = OCT - 30 * D + n * 13 * H
            order = make(
                s,
                Order,
                created_at=at,
                total=Decimal(totals[n % len(totals)]).quantize(Decimal("0.01")),
                customer_id=buyer.id if n % 4 == 0 else None,
                cancelled_at=at + H if n % 9 == 0 else None,
                financial_status="voided" if n % 11 == 0 else "paid",
                fulfillment_status=("fulfilled", "unfulfilled", "partial")[n % 3],
                promised_ship_by=at + 20 * H,
            )
            variant = cheap if n % 2 else fine
            make(
                s,
                OrderLine,
                order_id=order.id,
                variant_id=variant.id,
                quantity=1 + n % 4,
                unit_cost=None if n % 5 == 0 else Decimal("1.01"),
            )
            make(s, OrderLine, order_id=order.id, variant_id=None, quantity=2)
            make(
                s,
                Return,
                order_id=order.id,
                variant_id=variant.id,
                quantity=1,
                reason=(None, "too small", "damaged")[n % 3],
                status=RETURN_STATUSES[n % len(RETURN_STATUSES)],
                requested_at=at + 3 * D,
            )
            make(
                s,
                Shipment,
                order_id=order.id,
                status=SHIPMENT_STATUSES[n % len(SHIPMENT_STATUSES)],
                shipped_at=at + (7 + n % 30) * H,
                exception="lost" if n % 7 == 0 else None,
                label_cost=Decimal("4.15"),
                invoiced_cost=Decimal("4.05") if n % 2 else None,
            )
            make(s, Payment, order_id=order.id, created_at=at, amount=Decimal("10.05"),
                 fee=Decimal("0.33"), processor=("stripe", "paypal")[n % 2],
                 status="failed" if n % 6 == 0 else "success")  # fmt: skip
            make(s, Refund, order_id=order.id, created_at=at + 2 * D, amount=Decimal("1.15"),
                 status="failed" if n % 5 == 0 else "processed")  # fmt: skip
            make(
                s,
                Ticket,
                opened_at=at,
                status=TICKET_STATUSES[n % len(TICKET_STATUSES)],
                first_response_at=None if n % 6 == 0 else at + (n % 17) * H,
                resolved_at=at + (n % 40) * H if n % 2 else None,
            )
            make(s, Probe, checked_at=at, verdict=("ok", "slow", "timeout")[n % 3],
                 total_ms=None if n % 8 == 0 else 100.0 + n)  # fmt: skip
        campaign = make(s, Campaign, channel="paid_social")
        other = make(s, Campaign, channel="email")
        for day in range(1, 31, 3):
            on = date(2026, 10, day)
            make(s, CampaignDay, campaign_id=campaign.id, day=on, spend=Decimal("10.01"),
                 revenue=Decimal("30.03"), orders=2, clicks=40)  # fmt: skip
            make(s, CampaignDay, campaign_id=other.id, day=on, spend=Decimal("0.10"))
            make(s, TrafficDay, day=on, channel="organic", sessions=100 + day, orders=3)
            if day % 2:  # some days have the store's total as well
                make(s, TrafficDay, day=on, channel="all", sessions=500, checkouts=9, orders=5)
            make(s, Expense, incurred_on=on, category=("software", "advertising")[day % 2],
                 amount=Decimal("12.34"))  # fmt: skip
            make(s, Payout, arrival_on=on, amount=Decimal("99.99"),
                 status="failed" if day % 4 == 0 else "paid")  # fmt: skip
            make(s, VendorInvoice, paid_on=on, amount=Decimal("40.00"),
                 paid_amount=Decimal("39.50") if day % 2 else None)  # fmt: skip
    ensure_fresh(store)


@pytest.fixture
def filled(store: Store) -> Iterator[tuple[Store, SqliteReader]]:
    """The hand-built store, and a plain sqlite3 Reader on the same file."""
    _fill(store)
    path = sqlite_file(store.url)
    assert path is not None
    connection = sqlite3.connect(path)
    yield store, SqliteReader(connection)
    connection.close()


@pytest.mark.parametrize("name", list(PERIODS))
def test_every_plain_figure_equals_its_sqlalchemy_twin(
    filled: tuple[Store, SqliteReader], name: str
) -> None:
    store, reader = filled
    period = PERIODS[name]
    start, end, first, last = period.start, period.end, period.first_day, period.last_day
    bounds = [start - 31 * D, start, start + 5 * H, end]
    with store.reading() as s:
        pairs = [
            (p_sales.order_totals(reader, start, end), sales.order_totals(s, start, end)),
            (p_sales.order_totals_between(reader, bounds), sales.order_totals_between(s, bounds)),
            (p_sales.refunds_total(reader, start, end), sales.refunds_total(s, start, end)),
            (p_sales.orders_by_status(reader, start, end), sales.orders_by_status(s, start, end)),
            (p_sales.first_order_at(reader), traffic.first_order_at(s)),
            (
                p_demand.units_sold_by_product_between(reader, bounds),
                returns.units_sold_by_product_between(s, bounds),
            ),
            (
                p_demand.units_sold_by_product(reader, start, end, min_units=3),
                returns.units_sold_by_product(s, start, end, min_units=3),
            ),
            (p_returns.return_rate(reader, start, end), returns.return_rate(s, start, end)),
            (p_returns.return_reasons(reader, start, end), returns.return_reasons(s, start, end)),
            (p_traffic.funnel_between(reader, first, last), traffic.funnel_between(s, first, last)),
            (
                p_marketing.channel_results(reader, first, last),
                marketing.channel_results(s, first, last),
            ),
            (
                p_marketing.marketing_spend(reader, first, last),
                marketing.marketing_spend(s, first, last),
            ),
            (p_marketing.new_customers(reader, start, end), marketing.new_customers(s, start, end)),
            (p_marketing.customer_value(reader), marketing.customer_value(s)),
            (
                p_operations.response_medians(reader, start, end),
                service.response_medians(s, start, end),
            ),
            (p_operations.backlog(reader, end), service.backlog(s, end)),
            (
                p_operations.shipping_speed(reader, start, end),
                fulfillment.shipping_speed(s, start, end),
            ),
            (p_operations.stock_summary(reader), inventory.stock_summary(s)),
            (
                p_operations.below_reorder_point(reader, 5),
                [
                    dict(row)
                    for row in s.execute(
                        inventory.below_reorder_point(5).order_by("headroom", "sku")
                    )
                    .mappings()
                    .all()
                ],
            ),
            (p_operations.uptime(reader, start, end), uptime.uptime(s, start, end)),
            (
                p_finance.cost_of_goods_sold(reader, start, end),
                finance.cost_of_goods_sold(s, start, end),
            ),
            (p_finance.fee_rates(reader, start, end), finance.fee_rates(s, start, end)),
            (p_finance.processor_fees(reader, start, end), finance.processor_fees(s, start, end)),
            (p_finance.shipping_costs(reader, start, end), finance.shipping_costs(s, start, end)),
            (
                p_finance.expenses_by_category(reader, first, last),
                finance.expenses_by_category(s, first, last),
            ),
            (p_finance.cash_moves(reader, first, last), finance.cash_moves(s, first, last)),
        ]
    for number, (plain, original) in enumerate(pairs):
        assert plain == original, (number, plain, original)
    if "month" in name:  # the hand-built data reaches the figures, so equal means something
        assert pairs[0][0][0] > 0 and pairs[7][0].returned > 0 and pairs[14][0].resolved > 0
        assert pairs[17][0].out_of_stock == 1 and pairs[21][0]


def test_the_interval_plans_are_one_definition() -> None:
    assert demand._plan is p_demand.plan and demand.NO_END_DAY == p_demand.NO_END_DAY


def test_the_vocabularies_written_into_the_sql_are_the_models() -> None:
    # One tuple each (storeops.vocabulary), whether a model, a metric or its twin reads it.
    assert TICKET_STATUSES is vocabulary.TICKET_STATUSES
    assert SHIPMENT_STATUSES is vocabulary.SHIPMENT_STATUSES
    assert RETURN_STATUSES is vocabulary.RETURN_STATUSES
    assert service.UNRESOLVED is vocabulary.UNRESOLVED
    assert returns.COUNTED_STATUSES is p_returns.COUNTED_STATUSES
    assert inventory.OPEN_PO_STATUSES is vocabulary.OPEN_PO_STATUSES
    assert uptime.UP_VERDICTS is vocabulary.UP_VERDICTS


def test_money_comes_back_as_sqlalchemy_returns_a_numeric_from_sqlite() -> None:
    # 1.015 is 1.01499999... as a float: "%.2f" gives 1.01 (Decimal("1.015") would give 1.02).
    assert p.cents(1.015) == Decimal("1.01")
    assert p.cents(0.1 + 0.2) == Decimal("0.30")
    assert p.cents(7) == Decimal("7.00")
    assert p.cents(None) == Decimal("0.00")
