"""Stock changes through the ledger: every change to on-hand writes a `StockMovement`.

On-hand always equals the sum of a SKU's movements after these functions (the
`inventory.ledger_mismatch` check verifies it), because they change both in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import col, select

from storeops.errors import StoreOpsError
from storeops.inventory.purchasing import OPEN_STATUSES
from storeops.models import PurchaseOrder, PurchaseOrderLine, StockMovement, Variant

if TYPE_CHECKING:
    from sqlmodel import Session

ADJUST_KINDS = ("adjustment", "damage", "count")


def find_variant(session: Session, sku: str) -> Variant:
    """The variant with this SKU, or an error naming it."""
    variant = session.exec(select(Variant).where(col(Variant.sku) == sku)).first()
    if variant is None:
        raise StoreOpsError(f"unknown SKU {sku!r}: check the spelling (SKUs are case-sensitive)")
    return variant


def move(
    session: Session,
    variant: Variant,
    quantity: int,
    *,
    kind: str,
    now: datetime,
    reason: str | None = None,
    reference: str | None = None,
) -> StockMovement:
    """Change a SKU's on-hand by `quantity` and record the movement that explains it."""
    variant.on_hand += quantity
    movement = StockMovement(
        variant_id=variant.id or 0,
        created_at=now,
        kind=kind,
        quantity=quantity,
        reason=reason,
        reference=reference,
    )
    session.add(variant)
    session.add(movement)
    return movement


def adjust(
    session: Session, sku: str, quantity: int, *, reason: str, now: datetime, kind: str
) -> Variant:
    """A manual adjustment (damage, loss, found): always signed and always with a reason."""
    if quantity == 0:
        raise StoreOpsError("an adjustment of 0 changes nothing: give a quantity such as -3 or 2")
    if not reason.strip():
        raise StoreOpsError("an adjustment needs a reason: --reason damaged (or lost, found...)")
    if kind not in ADJUST_KINDS:
        raise StoreOpsError(f"unknown kind {kind!r}: use one of {', '.join(ADJUST_KINDS)}")
    variant = find_variant(session, sku)
    move(session, variant, quantity, kind=kind, now=now, reason=reason.strip())
    return variant


@dataclass(frozen=True)
class Receipt:
    """One SKU received: how many, against which purchase order (None: no open PO)."""

    sku: str
    quantity: int
    po_number: str | None


def _close_if_done(session: Session, po: PurchaseOrder, now: datetime) -> None:
    lines = session.exec(
        select(PurchaseOrderLine).where(col(PurchaseOrderLine.purchase_order_id) == po.id)
    ).all()
    if all(line.quantity_received >= line.quantity_ordered for line in lines):
        po.status = "received"
        po.received_at = now
    elif any(line.quantity_received > 0 for line in lines):
        po.status = "partial"
    session.add(po)


def find_purchase_order(session: Session, ref: str) -> PurchaseOrder:
    """A purchase order by number or by id."""
    query = select(PurchaseOrder).where(col(PurchaseOrder.number) == ref)
    po = session.exec(query).first()
    if po is None and ref.isdigit():
        po = session.get(PurchaseOrder, int(ref))
    if po is None:
        raise StoreOpsError(f"no purchase order {ref!r}: `storeops reorder po` lists the numbers")
    return po


def receive_purchase_order(session: Session, ref: str, now: datetime) -> list[Receipt]:
    """Receive everything still outstanding on an open purchase order, closing it."""
    po = find_purchase_order(session, ref)
    if po.status not in OPEN_STATUSES:
        raise StoreOpsError(
            f"purchase order {po.number} is {po.status}, not open: nothing to receive"
        )
    receipts: list[Receipt] = []
    lines = session.exec(
        select(PurchaseOrderLine).where(col(PurchaseOrderLine.purchase_order_id) == po.id)
    ).all()
    for line in lines:
        outstanding = line.quantity_ordered - line.quantity_received
        if outstanding <= 0:
            continue
        variant = session.get(Variant, line.variant_id)
        assert variant is not None  # a foreign key guarantees it
        line.quantity_received += outstanding
        session.add(line)
        move(session, variant, outstanding, kind="receipt", now=now, reference=po.number)
        receipts.append(Receipt(variant.sku, outstanding, po.number))
    _close_if_done(session, po, now)
    return receipts


def receive_sku(session: Session, sku: str, quantity: int, now: datetime) -> list[Receipt]:
    """Receive units of one SKU: against its open purchase orders, oldest first.

    A partial shipment leaves the PO partial; units beyond what was ordered are still received
    (they are on the shelf) as a receipt without a PO.
    """
    if quantity <= 0:
        raise StoreOpsError(f"received quantity must be positive, not {quantity}")
    variant = find_variant(session, sku)
    rows = session.exec(
        select(PurchaseOrderLine, PurchaseOrder)
        .join(PurchaseOrder, col(PurchaseOrder.id) == col(PurchaseOrderLine.purchase_order_id))
        .where(
            col(PurchaseOrderLine.variant_id) == variant.id,
            col(PurchaseOrder.status).in_(OPEN_STATUSES),
        )
        .order_by(col(PurchaseOrder.created_at), col(PurchaseOrder.id))
    ).all()
    left = quantity
    receipts: list[Receipt] = []
    for line, po in rows:
        take = min(left, line.quantity_ordered - line.quantity_received)
        if take <= 0:
            continue
        line.quantity_received += take
        session.add(line)
        move(session, variant, take, kind="receipt", now=now, reference=po.number)
        receipts.append(Receipt(sku, take, po.number))
        session.flush()
        _close_if_done(session, po, now)
        left -= take
        if left == 0:
            break
    if left > 0:
        move(session, variant, left, kind="receipt", now=now, reason="not on an open PO")
        receipts.append(Receipt(sku, left, None))
    return receipts
