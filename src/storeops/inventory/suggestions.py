"""Reorder suggestions: which SKUs to buy today, how many, and why, worst first.

One statement reads what the decision needs, as integers: stock, incoming and committed units,
SKU limits, supplier lead time and window sales from the daily rollup. It keeps only the SKUs
a cheap bound cannot rule out (most SKUs are well stocked), so a hundred rows reach Python,
not fifty thousand; the pure math in `replenishment` decides for them. SKUs left out on
purpose are counted in `ReorderReport.left_out` so the list can say what it skipped.

The SQL is plain text over a `Reader`: `storeops reorder list` runs it through the standard
library's sqlite3 and never imports SQLAlchemy, which was most of the command's time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops.errors import StoreOpsError
from storeops.inventory import replenishment as math_
from storeops.inventory.days import day_number
from storeops.readers import sql_timestamp

if TYPE_CHECKING:
    from storeops.readers import Reader

NO_SUPPLIER = "(no supplier)"
# Said out loud rather than dropped: an empty shelf nobody bought from may be a dead product
# or one that could not sell because it was out; the owner decides.
NEVER_SOLD = "out of stock but not sold in the window (set min_stock to keep it stocked)"
# The Supplier model's defaults (a test holds them equal), for SKUs without a supplier.
DEFAULT_LEAD_TIME = 7
DEFAULT_PACK_SIZE = 1
DEFAULT_MOQ = 1


@dataclass(frozen=True)
class Suggestion:
    """One SKU to order: the figures that explain it, the quantity and the reason in words."""

    sku: str
    product: str
    supplier: str
    on_hand: int
    incoming: int
    committed: int
    projected: int
    avg_daily_demand: float
    demand_sd: float
    lead_time_days: int
    safety_stock: float
    reorder_point: float
    days_of_cover: float | None
    stockout_date: date | None
    pack_size: int
    moq: int
    suggested_qty: int
    unit_cost: Decimal | None
    reason: str

    @property
    def line_cost(self) -> Decimal | None:
        """What the suggested quantity costs at the unit cost (None: cost unknown)."""
        return None if self.unit_cost is None else self.unit_cost * self.suggested_qty


@dataclass
class ReorderReport:
    """The suggestions, worst first within each supplier, and what was left out and why."""

    suggestions: list[Suggestion]
    window_days: int
    service_level: float
    left_out: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class SupplierTerms:
    """What a supplier's terms mean for an order."""

    id: int
    name: str
    lead_time_days: int
    pack_size: int
    moq: int


