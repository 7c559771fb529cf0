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

from storeops.metrics import demand, sales
from storeops.metrics.plain.operations import StockSummary as StockSummary
from storeops.tables import (
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
    from storeops.db import Executor

# Orders whose lines still hold stock back from sale: not shipped yet, or held.
COMMITTING_FULFILLMENT = ("unfulfilled", "partial", "on_hold")


def active_product() -> ColumnElement[bool]:
    """Products offered for sale (join `products` to use it)."""
    return Product.status == "active"


def out_of_stock() -> ColumnElement[bool]:
    """SKUs with nothing on the shelf: zero or less on hand."""
    return Variant.on_hand <= 0


def unit_cost() -> ColumnElement[Any]:
    """A SKU's unit cost, zero when unknown (so sums of value stay defined)."""
    return func.coalesce(Variant.cost, 0)


def shelf_value() -> ColumnElement[Any]:
    """A SKU's on-hand units at cost, counting only units actually on the shelf."""
    return case((Variant.on_hand > 0, Variant.on_hand), else_=0) * unit_cost()


def outstanding_units() -> ColumnElement[Any]:
    """A purchase-order line's units still to arrive (never negative when over-received)."""
    ordered, received = (
        PurchaseOrderLine.quantity_ordered,
        PurchaseOrderLine.quantity_received,
    )
    return case((ordered > received, ordered - received), else_=0)


def open_purchase_order() -> ColumnElement[bool]:
    """Purchase orders still expecting stock."""
    return PurchaseOrder.status.in_(OPEN_PO_STATUSES)


def incoming_units() -> Subquery:
    """Per SKU (`variant_id`, `units`): units on open purchase orders not yet received."""
    # Driven from the few open orders (the status index), not from every line: joining
    # lines to orders let SQLite walk all lines in variant order to skip a sort, 30x slower.
    open_orders = select(PurchaseOrder.id).where(open_purchase_order())
    return (
        select(PurchaseOrderLine.variant_id.label("variant_id"))
        .add_columns(func.sum(outstanding_units()).label("units"))
        .where(PurchaseOrderLine.purchase_order_id.in_(open_orders))
        .group_by(PurchaseOrderLine.variant_id)
        .subquery("incoming")
    )


def committed_units() -> Subquery:
    """Per SKU (`variant_id`, `units`): units on open orders not yet fulfilled."""
    remaining = OrderLine.quantity - OrderLine.fulfilled_quantity
    return (
        select(OrderLine.variant_id.label("variant_id"))
        .add_columns(func.sum(remaining).label("units"))
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            sales.counted(),
            Order.fulfillment_status.in_(COMMITTING_FULFILLMENT),
            OrderLine.variant_id.is_not(None),
            remaining > 0,
        )
        .group_by(OrderLine.variant_id)
        .subquery("committed")
    )


def units_sold(start: datetime, end: datetime) -> Subquery:
    """Per SKU (`variant_id`, `units`): units on counted orders placed in [start, end)."""
    return demand.units_sold(start, end)


def sold_since(start: datetime) -> ColumnElement[bool]:
    """SKUs (rows of `variants`) with at least one counted order placed at or after `start`."""
    return demand.sold_since(start)


def last_sold(session: Executor, variant_ids: list[int]) -> dict[int, datetime]:
    """When each of `variant_ids` last appeared on a counted order (absent: never sold)."""
    if not variant_ids:
        return {}
    rows = session.execute(
        select(OrderLine.variant_id, func.max(Order.created_at))
        .join(Order, Order.id == OrderLine.order_id)
        .where(OrderLine.variant_id.in_(variant_ids), sales.counted())
        .group_by(OrderLine.variant_id)
    ).all()
    return {
        variant_id: _aware(moment)
        for variant_id, moment in rows
        if variant_id is not None and moment is not None
    }


def ledger_balances() -> Subquery:
    """Per SKU (`variant_id`, `balance`): the sum of its stock movements."""
    return (
        select(StockMovement.variant_id.label("variant_id"))
        .add_columns(func.sum(StockMovement.quantity).label("balance"))
        .group_by(StockMovement.variant_id)
        .subquery("ledger")
    )


def has_movements(session: Executor, kind: str | None = None) -> bool:
    """True when the stock ledger holds any movement (of `kind`, when given)."""
    query = select(StockMovement.id)
    if kind is not None:
        query = query.where(StockMovement.kind == kind)
    return session.scalar(query.limit(1)) is not None


def skus(*columns: Any) -> Select[Any]:
    """SKU rows (sku, product, variant, then `columns`) joined to their product."""
    return (
        select(
            Variant.sku.label("sku"),
            Product.title.label("product"),
            Variant.title.label("variant"),
            *columns,
        )
        .select_from(Variant)
        .join(Product, Product.id == Variant.product_id)
    )


