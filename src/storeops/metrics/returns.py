"""Returns: which returns count, what a return is worth, and the return rate.

Definitions (checks, the morning header and reports all use these):

- A return counts unless it was rejected: a rejected request sent nothing back.
- A return's value is its quantity times the unit price the customer paid for that variant on
  that order (the order line's price; line discounts are not spread back). It is unknown
  (NULL, so left out of sums) when the return names no variant or the order has no such line.
- Return rate = units returned / units sold, in percent, over a cohort of orders: units sold
  are the order lines of counted orders (`metrics.sales.counted`) placed in [start, end); units
  returned are the counted returns of those same orders. Both sides filter on
  `orders.created_at`, so every returned unit is also a sold unit and the rate stays within
  0..100%. Orders placed lately have had less time to come back: pick a window that reaches
  well past the return window (reports and checks use 90 days).
- Per product, lines and returns are attributed through their variant; those without a
  variant count in the overall rate only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, func, select

from storeops.db import connection_of
from storeops.metrics import demand, sales
from storeops.metrics.plain.returns import ReturnRate as ReturnRate
from storeops.metrics.plain.returns import rate_pct as rate_pct
from storeops.tables import Order, OrderLine, Product, Return, Variant
from storeops.vocabulary import COUNTED_RETURN_STATUSES, RETURN_STATUSES

if TYPE_CHECKING:
    from sqlalchemy import Select

    from storeops.db import Executor

COUNTED_STATUSES = COUNTED_RETURN_STATUSES


def counted_return() -> ColumnElement[bool]:
    """Returns that count: every status but rejected."""
    return Return.status.in_(COUNTED_STATUSES)


def requested_since(start: datetime) -> ColumnElement[bool]:
    """Returns requested at or after `start`, whatever their status."""
    # Naming every status lets the (status, requested_at) index serve the date range.
    return and_(Return.status.in_(RETURN_STATUSES), Return.requested_at >= start)


def return_value() -> Any:
    """SQL expression: a return's quantity times the unit price paid on its order line."""
    unit_price = (
        select(func.max(OrderLine.price))
        .where(
            OrderLine.order_id == Return.order_id,
            OrderLine.variant_id == Return.variant_id,
        )
        .scalar_subquery()
    )
    return Return.quantity * unit_price


def _cohort(start: datetime, end: datetime) -> ColumnElement[bool]:
    # Both bounds matter: with the range closed, SQLite walks the orders by created_at even
    # without statistics, instead of scanning all order lines in variant order.
    return and_(sales.counted(), sales.placed_between(start, end))


def _returned_since(start: datetime) -> ColumnElement[bool]:
    # A return is requested after its order was placed, so this changes no result; it lets
    # the database start from the few recent returns instead of every order in the cohort.
    return and_(counted_return(), Return.requested_at >= start)


@dataclass(frozen=True)
class ProductReturnRate:
    """A product's units sold and returned in a cohort of orders, and why they came back."""

    product_id: int
    title: str
    sold: int
    returned: int
    top_reason: str | None  # the reason given for most returned units; None if none was

    @property
    def rate_pct(self) -> float:
        """Units returned as a percentage of units sold."""
        return 100 * self.returned / self.sold

    def as_row(self) -> dict[str, Any]:
        """A detail row: product, units sold and returned, rate, top reason."""
        return {
            "product_id": self.product_id,
            "product": self.title,
            "sold": self.sold,
            "returned": self.returned,
            "rate_pct": round(self.rate_pct, 1),
            "top_reason": self.top_reason,
        }


def return_rate(session: Executor, start: datetime, end: datetime) -> ReturnRate:
    """The store's return rate over the counted orders placed in [start, end)."""
    sold = session.scalar(
        select(func.coalesce(func.sum(OrderLine.quantity), 0))
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(_cohort(start, end))
    )
    returned = session.scalar(
        select(func.coalesce(func.sum(Return.quantity), 0))
        .select_from(Return)
        .join(Order, Order.id == Return.order_id)
        .where(_cohort(start, end), _returned_since(start))
    )
    return ReturnRate(int(sold or 0), int(returned or 0))


def units_sold_by_product(
    session: Executor, start: datetime, end: datetime, *, min_units: int = 1
) -> dict[int, int]:
    """Units sold per product id over counted orders placed in [start, end), >= `min_units`."""
    # Per variant from the daily rollup (plus the raw lines of the cut edge days), then per
    # product: one row per variant joins the catalog, not one per order line.
    per_variant = demand.units_sold(start, end, name="per_variant")
    units = func.sum(per_variant.c.units)
    query = (
        select(Variant.product_id, units)
        .join(Variant, Variant.id == per_variant.c.variant_id)
        .group_by(Variant.product_id)
        .having(units >= min_units)
    )
    return {int(product): int(sold) for product, sold in session.execute(query)}