# Per SKU that may be due: the integers the decision needs, and the names and cost to show.
# `slack` is how far projected stock sits above average demand over the lead time; the
# computed reorder point adds z x sigma x sqrt(lead time) with sigma <= sqrt(squares / N), so
# a SKU whose slack is positive can only be due when slack^2 <= z^2 x squares x lead / N.
# The test is loosened by 1 % (the exact one is `_may_be_due`, in Python) so that rounding can
# never drop a due SKU. SKUs out of stock that never sold are read too: the list counts them.
_CANDIDATES = """
WITH sold AS (
  SELECT variant_id, SUM(units) AS units, SUM(units * units) AS squares
  FROM daily_sales WHERE day BETWEEN :first_day AND :last_day
  GROUP BY variant_id
),
incoming AS (
  SELECT l.variant_id,
         SUM(CASE WHEN l.quantity_ordered > l.quantity_received
                  THEN l.quantity_ordered - l.quantity_received ELSE 0 END) AS units
  FROM purchase_order_lines AS l
  WHERE l.purchase_order_id IN (SELECT id FROM purchase_orders WHERE status IN ('open', 'partial'))
  GROUP BY l.variant_id
),
committed AS (
  SELECT l.variant_id, SUM(l.quantity - l.fulfilled_quantity) AS units
  FROM order_lines AS l JOIN orders AS o ON o.id = l.order_id
  WHERE o.cancelled_at IS NULL AND o.financial_status != 'voided'
    AND o.fulfillment_status IN ('unfulfilled', 'partial', 'on_hold')
    AND l.variant_id IS NOT NULL AND l.quantity - l.fulfilled_quantity > 0
  GROUP BY l.variant_id
),
facts AS (
  SELECT v.id, p.status, v.on_hand, coalesce(i.units, 0) AS incoming,
         coalesce(c.units, 0) AS committed, v.reorder_point, v.min_stock, v.max_stock,
         v.supplier_id, coalesce(s.units, 0) AS units, coalesce(s.squares, 0) AS squares,
         v.on_hand + coalesce(i.units, 0) - coalesce(c.units, 0) AS projected,
         coalesce(sup.lead_time_days, :default_lead) AS lead,
         v.sku, p.title, v.cost
  FROM variants AS v JOIN products AS p ON p.id = v.product_id
  LEFT JOIN sold AS s ON s.variant_id = v.id
  LEFT JOIN incoming AS i ON i.variant_id = v.id
  LEFT JOIN committed AS c ON c.variant_id = v.id
  LEFT JOIN suppliers AS sup ON sup.id = v.supplier_id
  WHERE (:supplier_id IS NULL OR v.supplier_id = :supplier_id)
),
judged AS (
  SELECT *, projected - units * 1.0 * lead / :window_days AS slack FROM facts
)
SELECT id, status, on_hand, incoming, committed, reorder_point, min_stock, max_stock,
       supplier_id, units, squares, sku, title, cost
FROM judged
WHERE (min_stock IS NOT NULL AND projected < min_stock)
   OR (reorder_point IS NOT NULL AND projected <= reorder_point)
   OR (reorder_point IS NULL AND units > 0
       AND (slack <= 1e-6 OR slack * slack * 0.99 <= :z2 * squares * lead / :window_days + 1e-6))
   OR (units = 0 AND status = 'active' AND projected <= 0)
"""


def _suppliers(reader: Reader) -> dict[int, SupplierTerms]:
    rows = reader.rows("SELECT id, name, lead_time_days, pack_size, moq FROM suppliers")
    return {row[0]: SupplierTerms(*row) for row in rows}


