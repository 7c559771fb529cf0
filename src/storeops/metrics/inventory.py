"""Stock: what is on hand, on order, promised to customers, sold, and what it is worth.

- An active SKU is a variant of a product whose status is `active` (offered for sale).
- Out of stock: `on_hand <= 0` (below zero means the store oversold or missed a receipt).
- Incoming: units ordered and not yet received on purchase orders that are open or partial.
- Committed: units on lines of counted orders still waiting for fulfilment (unfulfilled,
  partial or on hold) that have not been fulfilled yet.
- Units sold: quantities on lines of counted orders placed in a period, by the order's time.
- Stock value: on-hand units times unit cost, over units actually on the shelf (positive
  on-hand, known cost).
- The ledger balance of a SKU: the sum of its stock movements; on-hand should equal it.

The per-SKU figures are grouped subqueries that a check joins to `variants`, so one SQL
statement answers "which SKUs" however large the order history is.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, Subquery, case, func, literal, select
from sqlmodel import col

from storeops.metrics import demand, sales
from storeops.metrics.plain.operations import StockSummary as StockSummary
from storeops.models import (
    Order,
    OrderLine,
    Product,
    PurchaseOrder,
    PurchaseOrderLine,
    StockMovement,
    Supplier,
    Variant,
)
from storeops.vocabulary import OPEN_PO_STATUSES as OPEN_PO_STATUSES

if TYPE_CHECKING:
    from sqlmodel import Session

# Orders whose lines still hold stock back from sale: not shipped yet, or held.
COMMITTING_FULFILLMENT = ("unfulfilled", "partial", "on_hold")


def active_product() -> ColumnElement[bool]:
    """Products offered for sale (join `products` to use it)."""
    return col(Product.status) == "active"


def out_of_stock() -> ColumnElement[bool]:
    """SKUs with nothing on the shelf: zero or less on hand."""
    return col(Variant.on_hand) <= 0


def unit_cost() -> ColumnElement[Any]:
    """A SKU's unit cost, zero when unknown (so sums of value stay defined)."""
    return func.coalesce(col(Variant.cost), 0)


def shelf_value() -> ColumnElement[Any]:
    """A SKU's on-hand units at cost, counting only units actually on the shelf."""
    return case((col(Variant.on_hand) > 0, col(Variant.on_hand)), else_=0) * unit_cost()


def outstanding_units() -> ColumnElement[Any]:
    """A purchase-order line's units still to arrive (never negative when over-received)."""
    ordered, received = (
        col(PurchaseOrderLine.quantity_ordered),
        col(PurchaseOrderLine.quantity_received),
    )
    return case((ordered > received, ordered - received), else_=0)


def open_purchase_order() -> ColumnElement[bool]:
    """Purchase orders still expecting stock."""
    return col(PurchaseOrder.status).in_(OPEN_PO_STATUSES)


def incoming_units() -> Subquery:
    """Per SKU (`variant_id`, `units`): units on open purchase orders not yet received."""
    # Driven from the few open orders (the status index), not from every line: joining
    # lines to orders let SQLite walk all lines in variant order to skip a sort, 30x slower.
    open_orders = select(col(PurchaseOrder.id)).where(open_purchase_order())
    return (
        select(col(PurchaseOrderLine.variant_id).label("variant_id"))
        .add_columns(func.sum(outstanding_units()).label("units"))
        .where(col(PurchaseOrderLine.purchase_order_id).in_(open_orders))
        .group_by(col(PurchaseOrderLine.variant_id))
        .subquery("incoming")
    )


def committed_units() -> Subquery:
    """Per SKU (`variant_id`, `units`): units on open orders not yet fulfilled."""
    remaining = col(OrderLine.quantity) - col(OrderLine.fulfilled_quantity)
    return (
        select(col(OrderLine.variant_id).label("variant_id"))
        .add_columns(func.sum(remaining).label("units"))
        .join(Order, col(Order.id) == col(OrderLine.order_id))
        .where(
            sales.counted(),
            col(Order.fulfillment_status).in_(COMMITTING_FULFILLMENT),
            col(OrderLine.variant_id).is_not(None),
            remaining > 0,
        )
        .group_by(col(OrderLine.variant_id))
        .subquery("committed")
    )


def units_sold(start: datetime, end: datetime) -> Subquery:
    """Per SKU (`variant_id`, `units`): units on counted orders placed in [start, end)."""
    return demand.units_sold(start, end)


def sold_since(start: datetime) -> ColumnElement[bool]:
    """SKUs (rows of `variants`) with at least one counted order placed at or after `start`."""
    return demand.sold_since(start)


