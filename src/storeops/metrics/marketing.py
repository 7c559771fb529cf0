"""Marketing's numbers: return on ad spend, acquisition cost, customer value, repeat buying.

Definitions (checks, the morning header and reports all use these):

- Ad results come from `campaign_days`, one row per campaign and local day, as the ad
  platforms report them (spend, attributed revenue and orders). Windows are whole local days,
  `first`..`last` inclusive.
- ROAS (return on ad spend) = attributed revenue / spend over the same days. 3.0 means $3 of
  sales for every $1 of ads; below 1.0 the ads cost more than the sales they brought. Without
  spend there is no ROAS (None), never zero or infinity. A campaign's target is its own
  `target_roas`, else the store's `rules.target_roas`.
- Paid channels are the ones billed per click or per sale: paid_search, paid_social, affiliate.
- A new customer in a window is a customer record created in that window who has placed at
  least one counted order (see `metrics.sales`): organic buyers count too, and a newsletter
  sign-up counts only once they buy. (A customer's first order would be a finer test, but it
  needs every customer's whole order history, while the record's creation date is one pass
  over customers, and is when Shopify and WooCommerce create one: at a first checkout or
  sign-up.)
- CAC (customer acquisition cost) = marketing spend in a window / new customers in it.
- LTV (lifetime value) = revenue of counted orders placed by known customers / customers who
  have ordered, over the whole history: what a customer has been worth so far, before costs.
- Repeat share = the percentage of a window's orders (with a known customer) placed by
  customers who had ordered before.
- The KPIs of `config.yaml` over a window of local days: daily revenue (revenue / days),
  conversion rate (`metrics.traffic`), average order value (revenue / counted orders) and
  repeat customers (repeat share), one query each.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Float, and_, case, cast, exists, func, select

from storeops.metrics import periods, sales, traffic
from storeops.metrics.plain.marketing import AdResults as AdResults
from storeops.metrics.plain.marketing import CustomerValue as CustomerValue
from storeops.metrics.plain.marketing import acquisition_cost as acquisition_cost
from storeops.metrics.plain.marketing import roas as roas
from storeops.tables import Campaign, CampaignDay, Customer, Order

if TYPE_CHECKING:
    from sqlalchemy import Subquery

    from storeops.db import Executor

PAID_CHANNELS = ("paid_search", "paid_social", "affiliate")


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def on_days(first: date, last: date) -> ColumnElement[bool]:
    """Campaign days `first`..`last` inclusive."""
    return and_(CampaignDay.day >= first, CampaignDay.day <= last)


def _results(row: Any) -> AdResults:
    return AdResults(
        _money(row.spend),
        _money(row.revenue),
        int(row.orders or 0),
        int(row.clicks or 0),
        int(row.new_customers or 0),
    )


def _result_columns() -> list[Any]:
    return [
        func.coalesce(func.sum(CampaignDay.spend), 0).label("spend"),
        func.coalesce(func.sum(CampaignDay.revenue), 0).label("revenue"),
        func.coalesce(func.sum(CampaignDay.orders), 0).label("orders"),
        func.coalesce(func.sum(CampaignDay.clicks), 0).label("clicks"),
        func.coalesce(func.sum(CampaignDay.new_customers), 0).label("new_customers"),
    ]


def ad_results(session: Executor, first: date, last: date) -> AdResults:
    """Spend, attributed revenue, orders and clicks of every campaign over the days."""
    row = session.execute(select(*_result_columns()).where(on_days(first, last))).one()
    return _results(row)


def marketing_spend(session: Executor, first: date, last: date) -> Decimal:
    """What every campaign cost over the days (the numerator of CAC)."""
    return ad_results(session, first, last).spend


def channel_results(session: Executor, first: date, last: date) -> dict[str, AdResults]:
    """Ad results per campaign channel over the days, biggest spender first."""
    query = (
        select(Campaign.channel.label("channel"), *_result_columns())
        .join(Campaign, Campaign.id == CampaignDay.campaign_id)
        .where(on_days(first, last))
        .group_by(Campaign.channel)
        .order_by(func.sum(CampaignDay.spend).desc(), Campaign.channel)
    )
    return {row.channel: _results(row) for row in session.execute(query)}


def campaign_results(first: date, last: date) -> Subquery:
    """Per campaign with any day reported in the window: spend, revenue, orders, days reported.

    A subquery (columns campaign_id, spend, revenue, orders, days, roas) so a check can filter,
    count and rank campaigns in the database; `roas` is NULL without spend.
    """
    spend = func.sum(CampaignDay.spend)
    revenue = func.sum(CampaignDay.revenue)
    ratio = cast(revenue, Float) / func.nullif(cast(spend, Float), 0)
    return (
        select(
            CampaignDay.campaign_id.label("campaign_id"),
            func.coalesce(spend, 0).label("spend"),
            func.coalesce(revenue, 0).label("revenue"),
            func.coalesce(func.sum(CampaignDay.orders), 0).label("orders"),
            func.count().label("days"),
            ratio.label("roas"),
        )
        .where(on_days(first, last))
        .group_by(CampaignDay.campaign_id)
        .subquery("campaign_results")
    )


def target_roas(default: float) -> ColumnElement[float]:
    """A campaign's ROAS target: its own, else the store's `rules.target_roas` (`default`)."""
    return func.coalesce(Campaign.target_roas, default)


def new_customers(session: Executor, start: datetime, end: datetime) -> int:
    """Customers acquired in [start, end): records created then who have placed a counted order."""
    has_ordered = exists().where(
        Order.customer_id == Customer.id,
        Order.cancelled_at.is_(None),
        Order.financial_status != "voided",
    )
    query = select(func.count()).where(
        Customer.created_at >= start, Customer.created_at < end, has_ordered
    )
    return int(session.scalar(query) or 0)


def customer_value(session: Executor) -> CustomerValue:
    """Every customer who has ordered, and what their counted orders came to in total.

    Two queries on purpose: the customers are counted from the customer index alone (a
    customer whose only orders were cancelled still counts, a rounding error), which is far
    cheaper than counting distinct customers while summing every order.
    """
    customers = session.scalar(
        select(func.count(func.distinct(Order.customer_id))).where(Order.customer_id.is_not(None))
    )
    revenue = session.scalar(
        select(func.coalesce(func.sum(Order.total), 0)).where(
            sales.counted(), Order.customer_id.is_not(None)
        )
    )
    return CustomerValue(int(customers or 0), _money(revenue))


def repeat_share(session: Executor, start: datetime, end: datetime) -> float | None:
    """Percentage of orders in [start, end) by customers who had ordered before (None: none)."""
    earlier = Order.__table__.alias("earlier")
    returning = exists().where(
        earlier.c.customer_id == Order.customer_id,
        earlier.c.created_at < Order.created_at,
        earlier.c.cancelled_at.is_(None),
        earlier.c.financial_status != "voided",
    )
    row = session.execute(
        select(func.count(), func.coalesce(func.sum(case((returning, 1), else_=0)), 0)).where(
            sales.counted(), sales.placed_between(start, end), Order.customer_id.is_not(None)
        )
    ).one()
    total, repeat = int(row[0]), int(row[1])
    return 100 * repeat / total if total else None


KPI_NAMES = ("daily_revenue", "conversion_rate_pct", "average_order_value", "repeat_customer_pct")


def kpi_values(
    session: Executor,
    first: date,
    last: date,
    zone: tzinfo,
    wanted: Iterable[str] = KPI_NAMES,
) -> dict[str, float | None]:
    """The KPIs named in `wanted` over the local days `first`..`last` (None: no data)."""
    wanted = set(wanted)
    period = periods.days(first, last, zone)
    values: dict[str, float | None] = {}
    if wanted & {"daily_revenue", "average_order_value"}:
        orders, revenue = sales.order_totals(session, period.start, period.end)
        values["daily_revenue"] = float(revenue) / period.days
        aov = traffic.average_order_value(orders, revenue)
        values["average_order_value"] = float(aov) if aov is not None else None
    if "conversion_rate_pct" in wanted:
        funnel, _ = traffic.funnel_between(session, first, last)
        values["conversion_rate_pct"] = funnel.conversion_rate
    if "repeat_customer_pct" in wanted:
        values["repeat_customer_pct"] = repeat_share(session, period.start, period.end)
    return {name: values.get(name) for name in wanted}
