"""Units sold per product over intervals, in plain SQL: twin of `metrics.demand` and the
per-product sums of `metrics.returns` (see `metrics.plain`).

How an interval is split into whole UTC days (read from the daily sales rollup) and the
cut edges (read from the raw order lines) is defined here once, for both: `plan`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from storeops.inventory.days import day_number
from storeops.metrics.plain import at
from storeops.metrics.plain.sales import COUNTED

if TYPE_CHECKING:
    from storeops.readers import Reader

# An open interval's last rollup day: far beyond any date (day numbers are 64-bit in SQL).
NO_END_DAY = 1 << 40


@dataclass(frozen=True)
class Plan:
    """How to read one interval: rollup days [first_day, end_day), raw [start, end) ranges."""

    first_day: int
    end_day: int
    raw: list[tuple[datetime, datetime]]


def midnight(day: date) -> datetime:
    """The UTC midnight that starts `day`."""
    return datetime.combine(day, time(), tzinfo=UTC)


def plan(start: datetime, end: datetime | None) -> Plan:
    """Split [start, end) into whole UTC days (rollup) and the cut edges (raw lines)."""
    start = start.astimezone(UTC)
    first = start.date() if start == midnight(start.date()) else start.date() + timedelta(days=1)
    if end is None:  # open-ended: every rollup day from `first` on
        cut = [(start, midnight(first))] if start != midnight(first) else []
        return Plan(day_number(first), NO_END_DAY, cut)
    end = end.astimezone(UTC)
    stop = end.date()  # whole days end at the midnight that starts `end`'s day
    if stop <= first:  # no whole day inside: all raw
        return Plan(0, 0, [(start, end)])
    raw = [(start, midnight(first))]
    raw.append((midnight(stop), end))
    return Plan(day_number(first), day_number(stop), [(s, e) for s, e in raw if s != e])


def _per_variant(units: str, parts: list[tuple[str, int]], count: int) -> list[str]:
    """The units_0.. columns: `units` in the column of the interval a row falls in."""
    columns = []
    for n in range(count):
        whens = " ".join(f"WHEN ({condition}) THEN {units}" for condition, i in parts if i == n)
        columns.append(f"CASE {whens} ELSE 0 END" if whens else "0")
    return columns


def _pieces(bounds: Sequence[datetime], *, per_variant: bool) -> tuple[list[str], dict[str, Any]]:
    """SELECTs of (variant_id, units_0..) whose UNION ALL holds units in each interval.

    The rollup's whole days, summed per SKU when `per_variant` (else one row per SKU and day),
    and the raw order lines of the days the bounds cut, as `metrics.demand` splits them.
    """
    plans = [plan(low, high) for low, high in pairwise(bounds)]
    params: dict[str, Any] = {}

    def bind(value: Any) -> str:
        name = f"p{len(params)}"
        params[name] = value
        return f":{name}"

    count = len(plans)
    pieces = []
    rolled = [(p, i) for i, p in enumerate(plans) if p.first_day < p.end_day]
    if rolled:
        parts = [
            (f"daily_sales.day >= {bind(p.first_day)} AND daily_sales.day < {bind(p.end_day)}", i)
            for p, i in rolled
        ]
        columns = _per_variant("daily_sales.units", parts, count)
        if per_variant:
            columns = [f"sum({column})" for column in columns]
        units = ", ".join(f"{column} AS units_{n}" for n, column in enumerate(columns))
        # The days of all intervals as one range as well: SQLite reads an OR of ranges by
        # scanning the whole rollup, one range by a skip-scan of its (variant, day) key.
        first_day = min(p.first_day for p, _ in rolled)
        end_day = max(p.end_day for p, _ in rolled)
        any_part = " OR ".join(condition for condition, _ in parts)
        pieces.append(
            f"SELECT daily_sales.variant_id AS variant_id, {units} FROM daily_sales "
            f"WHERE daily_sales.day >= {bind(first_day)} AND daily_sales.day < {bind(end_day)} "
            f"AND ({any_part})" + (" GROUP BY daily_sales.variant_id" if per_variant else "")
        )
    raw = [
        (f"orders.created_at >= {bind(at(s))} AND orders.created_at < {bind(at(e))}", i)
        for i, p in enumerate(plans)
        for s, e in p.raw
    ]
    if raw:
        columns = _per_variant("order_lines.quantity", raw, count)
        units = ", ".join(f"{column} AS units_{n}" for n, column in enumerate(columns))
        any_part = " OR ".join(condition for condition, _ in raw)
        pieces.append(
            f"SELECT order_lines.variant_id AS variant_id, {units} "
            "FROM order_lines JOIN orders ON orders.id = order_lines.order_id "
            f"WHERE {COUNTED} AND order_lines.variant_id IS NOT NULL AND ({any_part})"
        )
    return pieces, params


def units_by_interval_sql(bounds: Sequence[datetime]) -> tuple[str, dict[str, Any]]:
    """`metrics.demand.units_by_interval` as SQL text and its parameters.

    Rows: variant_id, units_0..units_{n-2}; only SKUs with a sale in some interval.
    """
    count = len(bounds) - 1
    pieces, params = _pieces(bounds, per_variant=True)
    if not pieces:
        zeros = ", ".join(f"0 AS units_{n}" for n in range(count))
        return f"SELECT 0 AS variant_id, {zeros} WHERE 1 = 0", params
    sums = ", ".join(f"sum(parts.units_{n}) AS units_{n}" for n in range(count))
    both = " UNION ALL ".join(pieces)
    sql = (
        f"SELECT parts.variant_id AS variant_id, {sums} "
        f"FROM ({both}) AS parts GROUP BY parts.variant_id"
    )
    return sql, params


def units_sold_by_product_between(
    reader: Reader, bounds: Sequence[datetime]
) -> dict[int, tuple[int, ...]]:
    """`metrics.returns.units_sold_by_product_between`: units per product in each interval.

    A faster shape of the same sums: the rollup's rows go straight to their product, without
    being summed per SKU first (that took a second sort of every SKU, 40% of the query).
    """
    count = len(bounds) - 1
    pieces, params = _pieces(bounds, per_variant=False)
    if not pieces:
        return {}
    sums = ", ".join(f"sum(parts.units_{n})" for n in range(count))
    sql = (
        f"SELECT variants.product_id, {sums} FROM ({' UNION ALL '.join(pieces)}) AS parts "
        "JOIN variants ON variants.id = parts.variant_id GROUP BY variants.product_id"
    )
    return {int(row[0]): tuple(int(units) for units in row[1:]) for row in reader.rows(sql, params)}


def units_sold_by_product(
    reader: Reader, start: datetime, end: datetime, *, min_units: int = 1
) -> dict[int, int]:
    """`metrics.returns.units_sold_by_product`: units per product in [start, end), >= min."""
    per_variant, params = units_by_interval_sql([start, end])
    params["min_units"] = min_units
    sql = (
        f"SELECT variants.product_id, sum(per_variant.units_0) FROM ({per_variant}) AS per_variant "
        "JOIN variants ON variants.id = per_variant.variant_id GROUP BY variants.product_id "
        "HAVING sum(per_variant.units_0) >= :min_units"
    )
    return {int(product): int(sold) for product, sold in reader.rows(sql, params)}


def product_titles(reader: Reader, ids: list[int]) -> dict[int, str]:
    """Titles of the products `ids`."""
    if not ids:
        return {}
    names = {f"id{n}": product for n, product in enumerate(ids)}
    marks = ", ".join(f":{name}" for name in names)
    rows = reader.rows(
        f"SELECT products.id, products.title FROM products WHERE products.id IN ({marks})", names
    )
    return {int(i): str(t) for i, t in rows}