def below_reorder_point(default_point: int) -> Select[Any]:
    """Active SKUs whose on-hand plus incoming units is at or below their reorder point.

    The reorder point is the SKU's own, else `default_point` (rules.low_stock_default).
    Columns: sku, product, variant, on_hand, incoming, reorder_point, supplier,
    lead_time_days, and `headroom` (on_hand + incoming - reorder_point; most urgent lowest).
    """
    incoming = incoming_units()
    point = func.coalesce(Variant.reorder_point, default_point)
    position = Variant.on_hand + func.coalesce(incoming.c.units, 0)
    return (
        skus(
            Variant.on_hand.label("on_hand"),
            func.coalesce(incoming.c.units, 0).label("incoming"),
            point.label("reorder_point"),
            Supplier.name.label("supplier"),
            Supplier.lead_time_days.label("lead_time_days"),
            (position - point).label("headroom"),
        )
        .outerjoin(incoming, incoming.c.variant_id == Variant.id)
        .outerjoin(Supplier, Supplier.id == Variant.supplier_id)
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
        Variant.on_hand + func.coalesce(incoming.c.units, 0) - func.coalesce(committed.c.units, 0)
    )
    lead = func.coalesce(Supplier.lead_time_days, default_lead_days)
    return (
        skus(
            Supplier.name.label("supplier"),
            Variant.on_hand.label("on_hand"),
            func.coalesce(incoming.c.units, 0).label("incoming"),
            func.coalesce(committed.c.units, 0).label("committed"),
            sold.c.units.label("sold"),
            lead.label("lead_time_days"),
            (projected * literal(float(days)) / sold.c.units).label("cover_days"),
        )
        .join(sold, sold.c.variant_id == Variant.id)
        .outerjoin(incoming, incoming.c.variant_id == Variant.id)
        .outerjoin(committed, committed.c.variant_id == Variant.id)
        .outerjoin(Supplier, Supplier.id == Variant.supplier_id)
        .where(active_product(), sold.c.units > 0, projected * days < sold.c.units * lead)
    )


def ledger_differences() -> Select[Any]:
    """SKUs whose on-hand is not the sum of their stock movements (no movements: zero).

    Columns: sku, product, variant, on_hand, ledger, difference (on_hand - ledger), and
    `gap` (the difference's size, largest first).
    """
    ledger = ledger_balances()
    balance = func.coalesce(ledger.c.balance, 0)
    difference = Variant.on_hand - balance
    return (
        skus(
            Variant.on_hand.label("on_hand"),
            balance.label("ledger"),
            difference.label("difference"),
            func.abs(difference).label("gap"),
        )
        .outerjoin(ledger, ledger.c.variant_id == Variant.id)
        .where(Variant.on_hand != balance)
    )


def sold_out_products() -> Select[Any]:
    """Active products with every variant out of stock and none on the continue policy.

    Such a product page offers nothing to buy and no pre-order. Columns: handle, product,
    variants, and on_order (units on open purchase orders across its variants).
    """
    incoming = incoming_units()
    on_order = func.coalesce(func.sum(incoming.c.units), 0)
    continuing = case((Variant.inventory_policy == "continue", 1), else_=0)
    return (
        select(
            Product.handle.label("handle"),
            Product.title.label("product"),
            func.count().label("variants"),
            on_order.label("on_order"),
        )
        .select_from(Product)
        .join(Variant, Variant.product_id == Product.id)
        .outerjoin(incoming, incoming.c.variant_id == Variant.id)
        # Only products with a sold-out variant can be sold out: group those, not the catalog.
        .where(
            active_product(),
            Product.id.in_(select(Variant.product_id).where(out_of_stock())),
        )
        .group_by(Product.id)
        .having(func.max(Variant.on_hand) <= 0, func.sum(continuing) == 0)
    )


def overdue_purchase_orders(before: datetime) -> Select[Any]:
    """Open purchase orders expected before `before`, with what is still to arrive.

    Columns: purchase_order, supplier, expected_at, units and value (outstanding units at the
    line's unit cost).
    """
    outstanding = outstanding_units()
    return (
        select(
            PurchaseOrder.number.label("purchase_order"),
            Supplier.name.label("supplier"),
            PurchaseOrder.expected_at.label("expected_at"),
            func.coalesce(func.sum(outstanding), 0).label("units"),
            func.coalesce(func.sum(outstanding * PurchaseOrderLine.unit_cost), 0).label("value"),
        )
        .select_from(PurchaseOrder)
        .join(Supplier, Supplier.id == PurchaseOrder.supplier_id)
        .outerjoin(PurchaseOrderLine, PurchaseOrderLine.purchase_order_id == PurchaseOrder.id)
        .where(open_purchase_order(), PurchaseOrder.expected_at < before)
        .group_by(PurchaseOrder.id)
    )


def purchase_orders_due(session: Executor, start: datetime, end: datetime) -> int:
    """How many open purchase orders are expected in [start, end)."""
    expected = PurchaseOrder.expected_at
    query = select(func.count()).where(open_purchase_order(), expected >= start, expected < end)
    return session.scalar(query) or 0


def slow_movers(since: datetime) -> Select[Any]:
    """Active SKUs with stock and no counted sale since `since`, of products older than that.

    A product created after `since` has not had the time to sell, so it is left out.
    Columns: id, sku, product, variant, on_hand, and value (on-hand units at cost).
    """
    return skus(
        Variant.id.label("id"),
        Variant.on_hand.label("on_hand"),
        shelf_value().label("value"),
    ).where(
        active_product(),
        Variant.on_hand > 0,
        Product.created_at < since,
        ~sold_since(since),
    )


def stock_summary(session: Executor) -> StockSummary:
    """Active SKUs, those out of stock (and below zero), units on the shelf and their value."""
    on_hand = Variant.on_hand
    row = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((on_hand <= 0, 1), else_=0)), 0),
            func.coalesce(func.sum(case((on_hand < 0, 1), else_=0)), 0),
            func.coalesce(func.sum(case((on_hand > 0, on_hand), else_=0)), 0),
            func.coalesce(func.sum(shelf_value()), 0),
        )
        .select_from(Variant)
        .join(Product, Product.id == Variant.product_id)
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
