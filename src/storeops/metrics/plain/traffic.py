"""The conversion funnel in plain SQL: twin of `storeops.metrics.traffic` (see `metrics.plain`).

`Funnel`, `rate` and `average_order_value` are defined here and re-exported by
`metrics.traffic`, so both paths share them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from storeops.metrics.plain import as_date

if TYPE_CHECKING:
    from storeops.readers import Reader

ALL_CHANNELS = "all"


def rate(part: float, whole: float) -> float | None:
    """`part` as a percentage of `whole`; None when `whole` is zero."""
    return 100 * part / whole if whole else None


def average_order_value(orders: int, revenue: Decimal) -> Decimal | None:
    """Revenue per counted order; None without orders."""
    return (revenue / orders).quantize(Decimal("0.01")) if orders else None


@dataclass(frozen=True)
class Funnel:
    """Visitors on their way to an order, over one or more days."""

    sessions: int = 0
    product_views: int = 0
    add_to_carts: int = 0
    checkouts: int = 0
    orders: int = 0

    def __add__(self, other: Funnel) -> Funnel:
        return Funnel(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def conversion_rate(self) -> float | None:
        """Orders per 100 sessions (None without sessions)."""
        return rate(self.orders, self.sessions)

    def steps(self) -> dict[str, float | None]:
        """Each step's rate: the percentage of the step before that reached it."""
        return {
            "visit to cart": rate(self.add_to_carts, self.sessions),
            "cart to checkout": rate(self.checkouts, self.add_to_carts),
            "checkout to order": rate(self.orders, self.checkouts),
        }


FUNNEL_FIELDS = tuple(f.name for f in fields(Funnel))


def funnel_between(reader: Reader, first: date, last: date) -> tuple[Funnel, int]:
    """`metrics.traffic.funnel_between`: the funnel over `first`..`last`, and its days with data.

    A day's funnel is its `all` row, else the sum of its channel rows.
    """
    total = f"traffic_days.channel = '{ALL_CHANNELS}'"
    columns = [f"count(CASE WHEN ({total}) THEN 1 END)"]
    for name in FUNNEL_FIELDS:
        field = f"traffic_days.{name}"
        columns.append(f"sum(CASE WHEN ({total}) THEN {field} ELSE 0 END)")
        columns.append(f"sum(CASE WHEN ({total}) THEN 0 ELSE {field} END)")
    sql = (
        f"SELECT traffic_days.day, {', '.join(columns)} FROM traffic_days "
        "WHERE traffic_days.day >= :first AND traffic_days.day <= :last GROUP BY traffic_days.day"
    )
    daily: dict[date, Funnel] = {}
    for day, total_rows, *sums in reader.rows(
        sql, {"first": first.isoformat(), "last": last.isoformat()}
    ):
        picked = sums[0::2] if total_rows else sums[1::2]
        daily[as_date(day)] = Funnel(*(int(value or 0) for value in picked))
    return sum(daily.values(), Funnel()), len(daily)
