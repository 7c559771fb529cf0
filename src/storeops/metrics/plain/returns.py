"""Returns in plain SQL: twins of `storeops.metrics.returns` (see `metrics.plain`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from storeops.metrics.plain import at, literals
from storeops.metrics.plain.sales import COUNTED, PLACED
from storeops.vocabulary import COUNTED_RETURN_STATUSES

if TYPE_CHECKING:
    from storeops.readers import Reader

# The return statuses of `models.returns` (a test holds them equal) but rejected: named rather
# than negated so the (status, requested_at) index can serve a date range.
COUNTED_STATUSES = COUNTED_RETURN_STATUSES

# The cohort (counted orders placed in [start, end)) and its counted returns, requested since
# the start: a return comes after its order, so that bound changes nothing but the plan.
_COHORT_RETURNS = (
    f"FROM returns JOIN orders ON orders.id = returns.order_id WHERE {COUNTED} AND {PLACED} "
    f"AND returns.status IN ({literals(COUNTED_STATUSES)}) AND returns.requested_at >= :start"
)


def rate_pct(returned: int, sold: int) -> float | None:
    """Units returned as a percentage of units sold; None when nothing was sold."""
    return 100 * returned / sold if sold else None


@dataclass(frozen=True)
class ReturnRate:
    """Units sold in a cohort of orders, and how many of them came back."""

    sold: int
    returned: int

    @property
    def rate_pct(self) -> float | None:
        """Units returned as a percentage of units sold."""
        return rate_pct(self.returned, self.sold)


def return_rate(reader: Reader, start: datetime, end: datetime) -> ReturnRate:
    """`metrics.returns.return_rate`: the return rate of counted orders placed in [start, end)."""
    params = {"start": at(start), "end": at(end)}
    sold = reader.rows(
        "SELECT coalesce(sum(order_lines.quantity), 0) "
        "FROM orders JOIN order_lines ON order_lines.order_id = orders.id "
        f"WHERE {COUNTED} AND {PLACED}",
        params,
    )[0][0]
    returned = reader.rows(f"SELECT coalesce(sum(returns.quantity), 0) {_COHORT_RETURNS}", params)
    return ReturnRate(int(sold or 0), int(returned[0][0] or 0))


def return_reasons(reader: Reader, start: datetime, end: datetime) -> list[tuple[str, int]]:
    """`metrics.returns.return_reasons`: units returned per reason in the cohort, most first."""
    reason = "coalesce(returns.reason, 'not given')"
    rows = reader.rows(
        f"SELECT {reason}, sum(returns.quantity) {_COHORT_RETURNS} GROUP BY {reason}",
        {"start": at(start), "end": at(end)},
    )
    return sorted(((str(r), int(n)) for r, n in rows), key=lambda pair: (-pair[1], pair[0]))
