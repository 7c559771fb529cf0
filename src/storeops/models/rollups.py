"""Derived tables that make large stores fast: the daily sales rollup and its watermark.

`DailySales` holds, per SKU and day, the units on counted orders (not cancelled, not voided)
placed that UTC day. It is keyed on integers (variant id, days since 1970-01-01 UTC) because
grouping two million order lines by text SKU and date was most of the cost of every
demand figure. It is derived data: `storeops.inventory.rollup` owns how it is rebuilt and
when it is stale; nothing else writes it.
"""

from __future__ import annotations

from typing import ClassVar

from sqlmodel import Field

from storeops.models.base import TableModel


class DailySales(TableModel, table=True):
    """Units of one SKU sold on counted orders placed on one UTC day."""

    __tablename__ = "daily_sales"
    # Clustered on (variant_id, day) on SQLite: a window's sums per SKU then read the table in
    # key order with no separate index to consult (about 0.35 s -> 0.2 s on 1.3 M rows).
    __table_args__: ClassVar[dict[str, bool]] = {"sqlite_with_rowid": False}

    variant_id: int = Field(primary_key=True)
    day: int = Field(primary_key=True)  # days since 1970-01-01, UTC
    units: int = 0


class SalesRollupState(TableModel, table=True):
    """What the order history looked like when the rollup was last rebuilt (one row).

    Comparing it with the live figures tells a reader whether the rollup is stale: new order
    lines raise the highest line id; an order cancelled or voided since changes the count.
    """

    __tablename__ = "sales_rollup_state"

    id: int = Field(default=1, primary_key=True)
    max_line_id: int = 0
    uncounted_orders: int = 0
