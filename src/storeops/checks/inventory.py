"""Inventory checks: stock levels, reordering, the stock ledger, availability, slow movers.

The numbers (incoming, committed, units sold, stock value, the ledger balance) are defined
once in `metrics.inventory`; each check here picks the SKUs that need a person. Where a check
lists rows and totals them, one statement does both: `COUNT(*) OVER ()` and `SUM(...) OVER ()`
ride along the capped detail rows, so the grouped subqueries over millions of order lines or
stock movements run once per check.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import Field
from sqlalchemy import Select, and_, case, func

from storeops.checks.base import Check, CheckContext, Measurement, NoParams, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import age, money, plural
from storeops.metrics import fulfillment, inventory, periods, sales
from storeops.tables import Variant


def ranked(
    ctx: CheckContext, query: Select[Any], *order_by: Any, totals: tuple[Any, ...] = ()
) -> tuple[list[dict[str, Any]], int, list[Any]]:
    """The first MAX_DETAILS rows of `query` in order, how many rows it has, and `totals`."""
    windowed = query.add_columns(
        func.count().over().label("_count"),
        *(func.sum(total).over().label(f"_total{i}") for i, total in enumerate(totals)),
    )
    result = ctx.session.execute(windowed.order_by(*order_by).limit(MAX_DETAILS))
    rows = [dict(row._mapping) for row in result]
    if not rows:
        return [], 0, [0] * len(totals)
    sums = [rows[0][f"_total{i}"] or 0 for i in range(len(totals))]
    details = [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]
    return details, int(rows[0]["_count"]), sums


def _flag(condition: Any) -> Any:
    """1 where `condition` holds, else 0: a per-row term to total."""
    return case((condition, 1), else_=0)


@register
class StockSummary(Check[NoParams]):
    """Active SKUs at zero or below, with the value of the stock on the shelf at cost."""

    type = "inventory.stock_summary"
    title = "Stock levels"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        stock = inventory.stock_summary(ctx.session)
        if not stock.active_skus:
            return Measurement(None, "no active products in the catalog yet")
        worth = f"stock at cost {money(stock.value, ctx.settings.store.currency)}"
        if not stock.out_of_stock:
            every = (
                "the one active SKU is"
                if stock.active_skus == 1
                else f"all {stock.active_skus:,} active SKUs are"
            )
            return Measurement(0, f"{every} in stock; {worth}")
        query = inventory.skus(
            Variant.on_hand.label("on_hand"), Variant.available.label("available")
        )
        rows = ctx.session.execute(
            query.where(inventory.active_product(), inventory.out_of_stock())
            .order_by(Variant.on_hand, Variant.sku)
            .limit(MAX_DETAILS)
        )
        below = f" ({stock.below_zero} below zero)" if stock.below_zero else ""
        return Measurement(
            stock.out_of_stock,
            f"{stock.out_of_stock:,} of {plural(stock.active_skus, 'active SKU')} out of stock"
            f"{below}; {worth}",
            [dict(row._mapping) for row in rows],
        )


@register
class LowStock(Check[NoParams]):
    """Active SKUs whose stock plus what is on order is at or below the reorder point.

    The reorder point is the SKU's own, else rules.low_stock_default. Units on open purchase
    orders count, so a SKU already reordered drops off the list.
    """

    type = "inventory.low_stock"
    title = "SKUs at their reorder point"
    default_warn = 1
    default_crit = 25

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        query = inventory.below_reorder_point(ctx.settings.rules.low_stock_default)
        c = query.selected_columns
        rows, count, (out,) = ranked(
            ctx, query, c.headroom, c.sku, totals=(_flag(Variant.on_hand <= 0),)
        )
        if not count:
            return Measurement(0, "no SKU is at or below its reorder point")
        for row in rows:
            del row["headroom"]
        return Measurement(
            count,
            f"{plural(count, 'SKU')} at or below the reorder point ({int(out)} out of stock),"
            " counting stock on order: raise purchase orders",
            rows,
        )


@register
class LedgerMismatch(Check[NoParams]):
    """SKUs whose on-hand differs from the sum of their stock movements: unexplained changes.

    Each difference is stock that moved without a receipt, sale, return, damage, count or
    adjustment to explain it. Money is the difference's value at cost, whichever way it goes.
    """

    type = "inventory.ledger_mismatch"
    title = "On-hand out of step with the stock ledger"
    default_warn = 1
    default_crit = 50

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        if not inventory.has_movements(ctx.session):
            return Measurement(None, "no stock movements recorded yet: no ledger to reconcile")
        query = inventory.ledger_differences()
        gap = query.selected_columns.gap
        rows, count, (units, value) = ranked(
            ctx, query, gap.desc(), Variant.sku, totals=(gap, gap * inventory.unit_cost())
        )
        for row in rows:
            del row["gap"]
        if not count:
            return Measurement(0, "on-hand matches the stock ledger for every SKU")
        worth = inventory.as_money(value)
        return Measurement(
            count,
            f"{plural(count, 'SKU')} off the stock ledger by {plural(int(units), 'unit')}"
            f" ({money(worth, ctx.settings.store.currency)} at cost): count them and post"
            " adjustments with a reason",
            rows,
            worth,
        )


class WindowParams(Params):
    """How far back to look."""

    window: Duration = timedelta(days=1)


@register
class SalesUnrecorded(Check[WindowParams]):
    """Order lines shipped in the window without a matching sale movement in the stock ledger.

    A line matches when `sale` movements of its SKU referencing its order number account for
    every fulfilled unit; a shortfall means stock was never deducted (a manual order, a bundle,
    a label bought outside the admin) and on-hand now overstates the shelf.
    """

    type = "inventory.sales_unrecorded"
    title = "Shipped units not deducted from stock"
    params = WindowParams
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: WindowParams) -> Measurement:
        if not inventory.has_movements(ctx.session, "sale"):
            return Measurement(
                None, "no sale movements in the stock ledger: nothing to match shipments against"
            )
        query = fulfillment.undeducted_lines(ctx.now - params.window, ctx.now)
        c = query.selected_columns
        rows, count, (units,) = ranked(ctx, query, c.order, c.sku, totals=(c.missing,))
        window = age(params.window)
        if not count:
            return Measurement(
                0, f"every unit shipped in the last {window} was deducted from stock"
            )
        return Measurement(
            count,
            f"{plural(count, 'shipped order line')} ({plural(int(units), 'unit')}) in the last"
            f" {window} never deducted from stock: record the sales",
            rows,
        )


@register
class PurchaseOrdersOverdue(Check[NoParams]):
    """Open purchase orders expected on an earlier day and not fully received; today's too.

    The value counts the overdue ones: either the delivery arrived and was never received in
    the system, or the supplier is late. Orders due today are mentioned, not counted.
    """

    type = "inventory.po_overdue"
    title = "Purchase orders overdue"
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        today = periods.day(ctx.today, ctx.zone)
        due_today = inventory.purchase_orders_due(ctx.session, today.start, today.end)
        query = inventory.overdue_purchase_orders(today.start)
        c = query.selected_columns
        rows, count, (units, value) = ranked(
            ctx, query, c.expected_at, c.purchase_order, totals=(c.units, c.value)
        )
        later = f"; {due_today} more due today" if due_today else ""
        if not count:
            if due_today:
                return Measurement(0, f"no purchase order overdue; {due_today} due today")
            return Measurement(0, "no purchase order is overdue or due today")
        for row in rows:
            row["days_late"] = (ctx.today - row["expected_at"].astimezone(ctx.zone).date()).days
            row["expected_at"] = row["expected_at"].isoformat()
            row["value"] = float(row["value"])
        worth = inventory.as_money(value)
        oldest = plural(rows[0]["days_late"], "day")
        return Measurement(
            count,
            f"{plural(count, 'purchase order')} overdue, oldest {oldest} late,"
            f" {plural(int(units), 'unit')} ({money(worth, ctx.settings.store.currency)}) still"
            f" to arrive{later}: receive what arrived, chase the rest",
            rows,
            worth,
        )


@register
class SoldOutButAvailable(Check[NoParams]):
    """Sold-out SKUs the storefront still offers as available.

    Active products' variants marked available, with the deny policy (no selling without
    stock) and nothing on hand: the status on the site is out of step with the shelf.
    Variants on the continue policy are on purpose (pre-order, backorder) and not counted.
    """

    type = "inventory.sold_out_but_available"
    title = "Sold-out SKUs shown as available"
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(
            inventory.active_product(),
            Variant.available.is_(True),
            Variant.inventory_policy == "deny",
            inventory.out_of_stock(),
        )
        query = inventory.skus(Variant.on_hand.label("on_hand")).where(condition)
        rows, count, _ = ranked(ctx, query, Variant.on_hand, Variant.sku)
        if not count:
            return Measurement(0, "no sold-out SKU shows as available")
        return Measurement(
            count,
            f"{plural(count, 'sold-out SKU')} still shown as available on the storefront:"
            " mark them sold out",
            rows,
        )


@register
class SoldOutListings(Check[NoParams]):
    """Active products with every variant sold out, still listed and not on pre-order.

    The availability check looks at each SKU's status; this one at what a shopper meets: a
    product page where nothing can be bought. It counts products, not SKUs, and a product
    is dealt with once it is hidden (draft/archived) or on pre-order (any variant on the
    continue policy). Stock on order is shown so the owner can add a back-in-stock date.
    """

    type = "inventory.sold_out_listings"
    title = "Sold-out products still listed"
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        query = inventory.sold_out_products()
        c = query.selected_columns
        rows, count, (restocking,) = ranked(
            ctx, query, c.product, c.handle, totals=(_flag(c.on_order > 0),)
        )
        if not count:
            return Measurement(0, "no sold-out product is left listed without pre-order")
        return Measurement(
            count,
            f"{plural(count, 'sold-out product')} still listed without pre-order"
            f" ({int(restocking)} with stock on order): hide them, offer pre-order or add a"
            " back-in-stock date",
            rows,
        )


@register
class DamagedStock(Check[NoParams]):
    """Units set aside as damaged or defective, waiting for a decision (value at cost)."""

    type = "inventory.damaged"
    title = "Damaged stock awaiting a decision"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        damaged = Variant.damaged
        value = damaged * inventory.unit_cost()
        query = inventory.skus(damaged.label("damaged"), value.label("value")).where(damaged > 0)
        rows, skus, (units, worth) = ranked(
            ctx, query, value.desc(), Variant.sku, totals=(damaged, value)
        )
        if not skus:
            return Measurement(0, "no damaged stock waiting for a decision")
        total = inventory.as_money(worth)
        for row in rows:
            row["value"] = float(row["value"])
        return Measurement(
            int(units),
            f"{plural(int(units), 'damaged unit')} across {plural(skus, 'SKU')},"
            f" {money(total, ctx.settings.store.currency)} at cost: write off, repair or return"
            " them to the supplier",
            rows,
            total,
        )


class ForecastParams(Params):
    """How many days of sales make the demand, and the lead time when a SKU has no supplier."""

    days: int = Field(default=30, ge=7, le=365)
    default_lead_time_days: int = Field(default=7, ge=1)


@register
class StockoutForecast(Check[ForecastParams]):
    """SKUs that will sell out before a reorder placed today could arrive.

    Projected stock (on hand + incoming - committed) divided by the average daily units
    sold over the last `days` whole days gives days of cover; a SKU is at risk when that is
    less than its supplier's lead time. SKUs without sales in the period are not forecast.
    """

    type = "inventory.stockout_forecast"
    title = "SKUs to reorder before they sell out"
    params = ForecastParams
    default_warn = 1
    default_crit = 25

    def measure(self, ctx: CheckContext, params: ForecastParams) -> Measurement:
        period = periods.days(
            ctx.today - timedelta(days=params.days), ctx.today - timedelta(days=1), ctx.zone
        )
        query = inventory.stockout_risk(
            period.start, period.end, params.days, params.default_lead_time_days
        )
        c = query.selected_columns
        rows, count, (out,) = ranked(
            ctx, query, c.cover_days, c.sku, totals=(_flag(Variant.on_hand <= 0),)
        )
        if not count:
            if not sales.order_totals(ctx.session, period.start, period.end)[0]:
                return Measurement(
                    None, f"no sales in the last {params.days} days to plan purchases from"
                )
            return Measurement(0, "every selling SKU has stock for its supplier's lead time")
        for row in rows:
            row["daily_demand"] = round(row["sold"] / params.days, 2)
            row["cover_days"] = round(row["cover_days"], 1)
        return Measurement(
            count,
            f"{plural(count, 'SKU')} will sell out before a reorder could arrive"
            f" ({int(out)} already out of stock): plan purchase orders",
            rows,
        )


@register
class SlowMovers(Check[NoParams]):
    """SKUs with stock and no sale in rules.slow_mover_days days; money is their value at cost.

    Products newer than the period are left out: they have not had the time to sell.
    """

    type = "inventory.slow_movers"
    title = "Slow-moving stock"
    default_warn = 20  # a weekly review: a few slow movers are normal
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        days = ctx.settings.rules.slow_mover_days
        since = periods.local_midnight(ctx.today - timedelta(days=days), ctx.zone)
        query = inventory.slow_movers(since)
        value = query.selected_columns.value
        rows, count, (worth,) = ranked(ctx, query, value.desc(), Variant.sku, totals=(value,))
        if not count:
            return Measurement(0, f"every SKU in stock sold in the last {days} days")
        last = inventory.last_sold(ctx.session, [row["id"] for row in rows])
        for row in rows:
            sold = last.get(row.pop("id"))
            row["last_sold"] = sold.isoformat() if sold else None
            row["value"] = float(row["value"])
        total = inventory.as_money(worth)
        return Measurement(
            count,
            f"{plural(count, 'SKU')} in stock with no sale in {days} days,"
            f" {money(total, ctx.settings.store.currency)} at cost: discount, bundle or stop"
            " reordering them",
            rows,
            total,
        )
