"""Financial planning checks: margins, cash flow, vendor bills and the budget.

Split from `checks.finance` (which imports this module so its check types register) to keep
modules small: these checks look at money going out and ahead, that one at money coming in.
The definitions behind the numbers live in `metrics.finance`.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Literal

from sqlalchemy import and_, case, func, select

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import age, money, percent, plural
from storeops.metrics import finance
from storeops.tables import Product, Variant, VendorInvoice


@register
class ThinMargins(Check[NoParams]):
    """SKUs on sale whose gross margin is under the target, CRIT when any sells below cost.

    Variants of active products offered on the storefront, with a known cost and a price,
    against `rules.target_margin_pct` (see `metrics.finance.below_margin`). Selling below
    cost loses money on every sale, so that makes the result CRIT whatever the count.
    """

    type = "finance.thin_margins"
    title = "SKUs below the target margin"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        target = ctx.settings.rules.target_margin_pct
        thin = finance.below_margin(target)
        on_sale = and_(Product.status == "active", Variant.available.is_(True))
        joined = select(Variant.__table__).join(Product.__table__, Product.id == Variant.product_id)
        # The capped detail rows carry the totals (window aggregates): one pass over the SKUs.
        rows = ctx.session.execute(
            joined.with_only_columns(
                Variant.sku,
                Product.title,
                Variant.price,
                Variant.cost,
                func.count().over(),
                func.sum(case((Variant.price < Variant.cost, 1), else_=0)).over(),
            )
            .where(on_sale, thin)
            .order_by(finance.margin_column(), Variant.sku)
            .limit(MAX_DETAILS)
        ).all()
        if not rows:
            without_cost = (
                ctx.session.scalar(
                    joined.with_only_columns(func.count()).where(on_sale, Variant.cost.is_(None))
                )
                or 0
            )
            no_cost = f" ({plural(without_cost, 'SKU')} without a cost)" if without_cost else ""
            return Measurement(
                0, f"every costed SKU meets the {percent(target)} target margin{no_cost}"
            )
        count, below_cost = int(rows[0][4]), int(rows[0][5])
        details = [
            {
                "sku": sku,
                "product": title,
                "price": float(price),
                "cost": float(cost),
                "margin_pct": round(finance.margin_pct(price, cost) or 0.0, 1),
            }
            for sku, title, price, cost, *_ in rows
        ]
        worst = details[0]
        loss = f", {below_cost:,} below cost" if below_cost else ""
        summary = (
            f"{plural(count, 'SKU')} under the {percent(target)} target margin{loss}"
            f" (lowest {worst['sku']} at {worst['margin_pct']:g}%):"
            f" reprice or drop {'it' if count == 1 else 'them'}"
        )
        return Measurement(count, summary, details, level=Level.CRIT if below_cost else None)


INFLOW = {
    "payouts": "payouts at the recent pace",
    "sales": "sales at the recent pace, less refunds and fees (no payouts recorded)",
}


class CashFlowParams(Params):
    """How far ahead to project, and how many past days set the pace."""

    horizon: Duration = timedelta(days=30)
    lookback: Duration = timedelta(days=30)


@register
class CashFlow(Check[CashFlowParams]):
    """Projected money in less money out over the next 30 days; WARN at zero or below.

    In: the last 30 days' payouts (or, with none recorded, net sales less processor fees) at
    the same daily pace. Out: open vendor invoices due in the next 30 days (overdue ones
    included) and expenses at the last 30 days' pace. See `metrics.finance.cash_flow` for
    what is and is not included.
    """

    type = "finance.cash_flow"
    title = "Cash flow over the next 30 days"
    params = CashFlowParams
    default_warn = 0
    default_crit = None
    worse = "lower"

    def measure(self, ctx: CheckContext, params: CashFlowParams) -> Measurement:
        flow = finance.cash_flow(
            ctx.session, ctx.today, ctx.zone, params.horizon.days, params.lookback.days
        )
        horizon = age(params.horizon)
        if not flow.has_data:
            return Measurement(
                None,
                f"no sales, expenses or invoices in the last {age(params.lookback)} to project"
                " cash flow from: import orders and record expenses",
            )
        currency = ctx.settings.store.currency

        def about(amount: Decimal) -> str:  # a projection: whole units read better
            return money(amount.quantize(Decimal(1)), currency)

        out = flow.invoices_out + flow.expenses_out
        summary = (
            f"next {horizon}: about {about(flow.sales_in)} in, {about(out)} out"
            f" ({about(flow.invoices_out)} invoices due,"
            f" {about(flow.expenses_out)} expenses at the recent pace)"
        )
        if flow.net < 0:
            summary += f": short by {about(-flow.net)}, plan how to cover it"
        else:
            summary += f": {about(flow.net)} to spare"
        details = [
            {"flow": INFLOW[flow.sales_source], "amount": float(flow.sales_in)},
            {"flow": "vendor invoices due", "amount": -float(flow.invoices_out)},
            {"flow": "expenses at the recent pace", "amount": -float(flow.expenses_out)},
            {"flow": "projected net", "amount": float(flow.net)},
        ]
        shortfall = -flow.net if flow.net < 0 else None
        return Measurement(float(flow.net), summary, details, shortfall)


class InvoiceParams(Params):
    """How many days ahead an open invoice counts as due soon."""

    within: Duration = timedelta(days=7)


@register
class InvoicesDue(Check[InvoiceParams]):
    """Open vendor invoices past their due date; the summary also names those due soon.

    The value counts overdue invoices (due before today); invoices due from today to
    `within` days ahead are mentioned and listed so payment can be scheduled in time.
    """

    type = "finance.invoices_due"
    title = "Vendor invoices overdue or due soon"
    params = InvoiceParams
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: InvoiceParams) -> Measurement:
        condition = finance.open_invoices_due_by(ctx.today + timedelta(days=params.within.days))
        overdue = VendorInvoice.due_on < ctx.today
        owed = finance.invoice_outstanding()
        late, late_amount, soon, soon_amount = ctx.session.execute(
            select(
                func.sum(case((overdue, 1), else_=0)),
                func.sum(case((overdue, owed), else_=0)),
                func.sum(case((overdue, 0), else_=1)),
                func.sum(case((overdue, 0), else_=owed)),
            ).where(condition)
        ).one()
        late, soon = int(late or 0), int(soon or 0)
        late_money, soon_money = finance.as_money(late_amount), finance.as_money(soon_amount)
        currency = ctx.settings.store.currency
        within = age(params.within)
        soon_text = (
            f"{plural(soon, 'invoice')} due within {within} ({money(soon_money, currency)})"
            if soon
            else f"none due within {within}"
        )
        if not late and not soon:
            return Measurement(0, f"no vendor invoice overdue or due within {within}")
        if not late:
            return Measurement(0, f"no overdue vendor invoices; {soon_text}: schedule payment")
        summary = (
            f"{plural(late, 'vendor invoice')} overdue, {money(late_money, currency)};"
            f" {soon_text}: pay the overdue {'one' if late == 1 else 'ones'} first"
        )
        rows = ctx.session.execute(
            select(VendorInvoice.__table__, owed.label("owed"))
            .where(condition)
            .order_by(VendorInvoice.due_on, VendorInvoice.id)
            .limit(MAX_DETAILS)
        ).all()
        details = [
            {
                "vendor": invoice.vendor,
                "invoice": invoice.number,
                "due_on": invoice.due_on.isoformat(),
                "days_overdue": (ctx.today - invoice.due_on).days,
                "owed": float(finance.as_money(invoice.owed)),
            }
            for invoice in rows
        ]
        return Measurement(late, summary, details, late_money)


class BudgetParams(Params):
    """Which month to compare with its budget: the store's current month or the last one."""

    month: Literal["current", "last"] = "current"


