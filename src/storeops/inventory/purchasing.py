"""Purchase orders drafted from reorder suggestions: one per supplier, recorded as open.

Recording them at once is what stops tomorrow's list from suggesting the same SKUs again:
open purchase orders are incoming stock in the projection.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlmodel import col, func, select

from storeops.errors import StoreOpsError
from storeops.models import PurchaseOrder, PurchaseOrderLine, Supplier, Variant

if TYPE_CHECKING:
    from sqlmodel import Session

    from storeops.inventory.suggestions import Suggestion

OPEN_STATUSES = ("open", "partial")
PO_HEADER = ("po_number", "supplier", "sku", "product", "quantity", "unit_cost", "line_cost")


@dataclass(frozen=True)
class DraftLine:
    """A line of a drafted purchase order."""

    sku: str
    product: str
    quantity: int
    unit_cost: Decimal


@dataclass(frozen=True)
class DraftOrder:
    """A purchase order just recorded, with its lines (for the CSV sent to the supplier)."""

    number: str
    supplier: str
    expected_at: datetime
    lines: list[DraftLine]

    @property
    def total(self) -> Decimal:
        """What the order costs."""
        return sum((line.unit_cost * line.quantity for line in self.lines), Decimal("0.00"))


def _next_number(session: Session, now: datetime) -> int:
    prefix = f"PO-{now:%Y%m%d}-"
    taken = session.scalar(select(func.count()).where(col(PurchaseOrder.number).startswith(prefix)))
    return int(taken or 0) + 1


def draft_purchase_orders(
    session: Session, suggestions: list[Suggestion], now: datetime
) -> list[DraftOrder]:
    """Record one open purchase order per supplier for the suggested quantities."""
    by_supplier: dict[str, list[Suggestion]] = {}
    for item in suggestions:
        by_supplier.setdefault(item.supplier, []).append(item)
    known = {s.name: s for s in session.exec(select(Supplier)).all()}
    # Checked before anything is recorded: a draft is all the suppliers' POs or none.
    orphans = [
        item.sku for items in by_supplier.values() for item in items if item.supplier not in known
    ]
    if orphans:
        raise StoreOpsError(
            f"{len(orphans)} suggested SKUs have no supplier ({', '.join(orphans[:3])}): "
            "set one before drafting, or use --supplier"
        )
    orders: list[DraftOrder] = []
    number = _next_number(session, now)
    for supplier_name, items in sorted(by_supplier.items()):
        supplier = known[supplier_name]
        po_number = f"PO-{now:%Y%m%d}-{number:03d}"
        number += 1
        expected = now + timedelta(days=supplier.lead_time_days)
        po = PurchaseOrder(
            number=po_number,
            supplier_id=supplier.id or 0,
            status="open",
            created_at=now,
            ordered_at=now,
            expected_at=expected,
            note="drafted by storeops reorder po",
        )
        session.add(po)
        session.flush()
        lines: list[DraftLine] = []
        for item in items:
            variant = session.exec(select(Variant).where(col(Variant.sku) == item.sku)).one()
            cost = item.unit_cost if item.unit_cost is not None else Decimal("0.00")
            session.add(
                PurchaseOrderLine(
                    purchase_order_id=po.id or 0,
                    variant_id=variant.id or 0,
                    quantity_ordered=item.suggested_qty,
                    unit_cost=cost,
                )
            )
            lines.append(DraftLine(item.sku, item.product, item.suggested_qty, cost))
        orders.append(DraftOrder(po_number, supplier_name, expected, lines))
    return orders


def po_rows(order: DraftOrder) -> list[tuple[object, ...]]:
    """The CSV rows of a drafted purchase order (header: `PO_HEADER`)."""
    return [
        (
            order.number,
            order.supplier,
            line.sku,
            line.product,
            line.quantity,
            line.unit_cost,
            line.unit_cost * line.quantity,
        )
        for line in order.lines
    ]
