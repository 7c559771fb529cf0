"""Each report figure on hand-built data: sales, statuses, products, traffic, marketing,
service, fulfilment, returns, stock, the site and the routine. The store is on UTC and the
test clock reads Thursday 2026-11-26 14:30 UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

from factories import make
from reports_support import figure, report, section, table
from storeops.config import load_settings
from storeops.db import Store
from storeops.metrics import sales
from storeops.models import (
    Campaign,
    CampaignDay,
    ItemResult,
    Order,
    OrderLine,
    Probe,
    Product,
    Refund,
    Return,
    Run,
    Shipment,
    Ticket,
    TrafficDay,
    Variant,
)
from storeops.reports import periods
from storeops.reports.build import build_report
from storeops.reports.model import Report

OCT = datetime(2026, 10, 1, tzinfo=UTC)
SEP = datetime(2026, 9, 1, tzinfo=UTC)
H = timedelta(hours=1)
D = timedelta(days=1)


def test_monthly_sales_against_the_previous_month_and_last_year(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, created_at=OCT + 2 * H, total=Decimal("100.10"))
        make(s, Order, created_at=OCT + 30 * D + 23 * H, total=Decimal("50.05"))
        make(s, Order, created_at=OCT + 31 * D, total=Decimal("999.00"))  # 1 November: out
        make(s, Order, created_at=OCT + D, total=Decimal("70.00"), cancelled_at=OCT + D)
        make(s, Order, created_at=OCT + D, total=Decimal("80.00"), financial_status="voided")
        make(s, Order, created_at=SEP + D, total=Decimal("60.00"))
        make(s, Order, created_at=datetime(2025, 10, 9, tzinfo=UTC), total=Decimal("40.00"))
        order = make(s, Order, created_at=SEP, total=Decimal("30.00"))
        make(s, Refund, order_id=order.id, created_at=OCT + 3 * D, amount=Decimal("30.00"))
        make(
            s,
            Refund,
            order_id=order.id,
            created_at=OCT + 3 * D,
            amount=Decimal("9.99"),
            status="failed",
        )
    built = report(store, "monthly", "2026-10")
    revenue = figure(built, "sales", "Revenue")
    assert (revenue.value, revenue.previous, revenue.last_year) == (
        Decimal("150.15"),
        Decimal("90.00"),
        Decimal("40.00"),
    )
    assert figure(built, "sales", "Orders").value == 2
    assert figure(built, "sales", "Average order").value == Decimal("75.08")
    assert figure(built, "sales", "Refunds").value == Decimal("30.00")
    assert figure(built, "sales", "Net revenue").value == Decimal("120.15")
    chart = section(built, "sales").charts[0]
    assert chart.key == "revenue_per_day" and len(chart.values) == 31
    assert chart.values[0] == 100.10 and chart.values[30] == 50.05 and chart.values[1] == 0
    statuses = table(built, "orders", "orders_by_status").rows
    assert sorted(statuses) == [("cancelled", 1), ("unfulfilled", 2), ("voided", 1)]


def test_an_empty_month_reports_zeros_and_dashes_without_failing(store: Store) -> None:
    built = report(store, "monthly", "2026-10")
    assert figure(built, "sales", "Revenue").value == Decimal("0.00")
    assert figure(built, "sales", "Average order").value is None
    assert figure(built, "sales", "Revenue").last_year is None
    assert "No data a year earlier" in section(built, "sales").notes[0]
    assert table(built, "products", "best_sellers").rows == []
    assert figure(built, "returns", "Return rate").value is None
    assert figure(built, "service", "First response (median)").value is None
    assert figure(built, "fulfillment", "Order to carrier (median)").value is None
    assert section(built, "site").notes == ["No storefront probes recorded for these days."]
    assert section(built, "routine").notes == ["No routine was run on these days."]


def test_a_store_without_traffic_data_says_so(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, created_at=OCT + D)
    traffic = section(report(store, "monthly", "2026-10"), "traffic")
    assert traffic.figures == [] and traffic.charts == []
    assert traffic.notes == ["No traffic data for these days."]


def test_the_funnel_and_conversion_come_from_the_traffic_days(store: Store) -> None:
    with store.writing() as s:
        for n in range(2):
            make(
                s,
                TrafficDay,
                day=date(2026, 10, 5 + n),
                sessions=1000,
                product_views=600,
                add_to_carts=100,
                checkouts=40,
                orders=25,
            )
        make(s, TrafficDay, day=date(2026, 11, 5), sessions=5000)  # another month
    built = report(store, "monthly", "2026-10")
    assert figure(built, "traffic", "Sessions").value == 2000
    assert figure(built, "traffic", "Conversion rate").value == 2.5
    funnel = section(built, "traffic").charts[0]
    assert funnel.values == [2000, 1200, 200, 80, 50]


def test_best_sellers_and_falling_products_compare_units_with_last_month(store: Store) -> None:
    with store.writing() as s:
        steady = make(s, Product, title="Steady Mug")
        falling = make(s, Product, title="Fading Lamp")
        mug = make(s, Variant, product_id=steady.id)
        lamp = make(s, Variant, product_id=falling.id)
        for when, variant, units in (
            (OCT + D, mug, 30),
            (SEP + D, mug, 25),
            (OCT + D, lamp, 4),
            (SEP + D, lamp, 20),
        ):
            order = make(s, Order, created_at=when)
            make(s, OrderLine, order_id=order.id, variant_id=variant.id, quantity=units)
    built = report(store, "monthly", "2026-10")
    assert table(built, "products", "best_sellers").rows == [
        ("Steady Mug", 30, 25),
        ("Fading Lamp", 4, 20),
    ]
    assert table(built, "products", "falling_products").rows == [("Fading Lamp", 4, 20, -80.0)]


def test_marketing_spend_roas_per_channel_and_cac(store: Store) -> None:
    with store.writing() as s:
        social = make(s, Campaign, channel="paid_social", starts_on=date(2026, 10, 1))
        email = make(s, Campaign, channel="email", starts_on=date(2026, 10, 1))
        make(
            s,
            CampaignDay,
            campaign_id=social.id,
            day=date(2026, 10, 3),
            spend=Decimal("200.00"),
            revenue=Decimal("300.00"),
            new_customers=4,
        )
        make(
            s,
            CampaignDay,
            campaign_id=email.id,
            day=date(2026, 10, 3),
            spend=Decimal("50.00"),
            revenue=Decimal("400.00"),
        )
        make(s, CampaignDay, campaign_id=email.id, day=date(2026, 11, 3), spend=Decimal("999.00"))
    built = report(store, "monthly", "2026-10")
    assert figure(built, "marketing", "Ad spend").value == Decimal("250.00")
    assert table(built, "marketing", "by_channel").rows == [
        ("paid_social", Decimal("200.00"), Decimal("300.00"), 1.5, 4, Decimal("50.00")),
        ("email", Decimal("50.00"), Decimal("400.00"), 8.0, 0, None),
    ]
    assert figure(built, "marketing", "CAC").value is None  # no new customers: no CAC


def test_service_medians_and_backlog(store: Store) -> None:
    with store.writing() as s:
        for hours in (2, 4, 9):
            opened = OCT + 2 * D
            make(s, Ticket, opened_at=opened, first_response_at=opened + hours * H, status="open")
        make(s, Ticket, opened_at=OCT + 40 * D, status="open")  # after the month: not backlog
    built = report(store, "monthly", "2026-10")
    assert figure(built, "service", "Tickets opened").value == 3
    assert figure(built, "service", "First response (median)").value == 4.0
    assert figure(built, "service", "Backlog at the end").value == 3


def test_fulfilment_speed_late_parcels_and_exceptions(store: Store) -> None:
    with store.writing() as s:
        for wait, promised, exception in ((4, 10, None), (10, 6, None), (30, None, "damaged")):
            order = make(
                s,
                Order,
                created_at=OCT + D,
                promised_ship_by=OCT + D + promised * H if promised else None,
            )
            make(
                s,
                Shipment,
                order_id=order.id,
                status="in_transit",
                shipped_at=OCT + D + wait * H,
                exception=exception,
            )
    built = report(store, "monthly", "2026-10")
    assert figure(built, "fulfillment", "Parcels shipped").value == 3
    assert figure(built, "fulfillment", "Order to carrier (median)").value == 10.0
    assert figure(built, "fulfillment", "Shipped late").value == 1
    assert figure(built, "fulfillment", "Carrier exceptions").value == 1


def test_return_rate_and_top_reasons(store: Store) -> None:
    with store.writing() as s:
        variant = make(s, Variant, product_id=make(s, Product).id)
        order = make(s, Order, created_at=OCT + D)
        make(s, OrderLine, order_id=order.id, variant_id=variant.id, quantity=20)
        for reason, units in (("size", 2), ("defective", 3), (None, 1)):
            make(
                s,
                Return,
                order_id=order.id,
                variant_id=variant.id,
                quantity=units,
                reason=reason,
                requested_at=OCT + 5 * D,
            )
    built = report(store, "monthly", "2026-10")
    assert figure(built, "returns", "Return rate").value == 30.0
    assert table(built, "returns", "return_reasons").rows == [
        ("defective", 3),
        ("size", 2),
        ("not given", 1),
    ]


def test_stock_value_stock_outs_and_reorder_needs(store: Store) -> None:
    with store.writing() as s:
        product = make(s, Product, title="Lantern", status="active")
        make(s, Variant, product_id=product.id, sku="LAN-1", on_hand=10, cost=Decimal("3.50"))
        make(s, Variant, product_id=product.id, sku="LAN-2", on_hand=0, reorder_point=4)
    built = report(store, "monthly", "2026-10")
    assert figure(built, "inventory", "Stock value").value == Decimal("35.00")
    assert figure(built, "inventory", "Out of stock").value == 1
    assert table(built, "inventory", "reorder_needs").rows == [("LAN-2", "Lantern", 0, 0, 4)]


def test_uptime_and_response_times_from_the_probes(store: Store) -> None:
    with store.writing() as s:
        for n, (verdict, ms) in enumerate(
            [("ok", 100.0), ("ok", 300.0), ("slow", 2000.0), ("timeout", None)]
        ):
            make(s, Probe, checked_at=OCT + n * H, verdict=verdict, total_ms=ms)
    built = report(store, "monthly", "2026-10")
    assert figure(built, "site", "Uptime").value == 75.0
    assert figure(built, "site", "Response (median)").value == 300
    assert figure(built, "site", "Probes").value == 4


def test_routine_completion_per_area_and_open_problems(store: Store) -> None:
    with store.writing() as s:
        run = make(s, Run, kind="morning", local_date=date(2026, 10, 2), started_at=OCT + D + 8 * H)
        for item, area, answer in (
            ("a", "orders", "done"),
            ("b", "orders", "skipped"),
            ("c", "orders", None),
            ("d", "finance", "problem"),
        ):
            make(
                s,
                ItemResult,
                run_id=run.id,
                item_id=item,
                area=area,
                answer=answer,
                recorded_at=OCT + D + 9 * H,
            )
        check = make(s, Run, kind="check", local_date=date(2026, 10, 2), started_at=OCT + D)
        make(
            s,
            ItemResult,
            run_id=check.id,
            item_id="late-parcels",
            area="fulfillment",
            level="CRIT",
            summary="3 late",
            answer="auto",
            recorded_at=OCT + D,
        )
    built = report(store, "monthly", "2026-10")
    assert table(built, "routine", "routine_by_area").rows == [
        ("finance", 1, 0, 0, 1, 0, 100.0),
        ("orders", 3, 1, 1, 0, 1, 66.7),
    ]
    heatmap = section(built, "routine").charts[0]
    assert heatmap.rows == ["finance", "orders"]
    assert heatmap.cells[1][1] == 200 / 3 and heatmap.cells[1][0] is None
    assert table(built, "routine", "open_problems").rows == [
        ("fulfillment", "late-parcels", "CRIT", "3 late"),
        ("finance", "d", "problem", ""),
    ]


def test_the_median_time_to_ship_of_an_even_number_of_parcels(store: Store) -> None:
    with store.writing() as s:
        for wait in (2, 5, 7, 30):
            order = make(s, Order, created_at=OCT + D)
            make(s, Shipment, order_id=order.id, status="delivered", shipped_at=OCT + D + wait * H)
    built = report(store, "monthly", "2026-10")
    assert figure(built, "fulfillment", "Order to carrier (median)").value == 6.0


def test_order_totals_between_matches_one_interval_at_a_time(store: Store) -> None:
    bounds = [OCT + 5 * H, OCT + D + 5 * H, OCT + 2 * D + 5 * H, OCT + 4 * D + 5 * H]
    with store.writing() as s:
        for at, total in [
            (OCT, "1.00"),  # before the first interval
            (OCT + 5 * H, "2.10"),  # on the first bound: in the first interval
            (OCT + D + 5 * H - timedelta(microseconds=1), "3.20"),
            (OCT + D + 5 * H, "4.30"),  # on a bound: in the next interval
            (OCT + 3 * D, "5.40"),  # inside the last, longer interval
            (OCT + 4 * D + 5 * H, "6.50"),  # on the last bound: out
        ]:
            make(s, Order, created_at=at, total=Decimal(total))
        make(s, Order, created_at=OCT + 6 * H, total=Decimal("7.00"), financial_status="voided")
        make(s, Order, created_at=OCT + 6 * H, total=Decimal("8.00"), cancelled_at=OCT + 7 * H)
    with store.reading() as s:
        together = sales.order_totals_between(s, bounds)
        alone = [sales.order_totals(s, low, high) for low, high in pairwise(bounds)]
        assert sales.order_totals_between(s, bounds[:1]) == []
    assert together == alone
    assert together == [(2, Decimal("5.30")), (1, Decimal("4.30")), (1, Decimal("5.40"))]


def test_sections_built_on_several_connections_equal_those_built_on_one(store: Store) -> None:
    """Building sections at once (the default on several cores) changes nothing in them."""
    with store.writing() as s:
        product = make(s, Product, title="Mug")
        variant = make(s, Variant, product_id=product.id)
        for day in range(40):
            order = make(s, Order, created_at=SEP + day * D + H, total=Decimal("12.50"))
            make(s, OrderLine, order_id=order.id, variant_id=variant.id, quantity=1 + day % 3)
        make(s, Ticket, opened_at=OCT + H, first_response_at=OCT + 3 * H, resolved_at=OCT + D)
    days = periods.monthly("2026-10", date(2026, 11, 26))

    def built(kind: str, workers: int) -> Report:
        return build_report(store, load_settings(), kind, days, OCT + 40 * D, workers=workers)

    for kind in ("monthly", "finance"):
        alone, together = built(kind, 1), built(kind, 3)
        assert together == alone
        assert [s.key for s in together.sections] == [s.key for s in alone.sections]
