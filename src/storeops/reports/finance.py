"""The financial statements: a profit-and-loss statement and the cash that moved.

The P&L is on an accrual-like basis a small store can read: revenue of the orders placed,
less refunds processed, the cost of the goods sold, processor fees, postage, ad spend and
recorded expenses. Cash flow is what actually moved: payouts in, invoices and expenses out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from storeops.metrics import periods
from storeops.metrics.plain import finance, marketing, sales
from storeops.reports.model import Figure, Section, Table, Value
from storeops.reports.scope import Scope


@dataclass(frozen=True)
class ProfitAndLoss:
    """One period's P&L, every line exact."""

    revenue: Decimal
    refunds: Decimal
    cogs: Decimal
    lines_without_cost: int
    fees: Decimal
    shipping: Decimal
    ad_spend: Decimal
    expenses: dict[str, Decimal]

    @property
    def net_sales(self) -> Decimal:
        """Revenue less refunds (negative when refunds exceed sales)."""
        return self.revenue - self.refunds

    @property
    def gross_profit(self) -> Decimal:
        """Net sales less the cost of the goods sold."""
        return self.net_sales - self.cogs

    @property
    def operating_costs(self) -> Decimal:
        """Fees, postage, ad spend and expenses."""
        return self.fees + self.shipping + self.ad_spend + sum(self.expenses.values(), Decimal(0))

    @property
    def net_profit(self) -> Decimal:
        """What is left: gross profit less the operating costs."""
        return self.gross_profit - self.operating_costs

    @property
    def margin_pct(self) -> float | None:
        """Net profit as a share of net sales; None when net sales are not positive."""
        if self.net_sales <= 0:
            return None
        return round(float(100 * self.net_profit / self.net_sales), 1)


def _take(expenses: dict[str, Decimal], category: str) -> Decimal | None:
    """Remove a category (any case) from `expenses`; its total, or None if it had none."""
    keys = [key for key in expenses if key.lower() == category]
    if not keys:
        return None
    return sum((expenses.pop(key) for key in keys), Decimal(0))


def profit_and_loss(scope: Scope, period: periods.Period) -> ProfitAndLoss:
    """The P&L of a period, from the same metrics the finance checks use.

    Ad spend and postage are each counted once: the advertising and shipping expenses when
    the books have them (the bills), else what the campaigns and the shipments recorded,
    the rule the budget check follows for advertising.
    """
    s = scope.reader
    goods = finance.cost_of_goods_sold(s, period.start, period.end)
    expenses = finance.expenses_by_category(s, period.first_day, period.last_day)
    advertising = _take(expenses, finance.ADVERTISING)
    postage = _take(expenses, "shipping")
    return ProfitAndLoss(
        revenue=sales.revenue(s, period.start, period.end),
        refunds=sales.refunds_total(s, period.start, period.end),
        cogs=goods.cost,
        lines_without_cost=goods.lines_without_cost,
        fees=finance.processor_fees(s, period.start, period.end),
        shipping=(
            postage if postage is not None else finance.shipping_costs(s, period.start, period.end)
        ),
        ad_spend=(
            advertising
            if advertising is not None
            else marketing.marketing_spend(s, period.first_day, period.last_day)
        ),
        expenses=expenses,
    )


def pnl_section(scope: Scope) -> Section:
    """The P&L as statement lines, with the previous period beside it."""
    now = profit_and_loss(scope, scope.period)
    before = profit_and_loss(scope, scope.previous)
    lines: list[tuple[str, Decimal, Decimal]] = [
        ("Revenue", now.revenue, before.revenue),
        ("Refunds", -now.refunds, -before.refunds),
        ("Net sales", now.net_sales, before.net_sales),
        ("Cost of goods sold", -now.cogs, -before.cogs),
        ("Gross profit", now.gross_profit, before.gross_profit),
        ("Processor fees", -now.fees, -before.fees),
        ("Shipping", -now.shipping, -before.shipping),
        ("Ad spend", -now.ad_spend, -before.ad_spend),
    ]
    for category in sorted(set(now.expenses) | set(before.expenses)):
        lines.append(
            (
                f"Expenses: {category}",
                -now.expenses.get(category, Decimal(0)),
                -before.expenses.get(category, Decimal(0)),
            )
        )
    lines.append(("Net profit", now.net_profit, before.net_profit))
    rows: list[tuple[Value, ...]] = list(lines)
    section = Section(
        "pnl",
        "Profit and loss",
        [
            Figure("Net sales", now.net_sales, "money", before.net_sales),
            Figure("Gross profit", now.gross_profit, "money", before.gross_profit),
            Figure("Net profit", now.net_profit, "money", before.net_profit),
            Figure("Net margin", now.margin_pct, "pct", before.margin_pct),
        ],
        [
            Table(
                "profit_and_loss",
                "Statement",
                ("line", "amount", "previous"),
                ("text", "money", "money"),
                rows,
            )
        ],
    )
    if now.refunds > now.revenue:
        section.notes.append("Refunds exceeded sales this period: net sales are negative.")
    if now.lines_without_cost:
        section.notes.append(
            f"{now.lines_without_cost} order lines sold without a recorded cost: "
            "COGS is understated by their cost."
        )
    return section


def cash_section(scope: Scope) -> Section:
    """Cash that moved in the period: payouts in, invoices and expenses out."""
    moves = finance.cash_moves(scope.reader, scope.days.first, scope.days.last)
    before = finance.cash_moves(scope.reader, *scope.days.previous)
    rows: list[tuple[Value, ...]] = [
        ("Payouts received", moves.payouts_in, before.payouts_in),
        ("Vendor invoices paid", -moves.invoices_paid, -before.invoices_paid),
        ("Expenses", -moves.expenses_paid, -before.expenses_paid),
        ("Net cash flow", moves.net, before.net),
    ]
    return Section(
        "cash_flow",
        "Cash flow",
        [Figure("Net cash flow", moves.net, "money", before.net)],
        [
            Table(
                "cash_flow",
                "Cash in and out",
                ("line", "amount", "previous"),
                ("text", "money", "money"),
                rows,
            )
        ],
    )
