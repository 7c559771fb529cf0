"""Orders and revenue in plain SQL: twins of `storeops.metrics.sales` (see `metrics.plain`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from storeops.metrics.plain import as_datetime, at, cents

if TYPE_CHECKING:
    from storeops.readers import Reader

# `metrics.sales.counted()`: orders that are sales, not cancelled and not voided.
COUNTED = "orders.cancelled_at IS NULL AND orders.financial_status != 'voided'"
PLACED = "orders.created_at >= :start AND orders.created_at < :end"


def order_totals(reader: Reader, start: datetime, end: datetime) -> tuple[int, Decimal]:
    """`metrics.sales.order_totals`: (counted orders, revenue) placed in [start, end)."""
    sql = (
        f"SELECT count(*), coalesce(sum(orders.total), 0) FROM orders WHERE {COUNTED} AND {PLACED}"
    )
    count, total = reader.rows(sql, {"start": at(start), "end": at(end)})[0]
    return int(count), cents(total)


def revenue(reader: Reader, start: datetime, end: datetime) -> Decimal:
    """`metrics.sales.revenue`: gross revenue of counted orders placed in [start, end)."""
    return order_totals(reader, start, end)[1]


def order_totals_between(reader: Reader, bounds: Sequence[datetime]) -> list[tuple[int, Decimal]]:
    """`metrics.sales.order_totals_between`: `order_totals` of each [bounds[i], bounds[i+1]).

    The interval of an order is found by bisecting the bounds in SQL (five comparisons for
    a month's days, not up to thirty), which picks the same interval as the original's
    first-match CASE since the bounds increase.
    """
    if len(bounds) < 2:
        return []

    def interval(low: int, high: int) -> str:
        if low == high:
            return str(low)
        middle = (low + high) // 2
        return (
            f"CASE WHEN orders.created_at < :b{middle} THEN {interval(low, middle)} "
            f"ELSE {interval(middle + 1, high)} END"
        )

    # :bN is the end of interval N.
    params = {f"b{index}": at(high) for index, high in enumerate(bounds[1:-1])}
    params.update(start=at(bounds[0]), end=at(bounds[-1]))
    which = interval(0, len(bounds) - 2)
    sql = (
        f"SELECT {which}, count(*), coalesce(sum(orders.total), 0) FROM orders "
        f"WHERE {COUNTED} AND {PLACED} GROUP BY {which}"
    )
    found = {int(index): (int(count), total) for index, count, total in reader.rows(sql, params)}
    totals = []
    for index in range(len(bounds) - 1):
        count, total = found.get(index, (0, 0))
        totals.append((count, cents(total)))
    return totals


def refunds_total(reader: Reader, start: datetime, end: datetime) -> Decimal:
    """`metrics.sales.refunds_total`: money refunded (processed refunds) in [start, end)."""
    sql = (
        "SELECT coalesce(sum(refunds.amount), 0) FROM refunds WHERE refunds.status = 'processed' "
        "AND refunds.created_at >= :start AND refunds.created_at < :end"
    )
    return cents(reader.rows(sql, {"start": at(start), "end": at(end)})[0][0])


def orders_by_status(reader: Reader, start: datetime, end: datetime) -> dict[str, int]:
    """`metrics.sales.orders_by_status`: orders placed in [start, end) per status."""
    status = (
        "CASE WHEN (orders.cancelled_at IS NOT NULL) THEN 'cancelled' "
        "WHEN (orders.financial_status = 'voided') THEN 'voided' "
        "ELSE orders.fulfillment_status END"
    )
    sql = f"SELECT {status}, count(*) FROM orders WHERE {PLACED} GROUP BY {status}"
    rows = reader.rows(sql, {"start": at(start), "end": at(end)})
    return {str(name): int(count) for name, count in sorted(rows, key=lambda r: (-r[1], r[0]))}


def first_order_at(reader: Reader) -> datetime | None:
    """`metrics.traffic.first_order_at`: when the store's first order was placed (any status)."""
    first = reader.rows("SELECT min(orders.created_at) FROM orders")[0][0]
    return None if first is None else as_datetime(first)
