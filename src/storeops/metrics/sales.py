"""Orders and revenue: which orders count, what revenue is, what is open.

- A counted order is one not cancelled and not voided: it is a sale.
- Revenue is the sum of counted orders' totals by the time they were placed (gross, before
  refunds); net revenue subtracts refunds processed in the same period.
- An open order is a counted, paid-or-authorised order not yet (fully) fulfilled or on hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, select

from storeops.tables import Order, Refund

if TYPE_CHECKING:
    from storeops.db import Executor

PAID_OR_AUTHORIZED = ("paid", "partially_paid", "authorized", "partially_refunded")
OPEN_FULFILLMENT = ("unfulfilled", "partial")


def counted() -> ColumnElement[bool]:
    """Orders that are sales: not cancelled, not voided."""
    return and_(Order.cancelled_at.is_(None), Order.financial_status != "voided")


def open_for_fulfillment() -> ColumnElement[bool]:
    """Counted orders that are paid or authorised and still wait for (part of) fulfilment."""
    return and_(
        counted(),
        Order.financial_status.in_(PAID_OR_AUTHORIZED),
        Order.fulfillment_status.in_(OPEN_FULFILLMENT),
    )


def placed_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Orders placed in [start, end)."""
    return and_(Order.created_at >= start, Order.created_at < end)


def order_totals(session: Executor, start: datetime, end: datetime) -> tuple[int, Decimal]:
    """(number of counted orders, revenue) placed in [start, end)."""
    row = session.execute(
        select(func.count(), func.coalesce(func.sum(Order.total), 0)).where(
            counted(), placed_between(start, end)
        )
    ).one()
    return int(row[0]), Decimal(str(row[1])).quantize(Decimal("0.01"))


def order_totals_between(
    session: Executor, bounds: Sequence[datetime]
) -> list[tuple[int, Decimal]]:
    """`order_totals` of each interval [bounds[i], bounds[i+1]) of `bounds` (increasing).

    One query for every day of a report's chart instead of one per day: the orders are
    walked once by date and each falls in the interval its CASE picks.
    """
    if len(bounds) < 2:
        return []
    created = Order.created_at
    interval = case(
        *((created < high, index) for index, high in enumerate(bounds[1:-1])),
        else_=len(bounds) - 2,
    )
    rows = session.execute(
        select(interval, func.count(), func.coalesce(func.sum(Order.total), 0))
        .where(counted(), placed_between(bounds[0], bounds[-1]))
        .group_by(interval)
    ).all()
    found = {int(index): (int(count), total) for index, count, total in rows}
    totals = []
    for index in range(len(bounds) - 1):
        count, total = found.get(index, (0, 0))
        totals.append((count, Decimal(str(total)).quantize(Decimal("0.01"))))
    return totals


def revenue(session: Executor, start: datetime, end: datetime) -> Decimal:
    """Gross revenue of counted orders placed in [start, end)."""
    return order_totals(session, start, end)[1]


def refunds_total(session: Executor, start: datetime, end: datetime) -> Decimal:
    """Money refunded (processed refunds) in [start, end)."""
    total = session.execute(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(
            Refund.status == "processed",
            Refund.created_at >= start,
            Refund.created_at < end,
        )
    ).scalar_one()
    return Decimal(str(total)).quantize(Decimal("0.01"))


def net_revenue(session: Executor, start: datetime, end: datetime) -> Decimal:
    """Revenue less refunds processed in the same period (may be negative)."""
    return revenue(session, start, end) - refunds_total(session, start, end)


def orders_by_status(session: Executor, start: datetime, end: datetime) -> dict[str, int]:
    """Orders placed in [start, end) per status: cancelled, voided, else the fulfilment status.

    Cancelled and voided orders are listed (they are not sales) so the statuses add up to
    every order placed.
    """
    status = case(
        (Order.cancelled_at.is_not(None), "cancelled"),
        (Order.financial_status == "voided", "voided"),
        else_=Order.fulfillment_status,
    )
    rows = session.execute(
        select(status, func.count()).where(placed_between(start, end)).group_by(status)
    ).all()
    return {str(name): int(count) for name, count in sorted(rows, key=lambda r: (-r[1], r[0]))}


def order_rows(orders: list[Any], now: datetime, currency: str = "USD") -> list[dict[str, Any]]:
    """Detail rows for orders: number, placed, age in hours, total, statuses."""
    return [
        {
            "order": order.number,
            "placed": order.created_at.isoformat(),
            "age_hours": round((now - order.created_at).total_seconds() / 3600, 1),
            "total": float(order.total),
            "financial_status": order.financial_status,
            "fulfillment_status": order.fulfillment_status,
        }
        for order in orders
    ]
