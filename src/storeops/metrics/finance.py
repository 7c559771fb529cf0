"""Money definitions: captured payments, fee rates, margins, cash flow, invoices and budgets.

- Captured money is what the processor actually took: payments with status `success` and kind
  `sale` or `capture` (an authorisation alone is a promise, a refund goes the other way).
- An order reconciles when its captured money equals its total to the cent. Only orders that
  say they are paid (`paid`, `partially_refunded`) are expected to reconcile; a partial
  refund does not change what was captured, so the original total still applies.
- The effective fee rate of a processor is its fees over its captured money in a period.
- A variant's gross margin is (price - cost) / price: the cost of goods only, before shipping,
  fees and discounts, so it is the ceiling of what a sale can earn.
- The cash-flow projection repeats the last 30 days' payouts and expenses over the next 30
  days and adds the vendor invoices falling due; see `cash_flow`.

Every function aggregates in the database over date-filtered rows; cut-offs come in as bound
parameters computed by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, and_, case, func, select

from storeops.metrics import periods, sales
from storeops.metrics.plain.finance import ADVERTISING as ADVERTISING
from storeops.metrics.plain.finance import CAPTURED_KINDS as CAPTURED_KINDS
from storeops.metrics.plain.finance import CashMoves as CashMoves
from storeops.metrics.plain.finance import FeeRate as FeeRate
from storeops.metrics.plain.finance import GoodsCost as GoodsCost
from storeops.tables import (
    Budget,
    CampaignDay,
    Expense,
    Order,
    OrderLine,
    Payment,
    Payout,
    Shipment,
    Variant,
    VendorInvoice,
)

if TYPE_CHECKING:
    from storeops.db import Executor

# Orders that claim their money is in: these must match their captured payments.
RECONCILED_STATUSES = ("paid", "partially_refunded")
# Differences up to a cent are rounding, not a missing payment.
CENT = Decimal("0.01")


def as_money(value: Any) -> Decimal:
    """A database sum (int, float, str, Decimal or None) as Decimal cents."""
    return Decimal(str(value or 0)).quantize(CENT)


def captured() -> ColumnElement[bool]:
    """Payments that moved money to the store: successful sales and captures."""
    return and_(Payment.status == "success", Payment.kind.in_(CAPTURED_KINDS))


# -- reconciliation ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reconciliation:
    """Paid orders of a period whose captured money differs from their total."""

    count: int
    without_payment: int
    overcharged: int
    difference: Decimal  # the sum of the absolute differences
    orders: list[dict[str, Any]]  # the first `limit` of them, the largest difference first


def _problem(captured_amount: Decimal | None, total: Decimal) -> str:
    if captured_amount is None:
        return "no payment"
    return "overcharged" if captured_amount > total else "short"


def reconciliation(
    session: Executor, start: datetime, end: datetime | None = None, limit: int = 50
) -> Reconciliation:
    """Paid orders placed in [start, end) whose captured payments differ from the total.

    Each paid order of the period gets its captured payments summed; a difference of more
    than a cent is a mismatch. Orders with no successful payment at all count, with the
    whole total missing. Without `end`, every order placed since `start` counts, up to and
    including now. One statement returns the first `limit` mismatches with the totals over
    all of them (window aggregates), so the period is read once.
    """
    # A correlated sum per order walks the payments' order_id index for just the period's
    # orders. The equivalent LEFT JOIN on payments grouped by order makes SQLite scan the
    # whole order_id index (every payment ever) to avoid a sort: 10x slower on a big store.
    # Which payments count is decided inside the sum, not in the WHERE clause: with
    # `status = 'success'` there, SQLite without statistics (no ANALYZE yet) searches the
    # (status, created_at) index, i.e. every successful payment, once per order. A sum over
    # no captured payment is NULL: the order has no payment.
    money_in = (
        select(func.sum(case((captured(), Payment.amount))))
        .where(Payment.order_id == Order.id)
        .correlate(Order)
        .scalar_subquery()
    )
    placed = [Order.created_at >= start]
    if end is not None:
        placed.append(Order.created_at < end)
    orders = (
        select(
            Order.number,
            Order.created_at,
            Order.financial_status,
            Order.total,
            money_in.label("captured"),
        )
        .where(sales.counted(), *placed, Order.financial_status.in_(RECONCILED_STATUSES))
        .subquery()
    )
    difference = func.coalesce(orders.c.captured, 0) - orders.c.total
    rows = session.execute(
        select(
            orders,
            func.count().over(),
            func.sum(case((orders.c.captured.is_(None), 1), else_=0)).over(),
            func.sum(case((difference > 0, 1), else_=0)).over(),
            func.sum(func.abs(difference)).over(),
        )
        .where(func.round(func.abs(difference), 2) > CENT)
        .order_by(func.abs(difference).desc(), orders.c.created_at)
        .limit(max(limit, 1))
    ).all()
    if not rows:
        return Reconciliation(0, 0, 0, Decimal("0.00"), [])
    details = []
    for number, placed_at, status, total, got, *_ in rows[:limit]:
        amount_in = None if got is None else as_money(got)
        details.append(
            {
                "order": number,
                "placed": placed_at.isoformat(),
                "financial_status": status,
                "total": float(total),
                "captured": float(amount_in or 0),
                "difference": float((amount_in or 0) - as_money(total)),
                "problem": _problem(amount_in, as_money(total)),
            }
        )
    count, missing, over, apart = rows[0][5:]
    return Reconciliation(int(count), int(missing), int(over), as_money(apart), details)


# -- processor fees ---------------------------------------------------------------------------


def fee_rates(session: Executor, start: datetime, end: datetime) -> list[FeeRate]:
    """The effective fee rate per processor for payments captured in [start, end), worst first.

    The effective rate is sum(fee) / sum(amount) over successful sales and captures: what the
    processor kept of each dollar it collected, all fee types recorded on the payment included.
    """
    rows = session.execute(
        select(
            Payment.processor,
            func.count(),
            func.sum(Payment.amount),
            func.sum(Payment.fee),
        )
        .where(captured(), Payment.created_at >= start, Payment.created_at < end)
        .group_by(Payment.processor)
    ).all()
    rates = [
        FeeRate(name, int(n), as_money(amount), as_money(fee)) for name, n, amount, fee in rows
    ]
    return sorted(rates, key=lambda rate: (-rate.rate_pct, rate.processor))


# -- margins ----------------------------------------------------------------------------------


def margin_pct(price: Decimal, cost: Decimal | None) -> float | None:
    """Gross margin in percent: (price - cost) / price; None without a cost or a price."""
    if cost is None or not price:
        return None
    return float(100 * (price - cost) / price)


def has_margin() -> ColumnElement[bool]:
    """Variants whose margin can be worked out: a cost is known and the price is positive."""
    return and_(Variant.cost.is_not(None), Variant.price > 0)


def below_margin(target_pct: float) -> ColumnElement[bool]:
    """Variants whose gross margin is under `target_pct` (exactly on target is fine).

    Written without a division, (price - cost) * 100 < price * target, so a margin exactly on
    the target is not misjudged by floating point.
    """
    price, cost = Variant.price, Variant.cost
    return and_(has_margin(), (price - cost) * 100 < price * target_pct)


def margin_column() -> Any:
    """The gross margin as a SQL expression (a fraction), for ordering."""
    price = Variant.price
    return (price - Variant.cost) * 1.0 / price


# -- vendor invoices --------------------------------------------------------------------------


def invoice_outstanding() -> Any:
    """What is still owed on an invoice: its amount less what was already paid on it."""
    return VendorInvoice.amount - func.coalesce(VendorInvoice.paid_amount, 0)


def open_invoices_due_by(last_day: date) -> ColumnElement[bool]:
    """Open vendor invoices due on or before `last_day` (overdue ones included)."""
    return and_(VendorInvoice.status == "open", VendorInvoice.due_on <= last_day)


# -- cash flow --------------------------------------------------------------------------------


@dataclass(frozen=True)
class CashFlow:
    """A projection of the money in and out over the next `horizon_days`."""

    horizon_days: int
    lookback_days: int
    sales_in: Decimal  # payouts (or net sales less fees) at the recent daily rate
    invoices_out: Decimal  # open vendor invoices due in the horizon, overdue ones included
    expenses_out: Decimal  # expenses at the recent daily rate
    sales_source: str = "payouts"  # payouts | sales: where `sales_in` was measured

    @property
    def net(self) -> Decimal:
        """Projected money in less money out over the horizon."""
        return self.sales_in - self.invoices_out - self.expenses_out

    @property
    def has_data(self) -> bool:
        """Whether anything at all went into the projection."""
        return bool(self.sales_in or self.invoices_out or self.expenses_out)


def cash_flow(
    session: Executor, today: date, zone: tzinfo, horizon_days: int = 30, lookback_days: int = 30
) -> CashFlow:
    """Project cash over the next `horizon_days` from the last `lookback_days` complete days.

    - In: the processors' payouts (not failed) arriving over the lookback days, as a daily
      average times the horizon: the cash sales actually bring, after fees and refunds. A
      store that records no payouts gets net revenue (revenue less refunds) less processor
      fees instead, the same money before it is paid out.
    - Out: open vendor invoices due from today to the end of the horizon, overdue ones
      included (they must be paid too), plus the daily average of recorded expenses over the
      lookback days times the horizon.
    Not included: cash already in the bank and open purchase orders not yet invoiced; an
    invoice that is also entered as an expense counts twice, which errs on the safe side.
    """
    past = periods.days(today - timedelta(days=lookback_days), today - timedelta(days=1), zone)
    payouts, paid_out = session.execute(
        select(func.count(), func.sum(Payout.amount)).where(
            Payout.arrival_on >= past.first_day,
            Payout.arrival_on <= past.last_day,
            Payout.status != "failed",
        )
    ).one()
    source = "payouts" if payouts else "sales"
    if payouts:
        received = as_money(paid_out)
    else:
        fees = sum((rate.fees for rate in fee_rates(session, past.start, past.end)), Decimal(0))
        received = sales.net_revenue(session, past.start, past.end) - fees
    spent = as_money(
        session.execute(
            select(func.sum(Expense.amount)).where(
                Expense.incurred_on >= past.first_day,
                Expense.incurred_on <= past.last_day,
            )
        ).scalar_one()
    )
    due = as_money(
        session.execute(
            select(func.sum(invoice_outstanding())).where(
                open_invoices_due_by(today + timedelta(days=horizon_days - 1))
            )
        ).scalar_one()
    )
    scale = Decimal(horizon_days) / Decimal(lookback_days)
    return CashFlow(
        horizon_days,
        lookback_days,
        (received * scale).quantize(CENT),
        due,
        (spent * scale).quantize(CENT),
        source,
    )


# -- budgets ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    """One budget category of a month: planned, spent, and where the spend came from."""

    category: str
    budget: Decimal
    actual: Decimal
    source: str  # expenses | campaigns

    @property
    def used_pct(self) -> float:
        """Actual spend as a share of the budget, in percent (0 budget: 100% once spent)."""
        if self.budget:
            return float(100 * self.actual / self.budget)
        return 100.0 if self.actual else 0.0

    @property
    def over(self) -> Decimal:
        """How much the spend exceeds the budget (0 when within)."""
        return max(self.actual - self.budget, Decimal(0))


def month_bounds(day: date) -> tuple[date, date]:
    """The first and last day of the month `day` is in."""
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def budget_vs_actual(session: Executor, month: date) -> list[BudgetLine]:
    """Each budget category of `month` (its first day) against what was spent in the month.

    Actual spend is the month's expenses in the category (matched case-insensitively). The
    advertising category is the exception when it has no expense rows that month: ad
    platforms bill after the fact, so the month's campaign spend stands in for it until the
    bills are entered (never both, which would count the same money twice).
    """
    first, last = month_bounds(month)
    budgets = session.execute(
        select(Budget.category, Budget.amount).where(Budget.month == first)
    ).all()
    if not budgets:
        return []
    category = func.lower(Expense.category)
    spent = {
        name: as_money(total)
        for name, total in session.execute(
            select(category, func.sum(Expense.amount))
            .where(Expense.incurred_on >= first, Expense.incurred_on <= last)
            .group_by(category)
        ).all()
    }
    lines = []
    for name, amount in budgets:
        key = name.lower()
        if key == ADVERTISING and key not in spent:
            campaigns = session.execute(
                select(func.sum(CampaignDay.spend)).where(
                    CampaignDay.day >= first, CampaignDay.day <= last
                )
            ).scalar_one()
            lines.append(BudgetLine(name, as_money(amount), as_money(campaigns), "campaigns"))
        else:
            lines.append(
                BudgetLine(name, as_money(amount), spent.get(key, Decimal("0.00")), "expenses")
            )
    return sorted(lines, key=lambda line: (-line.used_pct, line.category))


# -- the profit and loss statement ------------------------------------------------------------


def cost_of_goods_sold(session: Executor, start: datetime, end: datetime) -> GoodsCost:
    """COGS: unit cost times quantity over the lines of counted orders placed in [start, end).

    The cost recorded on the order line is used (what the goods cost when sold); a line
    without one is counted apart, so a statement can say its COGS is a floor.
    """
    row = session.execute(
        select(
            func.coalesce(func.sum(OrderLine.unit_cost * OrderLine.quantity), 0),
            func.coalesce(func.sum(case((OrderLine.unit_cost.is_(None), 1), else_=0)), 0),
        )
        .select_from(Order)
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(sales.counted(), sales.placed_between(start, end))
    ).one()
    return GoodsCost(as_money(row[0]), int(row[1]))


def processor_fees(session: Executor, start: datetime, end: datetime) -> Decimal:
    """Fees the payment processors kept on the money captured in [start, end)."""
    return sum((rate.fees for rate in fee_rates(session, start, end)), Decimal(0))


def shipping_costs(session: Executor, start: datetime, end: datetime) -> Decimal:
    """Postage of the parcels shipped in [start, end): the carrier's invoice, else the label."""
    from storeops.metrics.fulfillment import shipped_between

    cost = func.coalesce(Shipment.invoiced_cost, Shipment.label_cost)
    return as_money(
        session.scalar(select(func.coalesce(func.sum(cost), 0)).where(shipped_between(start, end)))
    )


