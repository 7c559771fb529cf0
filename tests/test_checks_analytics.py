"""Analytics checks on hand-built data, boundaries included.

NOW is Thursday 2026-11-26 14:30 UTC: yesterday is Wednesday Nov 25, the same weekday over
the 4 weeks before is Nov 18, 11, 4 and Oct 28; the 28 days before yesterday are Oct 28..Nov 24.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session

from checks_support import run_one
from factories import make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import (
    Campaign,
    CampaignDay,
    Customer,
    Order,
    OrderLine,
    Product,
    TrafficDay,
    Variant,
)

S = timedelta(seconds=1)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def nov(day: int) -> date:
    return date(2026, 11, day)


def sale(s: Session, when: datetime, total: str, **fields: object) -> Order:
    return make(s, Order, created_at=when, total=Decimal(total), **fields)


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text)


# analytics.revenue_vs_baseline ---------------------------------------------------------------


def test_revenue_below_the_usual_wednesday(store: Store) -> None:
    with store.writing() as s:
        sale(s, at(11, 25, 0), "1000.00")  # local midnight: yesterday
        sale(s, at(11, 25, 23) + 59 * 60 * S, "20.00")
        sale(s, at(11, 26, 0), "500.00")  # today
        sale(s, at(11, 24, 23) + 59 * 60 * S, "500.00")  # Tuesday
        sale(s, at(11, 25), "900.00", cancelled_at=at(11, 25, 13))
        for day, total in (((11, 18), "1650"), ((11, 11), "1500"), ((11, 4), "1800")):
            sale(s, at(*day), total)
        sale(s, at(10, 28), "1650")
        sale(s, at(10, 21), "9999")  # five weeks back: not in the usual
    outcome = run_one(store, "analytics.revenue_vs_baseline")
    assert (outcome.value, outcome.level) == (38.2, Level.WARN)
    assert outcome.summary == "Yesterday $1,020, 38% below the usual Wednesday ($1,650)"
    assert outcome.money_at_stake == Decimal("630.00")
    assert outcome.details[0] == {"day": "2026-11-25", "orders": 2, "revenue": 1020.0}
    assert [row["day"] for row in outcome.details[1:]] == [
        "2026-11-18",
        "2026-11-11",
        "2026-11-04",
        "2026-10-28",
    ]


def test_revenue_thresholds_are_inclusive(store: Store) -> None:
    with store.writing() as s:
        sale(s, at(11, 25), "50.00")
        sale(s, at(11, 18), "100.00")
    outcome = run_one(store, "analytics.revenue_vs_baseline")
    assert (outcome.value, outcome.level) == (50.0, Level.CRIT)
    assert run_one(store, "analytics.revenue_vs_baseline", crit=50.1).level is Level.WARN


def test_young_store_is_compared_with_the_weeks_it_has(store: Store) -> None:
    with store.writing() as s:
        sale(s, at(11, 18), "1000.00")  # the first order ever
        sale(s, at(11, 25), "1200.00")
    outcome = run_one(store, "analytics.revenue_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "Yesterday $1,200, 20% above the usual Wednesday ($1,000)",
    )


def test_revenue_without_a_usual_to_compare_with(store: Store) -> None:
    outcome = run_one(store, "analytics.revenue_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "Yesterday $0; no earlier Wednesdays to compare with yet",
    )
    with store.writing() as s:
        sale(s, at(10, 27), "10.00")  # history starts on a Tuesday; no Wednesday sales since
        sale(s, at(11, 25), "50.00")
    outcome = run_one(store, "analytics.revenue_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "Yesterday $50; no sales on the previous 4 Wednesdays to compare with",
    )


# analytics.traffic_vs_baseline ---------------------------------------------------------------


def visits(s: Session, day: date, channel: str = "all", sessions: int = 0, **funnel: int) -> None:
    make(s, TrafficDay, day=day, channel=channel, sessions=sessions, **funnel)


def test_traffic_below_the_usual_names_the_channel(store: Store) -> None:
    with store.writing() as s:
        visits(s, nov(25), sessions=820)
        visits(s, nov(25), "paid_social", 120)
        visits(s, nov(25), "email", 700)
        visits(s, nov(18), sessions=1400)
        visits(s, nov(18), "paid_social", 540)
        visits(s, nov(18), "email", 860)
        visits(s, nov(11), sessions=1380)
        visits(s, date(2026, 10, 28), sessions=1390)  # Nov 4 has no data: left out
        visits(s, date(2026, 10, 21), sessions=99999)  # five weeks back
    outcome = run_one(store, "analytics.traffic_vs_baseline")
    assert (outcome.value, outcome.level) == (41.0, Level.WARN)
    assert outcome.summary == (
        "Yesterday 820 sessions, 41% below the usual Wednesday (1,390);"
        " biggest drop paid_social (120 vs 540)"
    )
    assert [(row["channel"], row["change_pct"]) for row in outcome.details] == [
        ("paid_social", -77.8),
        ("email", -18.6),
    ]


def test_traffic_sums_channels_without_a_total_row_and_reports_spikes(store: Store) -> None:
    with store.writing() as s:
        visits(s, nov(25), "email", 300)
        visits(s, nov(25), "social", 200)
        visits(s, nov(18), sessions=1000)
    outcome = run_one(store, "analytics.traffic_vs_baseline")
    assert (outcome.value, outcome.level) == (50.0, Level.WARN)
    with store.writing() as s:
        visits(s, nov(25), sessions=2000)  # a total row wins over the channel rows
    outcome = run_one(store, "analytics.traffic_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "Yesterday 2,000 sessions, 100% above the usual Wednesday (1,000)",
    )


def test_traffic_without_data(store: Store) -> None:
    outcome = run_one(store, "analytics.traffic_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "no traffic data for yesterday yet: import it with storeops import csv traffic",
    )
    with store.writing() as s:
        visits(s, nov(25), sessions=820)
    outcome = run_one(store, "analytics.traffic_vs_baseline")
    assert outcome.summary == (
        "Yesterday 820 sessions; no earlier Wednesdays with traffic data to compare with"
    )


# analytics.conversion_vs_baseline ------------------------------------------------------------


def test_conversion_names_the_weakest_step(store: Store) -> None:
    with store.writing() as s:
        visits(s, nov(25), sessions=1000, add_to_carts=100, checkouts=42, orders=14)
        visits(s, nov(24), sessions=500, add_to_carts=50, checkouts=30, orders=10)
        visits(s, date(2026, 10, 28), sessions=500, add_to_carts=50, checkouts=31, orders=10)
        visits(s, date(2026, 10, 27), sessions=10, add_to_carts=10, checkouts=10, orders=10)
    outcome = run_one(store, "analytics.conversion_vs_baseline")
    assert (outcome.value, outcome.level) == (31.1, Level.WARN)
    assert outcome.summary == (
        "Weakest step yesterday: cart to checkout at 42% vs the usual 61% (31% below);"
        " conversion 1.4% (usual 2.0%)"
    )
    assert outcome.details == [
        {"step": "visit to cart", "rate_pct": 10.0, "usual_pct": 10.0, "below_pct": 0.0},
        {"step": "cart to checkout", "rate_pct": 42.0, "usual_pct": 61.0, "below_pct": 31.1},
        {"step": "checkout to order", "rate_pct": 33.3, "usual_pct": 32.8, "below_pct": 0.0},
    ]


def test_conversion_needs_enough_sessions(store: Store) -> None:
    with store.writing() as s:
        visits(s, nov(25), sessions=99, add_to_carts=10, checkouts=5, orders=2)
        visits(s, nov(24), sessions=1000, add_to_carts=100, checkouts=50, orders=20)
    outcome = run_one(store, "analytics.conversion_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "only 99 sessions yesterday: too few to judge the funnel",
    )
    judged = run_one(store, "analytics.conversion_vs_baseline", params={"min_sessions": 99})
    assert judged.summary == (
        "Every funnel step at or above the usual yesterday; conversion 2.0% (usual 2.0%)"
    )
    assert (judged.value, judged.level) == (0, Level.OK)


def test_conversion_without_data(store: Store) -> None:
    outcome = run_one(store, "analytics.conversion_vs_baseline")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "no traffic data for yesterday yet: import it with storeops import csv traffic",
    )
    with store.writing() as s:
        visits(s, nov(25), sessions=1000, add_to_carts=100, checkouts=50, orders=20)
    outcome = run_one(store, "analytics.conversion_vs_baseline")
    assert outcome.summary == (
        "Yesterday's conversion 2.0%; no traffic data in the 28 days before to compare with"
    )


# analytics.movers ----------------------------------------------------------------------------


def sell(s: Session, variant: Variant, units: int, when: datetime, **order: object) -> None:
    placed = make(s, Order, created_at=when, **order)
    make(s, OrderLine, order_id=placed.id, variant_id=variant.id, quantity=units)


def product(s: Session, title: str) -> Variant:
    made = make(s, Product, title=title)
    return make(s, Variant, product_id=made.id)


def test_movers_best_sellers_risers_and_collapses(store: Store) -> None:
    # Last 7 days: Nov 19..25; last 14: Nov 12..25; the 14 before: Oct 29..Nov 11.
    with store.writing() as s:
        socks, beanie, scarf = product(s, "Wool Socks"), product(s, "Beanie"), product(s, "Scarf")
        mittens, gloves = product(s, "Mittens"), product(s, "Gloves")
        sell(s, socks, 30, at(11, 20))
        sell(s, socks, 20, at(11, 1))
        sell(s, socks, 1000, at(11, 21), cancelled_at=at(11, 21, 13))
        sell(s, beanie, 60, at(11, 24))
        sell(s, beanie, 10, at(11, 5))
        sell(s, scarf, 12, at(11, 15))
        sell(s, scarf, 60, at(11, 10))
        sell(s, mittens, 10, at(11, 25))
        sell(s, mittens, 20, at(10, 29, 0))  # first instant of the earlier window
        sell(s, mittens, 100, at(10, 28, 23))  # before it
        sell(s, gloves, 9, at(11, 3))  # too few units to judge
        sell(s, gloves, 5, at(11, 26))  # today
    outcome = run_one(store, "analytics.movers")
    assert (outcome.value, outcome.level) == (1, Level.WARN)
    assert outcome.summary == (
        "Top seller last 7 days: Beanie (60 units); biggest rise: Beanie (+50 units);"
        " 1 product down by more than 50%, worst Scarf (60 to 12 units in 14 days)"
    )
    assert [(row["kind"], row["product"]) for row in outcome.details] == [
        ("best seller", "Beanie"),
        ("best seller", "Wool Socks"),
        ("best seller", "Mittens"),
        ("rising", "Beanie"),
        ("falling", "Scarf"),
    ]
    assert outcome.details[-1]["change_pct"] == -80.0
    steeper = run_one(store, "analytics.movers", params={"fall_pct": 40})
    assert steeper.value == 2  # Mittens halved: 20 to 10
    weekly = run_one(store, "analytics.movers", params={"window": "7d"})  # Nov 19..25 vs 12..18
    assert (weekly.value, weekly.level) == (0, Level.OK)
    assert weekly.summary == (
        "Top seller last 7 days: Beanie (60 units); biggest rise: Beanie (+60 units);"
        " no product down by more than 50%"
    )


def test_movers_without_sales(store: Store) -> None:
    outcome = run_one(store, "analytics.movers")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "no sales in the last 7 days to rank",
    )


# analytics.cac_ltv ---------------------------------------------------------------------------


def spend(s: Session, day: date, amount: str) -> None:
    made = make(s, Campaign, channel="paid_search")
    make(s, CampaignDay, campaign_id=made.id, day=day, spend=Decimal(amount))


def test_cac_ltv_ratio(store: Store) -> None:
    # The last 90 days are Aug 28..Nov 25; a new customer is a record created in them who
    # has placed a counted order.
    with store.writing() as s:
        spend(s, nov(25), "1000")
        spend(s, date(2026, 8, 28), "500")
        spend(s, date(2026, 8, 27), "9999")

        def customer(created: datetime) -> int:
            made = make(s, Customer, created_at=created)
            assert made.id is not None
            return made.id

        new, repeat = customer(at(9, 1)), customer(at(11, 25))
        old, cancelled = customer(at(8, 1)), customer(at(11, 1))
        edge, late = customer(at(8, 28, 0)), customer(at(11, 26, 0))
        sale(s, at(9, 1), "600", customer_id=new)
        sale(s, at(11, 25), "300", customer_id=repeat)
        sale(s, at(11, 25, 13), "300", customer_id=repeat)
        sale(s, at(8, 1), "1000", customer_id=old)
        sale(s, at(11, 1), "200", customer_id=old)
        sale(s, at(11, 1), "700", customer_id=cancelled, cancelled_at=at(11, 2))
        sale(s, at(8, 28, 0), "600", customer_id=edge)
        sale(s, at(11, 26, 1), "600", customer_id=late)  # today: not in the window
        sale(s, at(11, 1), "999")  # a guest order: no customer to count
    outcome = run_one(store, "analytics.cac_ltv")
    # LTV: $3,600 of counted orders over the 6 customers who ordered (the one whose only order
    # was cancelled included); CAC: $1,500 over new, repeat and edge.
    assert (outcome.value, outcome.level) == (1.2, Level.WARN)
    assert outcome.summary == (
        "LTV $600 is 1.2x the CAC of $500"
        " ($1,500 spent for 3 new customers in the last 90 days): aim for 3x"
    )
    assert outcome.details == [
        {
            "marketing_spend": 1500.0,
            "new_customers": 3,
            "cac": 500.0,
            "customers": 6,
            "ltv": 600.0,
            "ltv_to_cac": 1.2,
        }
    ]
    assert run_one(store, "analytics.cac_ltv", warn=1.1).level is Level.OK
    assert run_one(store, "analytics.cac_ltv", crit=1.2).level is Level.CRIT


def test_cac_ltv_without_spend_or_new_customers(store: Store) -> None:
    outcome = run_one(store, "analytics.cac_ltv")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "no marketing spend in the last 90 days: no acquisition cost to weigh",
    )
    with store.writing() as s:
        spend(s, nov(25), "1500")
    outcome = run_one(store, "analytics.cac_ltv")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.CRIT,
        "$1,500 spent on marketing in the last 90 days and no new customer",
    )
    assert outcome.money_at_stake == Decimal("1500.00")


# analytics.campaign_summary ------------------------------------------------------------------


def channel_day(s: Session, channel: str, day: date, spent: str, revenue: str) -> None:
    made = make(s, Campaign, channel=channel)
    make(
        s,
        CampaignDay,
        campaign_id=made.id,
        day=day,
        spend=Decimal(spent),
        revenue=Decimal(revenue),
        orders=2,
    )


def test_campaign_summary_flags_channels_losing_money(store: Store) -> None:
    with store.writing() as s:
        channel_day(s, "paid_social", nov(19), "200", "100")
        channel_day(s, "email", nov(25), "50", "500")
        channel_day(s, "social", nov(25), "0", "80")
        channel_day(s, "affiliate", nov(22), "100", "100")  # breaks even: not losing
        channel_day(s, "paid_search", nov(18), "900", "0")  # before the last 7 days
    outcome = run_one(store, "analytics.campaign_summary")
    assert (outcome.value, outcome.level) == (1, Level.WARN)
    assert outcome.summary == (
        "$350 on ads brought $780 in the last 7 days (2.2x); 1 channel losing money:"
        " paid_social 0.50x"
    )
    assert outcome.money_at_stake == Decimal("200.00")
    assert [(row["channel"], row["roas"], row["cost_per_order"]) for row in outcome.details] == [
        ("paid_social", 0.5, 100.0),
        ("affiliate", 1.0, 50.0),
        ("email", 10.0, 25.0),
        ("social", None, 0.0),
    ]


def test_campaign_summary_without_spend(store: Store) -> None:
    outcome = run_one(store, "analytics.campaign_summary")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "no ad spend in the last 7 days",
    )


# analytics.kpi_targets -----------------------------------------------------------------------

KPIS = """\
kpis:
  daily_revenue: 200
  conversion_rate_pct: 2.0
  average_order_value: 40
  repeat_customer_pct: 20