def last_sold(session: Session, variant_ids: list[int]) -> dict[int, datetime]:
    """When each of `variant_ids` last appeared on a counted order (absent: never sold)."""
    if not variant_ids:
        return {}
    rows = session.execute(
        select(col(OrderLine.variant_id), func.max(col(Order.created_at)))
        .join(Order, col(Order.id) == col(OrderLine.order_id))
        .where(col(OrderLine.variant_id).in_(variant_ids), sales.counted())
        .group_by(col(OrderLine.variant_id))
    ).all()
    return {variant_id: _aware(moment) for variant_id, moment in rows if moment is not None}


def ledger_balances() -> Subquery:
    """Per SKU (`variant_id`, `balance`): the sum of its stock movements."""
    return (
        select(col(StockMovement.variant_id).label("variant_id"))
        .add_columns(func.sum(col(StockMovement.quantity)).label("balance"))
        .group_by(col(StockMovement.variant_id))
        .subquery("ledger")
    )


def has_movements(session: Session, kind: str | None = None) -> bool:
    """True when the stock ledger holds any movement (of `kind`, when given)."""
    query = select(col(StockMovement.id))
    if kind is not None:
        query = query.where(col(StockMovement.kind) == kind)
    return session.scalar(query.limit(1)) is not None


def skus(*columns: Any) -> Select[Any]:
    """SKU rows (sku, product, variant, then `columns`) joined to their product."""
    return (
        select(
            col(Variant.sku).label("sku"),
            col(Product.title).label("product"),
            col(Variant.title).label("variant"),
            *columns,
        )
        .select_from(Variant)
        .join(Product, col(Product.id) == col(Variant.product_id))
    )


def below_reorder_point(default_point: int) -> Select[Any]:
    """Active SKUs whose on-hand plus incoming units is at or below their reorder point.

    The reorder point is the SKU's own, else `default_point` (rules.low_stock_default).
    Columns: sku, product, variant, on_hand, incoming, reorder_point, supplier,
    lead_time_days, and `headroom` (on_hand + incoming - reorder_point; most urgent lowest).
    """
    incoming = incoming_units()
    point = func.coalesce(col(Variant.reorder_point), default_point)
    position = col(Variant.on_hand) + func.coalesce(incoming.c.units, 0)
    return (
        skus(
            col(Variant.on_hand).label("on_hand"),
            func.coalesce(incoming.c.units, 0).label("incoming"),
            point.label("reorder_point"),
            col(Supplier.name).label("supplier"),
            col(Supplier.lead_time_days).label("lead_time_days"),
            (position - point).label("headroom"),
        )
        .outerjoin(incoming, incoming.c.variant_id == col(Variant.id))
        .outerjoin(Supplier, col(Supplier.id) == col(Variant.supplier_id))
        .where(active_product(), position <= point)
    )


def stockout_risk(start: datetime, end: datetime, days: int, default_lead_days: int) -> Select[Any]:
    """Active SKUs whose projected stock covers fewer days than their supplier's lead time.

    Demand is the average daily units sold over [start, end), `days` long. Projected stock is
    on hand + incoming - committed. A SKU is at risk when projected < demand x lead time
    (compared as integers: projected x days < units sold x lead days), so a reorder placed
    today would arrive after it sells out. Lead time is the supplier's, else
    `default_lead_days`. Columns: sku, product, variant, supplier, on_hand, incoming,
    committed, sold, lead_time_days, and `cover_days` (projected days of stock, least first).
    """
    sold, incoming, committed = units_sold(start, end), incoming_units(), committed_units()
    projected = (
        col(Variant.on_hand)
        + func.coalesce(incoming.c.units, 0)
        - func.coalesce(committed.c.units, 0)
    )
    lead = func.coalesce(col(Supplier.lead_time_days), default_lead_days)
    return (
        skus(
            col(Supplier.name).label("supplier"),
            col(Variant.on_hand).label("on_hand"),
            func.coalesce(incoming.c.units, 0).label("incoming"),
            func.coalesce(committed.c.units, 0).label("committed"),
            sold.c.units.label("sold"),
            lead.label("lead_time_days"),
            (projected * literal(float(days)) / sold.c.units).label("cover_days"),
        )
        .join(sold, sold.c.variant_id == col(Variant.id))
        .outerjoin(incoming, incoming.c.variant_id == col(Variant.id))
        .outerjoin(committed, committed.c.variant_id == col(Variant.id))
        .outerjoin(Supplier, col(Supplier.id) == col(Variant.supplier_id))
        .where(active_product(), sold.c.units > 0, projected * days < sold.c.units * lead)
    )


