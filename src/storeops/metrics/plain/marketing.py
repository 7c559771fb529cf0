"""Ad results, acquisition and customer value in plain SQL: twins of `storeops.metrics.marketing`
(see `metrics.plain`). `AdResults`, `CustomerValue`, `roas` and `acquisition_cost` are defined
here and re-exported by `metrics.marketing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops.metrics.plain import at, cents
from storeops.metrics.plain.sales import COUNTED

if TYPE_CHECKING:
    from storeops.readers import Reader


def roas(revenue: Decimal, spend: Decimal) -> float | None:
    """Return on ad spend: attributed revenue per unit of spend; None when nothing was spent."""
    if spend <= 0:
        return None
    return float(revenue / spend)


def acquisition_cost(spend: Decimal, customers: int) -> Decimal | None:
    """CAC: marketing spend per new customer; None when no customer was acquired."""
    if customers <= 0:
        return None
    return (spend / customers).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class AdResults:
    """What ads cost and brought in over some days."""

    spend: Decimal
    revenue: Decimal
    orders: int = 0
    clicks: int = 0
    new_customers: int = 0  # first-time buyers the ad platforms attribute to the ads

    @property
    def roas(self) -> float | None:
        """Attributed revenue / spend (None without spend)."""
        return roas(self.revenue, self.spend)


@dataclass(frozen=True)
class CustomerValue:
    """Revenue of counted orders placed by known customers, and how many customers that is."""

    customers: int
    revenue: Decimal

    @property
    def lifetime_value(self) -> Decimal | None:
        """LTV: average revenue per customer over their history (None without customers)."""
        if self.customers <= 0:
            return None
        return (self.revenue / self.customers).quantize(Decimal("0.01"))


_RESULTS = (
    "coalesce(sum(campaign_days.spend), 0), coalesce(sum(campaign_days.revenue), 0), "
    "coalesce(sum(campaign_days.orders), 0), coalesce(sum(campaign_days.clicks), 0), "
    "coalesce(sum(campaign_days.new_customers), 0)"
)
_ON_DAYS = "campaign_days.day >= :first AND campaign_days.day <= :last"


def _results(spend: Any, revenue: Any, orders: Any, clicks: Any, new: Any) -> AdResults:
    return AdResults(
        cents(spend), cents(revenue), int(orders or 0), int(clicks or 0), int(new or 0)
    )


def marketing_spend(reader: Reader, first: date, last: date) -> Decimal:
    """`metrics.marketing.marketing_spend`: what every campaign cost over the days."""
    row = reader.rows(
        f"SELECT {_RESULTS} FROM campaign_days WHERE {_ON_DAYS}",
        {"first": first.isoformat(), "last": last.isoformat()},
    )[0]
    return _results(*row).spend


def channel_results(reader: Reader, first: date, last: date) -> dict[str, AdResults]:
    """`metrics.marketing.channel_results`: ad results per channel, biggest spender first."""
    sql = (
        f"SELECT campaigns.channel, {_RESULTS} FROM campaign_days "
        f"JOIN campaigns ON campaigns.id = campaign_days.campaign_id WHERE {_ON_DAYS} "
        "GROUP BY campaigns.channel ORDER BY sum(campaign_days.spend) DESC, campaigns.channel"
    )
    rows = reader.rows(sql, {"first": first.isoformat(), "last": last.isoformat()})
    return {channel: _results(*rest) for channel, *rest in rows}


def new_customers(reader: Reader, start: datetime, end: datetime) -> int:
    """`metrics.marketing.new_customers`: records created in [start, end) with a counted order."""
    sql = (
        "SELECT count(*) FROM customers WHERE customers.created_at >= :start "
        "AND customers.created_at < :end AND (EXISTS (SELECT * FROM orders "
        f"WHERE orders.customer_id = customers.id AND {COUNTED}))"
    )
    return int(reader.rows(sql, {"start": at(start), "end": at(end)})[0][0] or 0)


def customer_value(reader: Reader) -> CustomerValue:
    """`metrics.marketing.customer_value`: customers who ordered and their counted revenue."""
    customers = reader.rows(
        "SELECT count(distinct(orders.customer_id)) FROM orders "
        "WHERE orders.customer_id IS NOT NULL"
    )[0][0]
    revenue = reader.rows(
        "SELECT coalesce(sum(orders.total), 0) FROM orders "
        f"WHERE {COUNTED} AND orders.customer_id IS NOT NULL"
    )[0][0]
    return CustomerValue(int(customers or 0), cents(revenue))