def units_sold_by_product_between(
    session: Executor, bounds: Sequence[datetime]
) -> dict[int, tuple[int, ...]]:
    """Units sold per product id in each interval [bounds[i], bounds[i+1]) of `bounds`.

    As `units_sold_by_product` for each interval, in one pass over the rollup for all of them
    (a report's period and the one before it). Only products with a sale in some interval
    appear. A Core result: plain tuples for tens of thousands of products, no ORM rows.
    """
    per_variant = demand.units_by_interval(bounds, name="per_variant")
    count = len(bounds) - 1
    sums = [func.sum(per_variant.c[f"units_{i}"]) for i in range(count)]
    query = (
        select(Variant.product_id, *sums)
        .join(Variant, Variant.id == per_variant.c.variant_id)
        .group_by(Variant.product_id)
    )
    rows = connection_of(session).execute(query)
    return {int(row[0]): tuple(int(units) for units in row[1:]) for row in rows}


def units_returned_by_product(
    session: Executor, start: datetime, end: datetime, *, min_units: int = 1
) -> dict[int, tuple[str, int, str | None]]:
    """(title, units returned, top reason) per product with >= `min_units` returned, by cohort."""
    units = func.sum(Return.quantity)
    query = (
        select(Variant.product_id, Product.title, Return.reason, units)
        .select_from(Return)
        .join(Order, Order.id == Return.order_id)
        .join(Variant, Variant.id == Return.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .where(_cohort(start, end), _returned_since(start))
        .group_by(Variant.product_id, Product.title, Return.reason)
    )
    titles: dict[int, str] = {}
    reasons: dict[int, Counter[str | None]] = {}
    for product, title, reason, returned in session.execute(query):
        titles[int(product)] = str(title)
        reasons.setdefault(int(product), Counter())[reason or None] += int(returned)
    result = {}
    for product, counter in reasons.items():
        given = sorted(
            ((count, reason) for reason, count in counter.items() if reason is not None),
            key=lambda pair: (-pair[0], pair[1]),
        )
        total = sum(counter.values())
        if total >= min_units:
            result[product] = (titles[product], total, given[0][1] if given else None)
    return result


def product_return_rates(
    session: Executor,
    start: datetime,
    end: datetime,
    *,
    min_sold: int = 1,
    min_rate_pct: float = 0,
) -> list[ProductReturnRate]:
    """Products with returns, >= `min_sold` sold and >= `min_rate_pct`% returned, worst first.

    Over the counted orders placed in [start, end). The returned side is asked first: a product
    needs `min_rate_pct`% of `min_sold` units back to qualify, and when none has that many the
    (much larger) sold side is not asked at all.
    """
    fewest = max(1, math.ceil(min_rate_pct * min_sold / 100 - 1e-9))
    returned = units_returned_by_product(session, start, end, min_units=fewest)
    if not returned:
        return []
    sold = units_sold_by_product(session, start, end, min_units=min_sold)
    rates = [
        ProductReturnRate(product, title, sold[product], units, reason)
        for product, (title, units, reason) in returned.items()
        # In whole numbers, so 3 of 20 is exactly 15%.
        if product in sold and units * 100 >= min_rate_pct * sold[product]
    ]
    return sorted(rates, key=lambda row: (-row.rate_pct, -row.returned, row.title))


def return_rows_query(condition: Any, moment: Any, limit: int = 50) -> Select[Any]:
    """The first `limit` returns matching `condition`, oldest `moment` first, with their
    order number, SKU and `moment`: what `return_rows` formats.

    Outer joins (a return has one order and at most one variant): each matching return is
    one row, so a tally over this query counts returns.
    """
    return (
        select(
            Return.__table__,
            Order.number.label("order_number"),
            Variant.sku.label("variant_sku"),
            moment.label("moment"),
        )
        .outerjoin(Order, Order.id == Return.order_id)
        .outerjoin(Variant, Variant.id == Return.variant_id)
        .where(condition)
        .order_by(moment, Return.id)
        .limit(limit)
    )


def return_rows(rows: Iterable[Any], label: str, now: datetime) -> list[dict[str, Any]]:
    """Detail rows for the rows of `return_rows_query`: RMA, order, SKU, status, and the age.

    The query's `moment` is shown under `label`, with the hours since it; the customer is
    never named.
    """
    return [
        {
            "rma": item.rma_number,
            "order": item.order_number,
            "sku": item.variant_sku,
            "quantity": item.quantity,
            "reason": item.reason,
            "status": item.status,
            "condition": item.condition,
            label: item.moment.isoformat(),
            "age_hours": round((now - item.moment).total_seconds() / 3600, 1),
        }
        for item in rows
    ]


def return_reasons(session: Executor, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """Units returned per reason for the counted orders placed in [start, end), most first.

    The same cohort as `return_rate`, so the reasons add up to its returned units.
    """
    units = func.sum(Return.quantity)
    reason = func.coalesce(Return.reason, "not given")
    rows = session.execute(
        select(reason, units)
        .select_from(Return)
        .join(Order, Order.id == Return.order_id)
        .where(_cohort(start, end), _returned_since(start))
        .group_by(reason)
    ).all()
    return sorted(((str(r), int(n)) for r, n in rows), key=lambda pair: (-pair[1], pair[0]))