@register
class BudgetVsActual(Check[BudgetParams]):
    """Budget categories whose spend this month is over budget.

    Actual spend per category is the month's expenses; for `advertising` with no expenses
    entered yet, the month's campaign spend stands in (see `metrics.finance.budget_vs_actual`).
    With `month: last`, last month is judged instead (for the monthly budget review).
    """

    type = "finance.budget_vs_actual"
    title = "Spending over budget"
    params = BudgetParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: BudgetParams) -> Measurement:
        month = ctx.today.replace(day=1)
        if params.month == "last":
            month = (month - timedelta(days=1)).replace(day=1)
        lines = finance.budget_vs_actual(ctx.session, month)
        name = f"{month:%B %Y}"
        if not lines:
            return Measurement(
                None, f"no budget for {name}: add the month's budgets per category to judge spend"
            )
        currency = ctx.settings.store.currency
        over = [line for line in lines if line.actual > line.budget]
        details = [
            {
                "category": line.category,
                "budget": float(line.budget),
                "actual": float(line.actual),
                "used_pct": round(line.used_pct, 1),
                "source": line.source,
            }
            for line in lines
        ]
        top = lines[0]
        if not over:
            return Measurement(
                0,
                f"all {plural(len(lines), 'budget category', 'budget categories')} within budget"
                f" for {name} (highest {top.category} at {percent(top.used_pct)})",
                details,
            )
        named = ", ".join(
            f"{line.category} {percent(line.used_pct)}"
            f" ({money(line.actual, currency)} of {money(line.budget, currency)})"
            for line in over[:3]
        )
        overspend = sum((line.over for line in over), Decimal(0))
        summary = (
            f"{len(over)} of {plural(len(lines), 'budget category', 'budget categories')} over"
            f" for {name}: {named}; move money or cut spend"
        )
        return Measurement(len(over), summary, details, overspend)
