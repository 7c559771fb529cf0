"""The daily sales rollup: units per SKU per UTC day on counted orders, and when to rebuild it.

Demand figures over a window (average, spread, slow movers, best sellers) read `daily_sales`
instead of grouping millions of order lines by SKU and date on every run.

How it stays correct:
- Whoever writes order lines in bulk (the demo builder, the importers) calls
  `refresh_sales_rollup(session, since=...)` afterwards, `since` being the earliest order time
  they touched (None rebuilds everything). An order cancelled or voided after the fact is
  handled the same way: refresh from that order's creation time.
- Readers call `ensure_fresh(session)` first. It compares a watermark stored at the last
  refresh (highest order-line id, number of cancelled or voided orders) with
  the live figures and rebuilds the whole rollup when they differ, so a writer that forgot to
  refresh costs one rebuild, never a wrong answer. An edit that changes neither (a quantity
  changed in place, a line deleted) needs the writer's refresh.

A day is the UTC calendar day of the order's creation, as a day number (days since
1970-01-01): integer keys keep the table and its primary-key index small and fast to group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Integer, cast, delete, func, insert, select, text

from storeops.db import engine_of
from storeops.inventory import freshness
from storeops.inventory.days import EPOCH, day_from_number, day_number
from storeops.inventory.freshness import Watermark
from storeops.metrics import sales
from storeops.readers import SessionReader
from storeops.tables import DailySales, Order, OrderLine, SalesRollupState

if TYPE_CHECKING:
    from storeops.db import Executor


def _order_day(session: Executor) -> ColumnElement[Any]:
    """SQL for the UTC day number of `orders.created_at`, per database."""
    created = Order.created_at
    if engine_of(session).dialect.name == "sqlite":
        # Timestamps are stored as naive UTC text; julianday 2440587.5 is 1970-01-01 00:00.
        return cast(func.julianday(created) - 2440587.5, Integer)
    return cast(func.floor(func.extract("epoch", created) / 86400), Integer)


def current_watermark(session: Executor) -> Watermark:
    """The live figures to compare with the stored watermark."""
    return freshness.current_watermark(SessionReader(session))


# SQLite's planner walks order_lines through its variant_id index for this GROUP BY: random
# reads of two million rows, 20 s on the large store. Scanning orders first (CROSS JOIN fixes
# the join order in SQLite) reads both tables in storage order: about 5 s.
SQLITE_ROLLUP = """
INSERT INTO daily_sales (variant_id, day, units)
SELECT l.variant_id, CAST(julianday(o.created_at) - 2440587.5 AS INTEGER) AS day,
       SUM(l.quantity)
FROM orders AS o CROSS JOIN order_lines AS l ON l.order_id = o.id
WHERE o.cancelled_at IS NULL AND o.financial_status != 'voided'
  AND +l.variant_id IS NOT NULL AND o.created_at >= :start
GROUP BY l.variant_id, day
"""


def refresh_sales_rollup(session: Executor, since: datetime | None = None) -> None:
    """Rebuild the rollup for orders placed from `since`'s UTC day on (None: everything).

    Call it in the session that wrote the order lines, after the bulk write; the caller
    commits. It also stores the watermark `ensure_fresh` compares against.
    """
    first = EPOCH
    if since is not None:
        first = since.astimezone(UTC).date() if since.tzinfo else since.date()
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    session.execute(delete(DailySales).where(DailySales.day >= day_number(first)))
    if engine_of(session).dialect.name == "sqlite":
        # Stored the way UTCDateTime stores timestamps: naive UTC text.
        stored = start.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        session.execute(text(SQLITE_ROLLUP), {"start": stored})
    else:
        day = _order_day(session)
        rows = (
            select(OrderLine.variant_id, day.label("day"), func.sum(OrderLine.quantity))
            .join(Order, Order.id == OrderLine.order_id)
            .where(
                sales.counted(),
                OrderLine.variant_id.is_not(None),
                Order.created_at >= start,
            )
            .group_by(OrderLine.variant_id, day)
        )
        session.execute(
            insert(DailySales).from_select(
                [DailySales.variant_id, DailySales.day, DailySales.units], rows
            )
        )
    mark = current_watermark(session)
    # The state is one row, written whole: replaced, so a first build needs no special case.
    session.execute(delete(SalesRollupState))
    session.execute(
        insert(SalesRollupState).values(
            id=1, max_line_id=mark.max_line_id, uncounted_orders=mark.uncounted_orders
        )
    )


def is_fresh(session: Executor) -> bool:
    """True when the rollup was built from the order history as it is now (see `freshness`)."""
    return freshness.is_fresh(SessionReader(session))


def ensure_fresh(store: Any) -> bool:
    """Rebuild the rollup of `store` (a `Store`) if it is stale; True when it rebuilt."""
    with store.reading_connection() as session:
        if is_fresh(session):
            return False
    with store.writing_connection() as session:
        if not is_fresh(session):  # another process may have rebuilt it meanwhile
            refresh_sales_rollup(session)
    return True


@dataclass(frozen=True)
class WindowSales:
    """A SKU's sales over a window of days: total units, sum of squared daily units, last day."""

    units: int
    squares: int
    last_day: date


def sales_in_window(session: Executor, first: date, last: date) -> dict[int, WindowSales]:
    """Per variant id: units sold on counted orders placed from day `first` to `last` inclusive.

    Only SKUs with sales appear. `squares` (the sum of each day's units squared) gives the
    standard deviation of daily demand without reading the days one by one.
    """
    units = DailySales.units
    rows = session.execute(
        select(
            DailySales.variant_id,
            func.sum(units),
            func.sum(units * units),
            func.max(DailySales.day),
        )
        .where(DailySales.day >= day_number(first), DailySales.day <= day_number(last))
        .group_by(DailySales.variant_id)
    ).all()
    return {
        int(variant_id): WindowSales(int(total), int(squares), day_from_number(int(newest)))
        for variant_id, total, squares, newest in rows
    }


def daily_units(
    session: Executor, first: date, last: date, variant_ids: list[int] | None = None
) -> list[tuple[int, date, int]]:
    """(variant id, day, units) for each day with sales from `first` to `last` inclusive."""
    query = (
        select(DailySales.variant_id, DailySales.day, DailySales.units)
        .where(DailySales.day >= day_number(first), DailySales.day <= day_number(last))
        .order_by(DailySales.variant_id, DailySales.day)
    )
    if variant_ids is not None:
        query = query.where(DailySales.variant_id.in_(variant_ids))
    return [(int(v), day_from_number(int(d)), int(u)) for v, d, u in session.execute(query)]
