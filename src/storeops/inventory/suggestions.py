"""Reorder suggestions: which SKUs to buy today, how many, and why, worst first.

Two statements read what the decision needs for every SKU, as integers: stock, incoming and
committed units, SKU limits and supplier (one), and window sales from the daily rollup (the
other). A cheap bound skips the well-stocked majority; the pure math in `replenishment` decides
for the rest; names and costs are read for the chosen few. SKUs left out on purpose are counted
in `ReorderReport.left_out` so the list can say what it skipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlmodel import col
from sqlmodel import select as orm_select

from storeops.errors import StoreOpsError
from storeops.inventory import replenishment as math_
from storeops.inventory import rollup
from storeops.metrics import inventory as stock
from storeops.models import Product, Snooze, Supplier, Variant

if TYPE_CHECKING:
    from sqlmodel import Session

NO_SUPPLIER = "(no supplier)"
# Said out loud rather than dropped: an empty shelf nobody bought from may be a dead product
# or one that could not sell because it was out; the owner decides.
NEVER_SOLD = "out of stock but not sold in the window (set min_stock to keep it stocked)"
DEFAULT_LEAD_TIME = Supplier.model_fields["lead_time_days"].default


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


def _candidates(session: Session, supplier_id: int | None) -> list[Any]:
    """Per SKU the integers the decision needs; names and costs are read for the few chosen.

    Reading text and Decimal columns for 50,000 SKUs to use them for a hundred was most of
    this query's time in Python.
    """
    incoming = stock.incoming_units()
    committed = stock.committed_units()
    query = (
        select(
            col(Variant.id),
            col(Product.status),
            col(Variant.on_hand),
            func.coalesce(incoming.c.units, 0),
            func.coalesce(committed.c.units, 0),
            col(Variant.reorder_point),
            col(Variant.min_stock),
            col(Variant.max_stock),
            col(Variant.supplier_id),
        )
        .select_from(Variant)
        .join(Product, col(Product.id) == col(Variant.product_id))
        .outerjoin(incoming, incoming.c.variant_id == col(Variant.id))
        .outerjoin(committed, committed.c.variant_id == col(Variant.id))
    )
    if supplier_id is not None:
        query = query.where(col(Variant.supplier_id) == supplier_id)
    # Core rows, not ORM rows: 50,000 SKUs through the ORM's result machinery cost 0.5 s.
    return list(session.connection().execute(query).all())


def _suppliers(session: Session) -> dict[int, Supplier]:
    return {s.id: s for s in session.exec(orm_select(Supplier)).all() if s.id is not None}


def _names_and_costs(
    session: Session, variant_ids: list[int]
) -> dict[int, tuple[str, str, Decimal | None]]:
    rows = session.execute(
        select(col(Variant.id), col(Variant.sku), col(Product.title), col(Variant.cost))
        .join(Product, col(Product.id) == col(Variant.product_id))
        .where(col(Variant.id).in_(variant_ids))
    )
    return {vid: (sku, title, cost) for vid, sku, title, cost in rows}


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


def snoozed_skus(session: Session, now: datetime) -> set[str]:
    """SKUs whose reorder suggestions are snoozed at `now`."""
    rows = session.scalars(
        select(col(Snooze.key)).where(col(Snooze.kind) == "reorder", col(Snooze.until) > now)
    )
    return set(rows)


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
    session: Session,
    *,
    today: date,
    now: datetime,
    window_days: int = 90,
    service_level: float = 95,
    supplier: str | None = None,
) -> ReorderReport:
    """What to order today: one suggestion per due SKU, grouped by supplier, worst first.

    Demand comes from the `window_days` whole days before `today` (read from the rollup,
    which the caller keeps fresh with `rollup.ensure_fresh`). Archived and draft products,
    snoozed SKUs and SKUs never sold in the window (without a min_stock or their own reorder
    point) are not suggested; `left_out` counts them by reason.
    """
    z = math_.service_level_z(service_level)
    suppliers = _suppliers(session)
    supplier_id = None
    if supplier is not None:
        wanted = [s for s in suppliers.values() if s.name.lower() == supplier.lower()]
        if not wanted:
            known = ", ".join(sorted(s.name for s in suppliers.values())) or "none yet"
            raise StoreOpsError(f"unknown supplier {supplier!r}: known suppliers are {known}")
        supplier_id = wanted[0].id
    sold = rollup.window_sums(
        session, today - timedelta(days=window_days), today - timedelta(days=1)
    )
    snoozed = snoozed_skus(session, now)
    left_out: dict[str, int] = {}
    due: list[tuple[int, str, math_.SkuFacts, math_.Replenishment, Supplier | None]] = []
    for row in _candidates(session, supplier_id):
        vid, status, on_hand, incoming, committed, own_rop, min_s, max_s, sup_id = row
        units, squares = sold.get(vid, (0, 0))
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
            pack_size=terms.pack_size if terms is not None else 1,
            moq=terms.moq if terms is not None else 1,
            reorder_point=own_rop,
            min_stock=min_s,
            max_stock=max_s,
        )
        result = math_.replenish(facts, z, today)
        if result.trigger and result.suggested_qty > 0:
            due.append((vid, status, facts, result, terms))
    names = _names_and_costs(session, [vid for vid, *_ in due])
    suggestions: list[Suggestion] = []
    for vid, status, facts, result, terms in due:
        sku, product, cost = names[vid]
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
                unit_cost=cost,
                reason=_reason(result, terms is not None, facts.incoming),
            )
        )
    suggestions.sort(key=_worst_first)
    return ReorderReport(suggestions, window_days, service_level, left_out)


def _worst_first(item: Suggestion) -> tuple[str, date, str]:
    # Grouped by supplier; within it the earliest stock-out first (no date: last).
    return (item.supplier.lower(), item.stockout_date or date.max, item.sku)