def expenses_by_category(session: Executor, first: date, last: date) -> dict[str, Decimal]:
    """Recorded expenses incurred on the days `first`..`last`, per category, largest first."""
    rows = session.execute(
        select(Expense.category, func.sum(Expense.amount))
        .where(Expense.incurred_on >= first, Expense.incurred_on <= last)
        .group_by(Expense.category)
    ).all()
    amounts = {str(category): as_money(amount) for category, amount in rows}
    return dict(sorted(amounts.items(), key=lambda pair: (-pair[1], pair[0])))


def cash_moves(session: Executor, first: date, last: date) -> CashMoves:
    """Payouts that arrived, vendor invoices paid and expenses incurred on `first`..`last`.

    Expenses count as paid when incurred (the books record them then); an invoice counts
    with what was paid on it, else its amount.
    """
    payouts = session.scalar(
        select(func.sum(Payout.amount)).where(
            Payout.arrival_on >= first,
            Payout.arrival_on <= last,
            Payout.status != "failed",
        )
    )
    paid = session.scalar(
        select(func.sum(func.coalesce(VendorInvoice.paid_amount, VendorInvoice.amount))).where(
            VendorInvoice.paid_on >= first,
            VendorInvoice.paid_on <= last,
            VendorInvoice.status != "void",
        )
    )
    spent = sum(expenses_by_category(session, first, last).values(), Decimal(0))
    return CashMoves(as_money(payouts), as_money(paid), spent)
