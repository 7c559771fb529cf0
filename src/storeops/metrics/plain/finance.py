"""The financial statements' money in plain SQL: twins of `storeops.metrics.finance` (see
`metrics.plain`). `GoodsCost`, `CashMoves` and `FeeRate` are defined here and re-exported by
`metrics.finance`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from storeops.metrics.plain import at, cents, literals
from storeops.metrics.plain.operations import SHIPPED
from storeops.metrics.plain.sales import COUNTED, PLACED

if TYPE_CHECKING:
    from storeops.readers import Reader

CAPTURED_KINDS = ("sale", "capture")
# Budget categories whose spend may live in campaign data rather than in expenses.
ADVERTISING = "advertising"


@dataclass(frozen=True)
class FeeRate:
    """One processor's captured money and fees over a period."""

    processor: str
    payments: int
    sales: Decimal
    fees: Decimal

    @property
    def rate_pct(self) -> float:
        """The effective fee rate: fees / captured money, in percent (0 with no sales)."""
        return float(100 * self.fees / self.sales) if self.sales else 0.0


@dataclass(frozen=True)
class GoodsCost:
    """The cost of the goods sold in a period, and how many lines sold without a known cost."""

    cost: Decimal
    lines_without_cost: int


@dataclass(frozen=True)
class CashMoves:
    """Cash that actually moved over some days: payouts in, invoices and expenses out."""

    payouts_in: Decimal
    invoices_paid: Decimal
    expenses_paid: Decimal

    @property
    def net(self) -> Decimal:
        """Cash in less cash out (negative when the store spent more than it received)."""
        return self.payouts_in - self.invoices_paid - self.expenses_paid


def cost_of_goods_sold(reader: Reader, start: datetime, end: datetime) -> GoodsCost:
    """`metrics.finance.cost_of_goods_sold`: unit cost x quantity over the counted orders' lines."""
    cost, missing = reader.rows(
        "SELECT coalesce(sum(order_lines.unit_cost * order_lines.quantity), 0), "
        "coalesce(sum(CASE WHEN (order_lines.unit_cost IS NULL) THEN 1 ELSE 0 END), 0) "
        "FROM orders JOIN order_lines ON order_lines.order_id = orders.id "
        f"WHERE {COUNTED} AND {PLACED}",
        {"start": at(start), "end": at(end)},
    )[0]
    return GoodsCost(cents(cost), int(missing))


def fee_rates(reader: Reader, start: datetime, end: datetime) -> list[FeeRate]:
    """`metrics.finance.fee_rates`: effective fee rate per processor, worst first."""
    rows = reader.rows(
        "SELECT payments.processor, count(*), sum(payments.amount), sum(payments.fee) "
        "FROM payments WHERE payments.status = 'success' "
        f"AND payments.kind IN ({literals(CAPTURED_KINDS)}) "
        "AND payments.created_at >= :start AND payments.created_at < :end "
        "GROUP BY payments.processor",
        {"start": at(start), "end": at(end)},
    )
    rates = [FeeRate(name, int(n), cents(amount), cents(fee)) for name, n, amount, fee in rows]
    return sorted(rates, key=lambda rate: (-rate.rate_pct, rate.processor))


def processor_fees(reader: Reader, start: datetime, end: datetime) -> Decimal:
    """`metrics.finance.processor_fees`: fees kept on the money captured in [start, end)."""
    return sum((rate.fees for rate in fee_rates(reader, start, end)), Decimal(0))


def shipping_costs(reader: Reader, start: datetime, end: datetime) -> Decimal:
    """`metrics.finance.shipping_costs`: postage of parcels shipped (invoice, else label)."""
    sql = (
        "SELECT coalesce(sum(coalesce(shipments.invoiced_cost, shipments.label_cost)), 0) "
        f"FROM shipments WHERE {SHIPPED}"
    )
    return cents(reader.rows(sql, {"start": at(start), "end": at(end)})[0][0])


def expenses_by_category(reader: Reader, first: date, last: date) -> dict[str, Decimal]:
    """`metrics.finance.expenses_by_category`: expenses on `first`..`last`, largest first."""
    rows = reader.rows(
        "SELECT expenses.category, sum(expenses.amount) FROM expenses "
        "WHERE expenses.incurred_on >= :first AND expenses.incurred_on <= :last "
        "GROUP BY expenses.category",
        {"first": first.isoformat(), "last": last.isoformat()},
    )
    amounts = {str(category): cents(amount) for category, amount in rows}
    return dict(sorted(amounts.items(), key=lambda pair: (-pair[1], pair[0])))


def cash_moves(reader: Reader, first: date, last: date) -> CashMoves:
    """`metrics.finance.cash_moves`: payouts in, invoices paid and expenses on `first`..`last`."""
    days = {"first": first.isoformat(), "last": last.isoformat()}
    payouts = reader.rows(
        "SELECT sum(payouts.amount) FROM payouts WHERE payouts.arrival_on >= :first "
        "AND payouts.arrival_on <= :last AND payouts.status != 'failed'",
        days,
    )[0][0]
    paid = reader.rows(
        "SELECT sum(coalesce(vendor_invoices.paid_amount, vendor_invoices.amount)) "
        "FROM vendor_invoices WHERE vendor_invoices.paid_on >= :first "
        "AND vendor_invoices.paid_on <= :last AND vendor_invoices.status != 'void'",
        days,
    )[0][0]
    spent = sum(expenses_by_category(reader, first, last).values(), Decimal(0))
    return CashMoves(cents(payouts), cents(paid), spent)