def _money(value: Any) -> Decimal | None:
    """A stored NUMERIC(12, 2) as the Decimal SQLAlchemy would give (SQLite keeps a float)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(f"{value:.2f}")


def _may_be_due(
    projected: int,
    units: int,
    squares: int,
    lead_time: int,
    own_rop: int | None,
    min_stock: int | None,
    z: float,
    window_days: int,
) -> bool:
    """A cheap test that never says no to a SKU `replenish` would find due.

    Most SKUs are well stocked; skipping them before the full math is most of the speed of a
    50,000-SKU list. The computed reorder point is bounded with sigma <= sqrt(squares / N).
    """
    if min_stock is not None and projected < min_stock:
        return True
    if own_rop is not None:
        return projected <= own_rop
    if units == 0:
        return False
    bound = units / window_days * lead_time + z * math.sqrt(squares * lead_time / window_days)
    return projected <= bound + 1e-9


def snoozed_skus(reader: Reader, now: datetime) -> set[str]:
    """SKUs whose reorder suggestions are snoozed at `now`."""
    rows = reader.rows(
        "SELECT key FROM snoozes WHERE kind = 'reorder' AND until > :now",
        {"now": sql_timestamp(now)},
    )
    return {key for (key,) in rows}


def _reason(result: math_.Replenishment, supplier_known: bool, incoming: int) -> str:
    parts: list[str] = []
    if result.projected <= 0:
        parts.append("out of stock" if incoming == 0 else "out of stock even with incoming")
    elif result.days_of_cover is not None:
        parts.append(f"{result.days_of_cover:.0f} days of cover")
    if result.trigger == "min stock":
        parts.append("below min stock")
    elif result.trigger == "own reorder point":
        parts.append(f"at or below its reorder point {result.reorder_point:.0f}")
    else:
        parts.append(f"at or below ROP {result.reorder_point:.1f}")
    if result.avg_daily_demand > 0:
        parts.append(f"selling {result.avg_daily_demand:.2f}/day")
    else:
        parts.append("no sales in the window")
    if incoming:
        parts.append(f"{incoming} already on order")
    if not supplier_known:
        parts.append("no supplier set")
    return "; ".join(parts)


def reorder_report(
    reader: Reader,
    *,
    today: date,
    now: datetime,
    window_days: int = 90,
    service_level: float = 95,
    supplier: str | None = None,
) -> ReorderReport:
    """What to order today: one suggestion per due SKU, grouped by supplier, worst first.

    Demand comes from the `window_days` whole days before `today` (read from the rollup,
    which the caller keeps fresh: `freshness.fresh_sales_reader` gives such a reader).
    Archived and draft products, snoozed SKUs and SKUs never sold in the window (without a
    min_stock or their own reorder point) are not suggested; `left_out` counts them by reason.
    """
    z = math_.service_level_z(service_level)
    suppliers = _suppliers(reader)
    supplier_id = None
    if supplier is not None:
        wanted = [s for s in suppliers.values() if s.name.lower() == supplier.lower()]
        if not wanted:
            known = ", ".join(sorted(s.name for s in suppliers.values())) or "none yet"
            raise StoreOpsError(f"unknown supplier {supplier!r}: known suppliers are {known}")
        supplier_id = wanted[0].id
    first = today - timedelta(days=window_days)
    rows = reader.rows(
        _CANDIDATES,
        {
            "first_day": day_number(first),
            "last_day": day_number(today - timedelta(days=1)),
            "window_days": window_days,
            "z2": z * z,
            "default_lead": DEFAULT_LEAD_TIME,
            "supplier_id": supplier_id,
        },
    )
    snoozed = snoozed_skus(reader, now)
    left_out: dict[str, int] = {}
    suggestions: list[Suggestion] = []
    for row in rows:
        _vid, status, on_hand, incoming, committed, own_rop, min_s, max_s, sup_id = row[:9]
        units, squares, sku, product, cost = row[9:]
        terms = suppliers.get(sup_id) if sup_id is not None else None
        lead_time = terms.lead_time_days if terms is not None else DEFAULT_LEAD_TIME
        projected = on_hand + incoming - committed
        if not _may_be_due(projected, units, squares, lead_time, own_rop, min_s, z, window_days):
            if units == 0 and status == "active" and projected <= 0:
                left_out[NEVER_SOLD] = left_out.get(NEVER_SOLD, 0) + 1
            continue
        facts = math_.SkuFacts(
            on_hand=on_hand,
            incoming=incoming,
            committed=committed,
            units_sold=units,
            squares=squares,
            window_days=window_days,
            lead_time_days=lead_time,
            pack_size=terms.pack_size if terms is not None else DEFAULT_PACK_SIZE,
            moq=terms.moq if terms is not None else DEFAULT_MOQ,
            reorder_point=own_rop,
            min_stock=min_s,
            max_stock=max_s,
        )
        result = math_.replenish(facts, z, today)
        if not (result.trigger and result.suggested_qty > 0):
            continue
        if status != "active":
            reason = f"due but the product is {status}"
            left_out[reason] = left_out.get(reason, 0) + 1
            continue
        if sku in snoozed:
            left_out["due but snoozed"] = left_out.get("due but snoozed", 0) + 1
            continue
        suggestions.append(
            Suggestion(
                sku=sku,
                product=product,
                supplier=terms.name if terms is not None else NO_SUPPLIER,
                on_hand=facts.on_hand,
                incoming=facts.incoming,
                committed=facts.committed,
                projected=result.projected,
                avg_daily_demand=result.avg_daily_demand,
                demand_sd=result.demand_sd,
                lead_time_days=facts.lead_time_days,
                safety_stock=result.safety_stock,
                reorder_point=result.reorder_point,
                days_of_cover=result.days_of_cover,
                stockout_date=result.stockout_date,
                pack_size=facts.pack_size,
                moq=facts.moq,
                suggested_qty=result.suggested_qty,
                unit_cost=_money(cost),
                reason=_reason(result, terms is not None, facts.incoming),
            )
        )
    suggestions.sort(key=_worst_first)
    return ReorderReport(suggestions, window_days, service_level, left_out)


def _worst_first(item: Suggestion) -> tuple[str, date, str]:
    # Grouped by supplier; within it the earliest stock-out first (no date: last).
    return (item.supplier.lower(), item.stockout_date or date.max, item.sku)