def ledger_differences() -> Select[Any]:
    """SKUs whose on-hand is not the sum of their stock movements (no movements: zero).

    Columns: sku, product, variant, on_hand, ledger, difference (on_hand - ledger), and
    `gap` (the difference's size, largest first).
    """
    ledger = ledger_balances()
    balance = func.coalesce(ledger.c.balance, 0)
    difference = col(Variant.on_hand) - balance
    return (
        skus(
            col(Variant.on_hand).label("on_hand"),
            balance.label("ledger"),
            difference.label("difference"),
            func.abs(difference).label("gap"),
        )
        .outerjoin(ledger, ledger.c.variant_id == col(Variant.id))
        .where(col(Variant.on_hand) != balance)
    )


def sold_out_products() -> Select[Any]:
    """Active products with every variant out of stock and none on the continue policy.

    Such a product page offers nothing to buy and no pre-order. Columns: handle, product,
    variants, and on_order (units on open purchase orders across its variants).
    """
    incoming = incoming_units()
    on_order = func.coalesce(func.sum(incoming.c.units), 0)
    continuing = case((col(Variant.inventory_policy) == "continue", 1), else_=0)
    return (
        select(
            col(Product.handle).label("handle"),
            col(Product.title).label("product"),
            func.count().label("variants"),
            on_order.label("on_order"),
        )
        .select_from(Product)
        .join(Variant, col(Variant.product_id) == col(Product.id))
        .outerjoin(incoming, incoming.c.variant_id == col(Variant.id))
        # Only products with a sold-out variant can be sold out: group those, not the catalog.
        .where(
            active_product(),
            col(Product.id).in_(select(col(Variant.product_id)).where(out_of_stock())),
        )
        .group_by(col(Product.id))
        .having(func.max(col(Variant.on_hand)) <= 0, func.sum(continuing) == 0)
    )


def overdue_purchase_orders(before: datetime) -> Select[Any]:
    """Open purchase orders expected before `before`, with what is still to arrive.

    Columns: purchase_order, supplier, expected_at, units and value (outstanding units at the
    line's unit cost).
    """
    outstanding = outstanding_units()
    return (
        select(
            col(PurchaseOrder.number).label("purchase_order"),
            col(Supplier.name).label("supplier"),
            col(PurchaseOrder.expected_at).label("expected_at"),
            func.coalesce(func.sum(outstanding), 0).label("units"),
            func.coalesce(func.sum(outstanding * col(PurchaseOrderLine.unit_cost)), 0).label(
                "value"
            ),
        )
        .select_from(PurchaseOrder)
        .join(Supplier, col(Supplier.id) == col(PurchaseOrder.supplier_id))
        .outerjoin(
            PurchaseOrderLine, col(PurchaseOrderLine.purchase_order_id) == col(PurchaseOrder.id)
        )
        .where(open_purchase_order(), col(PurchaseOrder.expected_at) < before)
        .group_by(col(PurchaseOrder.id))
    )


def purchase_orders_due(session: Session, start: datetime, end: datetime) -> int:
    """How many open purchase orders are expected in [start, end)."""
    expected = col(PurchaseOrder.expected_at)
    query = select(func.count()).where(open_purchase_order(), expected >= start, expected < end)
    return session.scalar(query) or 0


def slow_movers(since: datetime) -> Select[Any]:
    """Active SKUs with stock and no counted sale since `since`, of products older than that.

    A product created after `since` has not had the time to sell, so it is left out.
    Columns: id, sku, product, variant, on_hand, and value (on-hand units at cost).
    """
    return skus(
        col(Variant.id).label("id"),
        col(Variant.on_hand).label("on_hand"),
        shelf_value().label("value"),
    ).where(
        active_product(),
        col(Variant.on_hand) > 0,
        col(Product.created_at) < since,
        ~sold_since(since),
    )


def stock_summary(session: Session) -> StockSummary:
    """Active SKUs, those out of stock (and below zero), units on the shelf and their value."""
    on_hand = col(Variant.on_hand)
    row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((on_hand <= 0, 1), else_=0)), 0),
            func.coalesce(func.sum(case((on_hand < 0, 1), else_=0)), 0),
            func.coalesce(func.sum(case((on_hand > 0, on_hand), else_=0)), 0),
            func.coalesce(func.sum(shelf_value()), 0),
        )
        .select_from(Variant)
        .join(Product, col(Product.id) == col(Variant.product_id))
        .where(active_product())
    ).one()
    return StockSummary(int(row[0]), int(row[1]), int(row[2]), int(row[3]), as_money(row[4]))


def as_money(value: Any) -> Decimal:
    """A SQL sum of money (Decimal, float or None) as Decimal cents."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def _aware(moment: Any) -> datetime:
    """max() of a timestamp comes back as naive text on SQLite; make it an aware datetime."""
    from datetime import UTC

    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    assert isinstance(value, datetime)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