"""


def test_kpi_targets_lists_the_kpis_below_target(store: Store, isolated_env: Path) -> None:
    write_config(isolated_env, KPIS)
    with store.writing() as s:
        loyal = make(s, Customer)
        sale(s, at(11, 1), "50", customer_id=loyal.id)
        sale(s, at(11, 19, 0), "50", customer_id=loyal.id)
        for _ in range(3):
            sale(s, at(11, 25), "50", customer_id=make(s, Customer).id)
        sale(s, at(11, 26), "5000")  # today: not in the last 7 days
        visits(s, nov(25), sessions=400, orders=4)
    outcome = run_one(store, "analytics.kpi_targets")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 of 4 KPIs below target over the last 7 days: daily revenue $28.57 vs $200,"
        " conversion 1.0% vs 2.0%"
    )
    assert {row["kpi"]: row["actual"] for row in outcome.details} == {
        "daily_revenue": 28.57,
        "conversion_rate_pct": 1.0,
        "average_order_value": 50.0,
        "repeat_customer_pct": 25.0,
    }


def test_kpi_targets_on_target_and_unmeasured(store: Store, isolated_env: Path) -> None:
    write_config(isolated_env, "kpis:\n  average_order_value: 50\n  conversion_rate_pct: 2\n")
    with store.writing() as s:
        sale(s, at(11, 25), "50")
    outcome = run_one(store, "analytics.kpi_targets")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "1 KPI on target over the last 7 days (conversion: no data)",
    )
    write_config(isolated_env, "kpis:\n  conversion_rate_pct: 2\n")
    outcome = run_one(store, "analytics.kpi_targets")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "no data over the last 7 days to measure conversion",
    )


def test_kpi_near_miss_shows_enough_decimals(store: Store, isolated_env: Path) -> None:
    write_config(isolated_env, "kpis:\n  conversion_rate_pct: 2\n")
    with store.writing() as s:
        visits(s, nov(25), sessions=10000, orders=199)
    outcome = run_one(store, "analytics.kpi_targets")
    assert outcome.summary == (
        "1 of 1 KPI below target over the last 7 days: conversion 1.99% vs 2.0%"
    )


def test_kpi_targets_not_configured(store: Store) -> None:
    outcome = run_one(store, "analytics.kpi_targets")
    assert (outcome.value, outcome.level, outcome.summary) == (
        None,
        Level.OK,
        "no KPI targets set: add them under kpis: in config.yaml",
    )
