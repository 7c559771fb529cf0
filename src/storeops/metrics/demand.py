"""Units sold per SKU over time intervals: the daily rollup for whole days, raw lines for the rest.

Grouping two million order lines by SKU is what made every demand figure slow. The rollup
(`daily_sales`, see `storeops.inventory.rollup`) holds units per SKU per UTC day on counted
orders. An interval rarely starts and ends on UTC midnights (windows are "the last 90 days
from now" or local-midnight days), so each interval is read as the rollup's whole UTC days
inside it plus the raw order lines of the days its edges cut. The answer is exactly what
grouping the raw lines would give, as long as the rollup is fresh: `run_checks` makes sure of
that before it pins its snapshot. Today is always an edge day, read raw, so orders placed
while the checks run cannot make the rollup disagree with the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)

from storeops.metrics import sales
from storeops.metrics.plain.demand import NO_END_DAY as NO_END_DAY
from storeops.metrics.plain.demand import Plan as _Plan
from storeops.metrics.plain.demand import plan as _plan
from storeops.tables import DailySales, Order, OrderLine, Variant


def _in(moment: Any, start: datetime, end: datetime) -> ColumnElement[bool]:
    return and_(moment >= start, moment < end)


def units_by_interval(bounds: Sequence[datetime], *, name: str = "sold") -> Subquery:
    """Per SKU: `variant_id` and `units_0`..`units_{n-2}`, units in [bounds[i], bounds[i+1]).

    `bounds` must be increasing. Only SKUs with a sale in some interval appear.
    """
    plans = [_plan(low, high) for low, high in pairwise(bounds)]
    day = DailySales.day
    rolled_parts = [
        (and_(day >= p.first_day, day < p.end_day), i)
        for i, p in enumerate(plans)
        if p.first_day < p.end_day
    ]
    created = Order.created_at
    raw_parts = [(_in(created, s, e), i) for i, p in enumerate(plans) for s, e in p.raw]
    # The rollup is summed per SKU on its own first: it streams in its key order (variant,
    # day) with no sort. The raw lines of the cut days are few and stay ungrouped, so the
    # database walks them by date rather than every order line in SKU order.
    pieces: list[Select[Any]] = []
    if rolled_parts:
        # The days of all intervals as one range as well: SQLite reads an OR of ranges by
        # scanning the whole rollup, one range by a skip-scan of its (variant, day) key.
        first_day = min(p.first_day for p in plans if p.first_day < p.end_day)
        end_day = max(p.end_day for p in plans if p.first_day < p.end_day)
        pieces.append(
            _per_variant(DailySales.variant_id, DailySales.units, rolled_parts, plans, summed=True)
            .where(day >= first_day, day < end_day)
            .where(or_(*(condition for condition, _ in rolled_parts)))
            .group_by(DailySales.variant_id)
        )
    if raw_parts:
        pieces.append(
            _per_variant(OrderLine.variant_id, OrderLine.quantity, raw_parts, plans)
            .join(Order, Order.id == OrderLine.order_id)
            .where(
                sales.counted(),
                OrderLine.variant_id.is_not(None),
                or_(*(condition for condition, _ in raw_parts)),
            )
        )
    if not pieces:  # no interval at all: an empty result of the same shape
        columns = [literal(0).label(f"units_{i}") for i in range(len(plans))]
        return select(literal(0).label("variant_id"), *columns).where(literal(False)).subquery(name)
    both = union_all(*pieces).subquery(f"{name}_parts")
    sums = [func.sum(both.c[f"units_{i}"]).label(f"units_{i}") for i in range(len(plans))]
    return select(both.c.variant_id, *sums).group_by(both.c.variant_id).subquery(name)


def _per_variant(
    variant: Any,
    units: Any,
    parts: list[tuple[ColumnElement[bool], int]],
    plans: list[_Plan],
    *,
    summed: bool = False,
) -> Select[Any]:
    """SELECT variant_id, units_0.. with `units` in the column of the interval a row falls in."""
    columns = []
    for n in range(len(plans)):
        whens = [(condition, units) for condition, i in parts if i == n]
        value: Any = case(*whens, else_=0) if whens else literal(0)
        columns.append((func.sum(value) if summed else value).label(f"units_{n}"))
    return select(variant.label("variant_id"), *columns)


def units_sold(start: datetime, end: datetime, *, name: str = "sold") -> Subquery:
    """Per SKU (`variant_id`, `units`): units on counted orders placed in [start, end)."""
    by_interval = units_by_interval([start, end], name=f"{name}_interval")
    return select(by_interval.c.variant_id, by_interval.c.units_0.label("units")).subquery(name)


def sold_since(start: datetime) -> ColumnElement[bool]:
    """SKUs (rows of `variants`) with at least one counted order placed at or after `start`.

    A seek per SKU into the rollup's (variant, day) key for the whole days, and the few
    SKUs sold on the day `start` cuts.
    """
    plan = _plan(start, None)
    rolled = exists().where(DailySales.variant_id == Variant.id, DailySales.day >= plan.first_day)
    if not plan.raw:  # `start` is a UTC midnight: no day is cut
        return rolled
    cut_day = (
        select(OrderLine.variant_id)
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            sales.counted(),
            or_(*(_in(Order.created_at, s, e) for s, e in plan.raw)),
            OrderLine.variant_id.is_not(None),
        )
    )
    return or_(rolled, Variant.id.in_(cut_day))
